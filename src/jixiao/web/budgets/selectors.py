"""Read-only queries over budgets (预算查询): budgets with their months, a budget as the core sees it, its progress."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from jixiao.monitor import MonitoredBudget
from jixiao.monitor.monthly_xlsx import template_xlsx
from jixiao.monitor.progress import execution_progress, spent_through, time_progress
from jixiao.report import Budget as BudgetData
from jixiao.report import ByNature, BySource, MonthlyAmount
from jixiao.web.budgets.models import BY_SOURCE_COLUMNS, Budget, MonthlyExecution
from jixiao.web.departments.models import Department


def budgets_with_monthly(*, departments: QuerySet[Department] | None = None, year: int | None = None
                         ) -> QuerySet[Budget]:
    """Budgets (of ``departments`` when given, of ``year`` when given) with their months prefetched."""
    budgets = Budget.objects.select_related("department", "fiscal_year").prefetch_related(
        Prefetch("monthly", queryset=MonthlyExecution.objects.order_by("month")))
    if departments is not None:
        budgets = budgets.filter(department__in=departments)
    if year is not None:
        budgets = budgets.filter(fiscal_year__year=year)
    return budgets.order_by("department__name", "fiscal_year__year")


def budget_data(budget: Budget) -> BudgetData:
    """The stored budget as the report states it (``jixiao.report.Budget``), its months included."""
    return BudgetData(
        initial=budget.initial,
        total=budget.total,
        spent=budget.spent,
        execution_rate=budget.execution_rate,
        by_source=BySource(**{name: getattr(budget, column) for name, column in BY_SOURCE_COLUMNS.items()}),
        by_nature=ByNature(basic=budget.basic, project=budget.project),
        carryover=budget.carryover,
        monthly=[MonthlyAmount(month=m.month, spent=m.spent) for m in budget.monthly.order_by("month")],
    )


def as_monitored(budget: Budget) -> MonitoredBudget:
    """The core's view of one stored budget (its months must be prefetched)."""
    return MonitoredBudget(
        department=budget.department.name,
        year=budget.fiscal_year.year,
        total=budget.total,
        monthly=[MonthlyAmount(month=row.month, spent=row.spent) for row in budget.monthly.all()],
    )


@dataclass(frozen=True)
class ProgressPoint:
    """One month: cumulative 执行进度 against 序时进度 (percent), computed by the core."""

    month: int
    spent: Decimal | None
    execution: Decimal | None
    time_progress: Decimal


def progress_series(budget: Budget) -> list[ProgressPoint]:
    """Month by month, execution against time progress, up to the last month recorded."""
    monitored = as_monitored(budget)
    last = max((m.month for m in monitored.monthly), default=0)
    points = []
    for month in range(1, 13):
        month_end = date(monitored.year, month, calendar.monthrange(monitored.year, month)[1])
        known = month <= last
        points.append(ProgressPoint(
            month=month,
            spent=spent_through(monitored.monthly, month) if known else None,
            execution=execution_progress(monitored.monthly, monitored.total, month)
            if known and monitored.total is not None else None,
            time_progress=time_progress(month_end),
        ))
    return points


def monthly_template(*, department: Department, year: int) -> bytes:
    """The import template (导入模板) of ``department`` and ``year``, prefilled with what is recorded."""
    existing = dict(MonthlyExecution.objects.filter(budget__department=department, budget__fiscal_year__year=year)
                    .values_list("month", "spent"))
    return template_xlsx(department=department.name, year=year, existing=existing)
