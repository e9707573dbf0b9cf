"""复核 in a real browser: the finance bureau uploads a seed PDF, decides on findings and records
复核意见 with status 需整改; the department's user opens the same file and reads them.

Screenshots in ``test-artifacts/web/``: ``review-upload-error.png``, ``review-upload-finance.png``, ``review-recorded-finance.png``,
``review-queue-department.png``, ``review-opinion-department.png``.
"""

from __future__ import annotations

import re

from tests.web.browser import BROWSER_MARKS, Session
from tests.web.conftest import PASSWORD

pytestmark = BROWSER_MARKS

LIWAN = "中国共产党广州市荔湾区委员会宣传部"


def test_finance_reviews_an_uploaded_pdf_and_the_department_reads_the_opinion(browser_world, live_server, browser,
                                                                                seed_pdf, bad_document) -> None:
    from jixiao.web.accounts.models import Role, User
    from jixiao.web.departments.models import Department
    from jixiao.web.reviews.models import ReviewRecord

    liwan = Department.objects.create(name=LIWAN)
    User.objects.create_user("liwan", password=PASSWORD, role=Role.DEPARTMENT, department=liwan)
    pdf = seed_pdf("seed_000").path

    finance = Session(browser, live_server.url, "finance")
    finance.goto("/reviews/")
    # a bad file first: one line naming it, on the page
    finance.page.set_input_files("#upload-form input[type=file]", str(bad_document("encrypted.pdf")))
    finance.page.click("#upload-form button[type=submit]")
    error = finance.page.locator("#upload-error").inner_text()
    assert error.startswith("encrypted.pdf: ") and "\n" not in error
    finance.shot("review-upload-error")
    # the refused form comes back as a 400, which chromium logs; nothing else may have failed
    assert finance.errors and all("400" in e for e in finance.errors), finance.errors
    finance.errors.clear()
    finance.page.set_input_files("#upload-form input[type=file]", str(pdf))
    finance.page.click("#upload-form button[type=submit]")
    finance.page.wait_for_url(re.compile(r"/reviews/\d+/$"))
    finance.page.wait_for_selector(".finding")
    assert finance.page.locator(".finding").count() >= 2
    finance.page.locator(".finding").first.click()  # jumps to its evidence in the text
    finance.shot("review-upload-finance")

    decisions = finance.page.locator("#review-form .decision")
    first_rule = decisions.nth(0).get_attribute("data-rule")
    second_rule = decisions.nth(1).get_attribute("data-rule")
    decisions.nth(0).locator("input[value=confirmed]").check()
    decisions.nth(1).locator("input[value=dismissed]").check()
    decisions.nth(1).locator("input[type=text]").fill("已在附件中说明")
    finance.page.select_option("#review-form select[name=status]", "rectify")
    finance.page.fill("#review-form textarea[name=opinion]", "预算执行率偏低，请说明原因并于30日内整改。")
    finance.page.click("#review-form button[type=submit]")
    finance.page.wait_for_selector("text=复核意见已保存")
    assert finance.page.locator("#review-status").inner_text() == "需整改"
    assert finance.page.locator("#review-history").inner_text().count("需整改") >= 1
    finance.shot("review-recorded-finance")
    assert finance.errors == [] and finance.outside == []

    record = ReviewRecord.objects.get(document__original_name=pdf.name)
    assert record.document.department == liwan and record.status == "rectify"
    assert {d.rule: d.decision for d in record.decisions.all()} == {first_rule: "confirmed", second_rule: "dismissed"}

    department = Session(browser, live_server.url, "liwan")
    department.goto("/reviews/")
    row = department.page.locator("#documents tr", has_text=pdf.name)
    assert "需整改" in row.inner_text()
    department.shot("review-queue-department")
    row.locator("a", has_text="复核").click()
    department.page.wait_for_selector("#recorded-opinion")
    assert department.page.locator("#recorded-status").inner_text() == "需整改"
    assert "30日内整改" in department.page.locator("#recorded-opinion").inner_text()
    assert "已在附件中说明" in department.page.locator("#recorded-decisions").inner_text()
    assert department.page.locator("#review-form").count() == 0
    department.shot("review-opinion-department")
    assert department.errors == [] and department.outside == []

    # the other department does not see the file at all
    other = Session(browser, live_server.url, "dept_b")
    response = other.goto(f"/reviews/{record.document.pk}/")
    assert response.status == 404
