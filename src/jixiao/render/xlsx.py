"""The 自评表 as an Excel workbook (XLSX), laid out like the paper form (domain.md §1.6).

Written with openpyxl because the form is small and styled (merged cells, borders, wrapped
text); xlsxwriter is for the large exports elsewhere. Amounts, weights and scores are stored
as numbers; indicator targets too, with the operator and unit shown by the number format
(``"≥"General"期"``) so a reviewer can still compute with them. Where the paper form computes,
the cell holds the formula: 执行率 = 全年执行数/全年预算数, the 预算执行 得分 = 分值 × MIN(执行率, 1),
总分 = SUM of the 得分 column. A score the report does not have is left empty.
"""

from __future__ import annotations

import io
from copy import copy
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.page import PageMargins

from jixiao.render.document import Prepared
from jixiao.render.form import COLUMNS, Form, FormCell

COLUMN_WIDTHS = (10, 14, 14, 26, 16, 16, 10, 10, 30)
"""Column widths in characters, A…I."""

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def _value(cell: FormCell) -> object:
    if cell.formula is not None:
        return cell.formula
    return cell.value


def build(prepared: Prepared) -> Workbook:
    """The workbook of the 自评表: one sheet, named 自评表."""
    form: Form = prepared.form
    plan = prepared.options.fonts
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "自评表"
    body_font = Font(name=plan.table, size=10)
    head_font = Font(name=plan.table, size=10, bold=True)
    title_font = Font(name=plan.title, size=16, bold=True)
    for index, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    # borders on every cell of the grid first, so merged ranges keep their outline; the style is
    # set once and copied (setting border/font/alignment per cell re-hashes them: ~60% of the time)
    prototype = sheet.cell(row=form.body_row + 1, column=1)
    prototype.border = _BORDER
    prototype.font = body_font
    prototype.alignment = _CENTER
    for row in sheet.iter_rows(min_row=form.body_row + 1, max_row=form.rows, max_col=COLUMNS):
        for cell in row:
            cell._style = copy(prototype._style)
    for item in form.cells:
        target = sheet.cell(row=item.row + 1, column=item.col + 1)
        value = _value(item)
        if value is not None:
            target.value = value
        if item.number_format:
            target.number_format = item.number_format
        if item.style == "title":
            target.font = title_font
            target.alignment = Alignment(horizontal="center", vertical="center")
        elif item.style == "head":
            target.font = head_font
        elif item.style == "text" and isinstance(item.value, str) and len(item.value) > 12:
            target.alignment = _LEFT
        if item.rowspan > 1 or item.colspan > 1:
            # registered directly: Worksheet.merge_cells() also restyles the range cell by cell,
            # which cost a third of the time; the covered cells already carry their borders
            sheet.merged_cells.add(MergedCellRange(sheet, CellRange(
                min_row=item.row + 1, min_col=item.col + 1,
                max_row=item.row + item.rowspan, max_col=item.col + item.colspan).coord))
    sheet.row_dimensions[1].height = 30
    goal_row = form.indicator_head_row  # the goals text sits in the row just above the indicators
    lines = max(1, *(len(c.display) // 30 + c.display.count("\n") + 1 for c in form.cells if c.row == goal_row - 1))
    sheet.row_dimensions[goal_row].height = min(400, 14 * lines)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.6, right=0.6, top=0.8, bottom=0.8)
    sheet.print_title_rows = "1:2"
    workbook.properties.title = form.title
    workbook.properties.creator = prepared.context.department
    return workbook


def write(prepared: Prepared, target: Path | IO[bytes]) -> None:
    """Write the 自评表 of ``prepared`` to a path or a binary stream."""
    build(prepared).save(target)


def to_bytes(prepared: Prepared) -> bytes:
    buffer = io.BytesIO()
    write(prepared, buffer)
    return buffer.getvalue()
