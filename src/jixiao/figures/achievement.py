"""Whether an indicator met its target (达成), went far beyond it (超额), and owes a 偏差原因.

One rule for the rendered report (完成 / 超额完成 / 未完成 / 未填报), the scoring engine's
branches and flags, the deviation-reason duty of the self-evaluation and the review's target
checks (domain.md §1.5, §1.7; vendor formulas S4/S5). A = actual, T = target:

* 正向 ``>=`` / ``>`` and no operator: met when ``A ≥ T`` (the vendor rules make no difference
  between ≥ and >);
* 反向 ``<=`` / ``<``: met when ``A ≤ T``;
* 等于 ``=``: with ``T = 0`` met when ``A ≤ 0``; otherwise as 正向;
* a negative A counts as 0 (S5);
* over-achieved (超额完成) when met, not 反向, ``T > 0`` and ``A ≥ line × T`` — ``line`` is the
  framework's ``[over_achievement] line`` (130%, 广西 practice);
* 定性: the level its actual text names (the framework's bands, longest label first): the top
  one is met, a lower one is not; a text naming no band is read by its words (未完成, 部分完成
  are not met);
* a reason is owed wherever the indicator is not met or over-achieved.

The framework is passed in (duck-typed here, a :class:`jixiao.scoring.framework.Framework`)
so that this module, which the engine itself uses, imports nothing of ``jixiao.scoring``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from jixiao.figures import format as fmt
from jixiao.figures.rounding import PLACES, ratio

if TYPE_CHECKING:
    from jixiao.report import Indicator
    from jixiao.scoring.framework import Framework, QualitativeBand

Status = Literal["met", "over", "unmet", "unreported"]
Kind = Literal["quantitative", "qualitative"]

STATUS_LABELS: dict[Status, str] = {"met": "完成", "over": "超额完成", "unmet": "未完成", "unreported": "未填报"}
"""How the report and the 自评表 word each status."""

LOWER_IS_BETTER = ("<=", "<")
SHORT_OF = ("部分", "未")
"""How a qualitative text that names no band says the target was not reached (部分完成, 未完成)."""
ZERO = Decimal(0)


def met(op: str | None, actual: Decimal, target: Decimal) -> bool:
    """Whether ``actual`` meets ``target`` by ``op`` (a negative actual counts as 0)."""
    actual = max(actual, ZERO)
    if op in LOWER_IS_BETTER:
        return actual <= target
    if op == "=" and target == 0:
        return actual <= 0
    return actual >= target


def over_line(actual: Decimal, target: Decimal, line: Decimal) -> bool:
    """Whether ``actual`` reaches ``line`` percent of a positive ``target`` (超额完成线)."""
    return target > 0 and actual * 100 >= line * target


def completion(actual: Decimal, target: Decimal) -> Decimal | None:
    """完成比例: ``actual / target × 100`` to two places; ``None`` without a positive target."""
    if target <= 0:
        return None
    return ratio(actual * 100, target, PLACES)


def is_qualitative(op: str | None, target: Decimal | None, actual: Decimal | None,
                   actual_text: str | None, target_text: str | None = None) -> bool:
    """定性: stated so, or stated without an operator and without any number, only in words."""
    if op is not None:
        return op == "qualitative"
    return target is None and actual is None and bool(actual_text or target_text)


def qualitative_band(text: str | None, framework: Framework) -> QualitativeBand | None:
    """The level (达成 / 部分达成 / 未达成) an actual text names; the longest label wins."""
    if not text:
        return None
    for band in sorted(framework.qualitative, key=lambda b: len(b.label), reverse=True):
        if band.label in text:
            return band
    return None


def qualitative_levels(framework: Framework) -> list[str]:
    """The levels a qualitative actual value may take, best first (定性指标档次)."""
    return [band.label for band in sorted(framework.qualitative, key=lambda b: b.high, reverse=True)]


@dataclass(frozen=True)
class Achievement:
    """How far one indicator got: its status, and the reason it owes a 偏差原因分析 (or ``None``)."""

    status: Status
    kind: Kind
    level: str | None = None
    """The 定性 level its actual text names (达成 / 部分达成 / 未达成)."""
    reason_required: str | None = None
    """Why a deviation reason is required, in Chinese; ``None`` where it is not."""

    @property
    def label(self) -> str:
        """完成 / 超额完成 / 未完成 / 未填报."""
        return STATUS_LABELS[self.status]

    @property
    def reached(self) -> bool:
        """达成: met or over-achieved."""
        return self.status in ("met", "over")


def _by_words(text: str | None, kind: Kind) -> Achievement:
    if not text:
        return Achievement("unreported", kind)
    if text.startswith(SHORT_OF):
        return Achievement("unmet", kind, reason_required=f"实际完成情况为“{text}”，未完成指标值")
    return Achievement("met", kind)


def assess(op: str | None, target: Decimal | None, actual: Decimal | None, actual_text: str | None,
           framework: Framework, *, target_text: str | None = None) -> Achievement:
    """The achievement of an indicator with these values under ``framework``."""
    if is_qualitative(op, target, actual, actual_text, target_text):
        band = qualitative_band(actual_text, framework)
        if band is None:
            return _by_words(actual_text, "qualitative")
        best = qualitative_levels(framework)[0]
        if band.label == best:
            return Achievement("met", "qualitative", band.label)
        return Achievement("unmet", "qualitative", band.label,
                           reason_required=f"定性指标为“{band.label}”，未达到“{best}”")
    if target is None and actual_text:
        return _by_words(actual_text, "quantitative")
    if target is None or actual is None:
        return Achievement("unreported", "quantitative")
    if not met(op, actual, target):
        return Achievement("unmet", "quantitative", reason_required="未完成指标值")
    line = framework.over_achievement.line
    if op not in LOWER_IS_BETTER and over_line(actual, target, line):
        return Achievement("over", "quantitative",
                           reason_required=f"实际完成值达到指标值的 {fmt.plain(line)}% 及以上")
    return Achievement("met", "quantitative")


def assess_indicator(indicator: Indicator, framework: Framework) -> Achievement:
    """The achievement of a report's indicator (指标完成情况)."""
    return assess(indicator.op, indicator.target, indicator.actual, indicator.actual_text, framework,
                  target_text=indicator.target_text)
