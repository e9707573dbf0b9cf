"""Put a score into a report (评分结果填入): the engine's weights and scores where the report has none.

Used before rendering a 自评表 from data that was never scored: what the report states is kept
as stated (a reviewer compares the two), only the blanks are filled. A partial result (a part of
the framework without indicators, :attr:`ScoreResult.complete` false) fills the rows but never the
total or the grade. Items map to indicators by
name, the way the engine keeps them.
"""

from __future__ import annotations

from jixiao.report import PerformanceReport
from jixiao.scoring.engine import ScoreItem, ScoreResult

EXECUTION_ROW = "execution_rate"


def with_scores(report: PerformanceReport, result: ScoreResult) -> PerformanceReport:
    """A copy of ``report`` with levels, weights and scores filled from ``result`` where missing."""
    items: dict[str, ScoreItem] = {}
    for row in result.items:
        if row.op != EXECUTION_ROW:
            items.setdefault(row.name, row)
    scored = report.model_copy(deep=True)
    for indicator in scored.indicators:
        item = items.get(indicator.name)
        if item is None:
            continue
        if indicator.level1 is None:
            indicator.level1 = item.level1
        if indicator.level2 is None:
            indicator.level2 = item.level2
        if indicator.weight is None:
            indicator.weight = item.weight
        if indicator.score is None:
            indicator.score = item.score
    evaluation = scored.evaluation
    if not result.complete:
        # a partial score (a part without indicators) is no total: the report keeps what it states
        return scored
    if evaluation.score is None:
        evaluation.score = result.total
        evaluation.framework = evaluation.framework or result.framework
    if evaluation.grade is None:
        evaluation.grade = result.grade  # type: ignore[assignment]  # the framework's bands are 优良中差
    return scored
