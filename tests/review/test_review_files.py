"""Reviewing real files: the seed as a PDF (with pages) finds what the text finds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from fixtures import documents
from jixiao.review import review_text
from jixiao.review.files import review_file
from jixiao.samples import sample


def test_seed_pdf_gives_the_same_findings_with_page_numbers(tmp_path: Path) -> None:
    item = sample("seed_001")
    documents.build_pdf(item.text(), tmp_path / "seed_001.pdf")
    result = review_file(tmp_path / "seed_001.pdf")
    assert result.error is None and result.text is not None
    _, from_text = review_text(item.text())
    assert Counter(f.rule for f in result.findings) == Counter(f.rule for f in from_text)
    finding = next(f for f in result.findings if f.rule == "arithmetic.by_nature_vs_spent")
    assert all(e.page is not None and e.page >= 1 for e in finding.evidence)
    for f in result.findings:
        for e in f.evidence:
            assert result.text[e.start : e.end] == e.text


def test_a_file_that_is_not_a_report_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "menu.txt"
    path.write_text("午餐：米饭、青菜。\n", encoding="utf-8")
    result = review_file(path)
    assert result.error and result.to_json_data() == {"source": str(path), "error": result.error}
