"""Figures (数字): the domain arithmetic and wording every part of jixiao shares.

One home for each rule that pages, documents, review messages, scores and tables must agree on:

* :mod:`~jixiao.figures.rounding` — exact half-up rounding to the document's precision;
* :mod:`~jixiao.figures.rates` — the execution rate (预算执行率): stated, computed, shown, and its points;
* :mod:`~jixiao.figures.achievement` — met / over-achieved / owes a reason (达成 / 超额 / 需说明偏差原因);
* :mod:`~jixiao.figures.labels` — the Chinese names of the report's figures;
* :mod:`~jixiao.figures.format` — 万元, percentages, scores, quantities with units, 中文数字.

Thresholds (the 130% line, the 90% line, the 预算执行率 weight) are not here: they are read from
the scoring framework (TOML) the caller passes. Nothing here imports Django or ``jixiao.scoring``.
"""

from __future__ import annotations

from jixiao.figures.achievement import Achievement, assess, assess_indicator
from jixiao.figures.format import chinese_number, money, percent, plain, score, stated
from jixiao.figures.labels import LABELS, label
from jixiao.figures.rates import ExecutionRate, computed_rate, execution_rate, execution_rate_from
from jixiao.figures.rounding import half_up_div, ratio, round_places

__all__ = [
    "LABELS",
    "Achievement",
    "ExecutionRate",
    "assess",
    "assess_indicator",
    "chinese_number",
    "computed_rate",
    "execution_rate",
    "execution_rate_from",
    "half_up_div",
    "label",
    "money",
    "percent",
    "plain",
    "ratio",
    "round_places",
    "score",
    "stated",
]
