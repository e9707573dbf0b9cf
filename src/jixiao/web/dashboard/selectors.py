"""The finance bureau's dashboard figures (财政局看板), scoped to what the user may see.

Rates and grades come from the core (``monitor.progress``, ``scoring``); this module only
gathers stored rows and hands them over. Scores are read from ``DepartmentYearSummary``
(see ``evaluation/summary.py``), so a request scores only what changed since the last one.
"""

from __future__ import annotations

import calendar
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from jixiao.figures import execution_rate_from, ratio
from jixiao.monitor.progress import execution_progress, time_progress
from jixiao.report import MonthlyAmount
from jixiao.scoring.framework import default_framework_for
from jixiao.web.accounts.models import User
from jixiao.web.departments.models import Department
from jixiao.web.evaluation.models import DepartmentYearSummary
from jixiao.web.evaluation.selectors import refresh_summaries, summary_generation

GRADES = ("优", "良", "中", "差")


@dataclass
class DepartmentRow:
    """One line of the dashboard table (部门执行与评价)."""

    department_id: int
    department: str
    short_name: str
    region: str | None
    total: Decimal | None
    spent: Decimal | None
    execution_rate: Decimal | None  # 预算执行率 (stated, else computed)
    score: Decimal | None           # 自评分 (the core's where complete, else stated)
    grade: str | None               # 评价等级 (the same rule: evaluation.summary.score_and_grade)
    grade_computed: bool = False


@dataclass
class Dashboard:
    year: int | None
    years: list[int]
    rows: list[DepartmentRow] = field(default_factory=list)
    grades: dict[str, int] = field(default_factory=dict)
    monthly: list[dict[str, object]] = field(default_factory=list)
    year_over_year: list[dict[str, object]] = field(default_factory=list)
    lines: dict[str, Decimal | None] = field(default_factory=dict)
    """Reference lines of the execution chart: ``explain_below`` (the framework's 90% line, below which
    a report must explain why) and ``time_progress`` (the year's 序时进度 today, 100 for a past year)."""

    def copy(self) -> Dashboard:
        """A board whose lists the caller may change (the rows themselves are shared)."""
        return Dashboard(year=self.year, years=list(self.years), rows=list(self.rows), grades=dict(self.grades),
                         monthly=list(self.monthly), year_over_year=list(self.year_over_year), lines=dict(self.lines))

    def as_dict(self) -> dict[str, object]:
        """What ``dataclasses.asdict`` gives, without its deep copy (≈ 10× faster over 1,000 rows)."""
        return {"year": self.year, "years": list(self.years), "rows": [dict(vars(r)) for r in self.rows],
                "grades": dict(self.grades), "monthly": [dict(m) for m in self.monthly],
                "year_over_year": [dict(y) for y in self.year_over_year], "lines": dict(self.lines)}


_CACHE: OrderedDict[tuple[str, int | None], tuple[tuple[object, ...], Dashboard]] = OrderedDict()
_CACHE_SIZE = 32
_CACHE_LOCK = threading.Lock()


def dashboard_data(*, user: User, year: int | None = None) -> Dashboard:
    """Every figure of the dashboard for ``year`` (default: the latest), over the visible departments.

    Scores and grades come from the summary rows (``refresh_summaries`` recomputes the stale ones
    through the core first); amounts come from the budgets themselves, in the same query. The
    board is kept per process under the summary's generation, which every write to an
    input changes (signal receivers), so a repeated request costs three small queries.
    """
    visible = Department.objects.visible_to(user)
    refresh_summaries(departments=visible)
    key = (str(visible.query), year)  # the visible set as SQL: role and department in one key
    current = summary_generation()
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0] == current:
            _CACHE.move_to_end(key)
            return cached[1].copy()
    board = _board(visible, year)
    if current[2] == 0 and summary_generation() == current:  # nothing stale, nothing written meanwhile
        with _CACHE_LOCK:
            _CACHE[key] = (current, board.copy())
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
    return board


