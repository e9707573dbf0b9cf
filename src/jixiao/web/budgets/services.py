"""Writes to budgets (预算数据录入): each in one transaction, each leaving history."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from jixiao.errors import JixiaoError
from jixiao.monitor.monthly_xlsx import MonthlyXlsxError, read_monthly_xlsx_isolated
from jixiao.report import Budget as BudgetData
from jixiao.web.budgets.models import Budget, MonthlyExecution, budget_columns
from jixiao.web.common.locking import check_version
from jixiao.web.departments.models import Department, FiscalYear


class BudgetNotFound(JixiaoError):
    """No stored budget for the department and year (未找到预算)."""


class FiscalYearClosed(JixiaoError):
    """The year is closed (年度已结账): its figures no longer change."""


@transaction.atomic
def record_monthly_execution(*, department: Department, year: int, month: int, spent: Decimal,
                             version: int | None = None, year_version: int | None = None
                             ) -> tuple[MonthlyExecution, bool]:
    """Record what ``department`` spent in ``month`` of ``year`` (月度执行数); returns ``(row, created)``.

    The row is updated in place when it exists, so django-simple-history keeps old → new.
    乐观锁: ``version`` is the month's as the caller saw it (0: not yet recorded), ``year_version`` that of
    all the year's months (the page's form, which names the month only on submit); either differing
    now → ``EditConflict``, nothing written. ``None``: not checked (internal callers).
    """
    budget = (Budget.objects.select_for_update().select_related("fiscal_year")
              .filter(department=department, fiscal_year__year=year).first())
    if budget is None:
        raise BudgetNotFound(f"{department.name} {year} 年度没有预算")
    if budget.fiscal_year.is_closed:
        raise FiscalYearClosed(f"{year} 年度已结账，不能修改执行数")
    row = MonthlyExecution.objects.select_for_update().filter(budget=budget, month=month).first()
    what = f"{department.name} {year}年{month}月执行数"
    check_version(version, row, what=what)
    check_version(year_version, MonthlyExecution.all_objects.filter(budget=budget), what=what)
    if row is None:
        return MonthlyExecution.objects.create(budget=budget, month=month, spent=spent), True
    if row.spent != spent:
        row.spent = spent
        row.save()
    return row, False


class MonthlyImportRejected(JixiaoError):
    """The uploaded workbook has bad rows (导入被拒绝): nothing was recorded; ``lines`` says why, one per row."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("；".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class MonthlyImport:
    """What an import did (导入结果): months created, changed and left as they were."""

    created: list[int]
    updated: list[int]
    unchanged: list[int]


@transaction.atomic
def import_monthly_execution(*, department: Department, year: int, data: bytes, filename: str) -> MonthlyImport:
    """Record every month of an uploaded template (月度执行数导入), all rows or none.

    Each row goes through ``record_monthly_execution``; a month whose amount is unchanged is not
    written again, so it leaves no history.
    """
    try:
        sheet = read_monthly_xlsx_isolated(data, filename=filename)  # in a child process with limited memory
    except MonthlyXlsxError as exc:
        raise MonthlyImportRejected([str(exc)]) from None
    lines = list(sheet.errors)
    if sheet.year is not None and sheet.year != year:
        lines.insert(0, f"{filename}：模板是 {sheet.year} 年度的，不能导入 {year} 年度")
    if sheet.department is not None and sheet.department != department.name:
        lines.insert(0, f"{filename}：模板是「{sheet.department}」的，不能导入「{department.name}」")
    if lines:
        raise MonthlyImportRejected(lines)
    before = dict(MonthlyExecution.objects.filter(budget__department=department, budget__fiscal_year__year=year)
                  .values_list("month", "spent"))
    created, updated, unchanged = [], [], []
    for row in sheet.rows:
        _, was_created = record_monthly_execution(department=department, year=year, month=row.month, spent=row.spent)
        if was_created:
            created.append(row.month)
        elif before.get(row.month) != row.spent:
            updated.append(row.month)
        else:
            unchanged.append(row.month)
    return MonthlyImport(created=created, updated=updated, unchanged=unchanged)

@transaction.atomic
def declare_budget(*, department: Department, year: int, initial: Decimal | None, basic: Decimal | None,
                   project: Decimal | None) -> Budget:
    """Record the budget declared with the year's goals (申报预算: 年初预算数, 基本支出, 项目支出).

    A new budget's 全年预算数 starts equal to its 年初预算数; an existing one keeps its own, so
    an adjustment recorded later is not undone by a revised declaration.
    """
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


@transaction.atomic(savepoint=False)
def store_report_budget(*, department: Department, fiscal_year: FiscalYear, data: BudgetData) -> Budget:
    """Write a report's budget (报告所述预算) on the department's year, in place; its months when it states any.

    A report that states no months (a published one) leaves the entered months alone; one that
    does replaces them month by month. No savepoint: it runs inside ``save_report``'s transaction.
    """
    budget = Budget.objects.filter(department=department, fiscal_year=fiscal_year).first()
    budget = budget or Budget(department=department, fiscal_year=fiscal_year)
    for name, value in budget_columns(data).items():
        setattr(budget, name, value)
    budget.save()
    if not data.monthly:
        return budget
    existing = {row.month: row for row in MonthlyExecution.objects.filter(budget=budget)}
    for item in data.monthly:
        row = existing.pop(item.month, None) or MonthlyExecution(budget=budget, month=item.month)
        if row.pk is None or row.spent != item.spent:
            row.spent = item.spent
            row.save()
    for row in existing.values():
        row.delete()
    return budget
