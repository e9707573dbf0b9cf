"""Round trip: a report saved to the database and loaded back is the same report."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from jixiao import synthetic
from jixiao.report import Evidence, PerformanceReport
from jixiao.web.budgets.models import Budget, MonthlyExecution
from jixiao.web.departments.models import Department
from jixiao.web.evaluation.flows import save_report
from jixiao.web.evaluation.interchange import InterchangeError
from jixiao.web.evaluation.models import Evaluation, Indicator
from jixiao.web.evaluation.selectors import assemble_report

pytestmark = pytest.mark.django_db


def _round_trip(report: PerformanceReport) -> PerformanceReport:
    evaluation = save_report(report)
    return assemble_report(evaluation.department, evaluation.fiscal_year)


def test_backend_in_use_is_reported() -> None:
    # Makes the pass visible in the summary: one of these runs per database backend.
    assert connection.vendor in {"sqlite", "postgresql"}


def test_seed_gold_reports_round_trip(seed) -> None:
    gold = seed.gold()
    gold.evidence = {"budget.total": [Evidence(start=10, end=20, page=1, section="（二）部门整体收支情况", text="3663.27")]}
    gold.problems = ["预算执行进度不均衡。"]
    assert _round_trip(gold) == gold


def test_synthetic_reports_round_trip_with_monthly_execution() -> None:
    for report in synthetic.reports(5, years=(2021, 2022), indicators=15):
        loaded = _round_trip(report)
        assert loaded == report
        assert loaded.key_figures() == report.key_figures()


def test_money_keeps_every_cent_in_the_database() -> None:
    report = synthetic.report(1, 2022)
    report.budget.total = Decimal("999999999999.99")
    report.budget.spent = Decimal("0.01")
    loaded = _round_trip(report)
    assert loaded.budget.total == Decimal("999999999999.99")
    assert loaded.budget.spent == Decimal("0.01")


def test_saving_again_updates_in_place_and_keeps_history() -> None:
    report = synthetic.report(2, 2022, indicators=10)
    save_report(report)
    indicator_ids = list(Indicator.objects.order_by("position").values_list("pk", flat=True))
    changed = report.model_copy(deep=True)
    changed.indicators[0].actual = Decimal("12345")
    changed.indicators = changed.indicators[:8]
    changed.budget.spent = changed.budget.spent - Decimal("1.00")
    save_report(changed)
    assert list(Indicator.objects.order_by("position").values_list("pk", flat=True)) == indicator_ids[:8]
    assert Indicator.all_objects.filter(deleted_at__isnull=False).count() == 2  # soft-deleted, not gone
    first = Indicator.objects.get(pk=indicator_ids[0])
    assert [h.actual for h in first.history.order_by("history_date")][-1] == Decimal("12345")
    assert first.history.count() == 2
    budget = Budget.objects.get()
    assert budget.history.count() == 2
    assert assemble_report(budget.department, budget.fiscal_year) == changed


def test_monthly_rows_follow_the_report() -> None:
    report = synthetic.report(4, 2022)
    save_report(report)
    report.budget.monthly = report.budget.monthly[:6]
    save_report(report)
    assert MonthlyExecution.objects.count() == 6
    assert MonthlyExecution.all_objects.count() == 12


def test_a_report_without_department_or_year_is_refused() -> None:
    with pytest.raises(InterchangeError, match="部门名称或年度"):
        save_report(PerformanceReport(year=2022))
    assert not Evaluation.objects.exists()


def test_soft_delete_hides_rows_and_restore_brings_them_back() -> None:
    save_report(synthetic.report(5, 2022))
    department = Department.objects.get()
    Department.objects.filter(pk=department.pk).delete()
    assert not Department.objects.exists()
    assert Department.all_objects.get(pk=department.pk).deleted_at is not None
    Department.all_objects.get(pk=department.pk).restore()
    assert Department.objects.get() == department


def test_a_report_that_states_no_months_leaves_the_entered_months_alone(db) -> None:
    """A published report (no 月度执行数) saved over a year with entered months must not delete them."""
    from jixiao import synthetic
    from jixiao.web.budgets.models import MonthlyExecution
    from jixiao.web.evaluation.flows import save_report

    report = synthetic.report(0, 2022)
    assert report.budget.monthly
    save_report(report)
    entered = MonthlyExecution.objects.filter(budget__fiscal_year__year=2022).count()
    published = report.model_copy(deep=True)
    published.budget.monthly = []
    save_report(published)
    assert MonthlyExecution.objects.filter(budget__fiscal_year__year=2022).count() == entered


def test_an_imported_report_keeps_its_sections(seed) -> None:
    """The department's own sections are stored (evaluation.sections) and come back in order."""
    from jixiao.importer import import_file

    report = import_file(seed.text_path).report
    loaded = _round_trip(report)
    assert loaded.sections == report.sections and loaded.sections


def test_a_report_stored_before_sections_reads_them_from_its_document(seed_001) -> None:
    """A row saved without sections (before the field existed) falls back to its source document's text."""
    from jixiao.extract.sections import sections_of_text
    from jixiao.importer import import_file
    from jixiao.web.documents.models import SourceDocument

    report = import_file(seed_001.text_path).report
    text = seed_001.text_path.read_text(encoding="utf-8")
    document = SourceDocument.objects.create(original_name="zc.txt", sha256="0" * 64, format="txt",
                                             extracted_text=text)
    evaluation = save_report(report, document=document)
    Evaluation.objects.filter(pk=evaluation.pk).update(sections=[])
    loaded = assemble_report(evaluation.department, evaluation.fiscal_year)
    assert loaded.sections == sections_of_text(text) == report.sections
