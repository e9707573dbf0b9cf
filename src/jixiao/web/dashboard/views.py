"""Thin views: read what the user may see, hand it to a template."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.web.budgets.models import Budget
from jixiao.web.departments.models import Department


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """首页: every visible department's budget, expenditure and execution rate by year."""
    visible = Department.objects.visible_to(request.user)  # type: ignore[arg-type]
    budgets = (
        Budget.objects.filter(department__in=visible)
        .select_related("department", "fiscal_year", "department__region")
        .order_by("-fiscal_year__year", "department__name")
    )
    return render(request, "dashboard/home.html", {"budgets": budgets, "department_count": visible.count()})
