"""The figure sentences: computed from data, worded by the template, missing parts left out."""

from __future__ import annotations

from decimal import Decimal

from jixiao.figures.achievement import assess_indicator
from jixiao.figures.format import chinese_number, money, percent
from jixiao.figures.rates import execution_rate_from
from jixiao.render import sentences
from jixiao.report import Indicator, PerformanceReport
from jixiao.samples import sample
from jixiao.scoring import default_framework_for

from .conftest import BUDGET_SENTENCE_000

FRAMEWORK = default_framework_for("department_overall")


def test_budget_sentence_matches_the_published_seed(seed_000) -> None:
    result = sentences(seed_000.gold())
    assert result.budget == BUDGET_SENTENCE_000
    assert BUDGET_SENTENCE_000 in seed_000.text()


def test_source_nature_and_carryover_sentences(seed_000) -> None:
    result = sentences(seed_000.gold())
    assert result.source == (
        "按资金来源分，一般公共预算财政拨款支出2269.81万元，政府性基金预算财政拨款支出389.59万元，"
        "国有资本经营预算财政拨款支出0.00万元，其他资金支出0.00万元。"
    )
    assert result.nature == "按支出性质看，基本支出1198.25万元，项目支出1461.15万元。"
    assert result.carryover == "年末结转和结余80.67万元。"


def test_execution_rate_is_computed_when_not_stated(seed_000) -> None:
    report = seed_000.gold()
    report.budget.execution_rate = None
    assert sentences(report).budget == BUDGET_SENTENCE_000  # 2659.40 / 3663.27 = 72.596…%
    rate = execution_rate_from(Decimal("3663.27"), Decimal("2659.40"), None)
    assert (rate.shown, rate.source, rate.source_label) == (Decimal("72.60"), "computed", "系统计算")


def test_a_stated_rate_wins_over_the_computed_one() -> None:
    rate = execution_rate_from(Decimal(100), Decimal(50), Decimal("51.00"))
    assert (rate.shown, rate.source, rate.source_label, rate.computed) == (Decimal("51.00"), "stated", "报告所述",
                                                                             Decimal("50.00"))


def test_missing_parts_are_left_out_never_printed_as_zero_or_none() -> None:
    report = sample("seed_001").gold()
    report.budget.by_source.government_fund = Decimal("12.5")
    result = sentences(report)
    assert result.source == "按资金来源分，政府性基金预算财政拨款支出12.50万元。"
    assert result.carryover == ""
    for text in result.all():
        assert "None" not in text
        assert "一般公共预算" not in text


def test_empty_budget_gives_no_budget_sentences() -> None:
    result = sentences(PerformanceReport(department="某局", year=2022))
    assert (result.budget, result.source, result.nature, result.carryover, result.evaluation) == ("", "", "", "", "")


def test_budget_without_spent_says_only_the_total() -> None:
    report = PerformanceReport(department="某局", year=2022)
    report.budget.total = Decimal("100")
    assert sentences(report).budget == "全年预算数100.00万元。"


def test_score_and_grade_sentence(seed_001) -> None:
    assert sentences(seed_001.gold()).evaluation == (
        "经自评，中国共产党广州市增城区委员会宣传部2022年度部门整体支出绩效自评得分99.24分，自评结果为优。"
    )


def test_grade_without_score(seed_000) -> None:
    text = sentences(seed_000.gold()).evaluation
    assert "自评结果为优" in text
    assert "分" not in text.replace("部门整体支出", "")


def test_indicator_sentence_counts_by_status(full_report) -> None:
    text = sentences(full_report).indicators
    assert text.startswith("全年共设置三级绩效指标6个，其中产出指标4个、效益指标1个、满意度指标1个")
    assert "已达成5个（其中超额完成3个）" in text
    assert "未完成1个" in text


def test_indicator_status_by_operator() -> None:
    def status(op: str, target: str, actual: str | None) -> str:
        return assess_indicator(Indicator(name="x", op=op, target=Decimal(target),
                                          actual=None if actual is None else Decimal(actual)), FRAMEWORK).label

    assert status(">=", "200", "432") == "超额完成"
    assert status(">=", "200", "210") == "完成"
    assert status(">=", "200", "199") == "未完成"
    assert status("<=", "6", "6.2") == "未完成"
    assert status("<=", "6", "5") == "完成"
    assert status("=", "79", "79") == "完成"
    assert status(">=", "85", None) == "未填报"
    # the scoring engine's rule (vendor S4): ＞ and ＜ are scored as ≥ and ≤, and ＝ with a non-zero
    # target as 正向; the report said 未完成 here before the rule had one home
    assert status(">", "200", "200") == "完成"
    assert status("<", "6", "6") == "完成"
    assert status("=", "79", "80") == "完成"
    assert status("=", "79", "110") == "超额完成"
    assert status("=", "0", "1") == "未完成"
    qualitative = Indicator(name="x", op="qualitative", actual_text="部分达成年度指标并具有一定效果")
    assert assess_indicator(qualitative, FRAMEWORK).label == "未完成"


def test_number_formats() -> None:
    assert money(Decimal("2659.4")) == "2659.40"
    assert money(Decimal("0.005")) == "0.01"  # half up, as 财务 rounds
    assert percent(Decimal("72.6")) == "72.60%"
    assert [chinese_number(n) for n in (1, 10, 12, 20, 23)] == ["一", "十", "十二", "二十", "二十三"]
