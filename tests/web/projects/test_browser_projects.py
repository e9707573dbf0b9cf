"""项目库 in a browser (Debian chromium): a department user registers a project and moves it on;
the finance bureau reads the list across departments. Screenshots in test-artifacts/web/."""

from __future__ import annotations

from decimal import Decimal

from tests.web.browser import ARTIFACTS, BROWSER_MARKS, Session

from jixiao.web.projects.models import Project
from jixiao.web.projects.services import create_project

pytestmark = BROWSER_MARKS


def test_department_registers_a_project_and_finance_reads_the_list(browser_world, live_server, browser) -> None:
    world = browser_world
    create_project(department=world.b, actor=world.user_b, code="2022-JY-001", name="中小学校舍维修改造",
                   category="基本建设", start_year=2022, end_year=2022, amount=Decimal("680.00"), attribute="new",
                   is_key=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    own = Session(browser, live_server.url, world.user_a.username)
    own.goto("/projects/new/")
    own.page.fill("input[name=code]", "2022-XC-002")
    own.page.fill("input[name=name]", "新时代文明实践阵地建设")
    own.page.fill("input[name=category]", "精神文明")
    own.page.fill("input[name=amount]", "560")
    own.page.fill("input[name=implementer]", world.a.name)
    own.shot("projects-form-department")
    own.page.click("#save-project")
    own.page.wait_for_selector("#project-facts")
    assert own.page.locator("#project-status").inner_text() == "储备"
    assert own.page.locator("#budget-gate").is_visible()
    assert own.page.locator("button[data-to=approved]").count() == 0
    own.page.click("button[data-to=ex_ante]")
    own.page.wait_for_selector("text=项目状态已变更为事前评估")
    own.shot("projects-detail-department")
    own.goto("/projects/")
    own.shot("projects-list-department")
    assert "中小学校舍维修改造" not in own.page.content()
    assert own.errors == [] and own.outside == []

    finance = Session(browser, live_server.url, world.finance.username)
    finance.goto("/projects/")
    assert finance.page.locator("#status-counts").is_visible()
    assert "中小学校舍维修改造" in finance.page.content() and "新时代文明实践阵地建设" in finance.page.content()
    finance.shot("projects-list-finance")
    project = Project.objects.get(code="2022-XC-002")
    finance.goto(f"/projects/{project.pk}/")
    assert finance.page.locator("#project-buttons").count() == 0
    finance.shot("projects-detail-finance")
    finance.goto(f"/projects/{project.pk}/edit/")
    finance.shot("projects-form-finance")
    assert finance.errors == [] and finance.outside == []
