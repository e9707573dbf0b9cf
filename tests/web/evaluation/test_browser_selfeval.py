"""年终自评填报 in a real browser: an unmet actual without a reason is refused, with one it saves,
the new score shows, and the downloaded DOCX and XLSX carry the new figures."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tests.web.browser import BROWSER_MARKS, Session

pytestmark = BROWSER_MARKS

REASONS = {2: "目标设置偏低，下年按实际能力调整。", 6: "调查样本偏少，下年扩大宣传面。", 8: "项目延期，下年加快实施。"}


def _members(path: Path) -> set[str]:
    assert zipfile.is_zipfile(path), path
    with zipfile.ZipFile(path) as archive:
        return set(archive.namelist())


def test_department_enters_the_self_evaluation(browser_world, live_server, browser) -> None:
    import docx
    import openpyxl

    world = browser_world
    session = Session(browser, live_server.url, "dept_a")
    page = session.page
    page.click("text=本部门")
    page.click("#evaluation-link")
    page.wait_for_selector("#score-summary")
    assert "79.74" in page.locator("#score-summary").inner_text()
    page.click("#self-evaluation-link")
    page.wait_for_selector("#self-evaluation-form")
    session.shot("selfeval-form")

    # an unmet actual without a reason: refused, with the indicator named, and what was typed kept
    page.fill("#self-evaluation-form input[name=ind-1-actual]", "161")
    page.fill("#self-evaluation-form textarea[name=measures]", "加强线上培训组织。")
    page.click("#save-self-evaluation")
    page.wait_for_selector("#form-errors")
    errors = page.locator("#form-errors").inner_text()
    assert "指标“教育培训人次”未完成指标值，须填写偏差原因分析" in errors
    assert "教育政策知晓率" in errors  # stored unmet indicators owe their reason too
    assert page.locator("#indicator-1 .error").inner_text() == "指标“教育培训人次”未完成指标值，须填写偏差原因分析"
    assert page.input_value("input[name=ind-1-actual]") == "161"
    assert page.input_value("textarea[name=measures]") == "加强线上培训组织。"
    session.shot("selfeval-missing-reason")

    page.fill("textarea[name=ind-1-reason]", "培训改为线上，人次减半。")
    for position, text in REASONS.items():
        page.fill(f"textarea[name=ind-{position}-reason]", text)
    page.click("#save-self-evaluation")
    page.wait_for_selector("text=已保存年终自评：系统评分 75.58 分，等级 中")
    assert "75.58" in page.locator("#score-summary").inner_text()
    assert page.input_value("textarea[name=ind-1-reason]") == "培训改为线上，人次减半。"
    row = page.locator("#score-items tbody tr", has_text="教育培训人次")
    assert "按比例得 8.33 × 161 / 322" in row.inner_text() and "4.17" in row.inner_text()
    session.shot("selfeval-saved")

    with page.expect_download() as caught:
        page.click("#downloads a:has-text('报告 DOCX')")
    docx_path = Path(caught.value.path())
    assert caught.value.suggested_filename.endswith(".docx")
    assert "word/document.xml" in _members(docx_path)
    document = docx.Document(str(docx_path))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])
    assert "75.58" in text and "培训改为线上，人次减半。" in text and "加强线上培训组织。" in text

    with page.expect_download() as caught:
        page.click("#downloads a:has-text('自评表 XLSX')")
    xlsx_path = Path(caught.value.path())
    assert "xl/workbook.xml" in _members(xlsx_path)
    book = openpyxl.load_workbook(io.BytesIO(xlsx_path.read_bytes()))
    rows = [[c.value for c in r if c.value is not None] for s in book.worksheets for r in s.iter_rows()]
    assert ["教育培训人次", 322, 161, 8.33, 4.17, "培训改为线上，人次减半。"] in rows

    # 提交: confirmed in the dialog, then the form is locked
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#submit-self-evaluation")
    page.wait_for_selector("#submitted")
    assert page.locator("#save-self-evaluation").count() == 0
    assert page.locator("textarea[name=ind-1-reason]").is_disabled()
    session.shot("selfeval-submitted")

    # the finance bureau sees the saved entry read-only
    finance = Session(browser, live_server.url, "finance")
    finance.goto(f"/departments/{world.a.pk}/evaluation/2022/self/")
    assert finance.page.locator("#submitted").count() == 1
    assert finance.page.locator("#save-self-evaluation").count() == 0
    assert finance.page.input_value("textarea[name=ind-1-reason]") == "培训改为线上，人次减半。"
    finance.shot("selfeval-finance-read-only")

    assert session.errors == [] and session.outside == []
    assert finance.errors == [] and finance.outside == []
