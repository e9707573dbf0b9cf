"""Monthly execution from Excel (月度执行数导入): the prefilled template and its upload, on the department page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from jixiao.web.budgets.forms import MonthlyImportForm
from jixiao.web.budgets.selectors import monthly_template
from jixiao.web.budgets.services import (
    BudgetNotFound,
    FiscalYearClosed,
    MonthlyImport,
    MonthlyImportRejected,
    import_monthly_execution,
)
from jixiao.web.permissions import require_department_access

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def import_summary(year: int, result: MonthlyImport) -> str:
    """One line of what an import did, in Chinese."""
    def months(values: list[int]) -> str:
        return "、".join(f"{m}月" for m in values) or "无"
    return (f"已导入 {year} 年度月度执行数：新增 {months(result.created)}；修改 {months(result.updated)}；"
            f"未变 {len(result.unchanged)} 个月")


@login_required
@require_department_access()
def template(request: HttpRequest, department_id: int, year: int) -> HttpResponse:
    """Download the import template (导入模板), months 1–12 with what is recorded."""
    department = request.department  # type: ignore[attr-defined]
    if not department.budgets.filter(fiscal_year__year=year).exists():
        raise Http404("该年度没有预算")
    response = HttpResponse(monthly_template(department=department, year=year), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{department.name}{year}年度月度执行数.xlsx")
    return response


@login_required
@require_POST
@require_department_access(write=True)
def upload(request: HttpRequest, department_id: int, year: int) -> HttpResponse:
    """导入月度执行数 from the uploaded template: every row recorded, or none and one line per bad row."""
    department = request.department  # type: ignore[attr-defined]
    target = f"{reverse('department', args=[department.pk])}?year={year}"
    form = MonthlyImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要导入的 .xlsx 文件")
        return redirect(target)
    upload = form.cleaned_data["file"]
    try:
        result = import_monthly_execution(department=department, year=year, data=upload.read(), filename=upload.name)
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
