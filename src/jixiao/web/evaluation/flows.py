"""Writes that cross apps and start here (流程): storing a report — one, imported with its file, or many.

- ``save_report``: a ``PerformanceReport`` under its department and year, in one transaction —
  the department (``departments.services.department_named``), its budget and months
  (``budgets.services.store_report_budget``), and this app's goals, tasks, indicators and
  evaluation, updated in place (so history shows what changed), rows the new report no longer
  has soft-deleted.
- ``store_import``: ``jixiao import --save`` and the demo's seeds: the file once per sha256
  (``documents``) and, when the report names its department and year, its figures, linked.
- ``store_reports`` (批量入库), for demo and benchmark databases: ``save_report`` costs ≈ 30 ms a
  report on SQLite (a query or two per row, history row by row), so 1,000 departments × 5 years
  would take minutes. It writes the same rows — the same columns (``budget_columns``,
  ``indicator_columns``, ``evaluation_columns``), the same positions, one history record
  ("+", created) per row — with ``bulk_create`` a few hundred reports at a time, and the summary
  rows with them, scored by the core from the report in hand (signals do not fire on
  ``bulk_create``). Reports of departments that already exist, and a second report of the same
  department and year, go through ``save_report`` instead, which updates in place.
- ``store_imports`` (批量导入入库): ``store_import`` for a chunk of imported files in one
  transaction, through the bulk path — what a batch (``jixiao batch submit --save``, its Celery
  task, ``jixiao import --save``) stores. ``store_import`` costs ≈ 45 queries a file (each row,
  its history, its summary mark, the audit seal of its own commit); a chunk pays a few queries
  per table and one seal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from jixiao.importer import ImportResult
from jixiao.report import PerformanceReport
from jixiao.web.accounts.models import User
from jixiao.web.bootstrap import refresh_statistics
from jixiao.web.budgets.models import Budget, MonthlyExecution, budget_columns
from jixiao.web.budgets.services import store_report_budget
from jixiao.web.common.actor import current_actor, history_bulk_written
from jixiao.web.departments.models import Department, FiscalYear, Region
from jixiao.web.departments.services import department_named
from jixiao.web.documents.models import SourceDocument
from jixiao.web.documents.selectors import stored_copy, stored_parts
from jixiao.web.documents.services import new_document, staged_files, store_file
from jixiao.web.evaluation.interchange import (
    InterchangeError,
    evaluation_columns,
    indicator_columns,
    sync_rows,
)
from jixiao.web.evaluation.models import (
    DepartmentYearSummary,
    Evaluation,
    Indicator,
    KeyTask,
    PerformanceGoal,
)
from jixiao.web.evaluation.summary import figures, refresh


@transaction.atomic
def save_report(report: PerformanceReport, *, document: SourceDocument | None = None) -> Evaluation:
    """Store ``report`` under its department and year (报告入库); returns the evaluation row."""
    if not report.department or report.year is None:
        raise InterchangeError("报告缺少部门名称或年度，无法入库")
    department = department_named(name=report.department, region=report.region)
    fiscal_year, _ = FiscalYear.objects.get_or_create(year=report.year)
    store_report_budget(department=department, fiscal_year=fiscal_year, data=report.budget)
    scope = {"department": department, "fiscal_year": fiscal_year}
    sync_rows(PerformanceGoal, scope, [{"text": goal.text} for goal in report.goals])
    sync_rows(KeyTask, scope, [{"title": task.title, "text": task.text} for task in report.tasks])
    sync_rows(Indicator, scope, [indicator_columns(item) for item in report.indicators])
    evaluation = Evaluation.objects.filter(**scope).first() or Evaluation(**scope)
    for name, value in evaluation_columns(report).items():
        setattr(evaluation, name, value)
    if document is not None:
        evaluation.source_document = document
    evaluation.save()
    return evaluation


@transaction.atomic
def store_import(result: ImportResult, *, uploaded_by: User | None = None) -> tuple[SourceDocument, bool]:
    """Store an imported file and its report (导入入库); returns ``(document, created)``.

    A file whose sha256 is already stored is not stored again (``created`` is False), so that
    importing the same folder twice changes nothing. A report naming no department or year is
    stored as a file only.
    """
    existing = stored_copy(result)
    if existing is not None:
        return existing, False
    report = result.report
    assert report is not None  # stored_copy refused an import with nothing to store
    with staged_files():  # the file moves into place when this commits, and is removed if it does not
        if not (report.department and report.year is not None):
            return store_file(result=result, department=None, fiscal_year=None, uploaded_by=uploaded_by), True
        return _save_with_file(report, result, uploaded_by), True


def _save_with_file(report: PerformanceReport, result: ImportResult, uploaded_by: User | None) -> SourceDocument:
    """``save_report`` and the file under the evaluation's department and year, linked (the caller checked ``stored_copy``)."""
    evaluation = save_report(report)
    document = store_file(result=result, department=evaluation.department, fiscal_year=evaluation.fiscal_year,
                          uploaded_by=uploaded_by)
    evaluation.source_document = document
    evaluation.save(update_fields=["source_document", "updated_at"])
    return document


