"""A department's own page (部门页面): its budgets and execution against 序时进度."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.web.budgets.selectors import budgets_with_monthly
from jixiao.web.departments.models import Department
from jixiao.web.permissions import can_write_figures, require_department_access


@login_required
@require_department_access()
def detail(request: HttpRequest, department_id: int) -> HttpResponse:
    """The department, its budgets by year, and a chart of the chosen year's execution."""
    department = request.department  # type: ignore[attr-defined]
    budgets = list(budgets_with_monthly(departments=Department.objects.filter(pk=department.pk)))
    years = [b.fiscal_year.year for b in budgets]
    value = request.GET.get("year", "")
    year = int(value) if value.isdigit() and int(value) in years else (years[-1] if years else None)
    return render(request, "departments/detail.html", {
        "department": department, "budgets": budgets, "years": years, "year": year,
        "can_write": can_write_figures(request.user, department),  # type: ignore[arg-type]
    })
