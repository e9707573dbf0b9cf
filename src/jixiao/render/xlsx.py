"""The 自评表 as an Excel workbook (XLSX), laid out like the paper form (domain.md §1.6).

Written with xlsxwriter because it stores a formula together with the value it computes
(``write_formula(..., value=...)``): a reader that does not calculate — a previewer, a mail
client, pandas, openpyxl with ``data_only=True`` — sees the numbers, and Excel, WPS or
LibreOffice recalculating get the same ones. (openpyxl writes formulas without their values,
so those readers saw empty cells.) Amounts, weights and scores are numbers; indicator targets
too, with the operator and unit shown by the number format (``"≥"General"期"``) so a reviewer
can still compute with them. Where the paper form computes, the cell holds the formula:
执行率 = 全年执行数/全年预算数, the 预算执行 得分 = ROUND(分值 × MIN(执行率, 1), 2), 总分 = the
sums of the 分值 and 得分 columns.

Print setup: A4 landscape (the 实际完成情况 of a task runs to a thousand characters, and a row is at
most 409 pt high), fitted to the page width, the 绩效指标 header row repeated at the top of every
printed page, page numbers ``— N —`` in the footer.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from xlsxwriter.format import Format as CellFormat
from xlsxwriter.worksheet import Worksheet

from jixiao.exports import Workbook
from jixiao.render.document import Prepared
from jixiao.render.form import Form, FormCell

COLUMN_WIDTHS = (14, 14, 12, 22, 12, 12, 8, 8, 32)
"""Column widths in characters, A…I; A holds 项目资金（万元） on one line."""

_CJK_PER_WIDTH = 1.25
"""Column-width units one Chinese character of 10 pt takes (for the row heights of wrapped text)."""
_LINE_HEIGHT = 1.4
"""Points of height per point of font size, per wrapped line."""
MAX_ROW_HEIGHT = 409.0
"""Excel's largest row height, in points."""
TEXT_SIZES = (10, 9, 8)
"""Font sizes of a text cell: 10 pt, smaller only where its text would not fit the largest row."""


def _lines(cell: FormCell, size: int) -> int:
    """Wrapped lines the cell's text takes in its width at ``size`` points."""
    width = sum(COLUMN_WIDTHS[cell.col:cell.col + cell.colspan])
    per_line = max(1, int(width / (_CJK_PER_WIDTH * size / 10)))
    return sum(max(1, -(-len(line) // per_line)) for line in cell.display.split("\n"))


def _needed(cell: FormCell, size: int) -> float:
    """The row height (points) the cell's text needs at ``size``, shared by the rows it spans."""
    return _lines(cell, size) * size * _LINE_HEIGHT / cell.rowspan + 4


def text_size(cell: FormCell) -> int:
    """The font size of a cell: the largest of :data:`TEXT_SIZES` at which its text fits a row."""
    for size in TEXT_SIZES:
        if _needed(cell, size) <= MAX_ROW_HEIGHT:
            return size
    return TEXT_SIZES[-1]


class _Formats:
    """The workbook's cell formats, made once per combination (xlsxwriter formats are per workbook)."""

    def __init__(self, workbook: Workbook, prepared: Prepared) -> None:
        self.workbook = workbook
        plan = prepared.options.fonts
        self.body_font = plan.table
        self.title_font = plan.title
        self.cache: dict[tuple[Any, ...], CellFormat] = {}

    def get(self, cell: FormCell | None) -> CellFormat:
        style = cell.style if cell is not None else "text"
        number_format = cell.number_format if cell is not None else None
        long_text = cell is not None and style in ("text", "pending") and len(cell.display) > 12
        size = text_size(cell) if cell is not None and long_text else TEXT_SIZES[0]
        key = (style, number_format, long_text, size)
        if key not in self.cache:
            properties: dict[str, Any] = {
                "font_name": self.body_font, "font_size": size, "border": 1, "valign": "vcenter",
                "align": "left" if long_text else "center", "text_wrap": True,
            }
            if style == "title":
                properties.update(font_name=self.title_font, font_size=16, border=0, text_wrap=False)
            elif style == "head":
                properties["bold"] = True
            elif style == "pending":
                properties["bg_color"] = "#FFFF00"  # 待填写: what the officer still has to write
            if number_format:
                properties["num_format"] = number_format
            self.cache[key] = self.workbook.add_format(properties)
        return self.cache[key]


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _write(sheet: Worksheet, cell: FormCell, fmt: CellFormat) -> None:
    row, col = cell.row, cell.col
    value = cell.value
    if cell.formula is not None:
        cached = _number(value) if isinstance(value, Decimal) else 0
        sheet.write_formula(row, col, cell.formula, fmt, cached)
    elif isinstance(value, Decimal):
        sheet.write_number(row, col, _number(value), fmt)
    elif value:
        sheet.write_string(row, col, str(value), fmt)
    else:
        sheet.write_blank(row, col, None, fmt)


def _heights(form: Form) -> dict[int, float]:
    """Row heights that show all of every wrapped text (a merged cell's lines shared by its rows)."""
    heights: dict[int, float] = {}
    for cell in form.cells:
        if cell.style == "title" or not cell.display:
            continue
        needed = _needed(cell, text_size(cell))
        heights[cell.row] = max(heights.get(cell.row, 18.0), min(MAX_ROW_HEIGHT, needed))
    return heights


def _build(prepared: Prepared, target: Path | IO[bytes]) -> None:
    form: Form = prepared.form
    workbook = Workbook(target)
    workbook.set_properties({"title": form.title, "author": prepared.context.department, "comments": "jixiao"})
    sheet = workbook.add_worksheet(form.sheet)
    formats = _Formats(workbook, prepared)
    for index, width in enumerate(COLUMN_WIDTHS):
        sheet.set_column(index, index, width)
    grid = form.grid()
    covered = {(r, c) for cell in form.cells for r in range(cell.row, cell.row + cell.rowspan)
               for c in range(cell.col, cell.col + cell.colspan) if (r, c) != (cell.row, cell.col)}
    # borders on every cell of the grid, so merged ranges keep their outline
    blank = formats.get(None)
    for r in range(form.body_row, form.rows):
        for c, anchor in enumerate(grid[r]):
            if anchor is None and (r, c) not in covered:
                sheet.write_blank(r, c, None, blank)
    for cell in form.cells:
        fmt = formats.get(cell)
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_range(cell.row, cell.col, cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1, "", fmt)
        _write(sheet, cell, fmt)
    sheet.set_row(0, 30)
    for row, height in _heights(form).items():
        sheet.set_row(row, height)
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)  # the width of one page, as many pages as it takes
    sheet.center_horizontally()
    sheet.set_margins(left=0.6, right=0.6, top=0.8, bottom=0.8)
    sheet.repeat_rows(form.indicator_head_row)
    sheet.set_footer("&C— &P —")
    workbook.close()


def write(prepared: Prepared, target: Path | IO[bytes]) -> None:
    """Write the 自评表 of ``prepared`` to a path or a binary stream."""
    if isinstance(target, Path):
        _build(prepared, str(target))  # type: ignore[arg-type]  # xlsxwriter takes a file name as a str
        return
    _build(prepared, target)


def to_bytes(prepared: Prepared) -> bytes:
    buffer = io.BytesIO()
    write(prepared, buffer)
    return buffer.getvalue()
