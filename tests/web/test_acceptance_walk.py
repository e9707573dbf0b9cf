"""Acceptance walk (验收走查): the demo as its users meet it — every link of every page, as every account.

``jixiao demo`` is started as a user starts it (a real process on its own fresh data set, the code the
command runs), each demo account logs in and follows every link (GET) of every page, downloads
included. Any 4xx/5xx, English error text, template or developer text, raw None/nan or four-place
number fails the test with the page it was on. Screenshots of the main pages per role are kept in
``test-artifacts/web/walk/`` for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.web.browser import ARGS, ARTIFACTS, CHROMIUM
from tests.web.walk import Demo, page_problems, start_demo, walk

pytestmark = pytest.mark.slow

DEPARTMENT_PAGES = ["/departments/{id}/", "/departments/{id}/evaluation/2022/", "/departments/{id}/evaluation/2022/self/",
                    "/departments/{id}/results/"]
"""A department's own pages, for the first department the home page lists (the account's own for a department user)."""
MAIN_PAGES = {
    "finance": ["/", "/dashboard/", "/monitoring/", "/reviews/", "/results/", "/declarations/", "/audit/", "/exante/",
                "/projects/", "/project-declarations/", *DEPARTMENT_PAGES],
    "department": ["/", "/monitoring/", "/declarations/", "/results/", "/exante/", "/projects/", "/project-declarations/",
                   *DEPARTMENT_PAGES],
    "expert": ["/", "/exante/"],  # 评审专家: the assessments assigned to them
    "admin": ["/", "/audit/", "/admin/"],
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    with start_demo(tmp_path_factory.mktemp("demo")) as running:
        yield running


def accounts() -> list[tuple[str, str, str]]:
    from jixiao.web.demo import DEMO_ACCOUNTS

    return [(a.username, a.password, str(a.role)) for a in DEMO_ACCOUNTS]


def test_the_checks_catch_what_a_user_would_trip_over() -> None:
    assert page_problems("执行数 3663.2700 万元")[0].startswith("四位小数")
    assert page_problems("依据（domain.md §5.1）")[0].startswith("开发者文字")
    assert page_problems("规则 execution.low_rate")[0].startswith("开发者文字")
    assert page_problems("负责人：None")[0].startswith("原始值")
    assert page_problems("Server Error (500)")[0].startswith("英文错误页")
    assert page_problems("执行数 3,663.27 万元，执行率 72.60%，得分 84.00") == []


@pytest.mark.parametrize(("username", "password", "role"), accounts(), ids=[a[0] for a in accounts()])
def test_every_link_of_every_page_works_for_every_account(demo: Demo, username: str, password: str,
                                                          role: str) -> None:
    result = walk(demo.base, username, password)
    assert len(result.visited) >= 20, f"{username} reached only {len(result.visited)} pages"
    assert result.problems == [], f"{len(result.problems)} problems in {len(result.visited)} pages:\n" + \
        "\n".join(result.problems[:40])


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (apt-get install chromium)")
def test_main_pages_per_role_drawn_in_a_browser(demo: Demo) -> None:
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    folder = ARTIFACTS / "walk"
    folder.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for username, password, role in accounts():
                context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
                page = context.new_page()
                page.on("pageerror", lambda e, u=username: errors.append(f"{u}: {e}"))
                page.goto(f"{demo.base}/accounts/login/")
                page.fill("input[name=username]", username)
                page.fill("input[name=password]", password)
                page.click("button[type=submit]")
                page.wait_for_url(f"{demo.base}/")
                paths = MAIN_PAGES.get(role, MAIN_PAGES["department"])
                department = "1"
                if any("{id}" in p for p in paths):  # an expert's home lists no department: nothing to wait for
                    first = page.locator("a[href^='/departments/']").first.get_attribute("href") or ""
                    department = first.split("/")[2] if first.count("/") >= 3 else "1"
                for path in (p.format(id=department) for p in paths):
                    response = page.goto(demo.base + path)
                    assert response is not None and response.status == 200, (username, path)
                    page.wait_for_load_state("networkidle")
                    shot = folder / f"{username}-{path.strip('/').replace('/', '-') or 'home'}.png"
                    page.screenshot(path=str(shot), full_page=True)
                    shots.append(shot)
                context.close()
        finally:
            browser.close()
    assert errors == []
    assert all(shot.stat().st_size > 10_000 for shot in shots)
