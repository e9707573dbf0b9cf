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


@transaction.atomic
def declare_budget(*, department: Department, year: int, initial: Decimal | None, basic: Decimal | None,
                   project: Decimal | None) -> Budget:
    """Record the budget declared with the year's goals (申报预算: 年初预算数, 基本支出, 项目支出).

    A new budget's 全年预算数 starts equal to its 年初预算数; an existing one keeps its own, so
    an adjustment recorded later is not undone by a revised declaration.
    """
    from jixiao.web.departments.models import FiscalYear

    fiscal_year, _ = FiscalYear.objects.get_or_create(year=year)
    if fiscal_year.is_closed:
        raise FiscalYearClosed(f"{year} 年度已结账，不能修改预算")
    budget = Budget.objects.select_for_update().filter(department=department, fiscal_year=fiscal_year).first()
    if budget is None:
        return Budget.objects.create(department=department, fiscal_year=fiscal_year, initial=initial, total=initial,
                                     basic=basic, project=project)
    values = {"initial": initial, "basic": basic, "project": project}
    changed = [name for name, value in values.items() if getattr(budget, name) != value]
    if changed:
        for name in changed:
            setattr(budget, name, values[name])
        budget.save()
    return budget
