"""The stored self-evaluation as the core reads it (自评报告查询)."""

from __future__ import annotations

from django.http import Http404

from jixiao.report import PerformanceReport
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.interchange import load_report


def stored_report(department: Department, year: int) -> PerformanceReport:
    """The department's report of ``year`` assembled from the database; 404 when there is none."""
    fiscal_year = FiscalYear.objects.filter(year=year).first()
    if fiscal_year is None or not department.budgets.filter(fiscal_year=fiscal_year).exists():
        raise Http404("该年度没有报告")
    return load_report(department, fiscal_year)
