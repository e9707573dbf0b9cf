"""Pages of 目标质量 (target quality): 目标设置质量 and the board (ECharts box plot of targets vs actuals)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.targets.selectors import (
    most_low_targets,
    quality_by_department,
    quality_by_industry,
    quality_years,
    usage,
)


def _year(request: AuthenticatedHttpRequest, years: list[int]) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and int(value) in years else None


@login_required
def quality(request: AuthenticatedHttpRequest) -> HttpResponse:
    """目标设置质量: how often targets were exceeded by 130% or more, per department (those the user sees) and per 行业."""
    years = quality_years()
    year = _year(request, years)
    return render(request, "targets/quality.html", {
        "years": years, "year": year, "departments": quality_by_department(user=request.user, year=year),
        "industries": quality_by_industry(year=year), "names_all": request.user.sees_all_departments})


@login_required
def board(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The library indicators' board: usage across departments, targets vs actuals by year, the most low targets."""
    used = usage()
    return render(request, "targets/board.html", {"usage": used, "most_low": most_low_targets(user=request.user),
                                                  "first": used[0] if used else None})
