"""Each rule: the case it must catch and the case it must leave alone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao import synthetic
from jixiao.report import Finding, Indicator, MonthlyAmount, PerformanceReport
from jixiao.review import RULES, all_rules, load_profile, review, review_text
from jixiao.review.engine import run_rules
from jixiao.scoring.framework import load_framework, shipped_frameworks


def _rules(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def _base() -> PerformanceReport:
    report = synthetic.report(1, 2022)
    report.budget.monthly = []
    report.indicators = [i for i in report.indicators if i.actual is not None and i.actual >= (i.target or 0)]
    return report


def _only(report: PerformanceReport, rule_id: str) -> list[Finding]:
    return run_rules(report, None, only=[rule_id])


def test_every_rule_has_catalogue_metadata() -> None:
    for item in all_rules():
        assert item.id.count(".") == 1 and item.family in ("arithmetic", "consistency", "targets", "execution", "text")
        assert item.title and item.checks and item.basis and item.example
        assert "domain.md" in item.basis or "[I]" in item.basis


# -- arithmetic ------------------------------------------------------------------------------


def test_by_source_says_when_the_parts_match_the_budget_instead() -> None:
    report = _base()
    b = report.budget
    b.by_source.other = (b.by_source.other or Decimal(0)) + (b.total - b.spent)
    (finding,) = _only(report, "arithmetic.by_source_vs_spent")
    assert "等于全年预算数" in finding.message and "而不等于其后所述的执行数" in finding.message


def test_by_nature_within_tolerance_is_quiet() -> None:
    report = _base()
    report.budget.by_nature.basic += Decimal("0.005")
    assert _only(report, "arithmetic.by_nature_vs_spent") == []
    report.budget.by_nature.basic += Decimal("0.01")
    assert len(_only(report, "arithmetic.by_nature_vs_spent")) == 1


def _twelve_months(spent: Decimal) -> list[MonthlyAmount]:
    share = (spent / 12).quantize(Decimal("0.01"))
    return [MonthlyAmount(month=m, spent=share) for m in range(1, 12)] + [
        MonthlyAmount(month=12, spent=spent - share * 11)]


def test_monthly_total_that_matches_the_year_is_quiet_and_a_wrong_month_is_not() -> None:
    report = _base()
    report.budget.monthly = _twelve_months(report.budget.spent)
    assert _only(report, "arithmetic.monthly_vs_spent") == []
    report.budget.monthly[4] = MonthlyAmount(month=5, spent=report.budget.monthly[4].spent + Decimal("59.40"))
    (finding,) = _only(report, "arithmetic.monthly_vs_spent")
    assert "相差59.40万元" in finding.message and finding.severity == "general"


def test_monthly_total_of_a_year_still_running_is_not_reconciled() -> None:
    report = _base()
    report.budget.monthly = _twelve_months(report.budget.spent)[:11]  # December not entered yet
    assert _only(report, "arithmetic.monthly_vs_spent") == []


def test_rate_stated_with_one_decimal_uses_its_precision() -> None:
    report = _base()
    b = report.budget
    b.total, b.spent = Decimal("2661.70"), Decimal("2457.31")  # 92.3214…%
    b.execution_rate = Decimal("92.3")
    assert _only(report, "arithmetic.execution_rate") == []
    b.execution_rate = Decimal("92.4")
    assert "92.32%" in _only(report, "arithmetic.execution_rate")[0].message


def test_carryover_larger_than_the_remainder_is_reported_too() -> None:
    report = _base()
    report.budget.carryover = report.budget.total - report.budget.spent + Decimal("5.00")
    (finding,) = _only(report, "arithmetic.carryover")
    assert "大于" in finding.message and "5.00" in finding.message


@pytest.mark.parametrize(("score", "grade", "fires"), [("99.24", "优", False), ("90", "优", False), ("89.99", "优", True), ("75", "良", True), ("59.9", "差", False)])
def test_score_against_grade_band(score: str, grade: str, fires: bool) -> None:
    report = _base()
    report.evaluation.score, report.evaluation.grade = Decimal(score), grade
    assert bool(_only(report, "arithmetic.score_vs_grade")) is fires


def test_score_above_100_is_blocking() -> None:
    report = _base()
    report.evaluation.score = Decimal("101")
    (finding,) = _only(report, "arithmetic.score_vs_grade")
    assert finding.severity == "blocking"


def test_indicator_weights_and_scores() -> None:
    report = _base()
    report = synthetic.report(1, 2022)
    assert _only(report, "arithmetic.indicator_weights_total") == []  # 50 + 30 + 10 = 90
    report.indicators[0].weight += Decimal(5)
    assert len(_only(report, "arithmetic.indicator_weights_total")) == 1
    report.indicators[1].score = report.indicators[1].weight
    assert _only(report, "arithmetic.indicator_score_vs_weight") == []
    report.indicators[1].score = report.indicators[1].weight + 1
    assert len(_only(report, "arithmetic.indicator_score_vs_weight")) == 1


# -- targets ---------------------------------------------------------------------------------


def _indicator(**values: object) -> Indicator:
    defaults: dict[str, object] = {"name": "培训人次", "op": ">=", "target": Decimal(100), "unit": "人次"}
    defaults.update(values)
    return Indicator(**defaults)  # type: ignore[arg-type]


@pytest.mark.parametrize(("actual", "fires"), [("129", False), ("130", True), ("260", True)])
def test_over_achievement_line_is_130_percent(actual: str, fires: bool) -> None:
    report = _base()
    report.indicators = [_indicator(actual=Decimal(actual))]
    assert bool(_only(report, "targets.over_achievement")) is fires


def test_over_achievement_with_a_reason_is_quiet_and_the_line_comes_from_the_framework(tmp_path) -> None:
    report = _base()
    report.indicators = [_indicator(actual=Decimal(140), deviation_reason="年中追加任务")]
    assert _only(report, "targets.over_achievement") == []
    report.indicators = [_indicator(actual=Decimal(140))]
    shipped = shipped_frameworks()["department-overall-t1"].read_text(encoding="utf-8")
    strict = tmp_path / "strict.toml"
    strict.write_text(shipped.replace("line = 130", "line = 150"), encoding="utf-8")
    assert run_rules(report, None, framework=load_framework(strict), only=["targets.over_achievement"]) == []
    assert run_rules(report, None, only=["targets.over_achievement"])  # the shipped 130% line


def test_no_actual_unquantified_and_unmet() -> None:
    report = _base()
    report.indicators = [
        _indicator(name="满意度", unit="%", target=Decimal(85)),
        _indicator(name="覆盖面", unit=None, actual=Decimal(100)),
        _indicator(name="培训", actual=Decimal(80)),
        _indicator(name="培训2", actual=Decimal(80), deviation_reason="疫情停办两期"),
        _indicator(name="定性", op="qualitative", target=None, unit=None, target_text="达成年度指标"),
    ]
    assert [f.message.split("”")[0] for f in _only(report, "targets.no_actual")] == ["指标“满意度"]
    assert [f.message.split("”")[0] for f in _only(report, "targets.unquantified")] == ["指标“覆盖面"]
    assert [f.message.split("”")[0] for f in _only(report, "targets.unmet_without_reason")] == ["指标“培训"]


def test_qualitative_goals_only_when_nothing_is_measurable() -> None:
    report = _base()
    assert _only(report, "targets.qualitative_goal") == []  # indicators with targets exist
    report.indicators = []
    report.goals = [report.goals[0]]
    report.goals[0].text = "坚定文化自信，增强文化软实力。"
    assert len(_only(report, "targets.qualitative_goal")) == 1


# -- execution -------------------------------------------------------------------------------


def test_low_rate_explained_in_the_text_is_quiet() -> None:
    text = (
        "某局2022年部门整体支出绩效自评报告\n\n一、基本情况\n\n（一）部门整体收支情况\n\n"
        "全年预算数1000.00万元，执行数850.00万元，完成预算的85.00%。\n\n"
        "二、存在的主要问题\n\n一是因项目延期，部分资金未支付，形成结余150.00万元。\n"
    )
    _, findings = review_text(text)
    assert "execution.low_rate" not in _rules(findings)
    _, findings = review_text(text.replace("一是因项目延期，部分资金未支付，形成结余150.00万元。", "一是年底较集中支付。"))
    (finding,) = [f for f in findings if f.rule == "execution.low_rate"]
    assert finding.severity == "general" and "年底较集中支付" in finding.message


def test_rate_lines() -> None:
    report = _base()
    report.budget.execution_rate = Decimal("95")
    assert _only(report, "execution.low_rate") == [] and _only(report, "execution.over_execution") == []
    report.budget.execution_rate = Decimal("125")
    assert len(_only(report, "execution.over_execution")) == 1
    report.budget.execution_rate = Decimal("70")
    report.evaluation.grade = "优"
    assert _only(report, "execution.low_rate")[0].severity == "serious"
    assert len(_only(report, "execution.excellent_with_low_rate")) == 1
    report.evaluation.grade = "良"
    assert _only(report, "execution.excellent_with_low_rate") == []


def test_year_end_concentration() -> None:
    report = _base()
    even = [MonthlyAmount(month=m, spent=Decimal(100)) for m in range(1, 13)]
    report.budget.monthly = even
    assert _only(report, "execution.year_end_concentration") == []
    report.budget.monthly = [*even[:11], MonthlyAmount(month=12, spent=Decimal(600))]
    (finding,) = _only(report, "execution.year_end_concentration")
    assert "35.29%" in finding.message


# -- text ------------------------------------------------------------------------------------

_HEAD = "某区某局2022年部门整体支出绩效自评报告\n\n一、基本情况\n\n（一）部门概况\n\n"


@pytest.mark.parametrize(
    ("body", "fires"),
    [
        ("一是做好宣传。四是\n\n是开展视频直播。", True),
        ("要守好守好意识形态阵地。", True),
        ("人人参与，常常开展，天天坚持，各个单位个个落实。", False),
        ("打造诗意增城城市品牌。", False),
    ],
)
def test_doubled_characters(body: str, fires: bool) -> None:
    _, findings = review_text(_HEAD + body + "\n")
    assert ("text.doubled_char" in _rules(findings)) is fires


def test_heading_gap_is_reported() -> None:
    text = _HEAD + "内容一。\n\n（二）收支\n\n内容二。\n\n（四）目标\n\n内容三。\n"
    _, findings = review_text(text)
    (finding,) = [f for f in findings if f.rule == "text.heading_numbering"]
    assert "跳号" in finding.message


def test_project_wording_only_outside_project_sections() -> None:
    text = _HEAD + "本项目均达到预期目标。\n\n（二）重点项目支出分析\n\n本项目的目标是宣传。\n"
    _, findings = review_text(text)
    hits = [f for f in findings if f.rule == "text.project_wording"]
    assert len(hits) == 1 and "达到预期目标" in hits[0].evidence[0].text


def test_department_name_variant() -> None:
    title = "中国共产党广州市增城区委员会宣传部2022年部门整体支出绩效自评报告\n\n一、基本情况\n\n（一）部门概况\n\n"
    _, findings = review_text(title + "中国共产党广州市增城区委员会宣传部负责宣传工作。\n")
    assert "text.department_name" not in _rules(findings)
    _, findings = review_text(title + "中国共产党广州市增城市委员会宣传部负责宣传工作。\n")
    assert "text.department_name" in _rules(findings)


def test_text_rules_do_not_run_without_the_document() -> None:
    findings = review(_base())
    assert not [f for f in findings if RULES[f.rule].needs_document]


def test_a_rule_can_be_disabled_and_its_severity_changed(tmp_path) -> None:
    report = _base()
    report.budget.carryover = Decimal(0)
    custom = tmp_path / "custom.toml"
    custom.write_text('[severity]\n"arithmetic.carryover" = "hint"\n', encoding="utf-8")
    (finding,) = run_rules(report, None, load_profile(custom), only=["arithmetic.carryover"])
    assert finding.severity == "hint"
    custom.write_text('[rules]\ndisabled = ["arithmetic.carryover"]\n', encoding="utf-8")
    assert run_rules(report, None, load_profile(custom), only=["arithmetic.carryover"]) == []


def test_a_key_figure_stated_twice_differently_is_reported_but_a_goal_target_is_not() -> None:
    text = (
        "某局2022年部门整体支出绩效自评报告\n\n一、基本情况\n\n（一）部门整体收支情况\n\n"
        "全年预算数1000.00万元，执行数850.00万元，完成预算的85.00%。\n\n（二）部门整体支出绩效目标\n\n"
        "预期目标一：严格预算管理，预算执行率达到90%以上。\n\n二、综合评价\n\n（一）预算执行\n\n"
        "全年预算数1000.00万元，执行数800.00万元。\n"
    )
    _, findings = review_text(text)
    (finding,) = [f for f in findings if f.rule == "consistency.extracted_conflict"]
    assert finding.message == "执行数在文中有不同取值：850.00、800.00"
    _, findings = review_text(text.replace("执行数800.00万元", "执行数850.00万元"))
    assert "consistency.extracted_conflict" not in _rules(findings)


def test_low_rate_is_computed_when_not_stated() -> None:
    report = _base()
    report.budget.total, report.budget.spent, report.budget.execution_rate = Decimal(1000), Decimal(700), None
    (finding,) = _only(report, "execution.low_rate")
    assert "70.00%" in finding.message
