"""Budget figures in every phrasing and layout: one small report per family, and what must stay None."""

from __future__ import annotations

from decimal import Decimal

from jixiao.extract import extract_report
from jixiao.report import PerformanceReport

DEPARTMENT = "广州市天河区文化广电旅游体育局2022年度部门整体支出绩效自评报告\n一、基本情况\n（一）部门整体收支情况\n"
PROJECT = "广州市天河区教育局2022年度项目支出绩效自评报告\n一、项目基本情况\n（一）项目资金情况\n"


def _report(body: str, head: str = DEPARTMENT) -> PerformanceReport:
    return extract_report(head + body)


def test_initial_adjusted_and_annual_budget() -> None:
    report = _report("年初预算数1000.00万元，调整后预算数1200.00万元，全年执行数1100.00万元，预算执行率91.67%。\n")
    budget = report.budget
    assert (budget.initial, budget.total, budget.spent, budget.execution_rate) == (
        Decimal("1000.00"), Decimal("1200.00"), Decimal("1100.00"), Decimal("91.67"))
    assert report.conflicts == []


def test_a_budget_stated_at_the_start_of_the_year_is_the_initial_one() -> None:
    report = _report("2022年初本局收入预算5000.00万元，年中调整预算6400.00万元。"
                     "2022年初本局支出预算5000.00万元，包括基本支出2400.00万元、项目支出2600.00万元。\n")
    assert (report.budget.initial, report.budget.total) == (Decimal("5000.00"), Decimal("6400.00"))
    assert (report.budget.by_nature.basic, report.budget.by_nature.project) == (Decimal("2400.00"), Decimal("2600.00"))


def test_final_accounts_of_this_year_count_and_of_last_year_do_not() -> None:
    report = _report("2021年决算支出980.00万元，2022年决算支出1100.00万元。上年执行数900.00万元。\n")
    assert report.budget.spent == Decimal("1100.00")
    assert report.conflicts == []


def test_income_and_spending_of_the_year_and_totals_as_fallback() -> None:
    report = _report("本年收入合计1500.00万元，收入总计1600.00万元；本年支出合计1450.00万元，支出总计1600.00万元。\n")
    assert (report.budget.total, report.budget.spent) == (Decimal("1500.00"), Decimal("1450.00"))
    assert report.conflicts == []
    only_totals = _report("收入总计1600.00万元，支出总计1580.00万元。\n")
    assert (only_totals.budget.total, only_totals.budget.spent) == (Decimal("1600.00"), Decimal("1580.00"))


def test_units_yuan_yi_six_decimals_and_thousands_separators() -> None:
    assert _report("全年预算数1.2亿元。\n").budget.total == Decimal("12000.0")
    assert _report("预算收入70.183715万元。\n").budget.total == Decimal("70.183715")
    assert _report("全年预算数12,345.67万元。\n").budget.total == Decimal("12345.67")
    report = _report("已兑现困难群众临时救助资金14280元。\n", head=PROJECT)
    assert report.budget.spent == Decimal("1.428")
    [evidence] = report.evidence["budget.spent"]
    assert evidence.text.endswith("14280元")  # the evidence keeps the amount as written


def test_funding_by_source_and_basic_project_with_their_parts() -> None:
    report = _report(
        "一般公共预算财政拨款支出800.00万元，政府性基金预算财政拨款支出100.00万元，其他资金支出20.00万元。"
        "基本支出500.00万元，其中人员经费400.00万元、公用经费100.00万元；项目支出420.00万元。年末结转和结余30.00万元，上年结转10.00万元。\n"
    )
    budget = report.budget
    assert (budget.by_source.general_public, budget.by_source.government_fund, budget.by_source.other) == (
        Decimal("800.00"), Decimal("100.00"), Decimal("20.00"))
    assert (budget.by_nature.basic, budget.by_nature.project) == (Decimal("500.00"), Decimal("420.00"))
    assert budget.carryover == Decimal("30.00")
    assert _report("结余结转0万元。\n").budget.carryover == Decimal(0)


def test_a_sub_item_rate_and_a_projects_budget_are_not_the_departments() -> None:
    report = _report("全年预算数1000.00万元，预算执行率为92.00%，其中项目支出执行率为85.00%。"
                     "其中党建活动经费项目预算数80.00万元。\n")
    assert (report.budget.total, report.budget.execution_rate) == (Decimal("1000.00"), Decimal("92.00"))
    assert report.conflicts == []


def test_a_goal_is_not_a_result() -> None:
    report = _report("力争预算执行率达到95%，确保执行数不低于900万元。预算执行率达到90%以上。\n")
    assert (report.budget.execution_rate, report.budget.spent) == (None, None)


