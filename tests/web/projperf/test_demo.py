"""Demo 项目绩效: the demo projects of both seed departments and some generated ones have budgets,
monthly execution, indicator progress, a warning with a response and a finished 自评 scored by the engine."""

from __future__ import annotations

import time

import pytest

from jixiao.scoring import score_report
from jixiao.web import demo
from jixiao.web.monitoring.models import WarningResponse
from jixiao.web.projperf.demo import SEED_DEPARTMENTS, load_project_performance
from jixiao.web.projperf.models import IndicatorProgress, ProjectYear
from jixiao.web.projperf.selectors import project_framework, project_report, scored, year_state

pytestmark = pytest.mark.django_db


def test_demo_projects_have_monitoring_and_a_finished_self_evaluation() -> None:
    started = time.monotonic()
    demo.load(departments=3, years=(2021, 2022))
    rows = ProjectYear.objects.select_related("project__department", "fiscal_year")
    departments = {r.project.department.name for r in rows}
    assert set(SEED_DEPARTMENTS) <= departments and len(departments) > len(SEED_DEPARTMENTS)
    assert 2022 in {r.fiscal_year.year for r in rows}
    for row in rows:
        assert row.status == ProjectYear.Status.APPROVED
        assert row.evaluation_status == ProjectYear.EvaluationStatus.SUBMITTED
        assert row.monthly.count() == 12 and row.spent == sum(m.spent for m in row.monthly.all())
        state = year_state(project=row.project, year=row.year)
        engine = score_report(project_report(state.row), project_framework())
        assert row.score == engine.total and engine.complete and scored(state).weight_total == 100
    assert IndicatorProgress.objects.filter(indicator__project_year__in=rows).exists()
    assert WarningResponse.objects.filter(warning_key__contains=":").filter(
        warning_key__regex=r":[0-9]+:.+").exists()  # a project warning (kind:month:code) answered
    assert load_project_performance() == 0  # a second load adds nothing
    assert time.monotonic() - started < 600


def test_demo_project_pages_read_clean_for_department_and_finance(client) -> None:
    from django.urls import reverse
    from tests.web.walk import Page, page_problems

    from jixiao.web.accounts.models import User

    demo.load(departments=2, years=(2022,))
    demo.create_accounts()
    row = ProjectYear.objects.select_related("project__department").filter(
        project__department__name=SEED_DEPARTMENTS[0]).first()
    project, year = row.project, row.year
    pages = [reverse("project-performance", args=[project.pk]), reverse("project", args=[project.pk]),
             reverse("project-declarations"), reverse("projects"), f"/departments/{project.department.pk}/results/",
             f"/departments/{project.department.pk}/evaluation/{year}/"]
    pages += [reverse(name, args=[project.pk, year]) for name in
              ("project-goals", "project-monitoring", "project-evaluation", "project-goals-review")]
    for username in ("liwan", "caizheng"):
        client.force_login(User.objects.get(username=username))
        for url in pages:
            response = client.get(url)
            if url.endswith("/review/") and username == "liwan":
                assert response.status_code == 403
                continue
            assert response.status_code == 200, (username, url)
            page = Page()
            page.feed(response.content.decode())
            assert page_problems("\n".join(page.text)) == [], (username, url)