@transaction.atomic
def store_imports(results: Sequence[ImportResult], *, uploaded_by: User | None = None
                  ) -> list[tuple[SourceDocument, bool]]:
    """Store imported files and their reports in one transaction (批量导入入库); ``(document, created)`` each, in order.

    What ``store_import`` does for each of them, in bulk: a file whose sha256 is already stored,
    or appears earlier in ``results``, is not stored again (``created`` False, the stored file);
    the reports of departments not stored yet are written with ``bulk_create`` (``_store_chunk``:
    the same rows, one history record each, the file's row with them); a report of a department
    already stored, or a second one of the same department and year, goes through
    ``save_report`` as in ``store_import`` (updated in place: history shows what changed); a
    report naming no department or year is stored as a file only. One transaction: a failure
    anywhere leaves no row and no file of any of them (the staged files are removed).
    """
    parts = [stored_parts(result) for result in results]
    stored = {d.sha256: d for d in SourceDocument.objects.filter(sha256__in={raw.sha256 for raw, _ in parts})}
    out: list[tuple[SourceDocument, bool] | None] = [None] * len(parts)
    first: dict[str, int] = {}
    named: list[int] = []
    for index, (raw, report) in enumerate(parts):
        if raw.sha256 in stored:
            out[index] = (stored[raw.sha256], False)
        elif raw.sha256 not in first:
            first[raw.sha256] = index
            if report.department and report.year is not None:
                named.append(index)
    with staged_files():
        documents = _store_chunk([parts[i][1] for i in named], results=[results[i] for i in named],
                                 uploaded_by=uploaded_by)
        for index, document in zip(named, documents, strict=True):
            assert document is not None  # _store_chunk stores a file for every result it is given
            out[index] = (document, True)
        for index in first.values():
            if out[index] is None:  # names no department or year: the file only
                out[index] = (store_file(result=results[index], department=None, fiscal_year=None,
                                         uploaded_by=uploaded_by), True)
    answer: list[tuple[SourceDocument, bool]] = []
    for index, (raw, _) in enumerate(parts):
        done = out[index] or out[first[raw.sha256]]
        assert done is not None
        answer.append(done if out[index] is not None else (done[0], False))  # a second copy: the first's file
    return answer


def store_reports(reports: Iterable[PerformanceReport], *, chunk: int = 500) -> int:
    """Store ``reports`` (mostly of departments not stored yet); returns how many were stored."""
    count = 0
    iterator = iter(reports)
    while batch := list(islice(iterator, chunk)):
        _store_chunk(batch)
        count += len(batch)
    if count:
        refresh_statistics()  # the tables grew at once: let the query planner know
    return count


def _occupied(departments: Iterable[Department], years: set[int]) -> set[tuple[str, int]]:
    """(department name, year) of the stored departments' years that hold any row already (deleted ones too)."""
    ids = [d.pk for d in departments]
    if not ids or not years:
        return set()
    found: set[tuple[str, int]] = set()
    for model in (Budget, Evaluation, PerformanceGoal, KeyTask, Indicator):
        found.update(model.all_objects.filter(department_id__in=ids, fiscal_year__year__in=years)
                     .values_list("department__name", "fiscal_year__year").distinct())
    return found


def _create(model: type[Any], rows: list[Any]) -> list[Any]:
    if not rows:
        return []
    actor = current_actor()
    created = bulk_create_with_history(rows, model, batch_size=500, default_user=actor.user if actor else None,
                                       default_change_reason=actor.source if actor else "系统")
    # no per-row signals: let the audit seal the history of these rows
    history_bulk_written.send(sender=_create, model=model, ids=[row.pk for row in created])
    return created


