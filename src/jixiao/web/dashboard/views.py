"""Thin views: read what the user may see, hand it to a template."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.budgets.models import Budget
from jixiao.web.common.listing import list_state, paginate, sort_rows
from jixiao.web.dashboard.export import dashboard_xlsx
from jixiao.web.dashboard.selectors import BUDGET_FILTERS, BUDGET_SORTS, GRADES, budget_list, dashboard_data
from jixiao.web.departments.models import Department, Region
from jixiao.web.departments.permissions import sees_dashboard


def _year(request: HttpRequest) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() else None


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """首页: every visible department's budget, expenditure and execution rate by year."""
    visible = Department.objects.visible_to(request.user)
    state = list_state(request, sorts=BUDGET_SORTS, default="-year", filters=BUDGET_FILTERS)
    page = paginate(budget_list(user=request.user, state=state), state)
    years = Budget.objects.filter(department__in=visible).values_list("fiscal_year__year", flat=True).distinct()
    regions = Region.objects.filter(departments__in=visible).distinct().order_by("name")
    return render(request, "dashboard/home.html", {
        "page": page, "budgets": page.object_list, "state": state, "department_count": visible.count(),
        "years": sorted(set(years), reverse=True), "regions": regions,
    })


BOARD_SORTS = {
    "department": lambda r: r.department, "region": lambda r: r.region, "total": lambda r: r.total,
    "spent": lambda r: r.spent, "rate": lambda r: r.execution_rate, "score": lambda r: r.score,
    "grade": lambda r: GRADES.index(r.grade) if r.grade in GRADES else None,
}
"""Columns the board's table (部门执行与评价) sorts by; 等级 from 优 to 差."""


@login_required
@sees_dashboard
def board(request: AuthenticatedHttpRequest) -> HttpResponse:
    """财政局看板: charts (drawn client-side from ``/api/dashboard``) and the sortable table."""
    data = dashboard_data(user=request.user, year=_year(request))
    state = list_state(request, sorts=BOARD_SORTS, default="-rate", filters=("region", "grade"))
    rows = [r for r in data.rows if (not state.filters["region"] or r.region == state.filters["region"])
            and (not state.filters["grade"] or r.grade == state.filters["grade"])]
    page = paginate(sort_rows(rows, state, BOARD_SORTS), state)
    return render(request, "dashboard/board.html", {
        "board": data, "page": page, "state": state, "grades": GRADES,
        "regions": sorted({r.region for r in data.rows if r.region})})


@login_required
@sees_dashboard
def export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The dashboard table as an Excel file (导出 Excel)."""
    data = dashboard_data(user=request.user, year=_year(request))
    response = HttpResponse(
        dashboard_xlsx(data), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="dashboard-{data.year or "all"}.xlsx"'
    return response
