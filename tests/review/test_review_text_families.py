"""Years, dates, template leftovers, lost amounts, budget adjustments, scores and numbering: what each
rule must catch and what it must leave alone, on synthetic variants of real phrasing."""

from __future__ import annotations

import pytest
from text_review import review_body

from jixiao.report import Indicator, PerformanceReport
from jixiao.review import review
from jixiao.text.document import parse_document

# -- a year in the title against the table ------------------------------------------------------


def test_titles_naming_different_years_are_reported() -> None:
    text = (
        "《重庆市某区林业局2022年度部门整体绩效自评表.docx》由会员分享，可在线阅读。\n"
        "1、重庆市某区林业局2023年度部门整体绩效自评表主管部门重庆市某区林业局部门联系人李某\n"
    )
    (finding,) = review_body("", title=text, rules=("consistency.title_year",))
    assert "2022年度" in finding.message and "2023年度" in finding.message and finding.severity == "serious"
    assert "重庆市某区林业局2022年度部门整体绩效自评表" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        # a notice cited in a sentence names the year it was issued, not the year evaluated (四川, corpus 111)
        "按照《财政厅关于开展2018年省级部门整体预算绩效评价工作的通知》要求，对2017年部门整体支出开展了绩效自评。\n"
        "附件：某厅2017年部门整体预算绩效评价自评报告\n某厅\n2018年7月23日\n某厅2017年部门整体预算绩效评价自评报告\n",
        # a heading about last year's report is a topic, not a title
        "某局2022年度部门整体支出绩效自评报告\n一、基本情况\n（一）2021年度绩效自评报告问题整改情况\n已全部整改。\n",
        "南宁市财政项目支出绩效自评报告（2018年度）\n项目名称：某项目\n南宁市2018年度项目支出绩效自评报告\n",
    ],
)
def test_titles_of_one_year_and_cited_documents_are_left_alone(text: str) -> None:
    assert review_body("", title=text, rules=("consistency.title_year",)) == []


def test_income_and_expenditure_all_stated_for_another_year_are_reported() -> None:
    (finding,) = review_body("2021年预算收入69.06万元，2021年支出76.36万元。", rules=("consistency.title_year",))
    assert "2022年度" in finding.message and "2021年支出76.36万元" in finding.message


def test_last_years_figures_beside_this_years_are_left_alone() -> None:
    body = "2021年支出70.00万元，2022年支出76.36万元，较上年增长9.09%。"
    assert review_body(body, rules=("consistency.title_year",)) == []


# -- dates --------------------------------------------------------------------------------------


def test_a_publication_before_the_self_evaluation_is_reported() -> None:
    text = "某厅2020年部门预算绩效自评公开报告\n发布时间:2021-02-26 13:05 来源:某厅\n2020年度部门整体支出绩效自评报告\n自评单位:某厅\n自评时间:2021年12月\n"
    (finding,) = review_body("", title=text, rules=("consistency.date_order",))
    assert "2021-02-26" in finding.message and "2021年12月" in finding.message


@pytest.mark.parametrize(
    "dates",
    [
        "发布日期 2023-04-20\n填报日期:2023年4月15日\n",
        "发布时间 : 2023-03-17\n填表人：某某 填报日期:2023.03.15\n",
        "发布时间:2021-12-26\n自评时间:2021年12月\n",  # the same month: cannot be told apart
        "报告日期:2022年5月18日\n",
    ],
)
def test_dates_in_order_are_left_alone(dates: str) -> None:
    assert review_body("", title="某局2022年度部门整体支出绩效自评报告\n" + dates, rules=("consistency.date_order",)) == []


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("根据《关于全面实施预算绩效管理的实施意见》（内财监〔20191343号）开展自评。", "内财监〔20191343号"),
        ("收到中央下达资金9056万元（川财社〔2020165号、川财社〔202143号）。", "川财社〔2020165号"),
        ("根据《关于做好2024年度预算绩效自评工作的通知》(南财函〔202〕25号等文件精神。", "南财函〔202〕25号"),
    ],
)
def test_broken_document_numbers_are_reported(body: str, said: str) -> None:
    (finding,) = review_body(body, rules=("text.document_number",))
    assert said in finding.message


def test_well_formed_document_numbers_are_left_alone() -> None:
    body = "依据（湘政发【2012】33号）、（东办通〔2019〕58号）、[2020]5号和〔2021〕12号文件；[ 索引号 ] 115/2022。"
    assert review_body(body, rules=("text.document_number",)) == []


