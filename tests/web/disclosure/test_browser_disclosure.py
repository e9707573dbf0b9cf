"""信息公开 in a browser (Debian chromium): the finance bureau publishes an approved self-evaluation, and an
anonymous visitor finds it on the public site by search and checks the shown hash against the downloaded file.

The flow is a list of steps (``STEPS``) sharing one state, so a step can be put before publishing
(the 抽评 and 复核 of the done-when flow) without rewriting the rest.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from tests.web.browser import ARTIFACTS, BROWSER_MARKS, Session
from tests.web.disclosure.helpers import submit

from jixiao.web.disclosure.models import Publication
from jixiao.web.reviews.models import ReviewRecord, ReviewStatus

pytestmark = BROWSER_MARKS


def approved_report(state: dict[str, Any]) -> None:
    """A's 2022 self-evaluation submitted, and the bureau's 复核 of its report passed."""
    world = state["world"]
    submit(world.a)
    ReviewRecord.objects.create(document=world.documents[world.a.pk], status=ReviewStatus.PASSED,
                                opinion="自评报告完整，数据与决算一致。", reviewer=world.finance)


def finance_publishes(state: dict[str, Any]) -> None:
    """The finance bureau opens 信息公开, finds A's row and publishes its self-evaluation."""
    world, finance = state["world"], Session(state["browser"], state["base"], state["world"].finance.username)
    finance.page.click("#nav-disclosure")
    finance.page.select_option("#disclosure-filter select[name=year]", "2022")
    finance.page.click("#disclosure-filter button[type=submit]")
    cell = finance.page.locator(f"#candidates tr[data-department='{world.a.pk}'] td[data-kind=self_evaluation]")
    cell.locator("button", has_text="发布").click()
    finance.page.wait_for_selector("text=已发布")
    assert "已公开" in cell.inner_text()
    finance.shot("disclosure-finance")
    assert finance.errors == [] and finance.outside == []
    state["publication"] = Publication.objects.get(department=world.a, kind="self_evaluation")
    finance.context.close()


def visitor_finds_it(state: dict[str, Any]) -> None:
    """Anonymous: search the public site, open the item, download 附件2 and compare its sha256 with the page's."""
    world, publication = state["world"], state["publication"]
    context = state["browser"].new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.goto(state["base"] + "/gongkai/")
    page.fill("#search input[name=q]", f"{world.a.name} 自评报告")
    page.click("#search button[type=submit]")
    link = page.locator("#publications a", has_text=publication.title)
    assert page.locator("#publications tbody tr").count() == 1
    page.screenshot(path=str(ARTIFACTS / "gongkai-list.png"), full_page=True)
    link.click()
    page.wait_for_selector("#attachments")
    page.screenshot(path=str(ARTIFACTS / "gongkai-detail.png"), full_page=True)
    assert "/accounts/" not in page.content()
    report = page.locator("#attachments tr", has_text="附件2")
    shown = report.locator("code.sha").inner_text().strip()
    with page.expect_download() as download:
        report.locator("a.download").click()
    path = Path(download.value.path())
    assert hashlib.sha256(path.read_bytes()).hexdigest() == shown
    stored = publication.files.get(number=2, format="pdf").blob
    assert shown == stored.sha256 and path.read_bytes() == bytes(stored.content)
    context.close()


STEPS = [approved_report, finance_publishes, visitor_finds_it]
"""The flow in order; the oversight flow (抽评 → 复核 with an adjusted score) goes before ``finance_publishes``."""


def test_finance_publishes_and_a_visitor_finds_it_with_the_same_hash(browser_world, live_server, browser) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    state: dict[str, Any] = {"world": browser_world, "browser": browser, "base": live_server.url}
    for step in STEPS:
        step(state)
