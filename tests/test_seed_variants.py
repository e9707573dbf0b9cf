"""Variants of the seeds as departments really publish them: every key figure still comes out.

- a DOCX whose 收支情况 sentences are a table (收支情况表) in their place;
- a PDF that LibreOffice made from the Word report, with the title as running header and
  ``第 N 页 共 M 页`` as running footer — in the text layer they land inside the sentences a
  page break cuts.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from fixtures.documents import BuiltDocx
from jixiao.importer import import_file
from jixiao.readers import read_document
from jixiao.samples import Sample

requires_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")


def test_a_docx_whose_budget_sentences_are_a_table(seed: Sample,
                                                    seed_budget_table_docx: Callable[[str], BuiltDocx]) -> None:
    built = seed_budget_table_docx(seed.id)
    gold = seed.gold()
    assert not any(str(gold.budget.spent) in p.replace(" ", "").replace(",", "") for p in built.paragraphs)
    report = import_file(built.path).report
    assert report is not None
    assert report.key_figures() == gold.key_figures()
    assert report.budget.model_dump() == gold.budget.model_dump()
    # the figures point at the table's cells, as the reader wrote them
    text = read_document(built.path).text
    for evidence in report.evidence["budget.total"] + report.evidence["budget.spent"]:
        assert evidence.text == text[evidence.start : evidence.end]
        assert evidence.text.startswith("部门整体支出\t")


@requires_soffice
def test_a_libreoffice_pdf_with_running_header_and_footer(seed: Sample,
                                                          seed_libreoffice_pdf: Callable[[str], Path]) -> None:
    path = seed_libreoffice_pdf(seed.id)
    document = read_document(path)
    gold = seed.gold()
    header = f"{gold.department}{gold.year}年部门整体支出绩效自评报告"
    # the header is gone from the top of every page (page 1 may carry the same words as its title)
    assert (document.page_count or 0) >= 3
    assert sum(line.replace(" ", "") == header for line in document.text.split("\n")) <= 1
    report = import_file(path).report
    assert report is not None
    assert report.evaluation.grade == gold.evaluation.grade
    assert report.key_figures() == gold.key_figures()
