"""A department-year's score and grade, and keeping the derived figures fresh (看板汇总的失效与重算).

The rule (``score_and_grade``): the core's ``score_report`` where it scores the report in full, as
the evaluation page shows it; else the stated score and grade (a stated score without a grade gets
the grade of the framework's bands). The
board (``dashboard``) and 结果应用 (``results``) read its result from ``DepartmentYearSummary``
through ``selectors.year_scores``, so no request scores what did not change.

Why signals and versions: the figures depend on six kinds of rows (Budget, MonthlyExecution,
Evaluation, Indicator, PerformanceGoal, KeyTask) that many writers change — ``save_report``,
the API and pages, the admin, and writers still to come. Instead of asking each writer to
remember a call, receivers on ``post_save``/``post_delete`` of those models raise the
``version`` of the affected summary row, inside the writer's own transaction (one UPDATE, no
scoring). Soft deletes are saves, so they are covered too. Readers call ``refresh`` first: it
recomputes through the core only the rows marked stale, and writes
the result only if no writer raised the version meanwhile (compare-and-set), so a change that
lands while a reader recomputes is never lost (the row stays stale for the next reader).

Writes that bypass model signals (``QuerySet.update``, ``bulk_create``) must call
``mark_stale``; ``flows.store_reports`` writes the summary rows itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.db.models import Count, F, Max, Prefetch, QuerySet, Sum
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from jixiao.report import PerformanceReport
from jixiao.scoring import default_framework_for, score_report
from jixiao.scoring.framework import Framework
from jixiao.web.budgets.models import Budget, MonthlyExecution
from jixiao.web.departments.models import Department, FiscalYear, Region
from jixiao.web.evaluation.interchange import assemble_report
from jixiao.web.evaluation.models import (
    DepartmentYearSummary,
    Evaluation,
    Indicator,
    KeyTask,
    PerformanceGoal,
)

Summary = DepartmentYearSummary
_CHUNK = 200


@functools.lru_cache(maxsize=8)
def _framework(kind: str | None) -> Framework:
    # the shipped frameworks are data files read at start; parsing the TOML per row cost more than scoring
    return default_framework_for(kind)


def score_and_grade(evaluation: Evaluation | None, report: Callable[[], PerformanceReport]
                    ) -> tuple[Decimal | None, str | None, bool]:
    """The year's score and grade, the same the evaluation page leads with: ``(score, grade, computed)``.

    The core's score and grade (系统计算) wherever it can score the report in full; only where it
    cannot (no indicators listed) the stated ones (报告所述), a stated score without a grade graded
    by the framework's bands. So 结果应用 and the board never show 优 where the evaluation page says 差.
    """
    loaded = report()
    result = score_report(loaded, _framework(loaded.kind))
    if result.complete:
        return result.total, result.grade, True
    if evaluation is not None and evaluation.grade:
        return evaluation.score, evaluation.grade, False
    if evaluation is not None and evaluation.score is not None:
        return evaluation.score, _framework(evaluation.kind).grade(evaluation.score), True
    return result.total, result.grade, True


def figures(evaluation: Evaluation | None, months: Iterable[tuple[int, Decimal]],
            report: Callable[[], PerformanceReport]) -> dict[str, Any]:
    """The stored columns of one summary row."""
    score, grade, computed = score_and_grade(evaluation, report)
    return {"score": "" if score is None else str(score), "grade": grade or "", "grade_computed": computed,
            "monthly": [[month, str(spent)] for month, spent in months]}


def mark_stale(*, budget_ids: Iterable[int] = (), department_years: Iterable[tuple[int, int]] = ()) -> None:
    """Mark summary rows out of date (by budget, or by department and fiscal-year ids)."""
    bump = {"version": F("version") + 1, "stale": True}
    budget_ids = list(budget_ids)
    if budget_ids:
        Summary.objects.filter(budget_id__in=budget_ids).update(**bump)
    for department_id, fiscal_year_id in department_years:
        Summary.objects.filter(department_id=department_id, fiscal_year_id=fiscal_year_id).update(**bump)


def _budget_changed(sender: type[Budget], instance: Budget, **kwargs: Any) -> None:
    if not Summary.objects.filter(budget_id=instance.pk).update(version=F("version") + 1, stale=True) and \
            instance.deleted_at is None and kwargs.get("signal") is post_save:
        # a new budget gets its (stale) row at once, so a reader racing this writer cannot miss it
        Summary.objects.bulk_create([Summary(budget_id=instance.pk, department_id=instance.department_id,
                                             fiscal_year_id=instance.fiscal_year_id)], ignore_conflicts=True)


def _monthly_changed(sender: type[MonthlyExecution], instance: MonthlyExecution, **kwargs: Any) -> None:
    mark_stale(budget_ids=[instance.budget_id])


def _year_row_changed(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    mark_stale(department_years=[(instance.department_id, instance.fiscal_year_id)])


def _shown_row_changed(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    # names, regions, parents and years are read at display time, but the board's cached figures
    # are keyed by ``generation()``: raising the versions is what makes a rename show at once
    rows = {Department: Summary.objects.filter(department_id=instance.pk),
            Region: Summary.objects.filter(department__region_id=instance.pk),
            FiscalYear: Summary.objects.filter(fiscal_year_id=instance.pk)}[sender]
    rows.update(version=F("version") + 1, stale=True)


def generation() -> tuple[int, int, int, Any]:
    """(rows, sum of versions, stale rows, last recompute) of the whole summary.

    Every write to an input raises a version or adds or removes a row, and every recompute
    moves the last time on, so equal generations mean equal figures.
    """
    totals = Summary.objects.aggregate(rows=Count("pk"), versions=Sum("version"),
                                       stale=Count("pk", filter=models.Q(stale=True)), last=Max("computed_at"))
    return totals["rows"], totals["versions"] or 0, totals["stale"], totals["last"]


def connect() -> None:
    """Connect the receivers (called once from the app config)."""
    for signal in (post_save, post_delete):
        signal.connect(_budget_changed, sender=Budget, dispatch_uid=f"summary-budget-{signal is post_save}")
        signal.connect(_monthly_changed, sender=MonthlyExecution, dispatch_uid=f"summary-month-{signal is post_save}")
        for model in (Evaluation, Indicator, PerformanceGoal, KeyTask):
            signal.connect(_year_row_changed, sender=model,
                           dispatch_uid=f"summary-{model.__name__}-{signal is post_save}")
        for shown in (Department, Region, FiscalYear):
            signal.connect(_shown_row_changed, sender=shown,
                           dispatch_uid=f"summary-{shown.__name__}-{signal is post_save}")


def refresh(*, departments: QuerySet[Department]) -> int:
    """Create missing and recompute stale summary rows of ``departments``; returns how many were recomputed."""
    missing = list(Budget.objects.filter(department__in=departments, summary__isnull=True)
                   .values_list("pk", "department_id", "fiscal_year_id"))
    if missing:
        Summary.objects.bulk_create([Summary(budget_id=pk, department_id=d, fiscal_year_id=y) for pk, d, y in missing],
                                    ignore_conflicts=True, batch_size=500)
    stale = list(Summary.objects.filter(department__in=departments, stale=True)
                 .values_list("pk", "budget_id", "version"))
    for start in range(0, len(stale), _CHUNK):
        _recompute(stale[start:start + _CHUNK])
    return len(stale)


@transaction.atomic
def _recompute(rows: list[tuple[int, int, int]]) -> None:
    budgets = Budget.all_objects.filter(pk__in=[budget_id for _, budget_id, _ in rows]).select_related(
        "department__region", "fiscal_year").prefetch_related(
        Prefetch("monthly", queryset=MonthlyExecution.objects.order_by("month")))
    by_id = {b.pk: b for b in budgets}
    evaluations = {(e.department_id, e.fiscal_year_id): e for e in Evaluation.objects.filter(
        department_id__in={b.department_id for b in by_id.values()},
        fiscal_year_id__in={b.fiscal_year_id for b in by_id.values()})}
    now = timezone.now()
    for pk, budget_id, version in rows:
        budget = by_id.get(budget_id)
        if budget is None or budget.deleted_at is not None:
            Summary.objects.filter(pk=pk, version=version).delete()
            continue
        values = figures(evaluations.get((budget.department_id, budget.fiscal_year_id)),
                         [(m.month, m.spent) for m in budget.monthly.all()],
                         lambda b=budget: assemble_report(b.department, b.fiscal_year))  # type: ignore[misc]  # the default binds the loop's budget; mypy cannot infer such a lambda
        Summary.objects.filter(pk=pk, version=version).update(
            **values, department_id=budget.department_id, fiscal_year_id=budget.fiscal_year_id,
            stale=False, computed_at=now)
