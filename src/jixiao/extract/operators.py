"""Comparison operators of targets (计算符号): ``≥200期``, ``不低于95%``, ``85%以上`` → ``>=``.

One table for every reader of targets (prose target statements and 自评表 cells): a word before
the number, else a word after it, else ``=`` (a bare target is to be met exactly).
"""

from __future__ import annotations

from jixiao.report import Operator
from jixiao.text.numbers import QuantityMatch

PREFIX_OPS: tuple[tuple[str, Operator], ...] = (
    (">=", ">="),
    ("<=", "<="),
    ("大于等于", ">="),
    ("小于等于", "<="),
    ("不低于", ">="),
    ("不少于", ">="),
    ("至少", ">="),
    ("不超过", "<="),
    ("不高于", "<="),
    ("不多于", "<="),
    ("≥", ">="),
    ("≤", "<="),
    ("超过", ">"),
    ("多于", ">"),
    ("大于", ">"),
    ("逾", ">"),
    ("超", ">"),
    (">", ">"),
    ("低于", "<"),
    ("少于", "<"),
    ("小于", "<"),
    ("<", "<"),
)
SUFFIX_OPS: tuple[tuple[str, Operator], ...] = (
    ("以上", ">="),
    ("余", ">="),
    ("多", ">="),
    ("+", ">="),
    ("以下", "<="),
    ("以内", "<="),
)


def operator_of(match: QuantityMatch, context: str = "") -> Operator:
    """The operator a target quantity states, reading its match text (and ``context``, the cell)."""
    for text in (match.text, context):
        for word, op in PREFIX_OPS:
            if text.startswith(word):
                return op
    for text in (match.text, context):
        for word, op in SUFFIX_OPS:
            if text.endswith(word):
                return op
    return "="
