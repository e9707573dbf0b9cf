"""Extraction beyond the seeds: other wordings of the same facts, conflicts, and non-reports."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.extract import ExtractError, extract_report, parse_document
from jixiao.report import Source

ADJUSTED_BUDGET = """\
广州市天河区教育局2023年度部门整体支出绩效自评报告

一、部门基本情况
（一）部门职能
负责全区教育事业的统筹规划。
（二）部门整体收支情况
年初预算数 500.00 万元，调整后预算数 620.50 万元，全年支出 598.20 万元，预算执行率 96.41%。
其中基本支出 400.2万元，项目支出 198万元。年末结转和结余 22.30 万元。
二、绩效自评情况
经自评，本部门整体支出绩效得分 87.5 分，等级为良。
（一）绩效指标完成情况
绩效指标：1.培训教师人数不少于300人次；2.课程覆盖率达到95%以上；3.投诉率不超过2%；4.家长满意度明显提升。
全年共培训教师 356 人次，课程覆盖率达到 97%，家长投诉率为 1.2%。
三、存在的问题
（一）预算编制不够精准。
（二）绩效目标设置偏低。
四、改进措施
加强预算编制。
细化绩效目标。
"""

PROJECT_REPORT = """\
附件 3
广东省佛山市南海区2021年度社区服务中心项目支出绩效自评报告
一、项目概况
项目预算数 1.2 亿元，实际支出 11,500.00 万元，执行率为 95.83%。
资金来源：一般公共预算拨款 9500万元，政府性基金预算拨款2000万元。
二、自评结论
项目自评得分为 92分，评价结果为“优秀”。
三、主要问题
一是部分服务点建设滞后；二是资金拨付不及时。
"""

CONFLICTING = """\
广州市海珠区民政局2022年部门整体支出绩效自评报告
一、部门整体收支情况
全年预算数 100.00万元，执行数 90.00万元，预算执行率为 90.00%。
二、自评结论
全年预算数 120.00万元，执行数 90.00万元。自评等级为优。
"""


def test_adjusted_budget_wording() -> None:
    report = extract_report(ADJUSTED_BUDGET)
    assert report.department == "广州市天河区教育局"
    assert report.region == "广东省广州市天河区"
    assert report.year == 2023
    assert report.kind == "department_overall"
    assert report.budget.initial == Decimal("500.00")
    assert report.budget.total == Decimal("620.50")
    assert report.budget.spent == Decimal("598.20")
    assert report.budget.execution_rate == Decimal("96.41")
    assert report.budget.by_nature.basic == Decimal("400.2")
    assert report.budget.by_nature.project == Decimal("198")
    assert report.budget.carryover == Decimal("22.30")
    assert report.evaluation.score == Decimal("87.5")
    assert report.evaluation.grade == "良"


def test_indicators_with_other_operators_and_actuals() -> None:
    report = extract_report(ADJUSTED_BUDGET)
    found = [(i.name, i.op, i.target, i.unit, i.actual) for i in report.indicators]
    assert found == [
        ("培训教师人数", ">=", Decimal(300), "人次", Decimal(356)),
        ("课程覆盖率", ">=", Decimal(95), "%", Decimal(97)),
        ("投诉率", "<=", Decimal(2), "%", Decimal("1.2")),
        ("家长满意度明显提升", "qualitative", None, None, None),
    ]


def test_problems_from_sub_sections_and_measures_from_paragraphs() -> None:
    report = extract_report(ADJUSTED_BUDGET)
    assert report.problems == ["预算编制不够精准。", "绩效目标设置偏低。"]
    assert report.measures == ["加强预算编制。", "细化绩效目标。"]


def test_project_report_in_yi_yuan_with_province() -> None:
    report = extract_report(PROJECT_REPORT, source=Source(path="x.txt", format="txt"))
    assert report.kind == "project"
    assert report.year == 2021
    assert report.region == "广东省佛山市南海区"
    assert report.budget.total == Decimal("12000")
    assert report.budget.spent == Decimal("11500.00")
    assert report.budget.execution_rate == Decimal("95.83")
    assert report.budget.by_source.general_public == Decimal("9500")
    assert report.budget.by_source.government_fund == Decimal("2000")
    assert report.evaluation.score == Decimal("92")
    assert report.evaluation.grade == "优"
    assert report.problems == ["部分服务点建设滞后", "资金拨付不及时。"]
    assert report.source is not None and report.source.path == "x.txt"


def test_conflicting_figures_are_recorded_and_the_budget_section_wins() -> None:
    report = extract_report(CONFLICTING)
    [conflict] = report.conflicts
    assert conflict.path == "budget.total"
    assert conflict.values == [Decimal("100.00"), Decimal("120.00")]
    assert len(conflict.evidence) == 2
    assert report.budget.total == Decimal("100.00")  # stated in 部门整体收支情况
    assert report.budget.spent == Decimal("90.00")  # stated twice, the same
    assert any("全年预算数前后不一致" in warning for warning in report.warnings)


def test_conflict_outside_the_budget_section_leaves_the_value_unset() -> None:
    text = "某区文化局2022年部门整体支出绩效自评报告\n一、自评结论\n执行数 90.00万元。\n二、其他\n执行数 95.00万元。\n"
    report = extract_report(text)
    assert report.budget.spent is None
    assert [conflict.path for conflict in report.conflicts] == ["budget.spent"]


@pytest.mark.parametrize("text", ["", "   \n\n", "今天天气很好，我们去公园散步。", "1234567", "—7—\n附件2"])
def test_text_that_is_not_a_report_is_refused(text: str) -> None:
    with pytest.raises(ExtractError):
        extract_report(text)


def test_missing_figures_are_none_with_a_warning() -> None:
    report = extract_report("某区文化局2022年部门整体支出绩效自评报告\n一、基本情况\n本部门内设机构3个。")
    assert report.budget.total is None and report.evaluation.grade is None
    assert "未找到全年预算数" in report.warnings


def test_parse_document_is_reusable() -> None:
    document = parse_document(ADJUSTED_BUDGET)
    offset = document.text.find("预算执行率")
    evidence = document.evidence(offset, offset + 5)
    assert evidence.text == "预算执行率"
    assert evidence.section == "（二）部门整体收支情况"
    assert document.outline.numbering_issues == []


LEVELLED = """\
广州市白云区卫生健康局关于2024年度部门整体支出绩效自评的报告
一、绩效目标
产出指标：数量指标：1.家庭医生签约人数≥12000人；2.健康讲座不少于二十场；质量指标：设备合格率100%。
效益指标：社会效益指标：群众健康意识明显提高。
二、完成情况
全年家庭医生签约人数达13250人，开展健康讲座24场，设备合格率100%。
三、自评结论
全年预算数 800万元，执行数 760万元。经综合评定为优。
"""


def test_level_labels_title_with_guanyu_and_chinese_numeral_target() -> None:
    report = extract_report(LEVELLED)
    assert report.department == "广州市白云区卫生健康局"
    assert report.year == 2024
    assert report.evaluation.grade == "优"
    found = [(i.level1, i.level2, i.name, i.op, i.target, i.unit, i.actual) for i in report.indicators]
    assert found == [
        ("产出指标", "数量指标", "家庭医生签约人数", ">=", Decimal(12000), "人", Decimal(13250)),
        ("产出指标", "数量指标", "健康讲座", ">=", Decimal(20), "场", Decimal(24)),
        ("产出指标", "质量指标", "设备合格率", "=", Decimal(100), "%", Decimal(100)),
        ("效益指标", "社会效益指标", "群众健康意识明显提高", "qualitative", None, None, None),
    ]
    assert report.evidence["department"][0].text == "广州市白云区卫生健康局"


def test_unit_in_the_label_chinese_year_and_income_by_source() -> None:
    text = (
        "广州市番禺区司法局二〇二三年度部门整体支出绩效自评报告\n"
        "一、部门整体收支情况\n"
        "全年预算数（万元）：1,250.00；执行数（万元）：1,200.50。\n"
        "一般公共预算拨款收入1300万元，一般公共预算财政拨款支出1180.50万元。\n"
    )
    report = extract_report(text)
    assert report.year == 2023
    assert report.department == "广州市番禺区司法局"
    assert report.budget.total == Decimal("1250.00")
    assert report.budget.spent == Decimal("1200.50")
    assert report.budget.by_source.general_public == Decimal("1180.50")
    assert report.conflicts == []
    assert "1,250.00" in report.evidence["budget.total"][0].text


@pytest.mark.parametrize(
    ("title", "department", "region"),
    [
        ("广东省财政厅2022年度部门整体支出绩效自评报告", "广东省财政厅", "广东省"),
        ("荔湾区委宣传部2022年度部门整体支出绩效自评报告", "荔湾区委宣传部", "广东省广州市荔湾区"),
        ("社区服务中心2022年度部门整体支出绩效自评报告", "社区服务中心", None),
        ("中共广州市委宣传部2022年部门整体支出绩效自评报告", "中共广州市委宣传部", "广东省广州市"),
    ],
)
def test_region_is_derived_from_the_department(title: str, department: str, region: str | None) -> None:
    report = extract_report(title + "\n一、基本情况\n全年预算数100万元。")
    assert (report.department, report.region) == (department, region)


def test_carryover_brought_in_is_not_the_year_end_carryover() -> None:
    text = "某局2022年部门整体支出绩效自评报告\n一、部门整体收支情况\n上年结转结余资金50万元，调整预算数300万元，年末结转和结余12.5万元。"
    report = extract_report(text)
    assert report.budget.carryover == Decimal("12.5")
    assert report.budget.total == Decimal("300")
    assert report.conflicts == []
