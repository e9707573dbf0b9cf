"""Keeping the target checks' data current (维护指标观测值与同类统计): observations from indicator rows, then statistics.

``record_department_year`` and ``record_project_year`` rewrite the observations of one
department-year or project-year from its indicator rows (the receivers call them after each
commit that saved such rows); each returns the (library code, 行业, year) keys it touched, and
``recompute_stats`` recomputes only those keys' statistics — incremental: one save reads the
observations of the few keys it changed, never the whole table. ``rebuild_all`` does everything
again (``jixiao db manage rebuild_targets``).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction

from jixiao.indicators.checks import cost_per_unit, far_exceeded, peer_stats
from jixiao.web.budgets.models import Budget
from jixiao.web.evaluation.models import Indicator
from jixiao.web.projperf.models import ProjectIndicator, ProjectYear
from jixiao.web.targets.library import resolve
from jixiao.web.targets.models import Observation, PeerStat

Key = tuple[str, str, int]
"""(library code, 行业, year): what one row of statistics is of."""


def _quantity(op: str, unit: str) -> bool:
    """A quantity (数量) indicator: its amount ÷ target is a cost per unit (not a rate, not 反向, not 定性)."""
    return op in (">=", ">", "=", "") and unit.strip() not in ("%", "")


def _replace(source: str, existing: Iterable[Observation], fresh: list[Observation]) -> set[Key]:
    """Swap the rows of one department-year or project-year for ``fresh``; the keys either side touched."""
    existing = list(existing)
    touched = {(o.library_code, o.industry, o.year) for o in existing} | {(o.library_code, o.industry, o.year)
                                                                         for o in fresh}
    Observation.objects.filter(pk__in=[o.pk for o in existing]).delete()
    Observation.objects.bulk_create(fresh)
    return touched


def _observation(*, source: str, row: Indicator | ProjectIndicator, code: str, industry: str, department_id: int,
                 project_id: int | None, year: int, amount: Decimal | None) -> Observation:
    op, unit = row.op or "", row.unit or ""
    return Observation(library_code=code, name=row.name, industry=industry, source=source, row_id=row.pk,
                       department_id=department_id, project_id=project_id, year=year, op=op, unit=unit,
                       target=row.target, actual=row.actual, amount=amount,
                       cost=cost_per_unit(amount, row.target) if _quantity(op, unit) else None,
                       exceeded=far_exceeded(op or ">=", row.target, row.actual))


@transaction.atomic
def record_department_year(*, department_id: int, year: int) -> set[Key]:
    """The observations of one department-year's indicators (部门整体绩效指标), rewritten; the keys touched."""
    rows = list(Indicator.objects.filter(department_id=department_id, fiscal_year__year=year))
    budget = Budget.objects.filter(department_id=department_id, fiscal_year__year=year).first()
    amount = None if budget is None else (budget.initial if budget.initial is not None else budget.total)
    refs = resolve(rows)
    fresh = [_observation(source=Observation.Source.DEPARTMENT, row=row, code=refs[row.pk].code,
                          industry=refs[row.pk].industry, department_id=department_id, project_id=None, year=year,
                          amount=amount) for row in rows if row.pk in refs]
    existing = Observation.objects.filter(source=Observation.Source.DEPARTMENT, department_id=department_id, year=year)
    return _replace(Observation.Source.DEPARTMENT, existing, fresh)


@transaction.atomic
def record_project_year(*, project_year_id: int) -> set[Key]:
    """The observations of one project-year's indicators (项目绩效指标), rewritten; the keys touched."""
    project_year = ProjectYear.all_objects.select_related("project", "fiscal_year").filter(pk=project_year_id).first()
    existing = Observation.objects.filter(source=Observation.Source.PROJECT,
                                          row_id__in=ProjectIndicator.all_objects.filter(project_year_id=project_year_id)
                                          .values("pk"))
    if project_year is None or project_year.deleted_at is not None:
        return _replace(Observation.Source.PROJECT, existing, [])
    rows = list(ProjectIndicator.objects.filter(project_year=project_year))
    amount = project_year.initial if project_year.initial is not None else project_year.total
    refs = resolve(rows)
    fresh = [_observation(source=Observation.Source.PROJECT, row=row, code=refs[row.pk].code,
                          industry=refs[row.pk].industry, department_id=project_year.project.department_id,
                          project_id=project_year.project_id, year=project_year.year, amount=amount)
             for row in rows if row.pk in refs]
    return _replace(Observation.Source.PROJECT, existing, fresh)


@transaction.atomic
def recompute_stats(keys: Iterable[Key]) -> int:
    """Recompute the statistics of ``keys`` from their observations (one indexed read per key); how many rows."""
    done = 0
    for code, industry, year in set(keys):
        rows = list(Observation.objects.filter(library_code=code, industry=industry, year=year)
                    .values_list("target", "actual", "cost", "exceeded"))
        targets = [t for t, _, _, _ in rows if t is not None]
        if not targets:
            PeerStat.objects.filter(library_code=code, industry=industry, year=year).delete()
            continue
        stats = peer_stats(targets, [a for _, a, _, _ in rows if a is not None], [c for _, _, c, _ in rows if c is not None])
        PeerStat.objects.update_or_create(library_code=code, industry=industry, year=year, defaults={
            "count": stats.count, "target_q1": stats.target_q1, "target_median": stats.target_median,
            "target_q3": stats.target_q3, "actual_count": stats.actual_count, "actual_q1": stats.actual_q1,
            "actual_median": stats.actual_median, "actual_q3": stats.actual_q3, "actual_min": stats.actual_min,
            "actual_max": stats.actual_max, "cost_count": stats.cost_count, "cost_q1": stats.cost_q1,
            "cost_median": stats.cost_median, "cost_q3": stats.cost_q3,
            "exceeded": sum(1 for *_, e in rows if e)})
        done += 1
    return done


@transaction.atomic
def rebuild_all() -> tuple[int, int]:
    """Every observation and every statistic again, from all indicator rows; (observations, statistics)."""
    Observation.objects.all().delete()
    PeerStat.objects.all().delete()
    keys: set[Key] = set()
    # order_by(): the model's ordering (position) would make every row distinct
    for department_id, year in Indicator.objects.values_list("department_id", "fiscal_year__year").order_by().distinct():
        keys |= record_department_year(department_id=department_id, year=year)
    for project_year_id in ProjectYear.objects.order_by().values_list("pk", flat=True):
        keys |= record_project_year(project_year_id=project_year_id)
    return Observation.objects.count(), recompute_stats(keys)
