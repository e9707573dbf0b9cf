"""复核调整: 自评分 → 复核分 by adjustment lines, the grade by the scoring framework's bands."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.oversight.correction import Adjustment, AdjustmentInvalid, check_adjustment, correct_score
from jixiao.scoring import default_framework_for

FRAMEWORK = default_framework_for("department_overall")


def test_a_deduction_can_move_the_grade_down_by_the_frameworks_bands():
    result = correct_score(Decimal("91.50"), [Adjustment(Decimal("-2"), "预算执行率低于90%未说明原因")], FRAMEWORK)
    assert (result.self_grade, result.score, result.grade) == ("优", Decimal("89.50"), "良")
    assert result.changed and result.total_points == Decimal(-2)
    assert result.adjustments[0].label == "-2 分：预算执行率低于90%未说明原因"


def test_the_corrected_score_stays_within_zero_and_the_total():
    assert correct_score(Decimal(99), [Adjustment(Decimal(5), "补充佐证")], FRAMEWORK).score == FRAMEWORK.total
    assert correct_score(Decimal(3), [Adjustment(Decimal(-5), "x")], FRAMEWORK).score == 0


def test_an_adjustment_needs_a_reason_and_points():
    with pytest.raises(AdjustmentInvalid, match="须说明理由"):
        check_adjustment(Decimal(-1), " ")
    with pytest.raises(AdjustmentInvalid, match="不能为 0"):
        check_adjustment(Decimal(0), "x")
    with pytest.raises(AdjustmentInvalid, match="两位小数"):
        check_adjustment(Decimal("-1.005"), "x")
    assert check_adjustment(Decimal("-1.5"), " 理由 ").reason == "理由"
