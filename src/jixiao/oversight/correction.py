"""复核调整 (a 复核 result's corrections): 自评分 → 复核分, each adjustment a line with points and reason.

The corrected grade comes from the framework's own bands (``Framework.grade`` of ``jixiao.scoring``), the
one home of 优/良/中/差; the score stays within 0 and the framework's total, rounded half-up to two places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.errors import JixiaoError
from jixiao.figures import format as fmt
from jixiao.figures.rounding import round_places
from jixiao.scoring.framework import Framework


class AdjustmentInvalid(JixiaoError):
    """An adjustment that cannot be applied (no reason, zero points, no self-assessed score)."""


@dataclass(frozen=True)
class Adjustment:
    """One 复核调整: the points added (negative: deducted) and why."""

    points: Decimal
    reason: str

    @property
    def label(self) -> str:
        sign = "+" if self.points > 0 else ""
        return f"{sign}{fmt.plain(self.points)} 分：{self.reason}"


@dataclass(frozen=True)
class Correction:
    """The self-assessed score and grade, the adjustments, and the corrected 复核分 and grade."""

    self_score: Decimal
    self_grade: str
    adjustments: tuple[Adjustment, ...]
    score: Decimal
    grade: str

    @property
    def changed(self) -> bool:
        return self.score != self.self_score or self.grade != self.self_grade

    @property
    def total_points(self) -> Decimal:
        return sum((a.points for a in self.adjustments), Decimal(0))


def check_adjustment(points: Decimal, reason: str) -> Adjustment:
    """A valid adjustment from what a reviewer entered, or ``AdjustmentInvalid`` in one Chinese line."""
    if not reason.strip():
        raise AdjustmentInvalid("调整分值须说明理由")
    if points == 0:
        raise AdjustmentInvalid("调整分值不能为 0")
    if round_places(points) != points:
        raise AdjustmentInvalid("调整分值最多保留两位小数")
    return Adjustment(points, reason.strip())


def correct_score(self_score: Decimal, adjustments: Sequence[Adjustment], framework: Framework,
                  self_grade: str | None = None) -> Correction:
    """The 复核分 and grade of ``self_score`` after ``adjustments`` under ``framework``'s bands."""
    score = self_score + sum((a.points for a in adjustments), Decimal(0))
    score = round_places(min(max(score, Decimal(0)), framework.total))
    return Correction(self_score, self_grade or framework.grade(self_score), tuple(adjustments), score,
                      framework.grade(score))
