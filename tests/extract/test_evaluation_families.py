"""Score and grade in every phrasing: 自评得分/综合得分/自评总分, 评价等级/评价结果/自评等级, grade words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.extract import extract_report
from jixiao.report import PerformanceReport

HEAD = "广州市天河区民政局2022年度部门整体支出绩效自评报告\n一、自评结论\n"


def _report(body: str) -> PerformanceReport:
    return extract_report(HEAD + body)


@pytest.mark.parametrize(
    ("body", "score"),
    [
        ("经综合评价，本部门自评得分95.5分。\n", "95.5"),
        ("部门整体支出绩效综合得分为87分，等级为良。\n", "87"),
        ("主管部门重庆市梁平区林业局部门联系人李薇联系电话自评总分(分)97.93年初预算数全年执行数\n", "97.93"),
        ("自评得分：92.6\n", "92.6"),
        ("| 自评得分 | 93.5 |\n", "93.5"),
    ],
)
def test_score_labels(body: str, score: str) -> None:
    assert _report(body).evaluation.score == Decimal(score)


def test_a_parts_score_is_not_the_reports() -> None:
    report = _report("产出指标得分45分，预算执行率得分10分，该项得分8分。自评得分93分。\n")
    assert report.evaluation.score == Decimal(93)
    assert report.conflicts == []


def test_a_score_over_100_is_refused_with_a_warning() -> None:
    report = _report("自评得分105分。\n")
    assert report.evaluation.score is None
    assert any("超过100分" in warning for warning in report.warnings)


def test_the_total_row_of_a_self_evaluation_table_gives_the_score() -> None:
    report = _report(
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
        "产出指标\t数量指标\t培训人次\t≥1200人次\t1350人次\t90\t90\n"
        "满意度指标\t服务对象满意度\t群众满意度\t≥90%\t88%\t10\t9.78\n"
        "总分\t\t\t\t\t100\t99.78\n"
    )
    assert report.evaluation.score == Decimal("99.78")
    assert [i.name for i in report.indicators] == ["培训人次", "群众满意度"]


@pytest.mark.parametrize(
    ("body", "grade"),
    [
        ("自评结果为“优秀”。\n", "优"),
        ("评价等级：良。\n", "良"),
        ("项目绩效自评：优。\n", "优"),
        ("综合评价结论为良好。\n", "良"),
        ("自评等级 | 中 |\n", "中"),
        ("考核等次为较差。\n", "差"),
        ("评价结果为不合格。\n", "差"),
    ],
)
def test_grade_labels_and_words(body: str, grade: str) -> None:
    assert _report(body).evaluation.grade == grade


def test_passing_is_the_middle_grade_only_where_the_report_lists_the_four_levels() -> None:
    alone = _report("评价结果为合格。\n")
    assert alone.evaluation.grade is None
    assert any("合格" in warning for warning in alone.warnings)
    scaled = _report("评价结果分为优秀、良好、合格、不合格四个等级。本部门评价结果为合格。\n")
    assert scaled.evaluation.grade == "中"


def test_a_listed_scale_is_no_grade() -> None:
    assert _report("评价等级为优、良、中、差四档，90分以上为优。\n").evaluation.grade is None
    assert _report("工程质量等级为优。\n").evaluation.grade is None
