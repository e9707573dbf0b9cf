"""Reads of 目标质量: the checks of a declaration's rows, the 目标设置质量 of departments and 行业, the board.

``row_checks`` answers one declaration page with a fixed handful of indexed queries whatever the
number of departments: the rows' library indicators (by key, then by exact name), the
department's or project's own observations of those indicators (index ``observation_department``
/ ``observation_project``), the peers' precomputed statistics (unique key), and the amount.

Isolation: a department sees its own history and the peers' statistics only — counts, quartiles
and medians, never another department's name or figures. The finance bureau and the admin
(``sees_all_departments``) see every department's 目标设置质量 by name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.db.models import Count, Q, QuerySet

from jixiao.figures.rounding import ratio
from jixiao.indicators.checks import CheckResult, Declared, PeerStats, YearFigure, check
from jixiao.indicators.profile import default_target_profile
from jixiao.web.budgets.models import Budget
from jixiao.web.departments.models import Department
from jixiao.web.targets.library import LibraryRef, resolve_each
from jixiao.web.targets.models import Observation, PeerStat


def _peers(stat: PeerStat, noun: str) -> PeerStats:
    return PeerStats(count=stat.count, target_q1=stat.target_q1, target_median=stat.target_median,
                     target_q3=stat.target_q3, actual_count=stat.actual_count, actual_q1=stat.actual_q1,
                     actual_median=stat.actual_median, actual_q3=stat.actual_q3, actual_min=stat.actual_min,
                     actual_max=stat.actual_max, exceeded=stat.exceeded, cost_count=stat.cost_count,
                     cost_q1=stat.cost_q1, cost_median=stat.cost_median, cost_q3=stat.cost_q3, year=stat.year,
                     noun=noun)


def peer_stats_for(refs: Sequence[LibraryRef], year: int) -> dict[tuple[str, str], PeerStat]:
    """The peers' statistics to compare a ``year`` target with, per (code, 行业): that year's when it has enough
    peers, else the latest earlier year's (the peers of a year being declared are still few). One query."""
    keys = {(r.code, r.industry) for r in refs}
    # no key: the same one query all the same (matching nothing), so a page's queries never depend on its rows
    wanted = Q(library_code="", industry="") if not keys else Q()
    for code, industry in keys:
        wanted |= Q(library_code=code, industry=industry)
    minimum = default_target_profile().min_peers
    chosen: dict[tuple[str, str], PeerStat] = {}
    for stat in PeerStat.objects.filter(wanted, year__lte=year).order_by("-year"):
        key = (stat.library_code, stat.industry)
        best = chosen.get(key)
        if best is None or (best.count < minimum <= stat.count and best.year == year):
            chosen[key] = stat
    return chosen


def _history(*, department: Any, project_year: Any, codes: set[str], year: int) -> dict[str, list[YearFigure]]:
    if project_year is not None:
        rows: QuerySet[Observation] = Observation.objects.filter(project_id=project_year.project_id,
                                                                 source=Observation.Source.PROJECT)
    else:
        rows = Observation.objects.filter(department=department, source=Observation.Source.DEPARTMENT)
    found: dict[str, list[YearFigure]] = defaultdict(list)
    for code, y, target, actual, amount in (rows.filter(library_code__in=codes or {""}, year__lt=year)
                                            .values_list("library_code", "year", "target", "actual", "amount")):
        found[code].append(YearFigure(year=y, target=target, actual=actual, amount=amount))
    return found


def _amount(*, department: Any, project_year: Any, year: int) -> Decimal | None:
    if project_year is not None:
        return project_year.initial if project_year.initial is not None else project_year.total
    budget = Budget.objects.filter(department=department, fiscal_year__year=year).only("initial", "total").first()
    return None if budget is None else (budget.initial if budget.initial is not None else budget.total)


def row_checks(*, department: Any, year: int, rows: Sequence[Any], project_year: Any = None) -> list[CheckResult | None]:
    """The checks of each declared indicator row (``None`` for a row not in the library), in order."""
    rows = list(rows)
    refs = resolve_each(rows)
    known = [r for r in refs if r is not None]
    codes = {r.code for r in known}
    history = _history(department=department, project_year=project_year, codes=codes, year=year)
    stats = peer_stats_for(known, year)
    amount = _amount(department=department, project_year=project_year, year=year)
    noun = "项目" if project_year is not None else "部门"
    results: list[CheckResult | None] = []
    for row, ref in zip(rows, refs, strict=True):
        if ref is None:
            results.append(None)
            continue
        stat = stats.get((ref.code, ref.industry))
        declared = Declared(name=row.name, op=row.op or None, target=row.target, unit=row.unit or None,
                            level1=row.level1 or None, level2=row.level2 or None, year=year, amount=amount,
                            # the row's 评分标准, else the library's; unknown (not checked) for a row matched by name only
                            scoring_standard=(getattr(row, "scoring_standard", "") or ref.scoring_standard)
                            if ref.linked else (getattr(row, "scoring_standard", "") or None),
                            quantity_available=ref.operator not in ("", "qualitative"))
        own = history.get(ref.code, [])
        # the statistics are of everyone, this department or project too when it has a row of that year: say so
        # (a statistic of the year checked holds the rows being checked, once saved)
        shown = noun + ("（含本部门）" if project_year is None else "（含本项目）") if stat is not None and (
            stat.year == year or any(h.year == stat.year for h in own)) else noun
        results.append(check(declared, own, None if stat is None else _peers(stat, shown)))
    return results


