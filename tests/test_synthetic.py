"""The synthetic generator: deterministic, consistent to the cent, varied enough to test on."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from jixiao import synthetic


def test_same_seed_same_report_and_different_seed_differs() -> None:
    assert synthetic.report(7, 2022, seed=1) == synthetic.report(7, 2022, seed=1)
    assert synthetic.report(7, 2022, seed=1) != synthetic.report(7, 2022, seed=2)


def test_figures_add_up_to_the_cent() -> None:
    for report in synthetic.reports(50, years=(2021, 2022)):
        b = report.budget
        assert b.by_nature.basic + b.by_nature.project == b.spent
        s = b.by_source
        assert s.general_public + s.government_fund + s.state_capital + s.other == b.spent
        assert b.total - b.spent == b.carryover
        assert sum((m.spent for m in b.monthly), Decimal(0)) == b.spent
        assert [m.month for m in b.monthly] == list(range(1, 13))
        assert all(x == x.quantize(Decimal("0.01")) for x in (b.total, b.spent, b.carryover))


def test_indicator_weights_roll_up_to_the_framework_parts() -> None:
    report = synthetic.report(3, 2022, indicators=30)
    assert len(report.indicators) == 30
    totals: Counter[str] = Counter()
    for indicator in report.indicators:
        totals[indicator.level1] += indicator.weight
        if indicator.op != "qualitative":
            assert indicator.unit, indicator.name
    assert totals == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}


def test_department_names_are_unique_for_a_thousand_departments() -> None:
    names = [synthetic.department(i).name for i in range(1000)]
    assert len(set(names)) == 1000


def test_the_population_has_the_cases_reviews_and_monitoring_look_for() -> None:
    reports = list(synthetic.reports(200))
    low_execution = [r for r in reports if r.budget.execution_rate < 90]
    missing_actual = [i for r in reports for i in r.indicators if i.op != "qualitative" and i.actual is None]
    over = [i for r in reports for i in r.indicators
            if i.op == ">=" and i.actual is not None and i.actual >= i.target * Decimal("1.3")]
    december_heavy = [r for r in reports if r.budget.monthly[11].spent > 2 * r.budget.monthly[5].spent]
    assert low_execution and missing_actual and over and december_heavy
    assert len(low_execution) < len(reports) / 2
