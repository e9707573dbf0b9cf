"""A project through its whole lifecycle in a browser (Debian chromium), as issue 16's "Done when" says:

the department officer registers a project, fills its 事前绩效评估, the finance bureau concludes, the
officer declares goals (the finance bureau approves them in 目标审核), records monthly execution and
indicator progress, fills the year-end self-evaluation and downloads the 附件1 自评表 — whose 分值 sum to
100 and whose 总分 is the engine's score. Screenshots of each page, as both users, in test-artifacts/web/.
"""

from __future__ import annotations

from decimal import Decimal

from tests.web.browser import ARTIFACTS, BROWSER_MARKS, Session
from tests.web.projperf.form_xlsx import form_totals

from jixiao.web.projects.models import Project
from jixiao.web.projperf.selectors import scored, year_state

pytestmark = BROWSER_MARKS
YEAR = 2022
INDICATORS = (
    ("产出指标", "数量指标", "新建宣传阵地数量", ">=", "12", "个", "20"),
    ("产出指标", "质量指标", "阵地验收合格率", ">=", "95", "%", "15"),
    ("产出指标", "时效指标", "按期完工率", ">=", "100", "%", "15"),
    ("效益指标", "社会效益", "年度服务群众人次", ">=", "30000", "人次", "30"),
    ("满意度指标", "服务对象满意度", "群众满意度", ">=", "90", "%", "10"),
)
ACTUALS = {"新建宣传阵地数量": "12", "阵地验收合格率": "98", "按期完工率": "90", "年度服务群众人次": "32000",
           "群众满意度": "94"}


def _fill_all_text(page, selector: str, text: str) -> None:
    """Every textarea and text input of the form ``selector`` gets ``text`` (the 事前评估's many fields)."""
    page.eval_on_selector_all(f"{selector} textarea, {selector} input[type=text]",
                              "(els, t) => els.forEach(e => { if (!e.value) e.value = t; })", text)


