"""Worked examples, computed by hand, for every operator and edge of the scoring engine."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from jixiao import synthetic
from jixiao.figures.rounding import half_up_div, ratio
from jixiao.report import Indicator, PerformanceReport
from jixiao.scoring import Framework, load_framework, score_report
from jixiao.scoring.engine import score_equal, score_negative, score_positive, score_qualitative

D = Decimal


# -- operator functions, by hand ---------------------------------------------------------


@pytest.mark.parametrize(("actual", "target", "weight", "expected"), [
    ("150", "200", "8", "6.00"),      # 8 × 150/200
    ("200", "200", "8", "8.00"),      # reached
    ("250", "200", "8", "8.00"),      # 125 %: capped at full marks
    ("1", "3", "10", "3.33"),         # 3.333…
    ("2", "3", "10", "6.67"),         # 6.666… rounds up
    ("1", "8", "1", "0.13"),          # 0.125 exactly: half-up, not half-even
    ("0", "50", "8", "0.00"),
])
def test_positive_is_proportional_below_target_and_capped(tenhao: Framework, actual: str, target: str,
                                                          weight: str, expected: str) -> None:
    assert score_positive(D(actual), D(target), D(weight), tenhao).score == D(expected)


@pytest.mark.parametrize(("actual", "target", "weight", "expected"), [
    ("9", "10", "5", "5.00"),         # under the ceiling
    ("10", "10", "5", "5.00"),
    ("12", "10", "5", "4.00"),        # 5 × (20 − 12)/10
    ("15", "10", "5", "2.50"),
    ("19.99", "10", "5", "0.01"),     # 5 × 0.01/10 = 0.005 → 0.01 half-up
    ("20", "10", "5", "0.00"),        # twice the target
    ("25", "10", "5", "0.00"),
])
def test_negative_falls_linearly_to_zero_at_twice_the_target(tenhao: Framework, actual: str, target: str,
                                                            weight: str, expected: str) -> None:
    assert score_negative(D(actual), D(target), D(weight), tenhao).score == D(expected)


def test_equal_with_target_zero_scores_only_zero(tenhao: Framework) -> None:
    assert score_equal(D(0), D(0), D(8), tenhao).score == D("8.00")
    assert score_equal(D("0.5"), D(0), D(8), tenhao).score == D(0)


def test_equal_with_positive_target_is_scored_as_positive(tenhao: Framework) -> None:
    assert score_equal(D(79), D(79), D(8), tenhao).score == D("8.00")
    assert score_equal(D(70), D(79), D(8), tenhao).score == D("7.09")  # 8 × 70/79 = 7.088…


def test_positive_with_target_zero_is_full_marks_once_reached(tenhao: Framework) -> None:
    assert score_positive(D(0), D(0), D(6), tenhao).score == D("6.00")


def test_negative_with_target_zero_and_any_excess_scores_zero(tenhao: Framework) -> None:
    assert score_negative(D("0.1"), D(0), D(6), tenhao).score == D(0)
    assert score_negative(D(0), D(0), D(6), tenhao).score == D("6.00")


@pytest.mark.parametrize(("text", "stated", "expected", "flagged"), [
    ("达成预期指标", None, "10.00", False),
    ("部分达成年度指标并具有一定效果", None, "7.00", False),   # band default 70 %
    ("未达成年度指标且效果较差", None, "3.00", False),         # band default 30 %
    ("部分达成年度指标并具有一定效果", "7.5", "7.50", False),  # own score inside 6–8
    ("部分达成年度指标并具有一定效果", "8", "7.00", True),     # 8 is the 达成 band, not this one
    ("达成预期指标", "8", "8.00", False),                      # 80 % is inside 达成 (含)
])
def test_qualitative_bands(tenhao: Framework, text: str, stated: str | None, expected: str, flagged: bool) -> None:
    outcome = score_qualitative(text, None if stated is None else D(stated), D(10), tenhao)
    assert outcome.score == D(expected)
    assert ("score_outside_band" in outcome.flags) is flagged


def test_qualitative_without_a_level_scores_zero(tenhao: Framework) -> None:
    assert score_qualitative("基本完成", None, D(10), tenhao).score == D(0)


def test_half_up_division_is_exact_on_the_half() -> None:
    assert half_up_div(5, 2) == 3
    assert half_up_div(-5, 2) == -3
    assert ratio(D(3), D(24), 2) == D("0.13")  # 0.125 exactly, though 1/24 never terminates


# -- whole reports -----------------------------------------------------------------------


def _item(result, name: str):  # type: ignore[no-untyped-def]
    return next(i for i in result.items if i.name == name)


def test_a_hand_scored_report(make_report: Callable[..., PerformanceReport], tenhao: Framework) -> None:
    report = make_report(
        Indicator(name="培训场次", level1="产出指标", op=">=", target=D(20), actual=D(15), unit="场", weight=D(25)),
        Indicator(name="平均办理时长", level1="产出指标", op="<=", target=D(10), actual=D(12), unit="天", weight=D(25)),
        Indicator(name="社会效益", level1="效益指标", op="qualitative", actual_text="部分达成", weight=D(30)),
        Indicator(name="服务对象满意度", level1="满意度指标", op=">=", target=D(90), actual=D(95), unit="%", weight=D(10)),
        total="200", spent="180",
    )
    result = score_report(report, tenhao)
    # 10 × 0.9 + 25 × 15/20 + 25 × (20 − 12)/10 + 30 × 70 % + 10 = 9 + 18.75 + 20 + 21 + 10
    assert result.total == D("78.75")
    assert result.grade == "中"
    assert _item(result, "培训场次").lost == D("6.25")
    assert "按比例" in _item(result, "培训场次").reason
    assert result.warnings == []


def test_missing_actual_scores_zero_and_says_why(make_report: Callable[..., PerformanceReport], tenhao: Framework) -> None:
    report = make_report(Indicator(name="检查户数", level1="产出指标", op=">=", target=D(10), unit="户", weight=D(50)))
    item = _item(score_report(report, tenhao), "检查户数")
    assert item.score == 0 and item.lost == 50
    assert "未填报实际完成值" in item.reason and "missing_actual" in item.flags


def test_negative_actual_counts_as_zero(make_report: Callable[..., PerformanceReport], tenhao: Framework) -> None:
    report = make_report(
        Indicator(name="增长量", level1="产出指标", op=">=", target=D(10), actual=D(-5), unit="个", weight=D(25)),
        Indicator(name="事故数", level1="产出指标", op="<=", target=D(3), actual=D(-1), unit="起", weight=D(25)),
    )
    result = score_report(report, tenhao)
    assert _item(result, "增长量").score == 0
    assert _item(result, "事故数").score == 25
    assert "negative_actual" in _item(result, "增长量").flags


def test_weights_not_summing_are_scored_as_stated_with_a_warning(
    make_report: Callable[..., PerformanceReport], tenhao: Framework
) -> None:
    report = make_report(
        Indicator(name="场次", level1="产出指标", op=">=", target=D(10), actual=D(10), unit="场", weight=D(40)),
        Indicator(name="知晓率", level1="效益指标", op=">=", target=D(80), actual=D(80), unit="%", weight=D(30)),
        Indicator(name="满意度", level1="满意度指标", op=">=", target=D(80), actual=D(80), unit="%", weight=D(10)),
    )
    result = score_report(report, tenhao)
    assert result.total == D("90.00")  # 10 + 40 + 30 + 10: nothing invented for the missing 10
    assert any("产出指标的指标权重合计 40" in w for w in result.warnings)
    assert any("权重合计 90" in w for w in result.warnings)


def test_unweighted_indicators_share_their_part_and_infer_the_part_from_the_name(
    make_report: Callable[..., PerformanceReport], tenhao: Framework
) -> None:
    report = make_report(
        Indicator(name="舆情日报数量", op=">=", target=D(200), actual=D(200), unit="期"),
        Indicator(name="正面新闻报道量", op=">=", target=D(80), actual=D(40), unit="篇"),
        Indicator(name="政策知晓率", op=">=", target=D(80), actual=D(80), unit="%"),
        Indicator(name="群众满意度", op=">=", target=D(90), actual=D(90), unit="%"),
    )
    result = score_report(report, tenhao)
    assert [(i.level1, i.weight) for i in result.items[1:]] == [
        ("产出指标", D(25)), ("产出指标", D(25)), ("效益指标", D(30)), ("满意度指标", D(10))]
    assert "名称含“满意度”" in _item(result, "群众满意度").reason
    assert result.total == D("87.50")  # 10 + 25 + 12.5 + 30 + 10


def test_thirds_are_split_to_the_cent(make_report: Callable[..., PerformanceReport], tenhao: Framework) -> None:
    report = make_report(*[Indicator(name=f"数量{i}", level1="产出指标", op=">=", target=D(1), actual=D(1), unit="个")
                           for i in range(3)],
                         Indicator(name="满意度", level1="满意度指标", op=">=", target=D(1), actual=D(1), unit="%"))
    weights = [i.weight for i in score_report(report, tenhao).items if i.level1 == "产出指标"]
    assert weights == [D("16.67"), D("16.67"), D("16.66")]


def test_missing_satisfaction_moves_its_weight_to_output(
    make_report: Callable[..., PerformanceReport], tenhao: Framework
) -> None:
    report = make_report(Indicator(name="场次", level1="产出指标", op=">=", target=D(1), actual=D(1), unit="场"),
                         Indicator(name="知晓率", level1="效益指标", op=">=", target=D(1), actual=D(1), unit="%"))
    result = score_report(report, tenhao)
    assert _item(result, "场次").weight == D(60)
    assert any("未设满意度指标" in w for w in result.warnings)
    assert result.total == D("100.00")


def test_execution_rate_part(make_report: Callable[..., PerformanceReport], tenhao: Framework) -> None:
    low = score_report(make_report(total="3663.27", spent="2659.40"), tenhao).items[0]
    assert low.score == D("7.26")  # 10 × 2659.40/3663.27 = 7.2597…
    assert "execution_below_line" in low.flags
    over = score_report(make_report(total="100", spent="120"), tenhao).items[0]
    assert over.score == D("10.00")


def test_over_achievement_is_flagged_at_the_line_and_not_below(
    make_report: Callable[..., PerformanceReport], tenhao: Framework
) -> None:
    report = make_report(
        Indicator(name="甲", level1="产出指标", op=">=", target=D(100), actual=D(130), unit="个", weight=D(25)),
        Indicator(name="乙", level1="产出指标", op=">=", target=D(100), actual=D("129.9"), unit="个", weight=D(25)),
    )
    result = score_report(report, tenhao)
    assert "over_achievement" in _item(result, "甲").flags and _item(result, "甲").score == 25
    assert "over_achievement" not in _item(result, "乙").flags


def test_over_achievement_reduced_where_the_framework_says_so(
    make_report: Callable[..., PerformanceReport], framework_file: Callable[[Callable[[str], str]], object]
) -> None:
    path = framework_file(lambda t: t.replace("reduce = false", "reduce = true"))
    reducing = load_framework(str(path))
    report = make_report(
        Indicator(name="甲", level1="产出指标", op=">=", target=D(100), actual=D(150), unit="个", weight=D(10)),
        Indicator(name="乙", level1="产出指标", op=">=", target=D(100), actual=D(300), unit="个", weight=D(10)),
    )
    result = score_report(report, reducing)
    assert _item(result, "甲").score == D("7.50")  # 10 × (1 − 0.5 × 0.5)
    assert _item(result, "乙").score == D("0.00")  # floor at 0
    assert "按偏离度调减" in _item(result, "甲").reason


@pytest.mark.parametrize(("total", "grade"), [("90", "优"), ("89.99", "良"), ("80", "良"), ("79.99", "中"),
                                              ("60", "中"), ("59.99", "差"), ("0", "差")])
def test_grade_bands_come_from_the_framework(tenhao: Framework, total: str, grade: str) -> None:
    assert tenhao.grade(D(total)) == grade


def test_default_framework_follows_the_kind(make_report: Callable[..., PerformanceReport]) -> None:
    assert score_report(make_report(kind="project")).framework.startswith("caiyu-2020-10")
    assert score_report(make_report(kind="department_overall")).framework.startswith("department-overall-t1")


def test_every_synthetic_report_adds_up() -> None:
    for report in synthetic.reports(40, (2022, 2023), indicators=15):
        result = score_report(report)
        assert result.total == sum(i.score for i in result.items)
        assert sum(i.weight for i in result.items) == 100
        assert all(i.score + i.lost == i.weight for i in result.items)


def test_level1_with_points_in_brackets_names_the_part(make_report: Callable[..., PerformanceReport],
                                                         tenhao: Framework) -> None:
    report = make_report(Indicator(name="公众满意度", level1="产出指标（50分）", op=">=", target=D(1), actual=D(1),
                                   unit="%", weight=D(5)))
    item = _item(score_report(report, tenhao), "公众满意度")
    assert item.level1 == "产出指标"  # the stated 一级指标 wins over the name's keyword


def test_an_empty_part_does_not_move_points_onto_stated_weights(
    make_report: Callable[..., PerformanceReport], tenhao: Framework
) -> None:
    report = make_report(Indicator(name="场次", level1="产出指标", op=">=", target=D(1), actual=D(1), unit="场", weight=D(50)),
                         Indicator(name="知晓率", level1="效益指标", op=">=", target=D(1), actual=D(1), unit="%", weight=D(30)))
    result = score_report(report, tenhao)
    assert _item(result, "场次").weight == D(50)
    assert result.total == D("90.00")
    assert "未设满意度指标，其 10 分未计入" in result.warnings
    assert not any("产出指标的指标权重合计" in w for w in result.warnings)


def test_children_weights_are_shared_within_each_child(
    make_report: Callable[..., PerformanceReport], framework_file: Callable[[Callable[[str], object]], object]
) -> None:
    path = framework_file(lambda t: t.replace(
        'aliases = ["产出", "产出指标"]',
        'aliases = ["产出", "产出指标"]\nchildren = [{name = "数量指标", weight = 30}, {name = "质量指标", weight = 10},'
        ' {name = "时效指标", weight = 10}]'))
    split = load_framework(str(path))
    report = make_report(
        Indicator(name="场次", level1="产出指标", level2="数量指标", op=">=", target=D(1), actual=D(1), unit="场"),
        Indicator(name="人次", level1="产出指标", level2="数量", op=">=", target=D(1), actual=D(1), unit="人"),
        Indicator(name="合格率", level1="产出指标", level2="质量指标", op=">=", target=D(1), actual=D(1), unit="%"),
        Indicator(name="满意度", level1="满意度指标", op=">=", target=D(1), actual=D(1), unit="%", weight=D(10)),
        Indicator(name="知晓率", level1="效益指标", op=">=", target=D(1), actual=D(1), unit="%", weight=D(30)),
    )
    result = score_report(report, split)
    # 数量 30 shared by two; 时效 has no indicator, its 10 goes to the first group with unweighted ones
    assert [_item(result, n).weight for n in ("场次", "人次", "合格率")] == [D(20), D(20), D(10)]
    assert "产出指标/数量指标剩余 40 分由 2 项平均分配" in _item(result, "场次").reason
    assert result.total == D("100.00")
