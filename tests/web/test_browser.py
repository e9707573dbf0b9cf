"""The web app in a real browser (Debian chromium via Playwright), each flow as the role that does it.

Screenshots are kept in ``test-artifacts/web/`` (git-ignored) for a person to look at.
Never ``playwright install``: the driver ships in the wheel and the browser is Debian's.
The marks and the logged-in ``Session`` are in ``tests/web/browser.py``, the fixtures in conftest.
"""

from __future__ import annotations

from tests.web.browser import BROWSER_MARKS, Session

pytestmark = BROWSER_MARKS


def test_finance_bureau_dashboard_draws_its_charts(browser_world, live_server, browser) -> None:
    session = Session(browser, live_server.url, "finance")
    response = session.goto("/dashboard/")
    assert response.status == 200
    session.page.wait_for_selector("#charts[data-ready='1']")
    for chart in ("chart-execution", "chart-grades", "chart-monthly", "chart-years"):
        assert session.page.locator(f"#{chart} canvas").count() >= 1, chart
    session.shot("dashboard-finance")

    # the table sorts on the server by a click on a header, a second click reverses
    session.page.locator("#board-table th a", has_text="自评分").click()
    session.page.wait_for_url("**sort=-score**")
    first = session.page.locator("#board-table tbody tr td:nth-child(6)").first.get_attribute("data-value")
    session.page.locator("#board-table th a", has_text="自评分").click()
    session.page.wait_for_url("**sort=score**")
    assert session.page.locator("#board-table tbody tr td:nth-child(6)").first.get_attribute("data-value") != first
    session.shot("dashboard-finance-sorted")

    response = session.goto(f"/departments/{browser_world.a.pk}/")
    assert response.status == 200
    session.page.wait_for_selector("#chart-progress[data-ready='1']")

    # 双监控: every department's gap and the warnings
    response = session.goto("/monitoring/?year=2022&on=2022-06-30")
    assert response.status == 200
    assert session.page.locator("#monitoring tbody tr").count() == 2
    session.shot("monitoring-finance")

    # 复核: pick a stored report, see its findings beside the text
    session.goto("/reviews/")
    row = session.page.locator("#documents tr", has_text=browser_world.documents[browser_world.a.pk].original_name)
    row.locator("a", has_text="复核").click()
    session.page.wait_for_selector(".finding")
    session.page.locator(".finding").first.click()
    session.shot("review-finance")

    # the API's Swagger UI, drawn from ninja's local files
    session.goto("/api/docs")
    session.page.wait_for_selector(".swagger-ui .opblock")
    assert session.page.locator(".opblock").count() >= 12
    session.shot("api-docs")
    assert session.errors == [] and session.outside == []


def test_department_user_sees_own_progress_and_not_the_other_department(browser_world, live_server,
                                                                         browser) -> None:
    session = Session(browser, live_server.url, "dept_a")
    session.shot("home-department")
    session.page.click("text=本部门")
    session.page.wait_for_selector("#chart-progress[data-ready='1']")
    assert session.page.locator("#chart-progress canvas").count() >= 1
    assert browser_world.a.name in session.page.content()
    session.shot("department-own")

    # 录入月度执行数 through the page's form
    session.page.select_option("#monthly-form select[name=month]", "3")
    session.page.fill("#monthly-form input[name=spent]", "321.09")
    session.page.click("#monthly-form button[type=submit]")
    session.page.wait_for_selector("text=已保存：2022年3月支出 321.09 万元")
    session.page.wait_for_selector("#chart-progress[data-ready='1']")
    session.shot("department-monthly-saved")

    # 年终自评: the core's score with the reason of every point
    session.page.click("#evaluation-link")
    session.page.wait_for_selector("#score-summary")
    assert session.page.locator("#score-items tbody tr").count() >= 1
    session.shot("evaluation-own")

    response = session.goto(f"/departments/{browser_world.b.pk}/")
    assert response.status == 404
    assert browser_world.b.name not in session.page.content()
    session.shot("department-other-404")
    response = session.goto("/dashboard/")
    assert response.status == 403
    response = session.goto(f"/api/departments/{browser_world.b.pk}/budgets/2022")
    assert response.status == 404
    # the 404/403 pages log their status to the console; nothing else may
    assert all("404" in e or "403" in e for e in session.errors), session.errors
    assert session.outside == []


def test_dashboard_over_the_demo_data(transactional_db, live_server, browser, monkeypatch) -> None:
    """The board as a finance bureau sees it: the demo's 32 departments over three years."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from jixiao.web import demo

    demo.load()
    accounts = {a.username: a for a in demo.create_accounts()}
    session = Session(browser, live_server.url, "caizheng", accounts["caizheng"].password)
    session.goto("/dashboard/?year=2022")
    session.page.wait_for_selector("#charts[data-ready='1']")
    assert session.page.locator("#board-table tbody tr").count() == 25  # 32 departments, 25 a page
    assert "共 32 条" in session.page.locator(".pagination").first.inner_text()
    # 32 departments: sorted horizontal bars, 30 at a time with a scroll bar, the 90% and 序时进度 lines
    charts = session.page.locator("#charts")
    assert charts.get_attribute("data-departments") == "32" and charts.get_attribute("data-zoom") == "1"
    option = session.page.evaluate("""() => {
      const get = (id) => echarts.getInstanceByDom(document.getElementById(id)).getOption();
      const e = get('chart-execution'), g = get('chart-grades'), y = get('chart-years');
      return {marks: e.series[0].markLine.data.map(d => d.xAxis), rates: e.series[0].data.map(d => d.value),
              horizontal: e.yAxis[0].type, zoom: e.dataZoom.length, height: document.getElementById('chart-execution').clientHeight,
              donut: g.series[0].label.formatter, yearMin: y.yAxis[0].min};
    }""")
    assert option["horizontal"] == "category" and option["zoom"] == 2
    assert option["marks"] == [90, 100]  # a closed year: 序时进度 100%
    assert option["rates"] == sorted(option["rates"], reverse=True)
    assert option["height"] <= 30 * 22 + 90 and "{c} 个" in option["donut"] and "{d}%" in option["donut"]
    assert option["yearMin"] > 50  # 历年对比 fitted to the figures, not 0–100
    session.shot("dashboard-demo")
    assert session.errors == [] and session.outside == []
