"""Indicators in every layout: 自评表 as pipe rows and one cell per line, completion prose, standards."""

from __future__ import annotations

from decimal import Decimal

from jixiao.extract import extract_report
from jixiao.report import Indicator

PROJECT = "昌宁县第一示范小学2023年度项目支出绩效自评报告\n一、自评结论\n"


def _indicators(body: str) -> list[Indicator]:
    return extract_report(PROJECT + body).indicators


def _brief(indicator: Indicator) -> tuple[object, ...]:
    return (indicator.name, indicator.op, indicator.target, indicator.actual, indicator.unit)


def test_pipe_rows_of_a_self_evaluation_table() -> None:
    indicators = _indicators(
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 全年实际完成值 | 分值 | 得分 |\n"
        "| 产出指标 | 数量指标 | 就业见习人数 | ≥120人 | 135人 | 20 | 20 |\n"
        "| | 质量指标 | 补贴发放准确率 | 100% | 100% | 20 | 20 |\n"
        "| 满意度指标 | 服务对象满意度 | 参训人员满意度 | ≥90% | 93% | 10 | 10 |\n"
    )
    assert [_brief(i) for i in indicators] == [
        ("就业见习人数", ">=", Decimal(120), Decimal(135), "人"),
        ("补贴发放准确率", "=", Decimal(100), Decimal(100), "%"),
        ("参训人员满意度", ">=", Decimal(90), Decimal(93), "%"),
    ]
    assert (indicators[1].level1, indicators[1].level2) == ("产出指标", "质量指标")
    assert (indicators[2].weight, indicators[2].score) == (Decimal(10), Decimal(10))


def test_one_cell_per_line_with_the_unit_in_the_name() -> None:
    gap = "\n" * 10
    text = PROJECT + (
        "一级指标\n\n二级指标\n\n三级指标\n\n年初目标值(A)\n\n实际完成值(B)\n\n得分" + gap
        + "产出指标(40分)\n\n数量指标\n\n公猪舍(≥**平方米)\n\n22.8\n\n22.8\n\n1" + gap
        + "粉碎拌合机(11kw)(≥台)\n\n1\n\n1\n\n1" + gap
    )
    report = extract_report(text)
    assert [_brief(i) for i in report.indicators] == [
        ("公猪舍", ">=", Decimal("22.8"), Decimal("22.8"), "平方米"),
        ("粉碎拌合机(11kw)", ">=", Decimal(1), Decimal(1), "台"),
    ]
    assert report.indicators[0].level1 == "产出指标"
    [actual] = report.evidence["indicators[0].actual"]
    assert actual.text == "22.8"


def test_completion_clauses_under_a_completion_heading() -> None:
    indicators = _indicators(
        "（二）绩效目标设定及指标完成情况\n1、数量指标\n"
        "（1）失业保险工作方面。2023年度，失业保险参保总人数为21347人，完成市目标任务21347人的100%。\n"
        "（2）城乡就业工作方面。2023年度，我县城镇登记月平均失业率为2.42%，控制在4.5%以内；就业失业网上登记申报1398条，完成率100%。\n"
        "（3）培训服务工作方面。已获得创业培训合格证书学员有774人(共24期)，完成市级下达任务人数645人的120%。\n"
        "2、质量指标\n（1）2023年失业保险征缴费率继续按照1%执行至2024年12月31日。\n"
    )
    assert [_brief(i) for i in indicators] == [
        ("失业保险参保总人数", ">=", Decimal(21347), Decimal(21347), "人"),
        ("城镇登记月平均失业率", "<=", Decimal("4.5"), Decimal("2.42"), "%"),
        ("就业失业网上登记申报", None, None, Decimal(1398), "条"),
        ("创业培训合格证书学员", ">=", Decimal(645), Decimal(774), "人"),
    ]
    assert indicators[0].level2 == "数量指标"


