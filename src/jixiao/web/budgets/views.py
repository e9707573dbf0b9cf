"""The monitoring page (双监控): execution against 序时进度 and warnings, for what the user sees."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.web.budgets.models import Budget
from jixiao.web.budgets.selectors import default_monitoring_date, monitoring_for
from jixiao.web.departments.models import Department


@login_required
def monitoring(request: HttpRequest) -> HttpResponse:
    """Every visible department's row on the chosen date, its gap, the warnings and who is at risk."""
    visible = Department.objects.visible_to(request.user)  # type: ignore[arg-type]
    years = sorted(set(Budget.objects.filter(department__in=visible).values_list("fiscal_year__year", flat=True)))
    value = request.GET.get("year", "")
    year = int(value) if value.isdigit() and int(value) in years else (years[-1] if years else None)
    context: dict[str, object] = {"years": years, "year": year}
    if year is not None:
        try:
            on = date.fromisoformat(request.GET["on"]) if request.GET.get("on") else default_monitoring_date(year)
        except ValueError:
            on = default_monitoring_date(year)
        result = monitoring_for(user=request.user, year=year, on=on)  # type: ignore[arg-type]
        context.update(on=on, result=result, warned={w.department for w in result.warnings})
    return render(request, "budgets/monitoring.html", context)