def _board(visible: QuerySet[Department], year: int | None) -> Dashboard:
    summaries = DepartmentYearSummary.objects.filter(budget__department__in=visible, budget__deleted_at__isnull=True)
    every = list(summaries.values_list("budget__fiscal_year__year", "budget__total", "budget__spent", "score"))
    years = sorted({item[0] for item in every})
    if year is None or year not in years:
        year = years[-1] if years else None
    board = Dashboard(year=year, years=years)

    in_year = summaries.filter(budget__fiscal_year__year=year)  # type: ignore[misc]  # None (no year yet): no row
    current = in_year.order_by("budget__department__name").values_list(
        "budget__department_id", "budget__department__name", "budget__department__short_name",
        "budget__department__region__name", "budget__total", "budget__spent", "budget__execution_rate",
        "score", "grade", "grade_computed", "monthly")
    by_month: dict[int, Decimal] = {}
    with_months_total = Decimal(0)
    for (department_id, name, short_name, region, total, spent, stated_rate, score, grade, computed,
         monthly) in current:
        board.rows.append(DepartmentRow(
            department_id=department_id, department=name, short_name=short_name or name, region=region,
            total=total, spent=spent,
            execution_rate=execution_rate_from(total, spent, stated_rate).shown,
            score=_decimal(score), grade=grade or None, grade_computed=computed,
        ))
        if total and monthly:
            with_months_total += total
            for month, amount in monthly:
                by_month[month] = by_month.get(month, Decimal(0)) + Decimal(amount)
    board.rows.sort(key=lambda r: (r.execution_rate is None, -(r.execution_rate or 0)))
    counts = Counter(r.grade for r in board.rows if r.grade)
    board.grades = {g: counts.get(g, 0) for g in GRADES}

    # 月度执行与序时进度: all visible departments with monthly records, taken together (the core's
    # cumulative sum over the months added up across departments is the same exact figure)
    months = [MonthlyAmount(month=m, spent=amount) for m, amount in sorted(by_month.items())]
    last = max(by_month, default=0)
    for month in range(1, 13):
        end = date(year or 2000, month, calendar.monthrange(year or 2000, month)[1])
        board.monthly.append({
            "month": month,
            "execution": execution_progress(months, with_months_total, month)
            if with_months_total and month <= last else None,
            "time_progress": time_progress(end),
        })

    on = min(max(date.today(), date(year or 2000, 1, 1)), date(year or 2000, 12, 31))
    board.lines = {"explain_below": default_framework_for(None).explain_below,
                   "time_progress": time_progress(on) if year else None}

    # 历年对比: overall execution rate and average score by year
    for each_year in years:
        of_year = [(total, spent) for y, total, spent, _ in every if y == each_year and total and spent is not None]
        total_y = sum((total for total, _ in of_year), Decimal(0))
        spent_y = sum((spent for _, spent in of_year), Decimal(0))
        scores = [Decimal(score) for y, _, _, score in every if y == each_year and score]
        board.year_over_year.append({
            "year": each_year,
            "departments": len(of_year),
            "total": total_y,
            "spent": spent_y,
            "execution_rate": ratio(spent_y * 100, total_y, 2) if total_y else None,
            "average_score": ratio(sum(scores, Decimal(0)), Decimal(len(scores)), 2) if scores else None,
        })
    return board


def _decimal(text: str) -> Decimal | None:
    return Decimal(text) if text else None


# -- 首页: the budgets list -------------------------------------------------------------------------

BUDGET_SORTS = {
    "department": ("department__name", "-fiscal_year__year"),
    "region": ("department__region__name", "department__name", "-fiscal_year__year"),
    "year": ("fiscal_year__year", "department__name"),
    "total": ("total", "department__name"),
    "spent": ("spent", "department__name"),
    "rate": ("rate_for_sorting", "department__name"),
}
"""Columns the home page's budgets list sorts by, each with its tie-breakers."""
BUDGET_FILTERS = ("year", "region", "q")
"""The list's filters: 年度, 地区 (id), 部门名称 contains."""


def budget_list(*, user: User, state):
    """首页 budgets of the visible departments, filtered and ordered as ``state`` asks (a queryset)."""
    from django.db.models import DecimalField, ExpressionWrapper, F, Value
    from django.db.models.functions import Coalesce, NullIf

    from jixiao.web.budgets.models import Budget
    from jixiao.web.common.listing import as_number, order_by

    rows = (
        Budget.objects.filter(department__in=Department.objects.visible_to(user))
        .select_related("department", "fiscal_year", "department__region")
        # the shown rate (stated, else computed) for ORDER BY only; the page shows Budget.rate
        .annotate(rate_for_sorting=Coalesce(
            "execution_rate",
            ExpressionWrapper(F("spent") * Value(100) / NullIf(F("total"), Value(0)),
                              output_field=DecimalField(max_digits=20, decimal_places=4))))
    )
    year, region, name = (state.filters.get(key, "") for key in BUDGET_FILTERS)
    if as_number(year) is not None:
        rows = rows.filter(fiscal_year__year=as_number(year))
    if as_number(region) is not None:
        rows = rows.filter(department__region_id=as_number(region))
    if name:
        rows = rows.filter(department__name__contains=name)
    fields = order_by(state, BUDGET_SORTS)
    return rows.order_by(*(F(f.lstrip("-")).desc(nulls_last=True) if f.startswith("-")
                           else F(f).asc(nulls_last=True) for f in fields))
