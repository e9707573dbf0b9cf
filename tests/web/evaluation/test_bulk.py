"""Bulk storage (批量入库) stores what ``save_report`` stores, row for row, history and summary included."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from jixiao import synthetic
from jixiao.web.budgets.models import Budget, MonthlyExecution
from jixiao.web.departments.models import Department, FiscalYear, Region
from jixiao.web.evaluation import summary
from jixiao.web.evaluation.flows import save_report, store_reports
from jixiao.web.evaluation.interchange import InterchangeError, indicator_columns
from jixiao.web.evaluation.models import (
    DepartmentYearSummary,
    Evaluation,
    Indicator,
    KeyTask,
    PerformanceGoal,
)
from jixiao.web.evaluation.selectors import assemble_report

pytestmark = pytest.mark.django_db

MODELS = (MonthlyExecution, Indicator, KeyTask, PerformanceGoal, Evaluation, Budget, Department, Region)
SKIP = {"id", "created_at", "updated_at", "deleted_at", "budget", "department", "fiscal_year", "region", "parent"}


def _where(row: Any) -> tuple:
    budget = getattr(row, "budget", None)
    department = budget.department if budget else getattr(row, "department", None)
    year = budget.fiscal_year.year if budget else getattr(getattr(row, "fiscal_year", None), "year", None)
    region = getattr(getattr(row, "region", None), "name", None)
    return (department.name if department else None, year, region)


def _snapshot() -> dict[str, Any]:
    rows = {m.__name__: sorted(repr((_where(r), {k: v for k, v in model_to_dict(r).items() if k not in SKIP}))
                               for r in m.all_objects.all()) for m in MODELS}
    history = {m.__name__: sorted((h.history_type, h.deleted_at is None) for h in m.history.all()) for m in MODELS}
    figures = sorted(repr((_where(s), s.score, s.grade, s.grade_computed, s.monthly))
                     for s in DepartmentYearSummary.objects.all())
    return {"rows": rows, "history": history, "summary": figures, "years": sorted(FiscalYear.objects.values_list("year", flat=True))}


def _erase() -> None:
    DepartmentYearSummary.objects.all().delete()
    for model in MODELS:
        model.all_objects.all().hard_delete()
        model.history.all().delete()


def test_bulk_stores_what_save_report_stores() -> None:
    reports = list(synthetic.reports(3, years=(2021, 2022, 2023), seed=7))
    assert store_reports(reports, chunk=4) == 9  # chunks that split a department's years
    bulk = _snapshot()
    assert len(bulk["rows"]["Budget"]) == 9 and len(bulk["summary"]) == 9
    _erase()
    for report in reports:
        save_report(report)
    summary.refresh(departments=Department.objects.all())
    assert _snapshot() == bulk
    for report in reports[:2]:
        department = Department.objects.get(name=report.department)
        assert assemble_report(department, report.year) == report


def test_bulk_summary_is_what_a_recompute_gives() -> None:
    store_reports(synthetic.reports(4, years=(2022,)))
    stored = _snapshot()["summary"]
    summary.mark_stale(budget_ids=Budget.objects.values_list("pk", flat=True))
    assert summary.refresh(departments=Department.objects.all()) == 4
    assert _snapshot()["summary"] == stored


def test_a_stored_year_and_a_repeated_year_go_through_save_report() -> None:
    save_report(synthetic.report(0, 2022))
    changed = synthetic.report(0, 2022, seed=1).model_copy(update={"department": synthetic.department(0).name})
    store_reports([synthetic.report(0, 2023), changed, synthetic.report(1, 2022), synthetic.report(1, 2022)])
    assert Budget.objects.count() == 3
    department = Department.objects.get(name=synthetic.department(0).name)
    assert assemble_report(department, 2022).budget.total == changed.budget.total
    assert Budget.history.filter(history_type="~").exists()  # updated in place, as save_report does
    assert not Budget.history.filter(history_type="~", fiscal_year__year=2023).exists()  # a new year: new rows


def test_a_stored_departments_new_year_is_written_in_bulk_as_save_report_writes_it() -> None:
    # a province's second year of reports: every department is stored already, each year is new
    first = list(synthetic.reports(3, years=(2022,), seed=4))
    second = list(synthetic.reports(3, years=(2023, 2024), seed=4))
    store_reports(first)
    with CaptureQueriesContext(connection) as bulk_queries:
        store_reports(second)
    bulk = _snapshot()
    _erase()
    store_reports(first)
    with CaptureQueriesContext(connection) as single_queries:
        for report in second:
            save_report(report)
        summary.refresh(departments=Department.objects.all())
    assert _snapshot() == bulk
    assert len(bulk_queries) * 3 < len(single_queries)


def test_a_year_with_declared_goals_or_a_new_region_goes_through_save_report() -> None:
    store_reports([synthetic.report(0, 2022), synthetic.report(1, 2022)])
    declared = synthetic.report(0, 2023)
    department = Department.objects.get(name=declared.department)
    year = FiscalYear.objects.create(year=2023)
    Indicator.objects.create(department=department, fiscal_year=year, position=0,
                             **indicator_columns(declared.indicators[0]))  # declared before the year's report
    moved = synthetic.report(1, 2023).model_copy(update={"region": "另一个区"})
    store_reports([declared, moved])
    assert Indicator.objects.filter(department=department, fiscal_year=year).count() == len(declared.indicators)
    assert Department.objects.get(name=moved.department).region.name == "另一个区"
    assert Department.history.filter(name=moved.department, history_type="~").exists()


def test_a_report_without_department_is_refused() -> None:
    report = synthetic.report(0, 2022).model_copy(update={"department": None})
    with pytest.raises(InterchangeError):
        store_reports([report])
    assert not Budget.objects.exists()


def test_demo_loads_generated_years_through_the_bulk_path() -> None:
    from jixiao.web import demo

    count = demo.load(departments=2, years=range(2023, 2025))
    assert count == 2 + 4  # the two imported seeds, then 2 departments × 2 years
    generated = Budget.objects.filter(department__name__in=[synthetic.department(i).name for i in (0, 1)])
    assert sorted(generated.values_list("fiscal_year__year", flat=True)) == [2023, 2023, 2024, 2024]
    assert DepartmentYearSummary.objects.filter(budget__in=generated, stale=False).count() == 4


def test_demo_years_option_reads_a_range() -> None:
    import typer

    from jixiao.cli.demo_cmd import _years

    assert list(_years("2020-2024")) == [2020, 2021, 2022, 2023, 2024]
    assert list(_years("2022")) == [2022]
    with pytest.raises(typer.BadParameter):
        _years("二〇二二")