@pytest.mark.parametrize("said", ["220211231日", "2021年年1231日", "2021年13月", "6月32日"])
def test_broken_dates_are_reported(said: str) -> None:
    (finding,) = review_body(f"已在{said}之前完成救助。", rules=("text.broken_date",))
    assert said in finding.message


def test_real_dates_and_counts_of_days_are_left_alone() -> None:
    body = "截至2021年12月31日，全年365日值守，2022年年初预算已下达，每年年底考核，12月31日前完成。"
    assert review_body(body, rules=("text.broken_date",)) == []


# -- template leftovers and lost amounts --------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("产出指标 | 公猪舍(≥**平方米) | 22.8 | 22.8 |", "≥**"),
        ("20XX年度部门整体支出绩效自评报告。", "20XX年"),
        ("XX单位严格执行预算。", "XX"),
        ("项目负责人：（请填写姓名）", "请填写"),
    ],
)
def test_template_placeholders_are_reported(body: str, said: str) -> None:
    (finding,) = review_body(body, rules=("text.template_leftover",))
    assert said in finding.message


def test_an_old_year_in_the_reports_own_headings_and_self_reference_is_reported() -> None:
    body = "（一）2020年度部门整体支出绩效目标\n目标明确。\n现将2023年度部门整体支出绩效自评情况报告如下：\n"
    messages = [f.message for f in review_body(body, rules=("text.template_leftover",))]
    assert any("2020年" in m and "章节标题" in m for m in messages)
    assert any("年度为2023年" in m for m in messages)


def test_years_that_belong_where_they_are_are_left_alone() -> None:
    body = (
        "（一）2021年度绩效评价问题整改情况\n已整改。\n（二）2022年度重点工作任务\n完成。\n"
        "说明：公用经费填报基本支出中的一般商品和服务支出。项目支出需要填报基本支出以外的所有项目支出情况。\n"
        "按照《关于开展2023年预算绩效自评工作的通知》要求，现将2022年度部门整体支出绩效自评情况报告如下："
    )
    assert review_body(body, rules=("text.template_leftover",)) == []


def test_amounts_reduced_to_their_decimals_are_reported() -> None:
    body = "年初预算数全年(调整)预算数全年执行数执行率年度总金额.32.06.5其中财政拨款.32.06.579.27107.93。"
    (finding,) = review_body(body, rules=("text.truncated_amount",))
    assert ".32.06.5" in finding.message and finding.severity == "serious"


def test_decimals_and_numbering_are_not_lost_amounts() -> None:
    body = "执行数2659.40万元，完成率72.5%。\n2.编制情况：编制12人。版本v2.0，文件.docx。"
    assert review_body(body, rules=("text.truncated_amount",)) == []


# -- budget adjustments -------------------------------------------------------------------------


def test_an_adjustment_without_a_reason_is_reported() -> None:
    (finding,) = review_body("2022年预算收入69.06万元，其中年初预算57.28万元，调整追加11.78万元。其他资金来源21.31万元。",
                             rules=("execution.adjustment_unexplained",))
    assert "调整追加11.78万元" in finding.message and finding.severity == "general"


@pytest.mark.parametrize(
    "body",
    [
        "年初预算57.28万元，年中追加疫情防控经费11.78万元。",  # what it was for is named
        "年初预算57.28万元，调整追加11.78万元，主要用于妇女儿童维权活动。",
        "年初预算57.28万元，调整追加11.78万元。\n追加原因是上级下达专项资金。",
        "调整后预算69.06万元，执行数69.06万元。",  # the adjusted budget, not an adjustment
    ],
)
def test_an_adjustment_with_its_reason_is_left_alone(body: str) -> None:
    assert review_body(body, rules=("execution.adjustment_unexplained",)) == []


# -- scores and execution in a 自评表 ---------------------------------------------------------

_INDICATORS = (
    "一级指标\n二级指标\n三级指标\n年度指标值\n实际完成值\n分值\n得分\n偏差原因分析及改进措施\n"
    "产出指标\n数量指标\n培训人次\n≥1500\n{actual}\n10\n10\n无\n森林火灾受害率\n0.9\n0.5\n10\n10\n无\n"
    "群众满意度\n≥95%\n96%\n10\n{score}\n无\n"
)


def test_full_marks_next_to_an_unmet_target_are_reported() -> None:
    (finding,) = review_body(_INDICATORS.format(actual="1200", score="10"), rules=("targets.full_score_unmet",))
    assert "培训人次" in finding.message and "1200" in finding.message and "≥1500" in finding.message


