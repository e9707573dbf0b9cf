"""Read-only queries over budgets that the core's monitoring consumes (plain data out)."""

from __future__ import annotations

from django.db.models import Prefetch

from jixiao.monitor import MonitoredBudget
from jixiao.report import MonthlyAmount
from jixiao.web.budgets.models import Budget, MonthlyExecution


def monitored_budgets(*, year: int) -> list[MonitoredBudget]:
    """Every stored department budget of ``year`` with its monthly execution, for 双监控."""
    budgets = (
        Budget.objects.filter(fiscal_year__year=year, total__isnull=False)
        .select_related("department", "fiscal_year")
        .prefetch_related(Prefetch("monthly", queryset=MonthlyExecution.objects.order_by("month")))
        .order_by("department__name")
    )
    return [
        MonitoredBudget(
            department=budget.department.name,
            year=year,
            total=budget.total,
            monthly=[MonthlyAmount(month=row.month, spent=row.spent) for row in budget.monthly.all()],
        )
        for budget in budgets
    ]
