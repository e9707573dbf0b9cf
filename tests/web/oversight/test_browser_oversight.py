"""抽评 in a real browser: the finance bureau draws the 2022 sample, opens a sampled report, adjusts its score with
a reason, and the corrected grade shows on 结果应用.

Screenshots in ``test-artifacts/web/``: sampling-drawn.png, sampling-review.png, sampling-adjusted.png,
sampling-results.png.
"""

from __future__ import annotations

from tests.web.browser import BROWSER_MARKS, Session

from jixiao.web.evaluation.models import Evaluation

pytestmark = BROWSER_MARKS


def test_finance_draws_reviews_adjusts_and_results_apply_the_corrected_grade(browser_world, live_server,
                                                                           browser) -> None:
    world = browser_world
    for department in (world.a, world.b):  # the self-evaluations came with their report files
        Evaluation.objects.filter(department=department, fiscal_year__year=2022).update(
            source_document=world.documents[department.pk])
    finance = Session(browser, live_server.url, "finance")
    finance.goto("/oversight/sampling/?year=2022")
    assert finance.page.locator("#no-draw").inner_text() == "2022 年度尚未抽评。"
    finance.page.fill("#draw-form input[name=seed]", "20220")
    finance.page.click("#draw-button")
    finance.page.wait_for_selector("text=已抽取 2022 年度抽评样本")
    assert finance.page.locator("#draw-seed").inner_text() == "20220"
    row = finance.page.locator("#sampled-items tr", has_text=world.a.name)
    assert row.locator(".reason").inner_text() == "必抽：复核发现严重问题"
    finance.shot("sampling-drawn")

    row.locator(".review-link").click()
    finance.page.wait_for_selector("#sampled-box")
    assert finance.page.locator("#sampled-reason").inner_text() == "必抽：复核发现严重问题"
    finance.shot("sampling-review")
    finance.page.click("#adjust-link")
    finance.page.fill("#adjustment-form input[name=points]", "-40")
    finance.page.fill("#adjustment-form textarea[name=reason]", "满意度无调查依据，预算执行率未说明原因。")
    finance.page.click("#adjust-button")
    finance.page.wait_for_selector("text=已记录复核调整")
    assert finance.page.locator("#corrected-grade").inner_text() == "差"
    corrected = finance.page.locator("#corrected-score").inner_text()
    finance.shot("sampling-adjusted")

    finance.goto(f"/departments/{world.a.pk}/results/")
    finance.page.wait_for_selector("#chart-scores[data-ready='1']")
    year = finance.page.locator("#grade-history tbody tr", has_text="2022")
    assert corrected in year.inner_text() and "差" in year.inner_text() and "财政局抽评复核" in year.inner_text()
    assert "评价结果为差" in finance.page.locator("#treatment-basis").inner_text()
    finance.shot("sampling-results")
    assert finance.errors == [] and finance.outside == []