def test_figures_stated_once_per_item_of_a_list_are_the_items() -> None:
    inline = _report("一是学前教育支出合计3624.71万元，已于本年度支出3624.71万元，预算完成率100%；"
                     "二是小学教育支出合计676.47万元，于本年度支出676.47万元，预算完成率100%。\n")
    assert inline.budget.execution_rate is None
    assert inline.conflicts == []
    numbered = _report("1.青少年事务工作经费。该项目执行数30.00万元。\n2.代表大会费用。该项目执行数28.00万元。\n")
    assert numbered.budget.spent is None
    assert numbered.conflicts == []


def test_a_project_reports_own_project_spending_is_its_spending() -> None:
    report = _report("项目支出609.74万元。其中：财政拨款项目支出15万元，其他项目支出594.74万元。\n", head=PROJECT)
    assert report.budget.spent == Decimal("609.74")
    assert (report.budget.by_nature.project, report.budget.by_nature.basic) == (None, None)
    assert report.conflicts == []


def test_funds_allotted_in_total_and_a_projects_fund_total() -> None:
    assert _report("2022年共计下达中央、市级转移支付资金3580.69万元。\n").budget.total == Decimal("3580.69")
    project = _report("2022年度我校教育专项工作经费项目财政资金总额16.20万元，拨付使用16.20万元，预算执行率100%。\n",
                      head=PROJECT)
    assert (project.budget.total, project.budget.spent, project.budget.execution_rate) == (
        Decimal("16.20"), Decimal("16.20"), Decimal("100"))


# -- tables -----------------------------------------------------------------------------------

def test_pipe_rows_of_a_self_evaluation_table() -> None:
    report = _report(
        "资金投入情况 (万元) |\n"
        "全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | ||||\n"
        "年度资金总额: | 808.1 | 692.98 | 86% | ||||\n"
        "其中:中央财政资金 | 808.1 | 692.98 | 86% | ||||\n"
    )
    assert (report.budget.total, report.budget.spent, report.budget.execution_rate) == (
        Decimal("808.1"), Decimal("692.98"), Decimal("86"))
    assert report.budget.by_source.model_dump() == {k: None for k in report.budget.by_source.model_dump()}
    [evidence] = report.evidence["budget.spent"]
    assert evidence.text == "年度资金总额: | 808.1 | 692.98"


def test_one_cell_per_line_three_columns_the_previous_year_never_counts() -> None:
    cells = ["经费控制情况(万元)", "2021年决算数", "2022年预算数", "2022年决算数", "支出总额", "1274.38", "1342.49",
             "1342.49", "基本支出", "606.44", "719.99", "719.99", "项目支出", "667.94", "622.50", "622.5"]
    report = _report("\n\n".join(cells) + "\n")
    budget = report.budget
    assert (budget.total, budget.spent) == (Decimal("1342.49"), Decimal("1342.49"))
    assert (budget.by_nature.basic, budget.by_nature.project) == (Decimal("719.99"), Decimal("622.5"))
    # a column of another year than the report's is not read, whatever it is called
    other_year = _report("\n\n".join(c.replace("2022年", "2023年") for c in cells) + "\n")
    assert (other_year.budget.total, other_year.budget.spent) == (None, None)


def test_last_year_this_year_columns_by_name() -> None:
    report = _report("项目\t上年决算（万元）\t本年预算（万元）\t本年决算（万元）\n合计\t900.00\t1000.00\t960.00\n")
    assert (report.budget.total, report.budget.spent) == (Decimal("1000.00"), Decimal("960.00"))


def test_a_rate_without_percent_counts_only_when_its_amounts_give_it() -> None:
    head = "预算执行情况(万元)\n\n预算数(A)\n\n执行数(B)\n\n执行率(B/A)\n\n"
    assert _report(head + "年度财政资金总额\n\n50\n\n10\n\n20\n").budget.execution_rate == Decimal(20)
    assert _report(head + "年度财政资金总额\n\n50\n\n10\n\n0.2\n").budget.execution_rate is None


def test_amounts_without_a_unit_are_not_read() -> None:
    report = _report("项目\t全年预算数\t执行数\n合计\t1000\t950\n")
    assert (report.budget.total, report.budget.spent) == (None, None)


def test_the_total_of_a_table_of_a_subset_is_not_the_years_total() -> None:
    report = _report("三公经费支出情况（万元）\n项目\t预算数\t决算数\n合计\t12.50\t8.20\n公务接待费\t2.50\t1.20\n")
    assert (report.budget.total, report.budget.spent) == (None, None)
    projects = _report("项目名称\t预算数（万元）\t执行数（万元）\n党建经费\t20.00\t18.00\n合计\t20.00\t18.00\n")
    assert (projects.budget.total, projects.budget.spent) == (None, None)


