"""The target advisor: warnings on low targets and a proposed target with its basis, by hand."""

from __future__ import annotations

from decimal import Decimal

from jixiao import synthetic
from jixiao.advisor import YearValue, advise, advise_report, history_of

D = Decimal


def test_target_below_last_actual_and_last_target_exceeded() -> None:
    history = [YearValue(year=2022, target=D(200), actual=D(250)), YearValue(year=2023, target=D(200), actual=D(432))]
    advice = advise("舆情日报数量", ">=", history, current_target=D(220), unit="期")
    assert [w.code for w in advice.warnings] == ["target_below_last_actual", "last_target_exceeded"]
    assert "216.00%" in advice.warnings[1].message  # 432 / 200, written as every 完成比例 is
    assert (advice.proposed_target, advice.basis) == (D(432), "历史标准")


def test_exceeded_by_just_under_thirty_percent_is_not_flagged() -> None:
    advice = advise("x", ">=", [YearValue(year=2023, target=D(100), actual=D("129.9"))], current_target=D(130))
    assert advice.warnings == []
    assert (advice.proposed_target, advice.basis) == (D(130), "计划标准")


def test_exactly_thirty_percent_is_flagged() -> None:
    advice = advise("x", ">=", [YearValue(year=2023, target=D(100), actual=D(130))], current_target=D(130))
    assert [w.code for w in advice.warnings] == ["last_target_exceeded"]


def test_industry_standard_wins_when_most_demanding_and_percent_capped() -> None:
    history = [YearValue(year=2023, target=D(90), actual=D(92))]
    assert advise("合格率", ">=", history, current_target=D(95), industry=D(98), unit="%").basis == "行业标准"
    capped = advise("合格率", ">=", history, current_target=D(95), industry=D(105), unit="%")
    assert capped.proposed_target == D(100)


def test_lower_is_better_indicators_are_mirrored() -> None:
    history = [YearValue(year=2023, target=D(10), actual=D(6))]  # 60 % of the ceiling: bettered by 40 %
    advice = advise("平均办理时长", "<=", history, current_target=D(10), unit="天")
    assert [w.code for w in advice.warnings] == ["target_below_last_actual", "last_target_exceeded"]
    assert (advice.proposed_target, advice.basis) == (D(6), "历史标准")


def test_no_history_and_qualitative() -> None:
    assert advise("x", ">=", []).proposed_target is None
    assert advise("x", "qualitative", [YearValue(year=2023, actual=D(1))]).proposed_target is None


def test_advice_over_synthetic_years() -> None:
    reports = [synthetic.report(5, year) for year in (2022, 2023, 2024)]
    name = reports[-1].indicators[0].name
    assert [h.year for h in history_of(name, reports)] == [2022, 2023, 2024]
    advices = advise_report(reports[-1], reports)
    assert advices and all(a.candidates for a in advices)
    assert any(a.warnings for a in advices)  # synthetic targets are sometimes beaten by 30 % or more
