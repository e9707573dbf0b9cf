"""The HTML page in a real browser (Debian chromium via Playwright): jump, flash, filter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jixiao.review import review_text
from jixiao.review.html import HtmlEntry, render_html
from jixiao.samples import sample

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed"),
]


def test_clicking_a_finding_flashes_its_evidence_and_filters_hide_a_severity(tmp_path: Path) -> None:
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    item = sample("seed_001")
    report, findings = review_text(item.text())
    page_file = tmp_path / "review.html"
    page_file.write_text(render_html([HtmlEntry(str(item.text_path), report, findings, item.text())]), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            target = next(i for i, f in enumerate(findings) if f.rule == "consistency.same_quantity")
            page.locator(f'.finding[data-finding="r0-{target}"]').click()
            page.wait_for_timeout(200)
            assert page.locator("mark.flash").count() >= 2
            serious = sum(1 for f in findings if f.severity == "serious")
            assert page.locator(".finding.serious:visible").count() == serious
            page.locator(".filters input[value=serious]").uncheck()
            assert page.locator(".finding.serious:visible").count() == 0
        finally:
            browser.close()
