"""Writes to budgets (预算数据录入): each in one transaction, each leaving history."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from jixiao.errors import JixiaoError
from jixiao.web.budgets.models import Budget, MonthlyExecution
from jixiao.web.departments.models import Department


class BudgetNotFound(JixiaoError):
    """No stored budget for the department and year (未找到预算)."""


class FiscalYearClosed(JixiaoError):
    """The year is closed (年度已结账): its figures no longer change."""


@transaction.atomic
def record_monthly_execution(*, department: Department, year: int, month: int, spent: Decimal
                             ) -> tuple[MonthlyExecution, bool]:
    """Record what ``department`` spent in ``month`` of ``year`` (月度执行数); returns ``(row, created)``.

    The row is updated in place when it exists, so django-simple-history keeps old → new.
    """
    budget = (Budget.objects.select_for_update().select_related("fiscal_year")
              .filter(department=department, fiscal_year__year=year).first())
    if budget is None:
        raise BudgetNotFound(f"{department.name} {year} 年度没有预算")
    if budget.fiscal_year.is_closed:
        raise FiscalYearClosed(f"{year} 年度已结账，不能修改执行数")
    row = MonthlyExecution.objects.filter(budget=budget, month=month).first()
    if row is None:
        return MonthlyExecution.objects.create(budget=budget, month=month, spent=spent), True
    if row.spent != spent:
        row.spent = spent
        row.save()
    return row, False
