"""结果应用 and 审计日志 in a real browser: the finance bureau raises an item, the department answers, both see it.

Screenshots in ``test-artifacts/web/``: results-finance.png, rectification-new.png,
rectification-answered.png, results-overview.png, audit-department.png.
"""

from __future__ import annotations

from tests.web.browser import BROWSER_MARKS, Session

pytestmark = BROWSER_MARKS


def test_finance_raises_an_item_the_department_answers_and_the_log_shows_it(browser_world, live_server,
                                                                            browser) -> None:
    world = browser_world
    finance = Session(browser, live_server.url, "finance")
    assert finance.goto(f"/departments/{world.a.pk}/results/").status == 200
    finance.page.wait_for_selector("#chart-scores[data-ready='1']")
    assert finance.page.locator("#chart-scores canvas").count() >= 1
    assert finance.page.locator("#grade-history tbody tr").count() == 2
    assert finance.page.locator("#treatment-label").inner_text() in ("支持", "核减", "调减或暂缓")
    assert "依据《财预〔2020〕10号" in finance.page.locator("#treatment-basis").inner_text()
    finance.shot("results-finance")

    finance.page.click("#new-rectification")
    finance.page.select_option("#rectification-form select[name=year]", "2022")
    finance.page.fill("#rectification-form textarea[name=problem]", "年末结转结余偏高。")
    finance.page.fill("#rectification-form textarea[name=feedback]", "压减结转结余，次年6月底前报送整改情况。")
    finance.page.fill("#rectification-form input[name=deadline]", "2023-06-30")
    finance.shot("rectification-new")
    finance.page.click("#rectification-form button[type=submit]")
    finance.page.wait_for_selector("text=已新增整改事项：年末结转结余偏高。")
    row = finance.page.locator("#rectifications tr", has_text="年末结转结余偏高。")
    assert row.locator(".status").inner_text() == "未整改"

    department = Session(browser, live_server.url, "dept_a")
    department.goto(f"/departments/{world.a.pk}/results/")
    department.page.wait_for_selector("#chart-scores[data-ready='1']")
    department.page.locator("#rectifications tr", has_text="年末结转结余偏高。").locator("a").click()
    department.page.fill("#answer-form textarea[name=measure]", "清理历年结转资金。")
    department.page.select_option("#answer-form select[name=status]", "in_progress")
    department.page.fill("#answer-form textarea[name=progress]", "已收回结转资金 120 万元。")
    department.page.click("#answer-form button[type=submit]")
    department.page.wait_for_selector("text=已保存整改情况")
    assert department.page.locator("#item-status").inner_text() == "整改中"
    department.shot("rectification-answered")

    finance.goto("/results/")
    line = finance.page.locator("#results-overview tr", has_text=world.a.name)
    assert line.locator(".open-count").inner_text() == "2"  # the walk's item and this one, both open
    finance.goto(f"/departments/{world.a.pk}/results/")
    row = finance.page.locator("#rectifications tr", has_text="年末结转结余偏高。")
    assert row.locator(".status").inner_text() == "整改中" and "已收回结转资金" in row.inner_text()
    finance.goto("/results/")
    finance.shot("results-overview")

    department.page.click("text=审计日志")
    department.page.wait_for_selector("#audit")
    newest = department.page.locator("#audit tbody tr").first
    text = newest.inner_text()
    assert "dept_a" in text and "整改事项" in text and "未整改 → 整改中" in text and "— → 已收回结转资金 120 万元。" in text
    assert world.b.name not in department.page.content()
    department.shot("audit-department")

    for session in (finance, department):
        assert session.errors == [] and session.outside == []
