"""Which indicators owe a 偏差原因分析 (deviation analysis), decided by the scoring engine.

domain.md §1.7: a reason is required wherever an indicator is not met — 正向 ``A < T``, 反向
``A > T``, 等于 ``A ≠ T``, a 定性 level below the top one (达成) — and wherever ``A`` reaches
the framework's over-achievement line (``[over_achievement] line``, 130% after 广西 practice,
§1.5). "Not met" and "over the line" are the engine's own flags on the scored row, so this
module adds no second rule: it reads what ``score_item`` decided, indicator by indicator, in
the report's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from jixiao.report import PerformanceReport
from jixiao.scoring.engine import ScoreItem, fmt, qualitative_band, score_item
from jixiao.scoring.framework import Framework, default_framework_for
from jixiao.scoring.mapping import resolve

UNMET_FLAGS = frozenset({"below_target", "above_target", "not_equal"})
"""Engine flags of a quantitative indicator that did not reach its target (未完成)."""
OVER_FLAG = "over_achievement"


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


def qualitative_levels(framework: Framework) -> list[str]:
    """The levels a qualitative actual value may take, best first (定性指标档次)."""
    return [band.label for band in sorted(framework.qualitative, key=lambda b: b.high, reverse=True)]


def _why(item: ScoreItem, level: str | None, framework: Framework) -> str | None:
    if item.op == "qualitative":
        best = qualitative_levels(framework)[0]
        return f"定性指标为“{level}”，未达到“{best}”" if level is not None and level != best else None
    if UNMET_FLAGS & set(item.flags):
        return "未完成指标值"
    if OVER_FLAG in item.flags:
        return f"实际完成值达到指标值的 {fmt(framework.over_achievement.line)}% 及以上"
    return None


def assess_indicators(report: PerformanceReport, framework: Framework | None = None) -> list[IndicatorAssessment]:
    """Every indicator of ``report`` in its order: score, kind, level and the deviation-reason duty."""
    framework = framework or default_framework_for(report.kind)
    resolved, _ = resolve(report, framework)
    out = []
    for entry in sorted((r for r in resolved if r.index is not None), key=lambda r: r.index or 0):
        item = score_item(entry, framework)
        qualitative = entry.op == "qualitative"
        band = qualitative_band(entry.actual_text, framework) if qualitative else None
        level = band.label if band else None
        out.append(IndicatorAssessment(
            index=entry.index or 0, item=item, kind="qualitative" if qualitative else "quantitative",
            level=level, reason_required=_why(item, level, framework),
        ))
    return out


def missing_reasons(report: PerformanceReport, framework: Framework | None = None) -> dict[int, str]:
    """Indicators that owe a 偏差原因分析 and have none: index → a message naming the indicator."""
    missing = {}
    for assessment in assess_indicators(report, framework):
        reason = report.indicators[assessment.index].deviation_reason
        if assessment.reason_required and not (reason or "").strip():
            missing[assessment.index] = (f"指标“{assessment.item.name}”{assessment.reason_required}，"
                                         f"须填写偏差原因分析")
    return missing
