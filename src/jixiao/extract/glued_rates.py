"""预算执行率 of a 自评表 whose cells were glued together (粘连的执行率行), read where it proves itself.

A 自评表 copied from a document library (DOCX → text) loses the cell boundaries of its table:
the header ``执行率 | 执行率权重 | 执行率得分`` becomes ``执行率执行率权重执行率得分`` and the row under
it ``… 79.27 | 10 | 7.93`` becomes ``…579.27107.93``. The digits can still be split when the split
checks itself: 得分 = 权重 × 执行率 (the 10号 rule, rounded to 2 places). Only a split that is the
one such reading of the run is taken; the rate is then a candidate like any other figure.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.extract.facts import Facts

# the glued header: 执行率, then its weight and its score columns, with nothing between them
_HEADER = re.compile(r"执行率\s*(?:执行率)?\s*(?:权重|分值)\s*(?:执行率)?\s*得分")
_REACH = 200
_RUN = re.compile(r"[\d.]{8,}")
_RATE = re.compile(r"(?:100|[1-9]?\d)(?:\.\d{1,2})?")
_WEIGHT = re.compile(r"[1-9]\d?")
_SCORE = re.compile(r"(?:0|[1-9]\d?)(?:\.\d{1,2})?")
_MAX_WEIGHT = 30
_HALF_CENT = Decimal("0.005")


def _splits(run: str) -> list[tuple[Decimal, int, int]]:
    """(rate, start, end) of every reading ``rate weight score`` of a suffix of ``run`` that checks."""
    found = []
    for score_start in range(len(run) - 1, 0, -1):
        score_text = run[score_start:]
        if not _SCORE.fullmatch(score_text):
            continue
        for weight_start in range(score_start - 1, max(score_start - 3, 0) - 1, -1):
            weight_text = run[weight_start:score_start]
            if not _WEIGHT.fullmatch(weight_text) or int(weight_text) > _MAX_WEIGHT:
                continue
            for rate_start in range(weight_start - 1, max(weight_start - 6, 0) - 1, -1):
                rate_text = run[rate_start:weight_start]
                if not _RATE.fullmatch(rate_text):
                    continue
                rate, weight, score = Decimal(rate_text), Decimal(weight_text), Decimal(score_text)
                if abs(rate * weight / 100 - score) < _HALF_CENT:
                    found.append((rate, rate_start, weight_start))
    return found


def extract_glued_rates(facts: Facts) -> None:
    """Add ``budget.execution_rate`` from a glued 执行率 | 权重 | 得分 row, where one split checks."""
    original = facts.document.original
    for header in _HEADER.finditer(original):
        window_end = min(len(original), header.end() + _REACH)
        for run in _RUN.finditer(original, header.end(), window_end):
            readings = _splits(run.group())
            rates = {rate for rate, _, _ in readings}
            if len(rates) != 1:
                continue
            rate, start, end = readings[0]
            facts.add_original("budget.execution_rate", rate, run.start() + start, run.start() + end)
            break