def test_project_lifecycle_in_the_browser(browser_world, live_server, browser) -> None:
    world = browser_world
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    own = Session(browser, live_server.url, world.user_a.username)
    finance = Session(browser, live_server.url, world.finance.username)

    # 1. the officer registers a new project large enough to need a 事前绩效评估
    own.goto("/projects/new/")
    own.page.fill("input[name=code]", "2022-XC-101")
    own.page.fill("input[name=name]", "新时代文明实践阵地建设")
    own.page.fill("input[name=category]", "精神文明")
    own.page.fill("input[name=start_year]", str(YEAR))
    own.page.fill("input[name=amount]", "600")
    own.page.click("#save-project")
    own.page.wait_for_selector("#project-facts")
    project = Project.objects.get(code="2022-XC-101")
    own.page.click("button[data-to=ex_ante]")
    own.page.wait_for_selector("text=项目状态已变更为事前评估")

    # 2. … and fills its 事前绩效评估
    own.page.click("#start-exante button")
    own.page.wait_for_selector("#exante-form")
    _fill_all_text(own.page, "#exante-form", "项目符合区委宣传工作重点，方案经过论证，资金来源为本级财政拨款。")
    own.shot("lifecycle-exante-department")
    own.page.click("#exante-form #submit")
    own.page.wait_for_load_state()
    assessment_url = own.page.url

    # 3. the finance bureau reviews and concludes 予以支持
    finance.page.goto(assessment_url.rstrip("/") + "/review/")
    finance.page.wait_for_selector("#review-form")
    finance.page.eval_on_selector_all("#review-form input[name^=points-]", "els => els.forEach(e => e.value = e.max)")
    finance.page.fill("#review-form textarea[name=reasons]", "立项依据充分，绩效目标合理，方案可行。")
    finance.shot("lifecycle-exante-review-finance")
    finance.page.click("#conclude")
    finance.page.wait_for_load_state()
    project.refresh_from_db()
    assert project.exante_conclusion == Project.Conclusion.SUPPORT, project.exante_conclusion

    # 4. the officer approves the project (立项) and declares its budget and goals
    own.goto(f"/projects/{project.pk}/")
    own.page.click("button[data-to=approved]")
    own.page.wait_for_selector("text=项目状态已变更为已立项")
    own.page.click("#declare-goals")
    own.page.wait_for_selector("#declaration-form")
    own.page.fill("input[name=initial]", "600")
    own.page.fill("input[name=total]", "600")
    own.page.fill("input[name=current_initial]", "600")
    own.page.fill("input[name=current_total]", "600")
    own.page.fill("textarea[name=goals]", "建成新时代文明实践阵地12个，服务群众3万人次以上")
    for i, (level1, level2, name, op, value, unit, weight) in enumerate(INDICATORS):
        own.page.click("#add-row")
        own.page.select_option(f"select[name=ind-{i}-level1]", level1)
        own.page.fill(f"input[name=ind-{i}-level2]", level2)
        own.page.fill(f"input[name=ind-{i}-name]", name)
        own.page.select_option(f"select[name=ind-{i}-op]", op)
        own.page.fill(f"input[name=ind-{i}-value]", value)
        own.page.fill(f"input[name=ind-{i}-unit]", unit)
        own.page.fill(f"input[name=ind-{i}-weight]", weight)
    own.shot("lifecycle-goals-department")
    # the full-page shot leaves the page scrolled as it was shot until the focused field blurs, which the
    # click's mousedown does: the mouseup then lands elsewhere. Blur first, so the click finds the button.
    own.page.evaluate("document.activeElement.blur()")
    own.page.click("#submit")
    own.page.wait_for_selector("text=已提交财政局审核")

    # 5. 目标审核 by the finance bureau (the department scheme)
    finance.goto(f"/projects/{project.pk}/performance/{YEAR}/")
    finance.shot("lifecycle-goals-finance")
    finance.page.click("#review-link")
    finance.page.wait_for_selector("#review-form")
    for radio in finance.page.locator("#review-form input[type=radio][value=优]").all():
        radio.check()
    finance.shot("lifecycle-goals-review-finance")
    finance.page.click("#review-submit")
    finance.page.wait_for_selector("text=审核结果：优")

    # 6. monthly execution and indicator progress
    own.goto(f"/projects/{project.pk}/performance/{YEAR}/monitoring/?on={YEAR}-07-31")
    for month, amount in zip(range(1, 13), ("10", "20", "30", "40", "40", "50", "60", "60", "70", "70", "60", "60"),
                             strict=True):
        own.page.fill(f"input[name=m{month}]", amount)
    own.page.click("#monthly-save")
    own.page.wait_for_selector("text=月度执行数已保存")
    form = own.page.locator("#progress-form")
    form.locator("select[name=indicator]").select_option(label="年度服务群众人次")
    form.locator("input[name=value]").fill("9000")
    form.locator("select[name=cause]").select_option("经费保障")
    form.locator("input[name=reason]").fill("阵地建设资金下半年到位")
    form.locator("select[name=feasibility]").select_option("有可能")
    own.page.click("#progress-save")
    own.page.wait_for_selector("text=的完成情况")
    assert own.page.locator("tr.progress-row", has_text="年度服务群众人次").locator(".progress-red").count() == 1
    warnings = own.page.locator("#warnings form.response-form")
    if warnings.count():
        first = warnings.first
        first.locator("select[name=action]").select_option("继续执行")
        first.locator("textarea[name=reason]").fill("前期招标已完成，下半年集中支付")
        first.locator("button[type=submit]").click()
        own.page.wait_for_selector("text=预警响应已保存")
    own.shot("lifecycle-monitoring-department")
    finance.goto(f"/projects/{project.pk}/performance/{YEAR}/monitoring/?on={YEAR}-07-31")
    finance.shot("lifecycle-monitoring-finance")

    # 7. the year-end self-evaluation: actuals, the deviation reason the engine asks for, submit
    own.goto(f"/projects/{project.pk}/performance/{YEAR}/evaluation/")
    own.page.fill("input[name=spent]", "570")
    own.page.fill("input[name=current_spent]", "570")
    for tr in own.page.locator("#score-table tr.indicator").all():
        name = tr.locator("td").nth(2).inner_text().strip()
        tr.locator("input[name$=-actual]").fill(ACTUALS[name])
    own.page.click("#evaluation-save")
    own.page.wait_for_selector("text=已保存")
    owed = own.page.locator("#score-table tr.indicator.warned")
    for i in range(owed.count()):
        owed.nth(i).locator("textarea[name$=-deviation_reason]").fill("部分阵地受场地协调影响延期完工，已于次年一季度完成。")
    own.page.click("#evaluation-submit")
    own.page.wait_for_selector("text=自评已提交")
    own.shot("lifecycle-evaluation-department")

    # 8. the 附件1 自评表: 分值 sum to 100, 总分 = the engine's score
    with own.page.expect_download() as download:
        own.page.click("#download-xlsx")
    data = download.value.path().read_bytes()
    weights, total, text = form_totals(data)
    engine = scored(year_state(project=project, year=YEAR)).result
    assert weights == Decimal(100) and total == engine.total, (weights, total, engine.total)
    assert project.name in text and engine.complete
    finance.goto(f"/projects/{project.pk}/performance/{YEAR}/evaluation/")
    assert finance.page.locator("#engine-total").inner_text() == f"{engine.total:.2f}"
    finance.shot("lifecycle-evaluation-finance")
    for who, session in (("department", own), ("finance", finance)):
        session.goto(f"/projects/{project.pk}/")
        session.shot(f"lifecycle-project-{who}")
        session.goto("/project-declarations/")
        session.shot(f"lifecycle-queue-{who}")
        session.goto(f"/departments/{world.a.pk}/results/")
        session.shot(f"lifecycle-results-{who}")
        session.goto(f"/departments/{world.a.pk}/evaluation/{YEAR}/")
        session.shot(f"lifecycle-department-evaluation-{who}")
        session.goto("/projects/")
        session.shot(f"lifecycle-projects-{who}")
    assert own.errors == [] and own.outside == []
    assert finance.errors == [] and finance.outside == []