@transaction.atomic
def _store_chunk(reports: list[PerformanceReport], *, results: list[ImportResult] | None = None,
                 uploaded_by: User | None = None) -> list[SourceDocument | None]:
    """Store ``reports`` (each with its file when ``results``, parallel to them, is given); their files in order."""
    for report in reports:
        if not report.department or report.year is None:
            raise InterchangeError("报告缺少部门名称或年度，无法入库")
    known = {d.name: d for d in Department.objects.filter(name__in={r.department for r in reports})
             .select_related("region")}
    occupied = _occupied(known.values(), {r.year for r in reports if r.department in known and r.year is not None})
    fresh_at: list[int] = []
    later_at: list[int] = []
    seen: set[tuple[str, int]] = set()
    # a stored department's new year is new rows only, as a new department's are: written in bulk too,
    # unless the year holds rows already (declared goals, a deleted report) or one of the department's
    # reports here moves it to another region (save_report keeps that history, in the reports' order)
    moving = {r.department for r in reports if r.department in known and r.region
              and (known[r.department].region is None or known[r.department].region.name != r.region)}
    for index, report in enumerate(reports):
        assert report.department and report.year is not None  # checked above
        key = (report.department, report.year)
        (later_at if key in seen or key in occupied or report.department in moving else fresh_at).append(index)
        seen.add(key)
    fresh = [reports[i] for i in fresh_at]
    files: list[SourceDocument | None] = [None] * len(reports)

    wanted = {r.year for r in fresh if r.year is not None}  # every one has a year (checked above)
    years: dict[int | None, FiscalYear] = {y.year: y for y in FiscalYear.objects.filter(year__in=wanted)}
    for fiscal_year in _create(FiscalYear, [FiscalYear(year=y) for y in sorted(wanted - set(years))]):
        years[fiscal_year.year] = fiscal_year
    region_names = {r.region for r in fresh if r.region}
    regions = {r.name: r for r in Region.objects.filter(name__in=region_names)}
    for region in _create(Region, [Region(name=n) for n in sorted(region_names - set(regions))]):
        regions[region.name] = region
    region_of: dict[str, str | None] = {}
    for report in fresh:  # save_report keeps the last region a department's reports name
        if report.department and report.department not in known and (
                report.region or report.department not in region_of):  # (named: checked above)
            region_of[report.department] = report.region
    departments = {d.name: d for d in _create(Department, [
        Department(name=name, region=regions.get(region) if region else None) for name, region in region_of.items()])}
    departments.update(known)

    budgets = _create(Budget, [Budget(department=departments[r.department], fiscal_year=years[r.year],
                                      **budget_columns(r.budget)) for r in fresh])
    _create(MonthlyExecution, [MonthlyExecution(budget=b, month=m.month, spent=m.spent)
                               for b, r in zip(budgets, fresh, strict=True) for m in r.budget.monthly])
    scopes = [{"department": departments[r.department], "fiscal_year": years[r.year]} for r in fresh]
    _create(PerformanceGoal, [PerformanceGoal(**s, position=i, text=g.text)
                              for s, r in zip(scopes, fresh, strict=True) for i, g in enumerate(r.goals)])
    _create(KeyTask, [KeyTask(**s, position=i, title=t.title, text=t.text)
                      for s, r in zip(scopes, fresh, strict=True) for i, t in enumerate(r.tasks)])
    _create(Indicator, [Indicator(**s, position=i, **indicator_columns(item))
                        for s, r in zip(scopes, fresh, strict=True) for i, item in enumerate(r.indicators)])
    documents: list[SourceDocument | None] = [None] * len(fresh)
    if results is not None:  # the files first, so that each evaluation is created linked to its file
        documents = _create(SourceDocument, [
            new_document(result=results[i], department=s["department"], fiscal_year=s["fiscal_year"],
                         uploaded_by=uploaded_by) for i, s in zip(fresh_at, scopes, strict=True)])
    created = _create(Evaluation, [Evaluation(**s, **evaluation_columns(r), source_document=d)
                                   for s, r, d in zip(scopes, fresh, documents, strict=True)])
    for index, document in zip(fresh_at, documents, strict=True):
        files[index] = document
    # read back what the database holds (its decimal places), as a reader's recompute would see it
    evaluations = Evaluation.objects.in_bulk([e.pk for e in created])
    months: dict[int, list[tuple[int, Any]]] = {}
    for budget_id, month, spent in (MonthlyExecution.objects.filter(budget__in=budgets).order_by("month")
                                    .values_list("budget_id", "month", "spent")):
        months.setdefault(budget_id, []).append((month, spent))
    DepartmentYearSummary.objects.bulk_create([
        DepartmentYearSummary(budget=b, department=b.department, fiscal_year=b.fiscal_year, stale=False,
                              **figures(evaluations[e.pk], months.get(b.pk, []), lambda r=r: r))  # type: ignore[misc]  # the default binds the loop's report; mypy cannot infer such a lambda
        for b, e, r in zip(budgets, created, fresh, strict=True)], batch_size=500)
    for index in later_at:  # updated in place, row by row, as one report is: history shows what changed
        if results is None:
            save_report(reports[index])
        else:
            files[index] = _save_with_file(reports[index], results[index], uploaded_by)
    if later_at:
        refresh(departments=Department.objects.filter(name__in={reports[i].department for i in later_at}))
    return files
