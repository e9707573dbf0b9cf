"""The 附件1 funding rows must add up to the 年度资金总额 (arithmetic.project_funds_total)."""

from __future__ import annotations

from decimal import Decimal

from jixiao import synthetic
from jixiao.review import review

RULE = "arithmetic.project_funds_total"


def test_consistent_rows_are_quiet() -> None:
    report = synthetic.project_report(3, 2024)
    assert not [f for f in review(report) if f.rule == RULE]


def test_a_wrong_total_is_named_with_the_difference() -> None:
    report = synthetic.project_report(3, 2024)
    report.budget.total = report.budget.total - Decimal("0.19")
    (finding,) = [f for f in review(report) if f.rule == RULE]
    assert "全年预算数" in finding.message and "相差0.19万元" in finding.message
    assert finding.severity == "serious" and finding.suggestion


def test_one_row_alone_is_not_checked() -> None:
    report = synthetic.project_report(3, 2024)
    report.budget.funds.prior_carryover.spent = None
    report.budget.funds.other.spent = None
    report.budget.spent = Decimal("1")
    assert not [f for f in review(report) if f.rule == RULE]
