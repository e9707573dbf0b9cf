"""The PDF reader on real PDFs typeset from the seeds: text, page map, tables, refusals."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from fixtures.documents import (
    BuiltDocx,
    BuiltPdf,
    build_pdf,
    build_pdf_with_font_runs,
    build_pdf_with_running_heads,
    build_scanned_pdf,
    drawable,
    page_mark,
    seed_table,
)
from jixiao.readers import ReadError, read_document
from jixiao.samples import Sample

_BLANK = re.compile(r"\s+")


def squash(text: str) -> str:
    return _BLANK.sub("", text)


def test_pdf_text_equals_seed_text_modulo_whitespace(seed: Sample, seed_pdf: Callable[..., BuiltPdf]) -> None:
    built = seed_pdf(seed.id)
    document = read_document(built.path)
    assert document.format == "pdf"
    body_pages = len(built.pages) - 1  # the last page holds the 自评表
    # Each page ends with its mark (—3—); seed_001 also has an old mark of its own inside.
    body = "".join(document.page_text(k).rstrip().removesuffix(page_mark(k)) for k in range(1, body_pages + 1))
    assert squash(body) == squash(drawable(seed.text()))


def test_pdf_pages_hold_what_was_drawn_on_them(seed: Sample, seed_pdf: Callable[..., BuiltPdf]) -> None:
    built = seed_pdf(seed.id)
    document = read_document(built.path)
    assert len(built.pages) >= 5
    assert document.page_count == len(built.pages)
    assert len(document.page_starts) == len(built.pages)
    for number, drawn in enumerate(built.pages, start=1):
        assert squash(document.page_text(number)) == squash(drawn)
        assert document.page_text(number).rstrip().endswith(page_mark(number))


def test_page_starts_and_page_of(seed_pdf: Callable[..., BuiltPdf]) -> None:
    document = read_document(seed_pdf("seed_000").path)
    starts = document.page_starts
    assert starts[0] == 0
    assert list(starts) == sorted(starts)
    # Pages are joined by one line break, which belongs to the page before.
    for k, start in enumerate(starts[1:], start=1):
        assert document.text[start - 1] == "\n"
        assert document.page_of(start) == k + 1
        assert document.page_of(start - 1) == k
    assert document.page_of(0) == 1
    assert document.page_of(len(document.text)) == len(starts)
    assert document.page_of(-1) is None
    assert document.page_of(len(document.text) + 1) is None
    third = document.text.index(page_mark(3))
    assert document.page_of(third) == 3
    budget = document.text.index("3663.27")
    assert document.page_of(budget) == 1


def test_pdf_ruled_table_is_found(seed_pdf: Callable[..., BuiltPdf]) -> None:
    document = read_document(seed_pdf("seed_001").path)
    assert document.tables == (seed_table("seed_001"),)
    # The table's cells are in the text layer too, on the last page.
    last = document.page_text(document.page_count or 0)
    assert "2457.31" in last and "92.32%" in last


def test_pdf_identity_fields(seed_pdf: Callable[..., BuiltPdf]) -> None:
    path = seed_pdf("seed_000").path
    document = read_document(str(path))
    data = path.read_bytes()
    assert document.path == str(path)
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.size == len(data)


def test_long_report_keeps_every_page(seed_pdf: Callable[..., BuiltPdf]) -> None:
    built = seed_pdf("seed_000", repeat=4)
    document = read_document(built.path)
    assert document.page_count == len(built.pages) >= 30
    assert squash(document.text) == squash(built.text)


def test_lines_drawn_in_font_runs_are_read_left_to_right(seed_000: Sample, tmp_path: Path) -> None:
    # LibreOffice draws the Chinese glyphs of a line first and the quotation marks afterwards.
    built = build_pdf_with_font_runs(seed_000.text(), tmp_path / "runs.pdf")
    document = read_document(built.path)
    assert "我区“三大平台”建设、“老城市新活力”示" in document.text.replace("\n", "")
    for number, drawn in enumerate(built.pages, start=1):
        assert squash(document.page_text(number)) == squash(drawn)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("encrypted.pdf", "PDF 已加密"),
        ("truncated.pdf", "PDF 文件损坏或不完整"),
        ("scanned.pdf", "扫描件（无文字层），无法读取文字"),
        ("mostly_scanned.pdf", "扫描件（无文字层），无法读取文字（4 页中 3 页没有文字）"),
        ("junk.pdf", "不是 PDF 文件"),
        ("empty.pdf", "文件为空"),
    ],
    ids=lambda value: value if value.isascii() else "",
)
def test_bad_pdf_is_refused_with_reason(bad_document: Callable[[str], Path], name: str, reason: str) -> None:
    path = bad_document(name)
    with pytest.raises(ReadError) as caught:
        read_document(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert reason in caught.value.reason
    assert "\n" not in message


def test_pdf_with_only_an_owner_password_is_read(seed_001: Sample, tmp_path: Path) -> None:
    # Published reports are often "protected" against copying: they still open without a password.
    built = build_pdf(seed_001.text(), tmp_path / "protected.pdf", owner_password="finance")
    assert b"/Encrypt" in built.path.read_bytes()
    document = read_document(built.path)
    assert squash(document.text) == squash(built.text)


def test_scanned_last_page_is_fine(seed_000: Sample, tmp_path: Path) -> None:
    # A stamped 自评表 scanned at the end of a text report: read the text, do not refuse the file.
    from pypdfium2 import PdfDocument

    text = build_pdf(seed_000.text(), tmp_path / "text.pdf", table=None)
    scan = build_scanned_pdf(seed_000.text(), tmp_path / "scan.pdf", pages=1)
    merged = PdfDocument.new()
    for source in (PdfDocument(text.path), PdfDocument(scan)):
        merged.import_pages(source)
    merged.save(tmp_path / "merged.pdf")
    document = read_document(tmp_path / "merged.pdf")
    assert document.page_count == len(text.pages) + 1
    assert document.page_text(len(text.pages) + 1) == ""


def test_pdf_that_is_really_a_docx_says_so(seed_docx: Callable[[str], BuiltDocx], tmp_path: Path) -> None:
    built = seed_docx("seed_000")
    renamed = tmp_path / "report.pdf"
    renamed.write_bytes(built.path.read_bytes())
    with pytest.raises(ReadError, match=r"不是 PDF 文件.*zip"):
        read_document(renamed)


def test_tables_false_reads_the_same_text_without_the_table_search(seed_pdf) -> None:
    from jixiao.readers import read_document

    built = seed_pdf("seed_000")
    with_tables = read_document(built.path)
    text_only = read_document(built.path, tables=False)
    assert with_tables.tables and text_only.tables == ()
    assert text_only.text == with_tables.text and text_only.page_starts == with_tables.page_starts


def test_running_header_and_footer_are_dropped_where_a_page_break_cuts_a_sentence(tmp_path: Path) -> None:
    header = "广州市天河区民政局2022年度部门整体支出绩效自评报告"
    pages = [
        [header, "一、基本情况", "全年预算数1000.00万元，执行数950.00万元，预算执行率95.00%。", "二、自评结论",
         "从评价情况来看，本部门整体支出绩效自评："],
        ["优。自评得分95分。", "三、存在的问题", "部分项目执行进度偏慢，"],
        ["年底集中支出。"],
    ]
    built = build_pdf_with_running_heads(pages, tmp_path / "heads.pdf", header=header)
    document = read_document(built.path)
    texts = [document.page_text(k).split("\n") for k in range(1, 4)]
    assert [t[0] for t in texts] == [header, "优。自评得分95分。", "年底集中支出。"]  # page 1 keeps its title
    assert texts[0][-1] == "第 1 页 共 3 页"  # a footer that is only a page mark stays for the normaliser
    from jixiao.importer import import_file

    report = import_file(built.path).report
    assert report is not None
    assert (report.evaluation.grade, report.evaluation.score) == ("优", 95)
    assert report.problems == ["部分项目执行进度偏慢，年底集中支出。"]


def test_lines_that_only_repeat_on_a_few_pages_are_kept() -> None:
    from jixiao.readers.pdf import strip_running_heads

    pages = ["标题\n正文一", "一、基本情况\n正文二", "二、绩效\n正文三", "标题\n正文四"]
    assert strip_running_heads(pages) == pages
    assert strip_running_heads(["页眉 1\n甲", "页眉 2\n乙", "页眉 3\n丙"]) == ["甲", "乙", "丙"]
