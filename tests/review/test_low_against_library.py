"""targets.low_against_library (目标偏低，对照指标库): what it must catch and what it must leave alone."""

from __future__ import annotations

from decimal import Decimal

from jixiao.report import Indicator, PerformanceReport
from jixiao.review.engine import run_rules

BASIS = "上年实际（2021）410期；2022年同类 8 个部门指标值中位数 365期；建议目标 ≥ 410期"


def _report(*indicators: Indicator) -> PerformanceReport:
    return PerformanceReport(department="荔湾", year=2022, indicators=list(indicators))


def _findings(report: PerformanceReport, basis: dict[int, str] | None) -> list:
    return run_rules(report, None, only=["targets.low_against_library"], target_basis=basis)


def liwan() -> Indicator:  # the seed's own figures: ≥200 期, 432 期
    return Indicator(name="舆情日报数量", op=">=", target=Decimal(200), actual=Decimal(432), unit="期")


def test_a_library_checked_target_exceeded_by_far_is_flagged_with_its_basis() -> None:
    report = _report(Indicator(name="正面新闻报道量", op=">=", target=Decimal(8000), actual=Decimal(9000), unit="篇"),
                     liwan())
    [finding] = _findings(report, {0: "同类中位数 8000篇", 1: BASIS})
    assert finding.message.startswith("指标“舆情日报数量”指标值≥200期，实际完成432（216.00%），目标偏低")
    assert finding.message.endswith("依据：" + BASIS)
    assert finding.severity == "general"


def test_left_alone_without_a_library_check_below_the_line_or_a_reverse_target_kept() -> None:
    assert _findings(_report(liwan()), None) == []  # not checked against the library: the core alone says nothing new
    assert _findings(_report(liwan()), {1: BASIS}) == []  # the basis is another indicator's
    near = Indicator(name="舆情日报数量", op=">=", target=Decimal(400), actual=Decimal(432), unit="期")  # 108%
    assert _findings(_report(near), {0: BASIS}) == []
    reverse = Indicator(name="投诉件数", op="<=", target=Decimal(10), actual=Decimal(8), unit="件")  # 80%: not far
    assert _findings(_report(reverse), {0: BASIS}) == []
    far = Indicator(name="投诉件数", op="<=", target=Decimal(10), actual=Decimal(5), unit="件")  # 50%
    assert len(_findings(_report(far), {0: BASIS})) == 1
    qualitative = Indicator(name="宣传覆盖面", op="qualitative", actual_text="达成年度指标")
    assert _findings(_report(qualitative), {0: BASIS}) == []
