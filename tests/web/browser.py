"""Shared pieces of the browser tests (Debian chromium via Playwright): fixtures and a logged-in tab.

A browser test module marks itself and opens tabs; the fixtures ``browser`` and
``browser_world`` are in ``tests/web/conftest.py``::

    from tests.web.browser import BROWSER_MARKS, Session
    pytestmark = BROWSER_MARKS

Screenshots go to ``test-artifacts/web/`` (git-ignored). Never ``playwright install``: the
driver ships in the wheel and the browser is Debian's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (apt-get install chromium)"),
]


class Session:
    """One logged-in browser tab that records every JavaScript error and failed request."""

    def __init__(self, browser: Any, base: str, username: str, password: str = PASSWORD) -> None:
        self.base = base
        self.context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.outside: list[str] = []
        self.page.on("request", lambda r: None if r.url.startswith(base) else self.outside.append(r.url))
        self.page.goto(f"{base}/accounts/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(f"{base}/")

    def goto(self, path: str) -> Any:
        return self.page.goto(self.base + path)

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