def test_met_targets_reverse_indicators_and_partial_scores_are_left_alone() -> None:
    assert review_body(_INDICATORS.format(actual="1600", score="10"), rules=("targets.full_score_unmet",)) == []


def test_full_marks_unmet_on_extracted_indicators_too() -> None:
    report = PerformanceReport(indicators=[
        Indicator(name="培训人次", op=">=", target=1500, actual=1200, weight=10, score=10),
        Indicator(name="投诉率", op="<=", target=5, actual=3, weight=10, score=10),
    ])
    findings = [f for f in review(report) if f.rule == "targets.full_score_unmet"]
    assert [f.message.split("”")[0] for f in findings] == ["指标“培训人次"]


_SELF_TABLE = (
    "某局2022年度项目支出绩效自评表\n预算执行情况(万元)\n预算数(A)\n执行数(B)\n执行率(B/A)\n得分\n"
    "年度财政资金总额\n50\n{spent}\n{rate}\n4\n年度绩效目标\n一级指标\n二级指标\n三级指标\n年初目标值(A)\n实际完成值(B)\n得分\n"
    "产出指标\n数量指标\n公猪舍(平方米)\n22.8\n22.8\n1\n育肥猪舍(平方米)\n180\n180\n3\n仓库(平方米)\n104\n104\n2\n"
)


def test_low_execution_with_every_output_met_is_a_hint() -> None:
    findings = review(PerformanceReport(), parse_document(_SELF_TABLE.format(spent="10", rate="20")))
    (hint,) = [f for f in findings if f.rule == "execution.low_rate_all_met"]
    assert hint.severity == "hint" and "20.00%" in hint.message and "3项产出指标" in hint.message
    low = [f for f in findings if f.rule == "execution.low_rate"]
    assert low and "40.00万元" in low[0].message  # the funds row of the table gives the rate


def test_normal_execution_with_outputs_met_is_left_alone() -> None:
    findings = review(PerformanceReport(), parse_document(_SELF_TABLE.format(spent="48", rate="96")))
    assert not [f for f in findings if f.rule.startswith("execution.")]


def test_a_low_rate_claimed_as_no_deviation_names_the_claim() -> None:
    text = (
        "就业补助资金绩效自评表\n| 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) |\n"
        "| 年度资金总额: | 808.1 | 692.98 | 86% |\n| 拨付合规性 | 严格按照国库集中支付制度有关规定支付资金。 |\n"
        "| 执行准确性 | 按照上级下达的金额执行，不存在执行数偏离预算数较多的问题。 |\n"
    )
    (finding,) = [f for f in review(PerformanceReport(), parse_document(text)) if f.rule == "execution.low_rate"]
    assert "115.12" in finding.message and "不存在执行数偏离预算数较多的问题" in finding.message
    assert "集中支付" not in finding.message  # 国库集中支付 is a payment system, not year-end timing


# -- numbering, doubled characters, missing sections ------------------------------------------


def test_a_table_of_contents_restarting_the_numbering_is_not_a_fault() -> None:
    body = (
        "目录\n一、部门概况\n二、绩效目标\n三、评价结论\n某局2022年度部门整体支出绩效评价报告\n"
        "一、部门概况\n本部门负责宣传工作。\n二、绩效目标\n目标明确具体。\n三、评价结论\n自评结论为优。\n"
    )
    assert review_body(body, title="", rules=("text.heading_numbering",)) == []


def test_headings_that_lost_their_number_are_reported() -> None:
    findings = review_body("二、项目资金情况\n已到位。\n、项目绩效情况\n满意度98%。\n", rules=("text.heading_numbering",))
    assert any("“、项目绩效情况”缺少编号" in f.message for f in findings)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("部门整体支出绩效自评报告((2019年度)部门名称：某委员会。", True),
        ("年度主要工作内容任务1:绩效考核个性指标任务 任务2:主要考核任务。", False),  # two cells
        ("项目名称:困难新生入学补助项目 项目单位:某办公室。", False),
        ("来源: :0次 某档案馆。", False),  # an empty field of a page header
    ],
)
def test_doubled_characters_across_cell_separators_are_left_alone(text: str, flagged: bool) -> None:
    assert bool(review_body(text, rules=("text.doubled_char",))) is flagged


def test_missing_sections_are_hints_and_silent_on_a_cut_text() -> None:
    whole = review_body("（一）部门概况\n本部门负责宣传工作。\n", rules=("text.missing_section",))
    assert whole and {f.severity for f in whole} == {"hint"}
    assert review_body("（一）部门概况\n本部门负责宣传工作，主要职责是", rules=("text.missing_section",)) == []
