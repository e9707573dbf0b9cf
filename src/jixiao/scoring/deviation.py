"""Which indicators owe a 偏差原因分析 (deviation analysis), with the engine's score beside each.

domain.md §1.7: a reason is required wherever an indicator is not met — 正向 ``A < T``, 反向
``A > T``, 等于 as the engine scores it, a 定性 level below the top one (达成) — and wherever
``A`` reaches the framework's over-achievement line (``[over_achievement] line``, 130% after
广西 practice, §1.5). That rule is :func:`jixiao.figures.achievement.assess`, the one the
renderer and the review use; here it is applied to each indicator as the engine resolved it
(fixed indicators of the framework filled in), in the report's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from jixiao.figures.achievement import assess, qualitative_levels
from jixiao.report import PerformanceReport
from jixiao.scoring.engine import ScoreItem, score_item
from jixiao.scoring.framework import Framework, default_framework_for
from jixiao.scoring.mapping import resolve
from jixiao.text.quoting import quoted

__all__ = ["IndicatorAssessment", "assess_indicators", "missing_reasons", "qualitative_levels"]


@dataclass(frozen=True)
class IndicatorAssessment:
    """One report indicator as the engine scored it, and whether it owes a 偏差原因 (and why)."""

    index: int
    item: ScoreItem
    kind: Literal["quantitative", "qualitative"]
    level: str | None
    """The 定性 level its actual text names (达成 / 部分达成 / 未达成), for qualitative ones."""
    reason_required: str | None
    """Why a deviation reason is required, in Chinese; ``None`` where it is not."""


def assess_indicators(report: PerformanceReport, framework: Framework | None = None) -> list[IndicatorAssessment]:
    """Every indicator of ``report`` in its order: score, kind, level and the deviation-reason duty."""
    framework = framework or default_framework_for(report.kind)
    resolved, _ = resolve(report, framework)
    out = []
    for entry in sorted((r for r in resolved if r.index is not None), key=lambda r: r.index or 0):
        op = None if entry.op == "missing_op" else entry.op
        achievement = assess(op, entry.target, entry.actual, entry.actual_text, framework)
        out.append(IndicatorAssessment(
            index=entry.index or 0, item=score_item(entry, framework), kind=achievement.kind,
            level=achievement.level, reason_required=achievement.reason_required,
        ))
    return out


def missing_reasons(report: PerformanceReport, framework: Framework | None = None) -> dict[int, str]:
    """Indicators that owe a 偏差原因分析 and have none: index → a message naming the indicator."""
    missing = {}
    for assessment in assess_indicators(report, framework):
        reason = report.indicators[assessment.index].deviation_reason
        if assessment.reason_required and not (reason or "").strip():
            missing[assessment.index] = (f"指标{quoted(assessment.item.name)}{assessment.reason_required}，"
                                         f"须填写偏差原因分析")
    return missing
