"""事中监控 in a real browser: the department imports its months from Excel and answers a warning; the bureau sees it.

Screenshots in ``test-artifacts/web/``: ``monitoring-import-done.png``, ``monitoring-import-rejected.png``,
``monitoring-department-pending.png``, ``monitoring-department-answered.png``, ``monitoring-finance-responses.png``.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from tests.web.browser import BROWSER_MARKS, Session

pytestmark = BROWSER_MARKS
OCTOBER = "execution_below_checkpoint:10"


def test_department_imports_months_and_answers_a_warning_the_bureau_sees_it(browser_world, live_server, browser,
                                                                               tmp_path: Path) -> None:
    world = browser_world
    session = Session(browser, live_server.url, "dept_a")
    session.goto(f"/departments/{world.a.pk}/?year=2022")
    session.page.wait_for_selector("#chart-progress[data-ready='1']")

    # download the prefilled template, type two months into it as Excel would, upload it
    with session.page.expect_download() as download:
        session.page.click("#template-link")
    template = tmp_path / download.value.suggested_filename
    download.value.save_as(template)
    assert template.name == f"{world.a.name}2022年度月度执行数.xlsx"
    book = load_workbook(template)
    sheet = book.active
    assert sheet.cell(row=5, column=2).value is not None  # March is prefilled
    sheet.cell(row=5, column=2).value = 12.3  # a float cell: must arrive as 12.30 exactly
    book.save(template)
    session.page.set_input_files("#import-form input[type=file]", str(template))
    session.page.click("#import-form button[type=submit]")
    session.page.wait_for_selector("text=已导入 2022 年度月度执行数：新增 无；修改 3月")
    session.page.wait_for_selector("#chart-progress[data-ready='1']")
    assert session.page.locator("#monthly tbody td").nth(2).inner_text() == "12.30"
    session.shot("monitoring-import-done")

    # a file with a bad row: nothing imported, the row named
    sheet.cell(row=6, column=2).value = -1
    bad = tmp_path / "坏的.xlsx"
    book.save(bad)
    session.page.set_input_files("#import-form input[type=file]", str(bad))
    session.page.click("#import-form button[type=submit]")
    session.page.wait_for_selector("text=坏的.xlsx 第6行：金额不能为负数")
    assert session.page.locator("text=未导入任何数据（1 处问题）").count() == 1
    session.shot("monitoring-import-rejected")

    # the October warning, still unanswered, with its deadline; answer it with 调剂
    session.goto("/monitoring/?year=2022&on=2022-11-10")
    row = session.page.locator(f"#warnings tr[data-key='{OCTOBER}']", has_text=world.a.name)
    assert "待响应（截止 2022-11-14）" in row.inner_text()
    session.shot("monitoring-department-pending")
    row.locator("select[name=action]").select_option("调剂")
    row.locator("textarea[name=reason]").fill("三季度项目延期，结余资金调剂至学位建设项目")
    row.locator("button[type=submit]").click()
    session.page.wait_for_selector("text=已记录预警响应")
    row = session.page.locator(f"#warnings tr[data-key='{OCTOBER}']", has_text=world.a.name)
    assert "已响应：调剂" in row.inner_text() and "dept_a" in row.inner_text()
    assert "已响应：调剂" in session.page.locator("#monitoring tbody tr", has_text=world.a.name).inner_text()
    session.shot("monitoring-department-answered")
    assert session.errors == [] and session.outside == []
    session.context.close()

    # the finance bureau: every response, the overdue unanswered first and highlighted, no form to answer
    finance = Session(browser, live_server.url, "finance")
    finance.goto("/monitoring/?year=2022&on=2022-11-30")
    first = finance.page.locator("#warnings tbody tr").first
    assert "overdue" in (first.get_attribute("class") or "") and world.b.name in first.inner_text()
    answered = finance.page.locator("#warnings tr.answered", has_text=world.a.name)
    assert "三季度项目延期" in answered.inner_text() and "调剂" in answered.inner_text()
    assert finance.page.locator("#warnings form.respond").count() == 0
    finance.shot("monitoring-finance-responses")
    assert finance.errors == [] and finance.outside == []
