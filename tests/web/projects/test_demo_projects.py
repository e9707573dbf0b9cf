"""Demo projects: every department-year's projects add up to its 项目支出, at every step of the flow."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Sum

from jixiao.web import demo
from jixiao.web.budgets.models import Budget
from jixiao.web.projects.demo import load_projects
from jixiao.web.projects.models import Project

pytestmark = pytest.mark.django_db

LIWAN = "中国共产党广州市荔湾区委员会宣传部"


def test_demo_projects_add_up_to_each_department_years_project_spending() -> None:
    demo.load(departments=3, years=(2021, 2022))
    for budget in Budget.objects.filter(project__gt=0):
        total = Project.objects.filter(department=budget.department, start_year=budget.fiscal_year.year) \
            .aggregate(total=Sum("amount"))["total"]
        assert total == budget.project, (budget.department.name, budget.fiscal_year.year)
    # the budget years' projects (the 事前评估 demo adds next year's new projects, which have no budget yet)
    liwan = Project.objects.filter(department__name=LIWAN, start_year__lte=2022)
    assert liwan.aggregate(total=Sum("amount"))["total"] == Decimal("1461.15")
    assert liwan.filter(name__contains="网络舆情").exists() and liwan.filter(is_key=True).count() == 1
    assert liwan.first().code.startswith("2022-XC-")
    latest = Project.objects.filter(start_year=2022)
    assert {S for S in latest.values_list("status", flat=True)} >= {"reserve", "ex_ante", "approved", "in_progress"}
    assert set(Project.objects.filter(start_year=2021).values_list("status", flat=True)) <= {"completed", "terminated"}
    for project in Project.objects.filter(status__in=("approved", "in_progress", "completed")):
        assert project.exante_conclusion in ("", "support")
    # a second load adds nothing
    assert load_projects() == 0
