"""绩效目标申报与目标审核 in a real browser: a department declares, the finance bureau returns, then approves.

Screenshots in ``test-artifacts/web/``: declaration-problem, declaration-submitted, declaration-queue-finance,
declaration-review-form, declaration-returned, declaration-approved, declaration-queue-approved.
"""

from __future__ import annotations

from tests.web.browser import BROWSER_MARKS, Session

pytestmark = BROWSER_MARKS

YEAR = 2023  # next year's goals: nothing is stored for it yet, every row is entered through the form
ROWS = [
    ("产出指标", "数量指标", "培训人次", ">=", "300", "", "50"),  # the unit is missing on purpose
    ("效益指标", "社会效益", "政策知晓率", ">=", "90", "%", "30"),
    ("满意度指标", "服务对象满意度", "服务对象满意度", ">=", "85", "%", "10"),
]
DIMENSIONS = ("completeness", "relevance", "appropriateness", "feasibility")


def _fill_row(page, index: int, row: tuple[str, ...]) -> None:
    level1, level2, name, op, value, unit, weight = row
    page.select_option(f"select[name=ind-{index}-level1]", level1)
    page.fill(f"input[name=ind-{index}-level2]", level2)
    page.fill(f"input[name=ind-{index}-name]", name)
    page.select_option(f"select[name=ind-{index}-op]", op)
    page.fill(f"input[name=ind-{index}-value]", value)
    page.fill(f"input[name=ind-{index}-unit]", unit)
    page.fill(f"input[name=ind-{index}-weight]", weight)


def _review(session: Session, department_id: int, grade: str, dimension_grade: str, comment: str) -> None:
    page = session.page
    session.goto("/declarations/")
    row = page.locator("#queue tbody tr").first  # submitted ones come first
    assert "已提交" in row.inner_text()
    row.locator("a", has_text="审核").click()
    page.wait_for_selector("#review-form")
    for key in DIMENSIONS:
        page.check(f"input[name=grade_{key}][value={dimension_grade}]")
    page.check(f"input[name=overall][value={grade}]")
    page.fill("textarea[name=comment]", comment)


def test_declare_return_revise_and_approve(browser_world, live_server, browser) -> None:
    a = browser_world.a
    dept = Session(browser, live_server.url, "dept_a")
    page = dept.page
    dept.goto(f"/departments/{a.pk}/")
    page.click("#declaration-next-link")
    page.wait_for_selector("#declaration-form")
    assert page.locator("#status").inner_text() == "草稿"
    page.fill("textarea[name=goals]", "完成年度培训任务\n提升政策知晓率和群众满意度")
    page.fill("input[name=initial]", "1000")
    page.fill("input[name=basic]", "400")
    page.fill("input[name=project]", "600")
    for index, row in enumerate(ROWS):
        page.click("#add-row")
        _fill_row(page, index, row)
    page.click("#save")
    page.wait_for_selector("#indicator-table")
    first_row = page.locator("#indicator-rows tr").first
    assert "缺少计量单位" in first_row.inner_text()
    assert page.input_value("input[name=ind-0-weight]") == "50"
    assert page.locator("#blocking-count").is_visible()
    dept.shot("declaration-problem")

    page.fill("input[name=ind-0-unit]", "人次")
    page.click("#submit")
    page.wait_for_selector("#declaration-readonly")
    assert page.locator("#status").inner_text() == "已提交"
    assert "已提交财政局审核" in page.locator(".message").first.inner_text()
    dept.shot("declaration-submitted")

    finance = Session(browser, live_server.url, "finance")
    finance.goto("/declarations/")
    assert a.name in finance.page.locator("#queue tbody tr").first.inner_text()
    finance.shot("declaration-queue-finance")
    _review(finance, a.pk, "中", "中", "满意度指标需细化，培训人次偏低")
    assert "培训人次" in finance.page.locator("#indicators").inner_text()
    finance.shot("declaration-review-form")
    finance.page.click("#review-submit")
    finance.page.wait_for_selector("#queue")
    assert "修改后重新报送确认" in finance.page.locator(".message").first.inner_text()

    dept.goto(f"/departments/{a.pk}/declaration/{YEAR}/")
    assert page.locator("#status").inner_text() == "已退回"
    assert "满意度指标需细化" in page.locator("#latest-comment").inner_text()
    assert "满意度指标需细化" in page.locator("#reviews").inner_text()
    dept.shot("declaration-returned")
    page.fill("input[name=ind-0-value]", "350")
    page.click("#submit")
    page.wait_for_selector("#declaration-readonly")
    assert page.locator("#status").inner_text() == "已提交"

    _review(finance, a.pk, "良", "优", "同意，按意见完善后进入预算安排")
    finance.page.click("#review-submit")
    finance.page.wait_for_selector("#queue")
    assert "部门修改后进入" in finance.page.locator(".message").first.inner_text()
    finance.page.select_option("#declaration-filters select[name=status]", "approved")
    finance.page.click("#declaration-filters button[type=submit]")
    finance.page.wait_for_url("**status=approved**")
    assert a.name in finance.page.locator("#queue").inner_text()
    finance.shot("declaration-queue-approved")

    dept.goto(f"/departments/{a.pk}/declaration/{YEAR}/")
    assert page.locator("#status").inner_text() == "已通过"
    assert page.locator("#reviews tr.review").count() == 2
    assert "350" in page.locator("#indicators").inner_text()
    dept.shot("declaration-approved")
    for session in (dept, finance):
        assert session.errors == [] and session.outside == []
