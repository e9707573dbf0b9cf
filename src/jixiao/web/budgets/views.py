"""A department's own page (部门页面): its budgets by year, execution against 序时进度, and the monthly
execution it enters there (月度执行数: one month by hand, or the prefilled template filled and uploaded)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from jixiao.figures import format as fmt
from jixiao.monitor.monthly_xlsx import monthly_read_cap
from jixiao.monitor.progress import spent_through
from jixiao.report import MonthlyAmount
from jixiao.web.budgets.forms import MonthlyExecutionForm, MonthlyImportForm
from jixiao.web.budgets.models import Budget, MonthlyExecution
from jixiao.web.budgets.selectors import budgets_with_monthly, monthly_template
from jixiao.web.budgets.services import (
    BudgetNotFound,
    FiscalYearClosed,
    MonthlyImport,
    MonthlyImportRejected,
    import_monthly_execution,
    record_monthly_execution,
)
from jixiao.web.common.locking import EditConflict, version_of
from jixiao.web.common.messages import form_errors_to_messages
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import DepartmentRequest, can_write_figures, require_department_access

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_department_access()
def detail(request: DepartmentRequest, department_id: int) -> HttpResponse:
    """The department, its budgets by year, and a chart of the chosen year's execution."""
    department = request.department
    budgets = list(budgets_with_monthly(departments=Department.objects.filter(pk=department.pk)))
    years = [b.fiscal_year.year for b in budgets]
    value = request.GET.get("year", "")
    year = int(value) if value.isdigit() and int(value) in years else (years[-1] if years else None)
    current = next((b for b in budgets if b.fiscal_year.year == year), None)
    return render(request, "budgets/department.html", {
        "department": department, "budgets": budgets, "years": years, "year": year, "current": current,
        **_monthly_reconciliation(current), "months": _twelve_months(current),
        "can_write": can_write_figures(request.user, department),
        "form": MonthlyExecutionForm(initial={"version": version_of(
            MonthlyExecution.all_objects.filter(budget=current) if current else None)}),
    })


def _twelve_months(budget: Budget | None) -> list[tuple[int, Decimal | None]]:
    """(month, 当月支出) for January to December; ``None`` for a month not entered (未填报, never 0.00)."""
    if budget is None:
        return []
    entered = {m.month: m.spent for m in budget.monthly.all()}
    return [(month, entered.get(month)) for month in range(1, 13)]


def _monthly_reconciliation(budget: Budget | None) -> dict[str, Any]:
    """累计执行数 of the entered months and, once all twelve are in, its difference from 全年执行数.

    The stated 全年执行数 (决算) is the year's figure; the months are the in-year record. Both are
    kept as entered and a difference is shown, never reconciled silently (review rule
    ``arithmetic.monthly_vs_spent`` says the same of a report).
    """
    months = [MonthlyAmount(month=m.month, spent=m.spent) for m in budget.monthly.all()] if budget else []
    if not months:
        return {}
    total = spent_through(months, 12)
    complete = {m.month for m in months} == set(range(1, 13))
    difference = total - budget.spent if complete and budget.spent is not None else None  # type: ignore[union-attr]  # budget is not None: without one there are no months (returned above)
    return {"monthly_total": total, "monthly_last": max(m.month for m in months),
            "monthly_difference": difference or None}


@login_required
@require_POST
@require_department_access(write=True)
def record_monthly(request: DepartmentRequest, department_id: int, year: int) -> HttpResponse:
    """录入月度执行数 from the department page; the same service (and rules) as the API's PUT."""
    department = request.department
    form = MonthlyExecutionForm(request.POST)
    target = f"{reverse('department', args=[department.pk])}?year={year}"
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(target)
    try:
        row, _ = record_monthly_execution(department=department, year=year, month=form.cleaned_data["month"],
                                          spent=form.cleaned_data["spent"], year_version=form.cleaned_data["version"])
    except BudgetNotFound as exc:
        raise Http404(str(exc)) from exc
    except FiscalYearClosed as exc:
        messages.error(request, str(exc))
        return redirect(target)
    except EditConflict as exc:
        typed = (f"您填写的{form.cleaned_data['month']}月支出 {fmt.money(form.cleaned_data['spent'], grouped=True)} "
                 "万元未保存。")
        messages.error(request, " ".join([str(exc), typed, *(f"（{line}）" for line in exc.changes)]))
        return redirect(target)
    messages.success(request, f"已保存：{year}年{row.month}月支出 {fmt.money(row.spent, grouped=True)} 万元")
    return redirect(target)


def import_summary(year: int, result: MonthlyImport) -> str:
    """One line of what an import did, in Chinese."""
    def months(values: list[int]) -> str:
        return "、".join(f"{m}月" for m in values) or "无"
    return (f"已导入 {year} 年度月度执行数：新增 {months(result.created)}；修改 {months(result.updated)}；"
            f"未变 {len(result.unchanged)} 个月")


@login_required
@require_department_access()
def template(request: DepartmentRequest, department_id: int, year: int) -> HttpResponse:
    """Download the import template (导入模板), months 1–12 with what is recorded."""
    department = request.department
    if not department.budgets.filter(fiscal_year__year=year).exists():
        raise Http404("该年度没有预算")
    response = HttpResponse(monthly_template(department=department, year=year), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{department.name}{year}年度月度执行数.xlsx")
    return response


@login_required
@require_POST
@require_department_access(write=True)
def upload(request: DepartmentRequest, department_id: int, year: int) -> HttpResponse:
    """导入月度执行数 from the uploaded template: every row recorded, or none and one line per bad row."""
    department = request.department
    target = f"{reverse('department', args=[department.pk])}?year={year}"
    form = MonthlyImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要导入的 .xlsx 文件")
        return redirect(target)
    upload = form.cleaned_data["file"]
    try:
        result = import_monthly_execution(department=department, year=year, data=upload.read(monthly_read_cap()),
                                          filename=upload.name)
    except BudgetNotFound as exc:
        raise Http404(str(exc)) from exc
    except FiscalYearClosed as exc:
        messages.error(request, str(exc))
        return redirect(target)
    except MonthlyImportRejected as exc:
        messages.error(request, f"未导入任何数据（{len(exc.lines)} 处问题）：")
        for line in exc.lines:
            messages.error(request, line)
        return redirect(target)
    messages.success(request, import_summary(year, result))
    return redirect(target)