def report_target_basis(*, report: Any, department: Any) -> dict[int, str]:
    """Indicator index → its library check's basis, for a stored self-evaluation of ``department`` (the review's
    目标偏低 rule): the report's indicators checked as targets of its year, against the years before and the peers."""
    if report.year is None or not report.indicators:
        return {}
    rows = [SimpleNamespace(pk=None, name=i.name, op=i.op, target=i.target, unit=i.unit, level1=i.level1,
                            level2=i.level2, library_indicator_id=None, scoring_standard=None)
            for i in report.indicators]
    results = row_checks(department=department, year=report.year, rows=rows)
    return {index: r.basis for index, r in enumerate(results) if r is not None and r.basis}


# -- 目标设置质量 (per department and per 行业) ------------------------------------------------


@dataclass(frozen=True)
class QualityRow:
    """How often one department's (or one 行业's) targets were exceeded by the over-achievement line."""

    key: str
    label: str
    observed: int
    """Indicators with a target and an actual."""
    exceeded: int

    @property
    def share(self) -> Decimal | None:
        return None if not self.observed else ratio(Decimal(self.exceeded * 100), Decimal(self.observed))


def _finished(year: int | None) -> QuerySet[Observation]:
    rows = Observation.objects.filter(target__isnull=False, actual__isnull=False)
    return rows if year is None else rows.filter(year=year)


def quality_by_department(*, user: Any, year: int | None = None) -> list[QualityRow]:
    """目标设置质量 per department the user may see by name (a department user: its own only)."""
    visible = Department.objects.visible_to(user)
    rows = (_finished(year).filter(department__in=visible).values("department_id", "department__name")
            .annotate(observed=Count("pk"), exceeded=Count("pk", filter=Q(exceeded=True))))
    found = [QualityRow(key=str(r["department_id"]), label=r["department__name"], observed=r["observed"],
                        exceeded=r["exceeded"]) for r in rows]
    return sorted(found, key=lambda r: (-(r.share or 0), -r.exceeded, r.label))


def quality_by_industry(*, year: int | None = None) -> list[QualityRow]:
    """目标设置质量 per 行业 (aggregates over every department: no department is named)."""
    rows = (_finished(year).values("industry")
            .annotate(observed=Count("pk"), exceeded=Count("pk", filter=Q(exceeded=True))).order_by("industry"))
    return [QualityRow(key=r["industry"], label=r["industry"], observed=r["observed"], exceeded=r["exceeded"])
            for r in rows]


def quality_years() -> list[int]:
    return sorted(set(Observation.objects.values_list("year", flat=True).distinct()), reverse=True)


# -- the board (看板) -----------------------------------------------------------------------


@dataclass(frozen=True)
class Usage:
    """One library indicator: how many departments and projects use it, and its latest statistics."""

    code: str
    name: str
    industry: str
    departments: int
    projects: int


def usage(*, limit: int = 30) -> list[Usage]:
    """The library indicators most used across departments (指标使用情况)."""
    rows = (Observation.objects.values("library_code", "industry")
            .annotate(departments=Count("department_id", distinct=True),
                      projects=Count("project_id", distinct=True))
            .order_by("-departments", "library_code")[:limit])
    names = dict(Observation.objects.filter(library_code__in=[r["library_code"] for r in rows])
                 .values_list("library_code", "name").distinct())
    return [Usage(code=r["library_code"], name=names.get(r["library_code"], r["library_code"]),
                  industry=r["industry"], departments=r["departments"], projects=r["projects"]) for r in rows]


def box_plot(*, code: str, industry: str) -> dict[str, Any]:
    """Targets and actuals of one library indicator by year, as ECharts box-plot data ([min, Q1, median, Q3, max])."""
    years, targets, actuals = [], [], []
    for stat in PeerStat.objects.filter(library_code=code, industry=industry).order_by("year"):
        spread = Observation.objects.filter(library_code=code, industry=industry, year=stat.year,
                                            target__isnull=False).values_list("target", flat=True)
        low = spread.order_by("target").first()
        high = spread.order_by("-target").first()
        years.append(str(stat.year))
        targets.append([_number(v) for v in (low, stat.target_q1, stat.target_median, stat.target_q3, high)])
        actuals.append([_number(v) for v in (stat.actual_min, stat.actual_q1, stat.actual_median, stat.actual_q3,
                                             stat.actual_max)] if stat.actual_count else [])
    return {"years": years, "targets": targets, "actuals": actuals}


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def most_low_targets(*, user: Any, limit: int = 10) -> list[QualityRow]:
    """The departments with the most targets exceeded by the line (目标偏低最多的部门), among those the user sees."""
    return sorted(quality_by_department(user=user), key=lambda r: (-r.exceeded, r.label))[:limit]