def test_numbers_of_two_cells_joined_by_the_normaliser_are_not_one_figure() -> None:
    report = _report("预算执行率\n\n92.5\n\n100%\n\n自评得分\n\n9\n\n5.5分\n")
    assert (report.budget.execution_rate, report.evaluation.score) == (None, None)
    assert _report("预算执行率5100%。\n").budget.execution_rate is None


def test_a_projects_self_evaluation_table_in_a_department_report_is_the_projects() -> None:
    table = ("附件：项目支出绩效自评表\n项目名称\t党建活动经费\n项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t执行率\n"
             "年度资金总额\t80.00\t80.00\t76.00\t95.00%\n")
    report = _report("全年预算数1000.00万元，执行数950.00万元，预算执行率95.00%。\n" + table)
    assert (report.budget.total, report.budget.spent) == (Decimal("1000.00"), Decimal("950.00"))
    assert report.conflicts == []
    project = extract_report(PROJECT + table)
    assert (project.budget.total, project.budget.spent, project.budget.initial) == (
        Decimal("80.00"), Decimal("76.00"), Decimal("80.00"))


def test_the_department_form_with_initial_annual_and_spent_columns() -> None:
    rows = [
        ("预算执行情况（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
        ("年度资金总额", "300.00", "320.00", "310.00", "10", "96.88%", "9.69"),
        ("其中：基本支出", "250.00", "260.00", "255.00", "", "", ""),
        ("项目支出", "50.00", "60.00", "55.00", "", "", ""),
    ]
    report = _report("\n".join("\t".join(row) for row in rows) + "\n")
    budget = report.budget
    assert (budget.initial, budget.total, budget.spent, budget.execution_rate) == (
        Decimal("300.00"), Decimal("320.00"), Decimal("310.00"), Decimal("96.88"))
    assert (budget.by_nature.basic, budget.by_nature.project) == (Decimal("255.00"), Decimal("55.00"))


def test_total_income_is_not_the_budget_and_total_spending_is_spent() -> None:
    report = _report("2022年度本单位总收入356.21万元，其中：一般公共预算拨款收入350.21万元，其他收入6万元；"
                     "总支出348.67万元，其中基本支出298.11万元，项目支出50.56万元。\n")
    assert (report.budget.total, report.budget.spent) == (None, Decimal("348.67"))
    assert report.budget.by_source.general_public is None


def test_the_subject_and_the_whole_before_a_label_leave_it_the_departments() -> None:
    report = _report("本局全年预算数800.00万元，全局预算执行率为96.50%，昌宁县第一示范小学执行数772.00万元。\n")
    assert (report.budget.total, report.budget.execution_rate, report.budget.spent) == (
        Decimal("800.00"), Decimal("96.50"), Decimal("772.00"))


def test_sources_without_a_field_of_their_own_are_not_read_as_another() -> None:
    report = _report("全年预算数850.00万元，其中：财政拨款800.00万元，中央财政资金600.00万元，地方财政资金200.00万元，"
                     "上年结转50.00万元。\n")
    assert report.budget.total == Decimal("850.00")
    assert report.budget.by_source.model_dump() == {name: None for name in report.budget.by_source.model_dump()}
    assert (report.budget.carryover, report.budget.spent) == (None, None)


def test_every_label_match_holds_one_of_the_words_its_paragraph_is_filtered_by() -> None:
    """A figure's paragraphs are searched only when they hold one of its ``needs`` words (and a
    paragraph for any figure only when it holds 元 or %): every match of its label, in the seeds,
    the corpus and every phrasing above, must hold one."""
    import re
    from pathlib import Path

    from fixtures.corpus import default_folder
    from jixiao.extract.budget import _FIGURE, _FIGURE_NEEDS, _FIGURES
    from jixiao.samples import samples
    from jixiao.text import parse_document

    texts = [seed.text() for seed in samples()]
    folder = default_folder()
    if folder is not None:
        texts += [path.read_text(encoding="utf-8") for path in sorted(Path(folder).glob("*.txt"))]
    texts += [value for name, value in globals().items() if name.isupper() and isinstance(value, str)]
    found = 0
    for text in texts:
        normalised = parse_document(text).text
        for match in _FIGURE.finditer(normalised):
            assert any(char in match.group() for char in _FIGURE_NEEDS), match.group()
        for figure in _FIGURES:
            assert figure.needs, figure.path
            for match in re.finditer(figure.label, normalised, re.MULTILINE):
                found += 1
                assert any(word in match.group() for word in figure.needs), (figure.path, match.group())
    assert found > 100
