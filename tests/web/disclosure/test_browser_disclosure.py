"""The done-when flow of 抽评 and 信息公开 (issue 19) in one browser (Debian chromium), end to end:

the finance bureau draws the 2022 sample, opens a sampled report's 复核 page and records its 复核意见,
adjusts its score with a reason (the corrected grade is what 结果应用 shows), publishes the approved
self-evaluation and its 复核 result; an anonymous visitor finds both on the public site, the 复核 result
with the corrected score, and checks the shown sha256 against the downloaded file and the stored Blob.

The flow is a list of steps (``STEPS``) sharing one state, so a step can be added without rewriting the rest.
Screenshots in ``test-artifacts/web/``: sampling-drawn, sampling-review, sampling-adjusted, sampling-results,
disclosure-finance, gongkai-list, gongkai-detail, gongkai-review.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from tests.web.browser import ARTIFACTS, BROWSER_MARKS, Session
from tests.web.disclosure.helpers import submit

from jixiao.web.disclosure.models import Publication
from jixiao.web.evaluation.models import Evaluation
from jixiao.web.reviews.models import ReviewRecord, ReviewStatus

pytestmark = BROWSER_MARKS

REASON = "满意度无调查依据，预算执行率未说明原因。"


def submitted_reports(state: dict[str, Any]) -> None:
    """A's and B's 2022 self-evaluations came with their report files; A's is submitted."""
    world = state["world"]
    for department in (world.a, world.b):
        Evaluation.objects.filter(department=department, fiscal_year__year=2022).update(
            source_document=world.documents[department.pk])
    submit(world.a)


def finance_draws(state: dict[str, Any]) -> None:
    """The finance bureau draws the 2022 sample with a recorded seed: A's report is drawn (serious findings)."""
    world = state["world"]
    finance = state["finance"] = Session(state["browser"], state["base"], world.finance.username)
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


def finance_reviews_and_adjusts(state: dict[str, Any]) -> None:
    """On the sampled report's 复核 page: the 复核意见 (需整改), then a 复核调整 of its score with the reason."""
    world, finance = state["world"], state["finance"]
    page = finance.page
    page.wait_for_selector("#sampled-box")
    assert page.locator("#sampled-reason").inner_text() == "必抽：复核发现严重问题"
    page.select_option("#review-form select[name=status]", ReviewStatus.RECTIFY.value)
    page.fill("#review-form textarea[name=opinion]", REASON)
    page.click("#review-form button[type=submit]")
    page.wait_for_selector("text=复核意见已保存")
    assert ReviewRecord.objects.get(document=world.documents[world.a.pk]).status == ReviewStatus.RECTIFY
    finance.shot("sampling-review")
    page.click("#adjust-link")
    page.fill("#adjustment-form input[name=points]", "-40")
    page.fill("#adjustment-form textarea[name=reason]", REASON)
    page.click("#adjust-button")
    page.wait_for_selector("text=已记录复核调整")
    assert page.locator("#corrected-grade").inner_text() == "差"
    assert page.locator("#correction tr.adjustment button", has_text="撤回").count() == 1
    state["corrected"] = page.locator("#corrected-score").inner_text()
    finance.shot("sampling-adjusted")


def results_apply_the_corrected_grade(state: dict[str, Any]) -> None:
    """A's 结果应用: the 2022 row is the 复核分 and its grade, and the treatment follows 差."""
    world, finance = state["world"], state["finance"]
    finance.goto(f"/departments/{world.a.pk}/results/")
    finance.page.wait_for_selector("#chart-scores[data-ready='1']")
    year = finance.page.locator("#grade-history tbody tr", has_text="2022").inner_text()
    assert state["corrected"] in year and "差" in year and "财政局抽评复核" in year
    assert "评价结果为差" in finance.page.locator("#treatment-basis").inner_text()
    finance.shot("sampling-results")


def finance_publishes(state: dict[str, Any]) -> None:
    """On 信息公开 the bureau publishes A's self-evaluation and its 复核 result (with the corrected score)."""
    world, finance = state["world"], state["finance"]
    page = finance.page
    page.click("#nav-disclosure")
    page.select_option("#disclosure-filter select[name=year]", "2022")
    page.click("#disclosure-filter button[type=submit]")
    for kind in ("self_evaluation", "review"):
        cell = page.locator(f"#candidates tr[data-department='{world.a.pk}'] td[data-kind={kind}]")
        cell.locator("button", has_text="发布").click()
        page.wait_for_selector(f"#candidates tr[data-department='{world.a.pk}'] td[data-kind={kind}] .ok")
        assert "已公开" in cell.inner_text()
    finance.shot("disclosure-finance")
    assert finance.errors == [] and finance.outside == []
    state["publication"] = Publication.objects.get(department=world.a, kind="self_evaluation")
    state["review"] = Publication.objects.get(department=world.a, kind="review")
    finance.context.close()


def visitor_finds_them(state: dict[str, Any]) -> None:
    """Anonymous: search the public site, open the report, download 附件2 and compare its sha256 with the page's
    and the stored Blob's; the 复核 result shows the corrected score with the adjustment."""
    world, publication = state["world"], state["publication"]
    context = state["browser"].new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.goto(state["base"] + "/gongkai/")
    page.fill("#search input[name=q]", world.a.name)
    page.click("#search button[type=submit]")
    assert page.locator("#publications tbody tr").count() == 2
    page.screenshot(path=str(ARTIFACTS / "gongkai-list.png"), full_page=True)
    page.locator("#publications a", has_text=publication.title).click()
    page.wait_for_selector("#attachments")
    page.screenshot(path=str(ARTIFACTS / "gongkai-detail.png"), full_page=True)
    assert "/accounts/" not in page.content()
    report = page.locator("#attachments tr", has_text="附件2")
    shown = report.locator("code.sha").inner_text().strip()
    with page.expect_download() as download:
        report.locator("a.download").click()
    data = Path(download.value.path()).read_bytes()
    stored = publication.files.get(number=2, format="pdf").blob
    assert hashlib.sha256(data).hexdigest() == shown == stored.sha256 and data == bytes(stored.content)
    page.go_back()
    page.locator("#publications a", has_text=state["review"].title).click()
    body = page.locator("#body").inner_text()
    assert f"复核分：{state['corrected']} 分（差）" in body and f"1. -40 分：{REASON}" in body
    page.screenshot(path=str(ARTIFACTS / "gongkai-review.png"), full_page=True)
    context.close()


STEPS = [submitted_reports, finance_draws, finance_reviews_and_adjusts, results_apply_the_corrected_grade,
         finance_publishes, visitor_finds_them]
"""The flow in order."""


def test_finance_draws_reviews_adjusts_publishes_and_a_visitor_finds_the_same_hash(browser_world, live_server,
                                                                                     browser) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    state: dict[str, Any] = {"world": browser_world, "browser": browser, "base": live_server.url}
    for step in STEPS:
        step(state)