def test_level_labels_under_a_completed_goals_heading_state_results() -> None:
    indicators = _indicators(
        "2.完成的绩效目标。\n(1)产出指标\n①数量指标:2023年,我校收到教育专项工作经费资金16.20万元。\n"
        "②时效指标:教育专项工作经费资金到位率为100%。\n"
        "(3)满意度指标(服务对象满意度指标):学校满意度大于年度指标值≥95%。\n"
    )
    assert [_brief(i) for i in indicators] == [
        ("收到教育专项工作经费资金", None, None, Decimal("16.20"), "万元"),
        ("教育专项工作经费资金到位率", None, None, Decimal(100), "%"),
        ("学校满意度", ">=", Decimal(95), None, "%"),
    ]
    assert indicators[2].actual_text == "大于年度指标值"
    assert indicators[1].level2 == "时效指标"


def test_a_stated_standard_and_a_satisfaction_result() -> None:
    indicators = _indicators("（一）项目基本情况\n资助标准为4000元/人，群众及残疾人满意度98%。力争满意度达到99%。\n")
    assert [_brief(i) for i in indicators] == [
        ("资助标准", "=", Decimal(4000), None, "元/人"),
        ("群众及残疾人满意度", None, None, Decimal(98), "%"),
    ]


def test_target_statements_keep_their_own_reading() -> None:
    # a report that states its targets (预期达到：) is read as before: targets, then actuals matched
    indicators = _indicators("1.绩效目标：预期达到：1、培训人次≥1200人次；2、满意度85%以上。\n"
                             "2.绩效指标完成情况\n全年共培训1350人次，满意度达到88%。\n")
    assert [(i.name, i.target, i.actual) for i in indicators] == [
        ("培训人次", Decimal(1200), Decimal(1350)), ("满意度", Decimal(85), Decimal(88))]


def test_the_project_form_of_caiyu_2020_10_as_one_cell_per_line() -> None:
    """The 项目支出绩效自评表 (财预〔2020〕10号 附件) pasted as text: budget rows, 总体目标, indicators, 总分."""
    cells = [
        "项目名称", "高标准农田建设项目", "主管部门", "某某县农业农村局",
        "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
        "年度资金总额", "500", "520", "494", "10", "95%", "9.5",
        "其中：当年财政拨款", "500", "520", "494", "—", "—", "—",
        "上年结转资金", "0", "0", "0", "—", "—", "—",
        "年度总体目标", "预期目标", "实际完成情况", "新建高标准农田1万亩", "已建成1.02万亩",
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
        "产出指标", "数量指标", "新建高标准农田面积", "≥1万亩", "1.02万亩", "20", "20", " ",
        "质量指标", "验收合格率", "100%", "98%", "20", "19.6", "个别地块复验，已整改。",
        "满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "95%", "10", "10", " ",
        "总分", "100", "97.1", " ",
    ]
    report = extract_report(PROJECT + "\n\n".join(cells) + "\n")
    budget = report.budget
    assert (budget.initial, budget.total, budget.spent, budget.execution_rate) == (
        Decimal(500), Decimal(520), Decimal(494), Decimal(95))
    assert [_brief(i) for i in report.indicators] == [
        ("新建高标准农田面积", ">=", Decimal(10000), Decimal(10200), "亩"),
        ("验收合格率", "=", Decimal(100), Decimal(98), "%"),
        ("受益农户满意度", ">=", Decimal(90), Decimal(95), "%"),
    ]
    assert report.indicators[1].deviation_reason == "个别地块复验，已整改。"
    assert (report.indicators[2].level1, report.indicators[2].level2) == ("满意度指标", "服务对象满意度指标")
    assert report.evaluation.score == Decimal("97.1")


def test_a_result_stated_as_a_bound_keeps_its_words() -> None:
    [indicator] = _indicators("（三）绩效指标完成情况\n1、满意度指标\n受益群众满意度达到95%以上。\n")
    assert (indicator.name, indicator.actual, indicator.actual_text, indicator.unit) == (
        "受益群众满意度", Decimal(95), "95%以上", "%")
