"""The ruled 自评表 read from pdfium's own objects (``jixiao.readers.pdf_tables``).

Real renders through LibreOffice: a department report with its 自评表 pages (from DOCX) and a
project 自评表 (from XLSX, merged cells). pdfplumber, which the reader no longer opens for these
pages, is the oracle for the grid: the same cells, row by row, on every ruled page.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from jixiao import synthetic
from jixiao.importer import import_file
from jixiao.readers import pdf as pdf_reader
from jixiao.readers import pdf_tables
from jixiao.readers.pdf_tables import Edge, find_tables

requires_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from jixiao.render import render_batch
    from jixiao.render.project import render_project_form_pdf

    folder = tmp_path_factory.mktemp("pdf-tables")
    [report] = synthetic.reports(1, (2023,))
    made = render_batch([(report, folder / "department.pdf")], "pdf", timeout=300)
    assert not made.failed, made.failed
    form = folder / "project-form.pdf"
    form.write_bytes(render_project_form_pdf(synthetic.project_report(3, 2024)))
    return {"department": folder / "department.pdf", "project": form}


def _ruled_pages(path: Path) -> list[int]:
    document = pdfium.PdfDocument(str(path))
    pages = []
    for index in range(len(document)):
        page = document[index]
        text = page.get_textpage().get_text_range()
        if pdf_reader.is_form_text(text) and pdf_reader._count_paths(page.raw, 6) >= 6:
            pages.append(index)
    return pages


def _our_rows(path: Path, index: int) -> list[list[tuple[float, ...] | None]]:
    document = pdfium.PdfDocument(str(path))
    page = document[index]
    height = page.get_height()
    tables = sorted(find_tables(pdf_tables.page_edges(page.raw)), key=lambda table: table.bbox[1])
    # pdfium's y grows upward from the bottom: as pdfplumber's top-down coordinates
    return [[None if cell is None else (cell[0], cell[1] + height, cell[2], cell[3] + height) for cell in row]
            for table in tables for row in table.rows]


def _pdfplumber_rows(path: Path, index: int) -> list[list[tuple[float, ...] | None]]:
    def not_shading(obj: dict) -> bool:  # type: ignore[type-arg]
        return obj.get("object_type") != "rect" or not obj.get("fill") or \
            min(float(obj.get("width", 0)), float(obj.get("height", 0))) <= pdf_tables.RULE_MAX

    with pdfplumber.open(io.BytesIO(path.read_bytes()), pages=[index + 1]) as document:
        tables = sorted(document.pages[0].filter(not_shading).find_tables(), key=lambda table: table.bbox[1])
        return [list(row.cells) for table in tables for row in table.rows]


def _close(ours: list[list[tuple[float, ...] | None]], theirs: list[list[tuple[float, ...] | None]]) -> bool:
    if len(ours) != len(theirs):
        return False
    for row, other in zip(ours, theirs, strict=True):
        if len(row) != len(other):
            return False
        for a, b in zip(row, other, strict=True):
            if (a is None) != (b is None) or (a is not None and b is not None
                                              and max(abs(x - y) for x, y in zip(a, b, strict=True)) > 0.05):
                return False
    return True


@requires_soffice
@pytest.mark.parametrize("kind", ["department", "project"])
def test_the_grid_is_pdfplumbers_on_every_ruled_page(renders: dict[str, Path], kind: str) -> None:
    path = renders[kind]
    pages = _ruled_pages(path)
    assert pages, "the render has no ruled 自评表 page"
    for index in pages:
        ours, theirs = _our_rows(path, index), _pdfplumber_rows(path, index)
        assert theirs, f"pdfplumber finds no table on page {index + 1}"
        assert _close(ours, theirs), f"page {index + 1}: {len(ours)} rows against pdfplumber's {len(theirs)}"


@requires_soffice
def test_a_ruled_page_is_read_as_rows_with_its_cells_between_tabs(renders: dict[str, Path]) -> None:
    result = import_file(renders["project"])
    assert result.ok, result.error
    assert result.document is not None
    rows = [line.split("\t") for line in result.document.text.split("\n") if "\t" in line]
    header = next(row for row in rows if "三级指标" in row)
    # the 自评表's indicator header as one row, every column in its own cell
    assert header[header.index("一级指标"):header.index("三级指标") + 1] == ["一级指标", "二级指标", "三级指标"]
    # each indicator row carries its target and its value in the same line
    indicators = result.report.indicators if result.report else []
    assert indicators
    for indicator in indicators:
        line = next((row for row in rows if indicator.name in row), None)
        assert line is not None, indicator.name


def test_cells_of_a_grid_with_a_merged_cell() -> None:
    # a 2 × 2 grid whose left column is one cell merged down over both rows
    edges = [Edge("h", 0, 0, 200, 0), Edge("h", 100, 20, 200, 20), Edge("h", 0, 40, 200, 40),
             Edge("v", 0, 0, 0, 40), Edge("v", 100, 0, 100, 40), Edge("v", 200, 0, 200, 40)]
    [table] = find_tables(edges)
    assert table.bbox == (0, 0, 200, 40)
    assert table.rows == [[(0, 0, 100, 40), (100, 0, 200, 20)], [None, (100, 20, 200, 40)]]


def test_rules_drawn_a_little_apart_are_one_grid() -> None:
    # a border drawn twice 1 pt apart, and a rule broken by a 2 pt gap: snapped and joined
    edges = [Edge("h", 0, 0, 98, 0), Edge("h", 100, 0.8, 200, 0.8), Edge("h", 0, 30, 200, 30),
             Edge("v", 0, 0, 0, 30), Edge("v", 101, 0, 101, 30), Edge("v", 200, 0, 200, 30)]
    [table] = find_tables(edges)
    assert len(table.rows) == 1 and len(table.rows[0]) == 2


def test_a_single_cell_or_loose_lines_are_not_a_table() -> None:
    box = [Edge("h", 0, 0, 100, 0), Edge("h", 0, 30, 100, 30), Edge("v", 0, 0, 0, 30), Edge("v", 100, 0, 100, 30)]
    assert find_tables(box) == []  # a framed paragraph
    assert find_tables([Edge("h", 0, 0, 100, 0), Edge("h", 0, 50, 100, 50)]) == []  # rules under headings


def test_a_cell_reads_its_lines_left_to_right_with_word_breaks() -> None:
    chars = [pdf_tables.Char(ch, 10 * i, 0, 10 * i + 9, 10) for i, ch in enumerate("目标值")]
    # a second line of the cell, drawn first (a wrapped cell comes out of order in the text layer)
    second = [pdf_tables.Char(ch, 10 * i, 12, 10 * i + 9, 22) for i, ch in enumerate("≥95%")]
    far = [pdf_tables.Char("得", 80, 0.5, 89, 10.5)]  # same line, after a gap wider than 3 pt
    assert pdf_tables.text_of(second + far + chars) == "目标值 得\n≥95%"


def test_shading_behind_text_is_not_a_rule() -> None:
    filled_box = [(0.0, 0.0), (100.0, 0.0), (100.0, 20.0), (0.0, 20.0), (0.0, 0.0)]
    assert list(pdf_tables._subpath_edges(filled_box, True)) == []
    thin = [(0.0, 0.0), (100.0, 0.0), (100.0, 0.5), (0.0, 0.5), (0.0, 0.0)]
    assert len(list(pdf_tables._subpath_edges(thin, True))) == 4  # a filled hairline is a border
    assert len(list(pdf_tables._subpath_edges(filled_box, False))) == 4  # a stroked frame too


def test_a_page_that_pdfium_cannot_map_keeps_its_text() -> None:
    assert pdf_reader._form_rows(object(), object(), None) is None
    # an unreadable page object is a page without form rows, not a refused file
    assert pdf_reader._form_rows(pdfium_c.FPDF_PAGE(), pdfium_c.FPDF_TEXTPAGE(), "三级指标") is None



def test_a_page_with_more_rules_than_the_bound_is_not_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    grid = [Edge("h", 0, 20 * i, 100, 20 * i) for i in range(3)] + [Edge("v", 50 * i, 0, 50 * i, 40) for i in range(3)]
    assert len(find_tables(grid)) == 1  # 3 × 3 rules: a table of 2 × 2 cells
    monkeypatch.setattr(pdf_tables, "MAX_PAIRS", 8)  # 9 pairs to compare: over the bound
    assert find_tables(grid) == []  # the page keeps its text rather than cost minutes of a batch
