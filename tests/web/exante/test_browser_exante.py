"""事前绩效评估 in a real browser: the department starts and fills it, the finance bureau scores and concludes.

Screenshots in ``test-artifacts/web/``: exante-form, exante-queue-finance, exante-review, exante-concluded,
exante-queue-department, exante-project.
"""

from __future__ import annotations

from decimal import Decimal

from tests.web.browser import ARTIFACTS, BROWSER_MARKS, Session

from jixiao.exante import load_scheme
from jixiao.web.projects.models import Project
from jixiao.web.projects.services import create_project

pytestmark = BROWSER_MARKS


def test_department_fills_finance_concludes_partial_support(browser_world, live_server, browser) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    project = create_project(department=browser_world.a, actor=browser_world.user_a, code="2023-EX-009",
                             name="社区文化活动中心改造项目", start_year=2023, end_year=2023, amount=Decimal("900.00"),
                             attribute=Project.Attribute.NEW, department_in_charge=browser_world.a.name)
    scheme = load_scheme()
    dept = Session(browser, live_server.url, "dept_a")
    page = dept.page
    dept.goto(f"/projects/{project.pk}/")
    page.click("#start-exante button")
    page.wait_for_selector("#exante-form")
    dept.errors.clear()  # the project page is the projects app's; this test watches the 事前评估 pages
    for name, text in (("background", "落实区委关于公共文化服务体系建设的部署。"), ("content", "改造 3 个社区文化活动中心。"),
                       ("goals", "年底前完成改造并开放，服务人次不少于 2 万。"), ("funding", "区级财政资金 900 万元。")):
        page.fill(f"textarea[name={name}]", text)
    for item in scheme.items:
        page.fill(f"textarea[name='self-{item.key}']", f"{item.text}：已论证。")
        page.fill(f"input[name='evidence-{item.key}']", "可行性研究报告")
    dept.shot("exante-form")
    page.click("#submit")
    page.wait_for_selector("#status")
    assert page.inner_text("#status") == "待评审"

    finance = Session(browser, live_server.url, "finance")
    fpage = finance.page
    finance.goto("/exante/?status=submitted")
    finance.shot("exante-queue-finance")
    fpage.locator("#exante-queue tr", has_text="社区文化活动中心改造项目").locator("a", has_text="评审").click()
    fpage.wait_for_selector("#review-form")
    lost = {"necessity.unique": "2", "economy.detail": "2", "economy.standards": "2", "goals.linked": "1",
            "funding.arrival": "2"}  # each of these loses 3 more: 24 points → 76 → 部分支持
    for item in scheme.items:
        minus = Decimal(lost.get(item.key, "0"))
        fpage.fill(f"input[name='points-{item.key}']", f"{item.points - minus - (Decimal(3) if minus else 0)}")
        if minus:
            fpage.fill(f"input[name='note-{item.key}']", "测算依据不足。")
    fpage.fill("textarea[name=reasons]", "部分内容与已建设施重复，按核减后的金额支持。")
    fpage.fill("input[name=approved_amount]", "680")
    fpage.click("#save-review")
    fpage.wait_for_selector("#band")
    finance.shot("exante-review")
    assert "部分支持" in fpage.inner_text("#band")
    fpage.click("#conclude")
    fpage.wait_for_selector("#conclusion")
    finance.shot("exante-concluded")
    assert "部分支持" in fpage.inner_text("#conclusion") and "680.00" in fpage.inner_text("#conclusion")

    dept.goto("/exante/")
    dept.shot("exante-queue-department")
    assert dept.errors == [] and finance.errors == []
    dept.goto(f"/projects/{project.pk}/")
    dept.shot("exante-project")
    assert "部分支持" in page.inner_text("#exante-section + p")
