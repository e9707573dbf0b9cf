"""Indicators listed row by row: the 自评表 table (tab-separated rows) and one-line items."""

from __future__ import annotations

from decimal import Decimal

from jixiao.extract import extract_report

TITLE = "广州市天河区教育局2023年度部门整体支出绩效自评报告\n一、基本情况\n全年预算数1000.00万元，执行数950.00万元。\n"
TABLE = (
    "附：部门整体支出绩效自评表\n"
    "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "\t产出指标（50分）\t数量指标\t培训教师人次\t≥1200人次\t1350人次\t20\t20\t\n"
    "\t\t\t新建学位数\t≥3000个\t2700个\t15\t13.5\t两所学校延期交付，已督促加快建设\n"
    "\t\t质量指标\t验收合格率\t=100%\t100%\t15\t15\t\n"
    "\t效益指标（30分）\t社会效益\t家长满意度\t90%以上\t93%\t30\t30\t\n"
    "\t满意度指标\t服务对象满意度\t长效机制建立\t达成年度指标\t达成年度指标\t10\t9\t\n"
    "总分\t\t\t\t\t\t100\t97.5\t\n"
)


def test_the_self_evaluation_table_gives_levels_weights_scores_and_reasons() -> None:
    report = extract_report(TITLE + TABLE)
    names = [i.name for i in report.indicators]
    assert names == ["培训教师人次", "新建学位数", "验收合格率", "家长满意度", "长效机制建立"]
    first, second, third, fourth, fifth = report.indicators
    assert (first.level1, first.level2, first.op, first.target, first.unit, first.actual) == (
        "产出指标", "数量指标", ">=", Decimal(1200), "人次", Decimal(1350))
    assert (second.level1, second.level2) == ("产出指标", "数量指标")  # merged cells carry down
    assert (second.weight, second.score) == (Decimal(15), Decimal("13.5"))
    assert second.deviation_reason == "两所学校延期交付，已督促加快建设"
    assert (third.level2, third.op, third.target, third.unit) == ("质量指标", "=", Decimal(100), "%")
    assert (fourth.level1, fourth.op, fourth.target) == ("效益指标", ">=", Decimal(90))
    assert (fifth.op, fifth.actual, fifth.actual_text) == ("qualitative", None, "达成年度指标")


def test_table_evidence_points_at_the_cells_in_the_original_text() -> None:
    text = TITLE + TABLE
    report = extract_report(text)
    [target] = report.evidence["indicators[1].target"]
    [actual] = report.evidence["indicators[1].actual"]
    assert text[target.start:target.end] == "≥3000个"
    assert text[actual.start:actual.end] == "2700个"


def test_one_line_items_give_target_and_actual() -> None:
    text = TITLE + (
        "（三）各重点任务项目支出完成情况分析\n"
        "1.培训教师人次：年度指标值≥1200人次，实际完成值1350人次，超额完成。\n"
        "2.家长满意度：年度指标值90%以上，实际完成值未填报。\n"
    )
    first, second = extract_report(text).indicators
    assert (first.name, first.op, first.target, first.actual, first.unit) == (
        "培训教师人次", ">=", Decimal(1200), Decimal(1350), "人次")
    assert (second.name, second.op, second.target, second.actual) == ("家长满意度", ">=", Decimal(90), None)


def test_a_table_without_the_indicator_columns_is_not_read_as_indicators() -> None:
    text = TITLE + "项目\t全年预算数（万元）\t执行数（万元）\n部门整体支出\t1000.00\t950.00\n"
    assert extract_report(text).indicators == []


def test_ascii_operators_in_cells_are_read_whole() -> None:
    table = (
        "三级指标\t年度指标值\t实际完成值\n"
        "办结率\t>=95%\t97%\n"
        "平均办理时长\t<=5个工作日\t4个工作日\n"
        "投诉件数\t<10件\t6件\n"
    )
    ops = [(i.name, i.op) for i in extract_report(TITLE + table).indicators]
    assert ops == [("办结率", ">="), ("平均办理时长", "<="), ("投诉件数", "<")]
