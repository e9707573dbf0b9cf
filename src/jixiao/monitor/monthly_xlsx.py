"""The monthly execution workbook (月度执行数导入模板): write the template, read a filled one.

The template has a title line (部门、年度), then a header row 月份 | 当月支出（万元） and the
months 1–12. Reading finds the headers by name (the title line and extra columns may move or
go), checks every row and returns plain data: the rows that are good and one Chinese line per
bad row, naming the file and the Excel row. A problem with the file as a whole (not an XLSX,
empty, too large, no header) raises ``MonthlyXlsxError`` with one line naming the file.

Amounts become ``Decimal`` from the cell's text, never through float arithmetic: a float cell
is read through its shortest repr at Excel's 15 significant digits (``12.3`` → ``Decimal('12.30')``,
``0.30000000000000004`` → ``0.30``), then quantized to the cent with a check that nothing was lost.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao.errors import JixiaoError
from jixiao.exports import openpyxl_text
from jixiao.isolation import IsolatedFailure, run_isolated
from jixiao.readers.archive import open_workbook
from jixiao.readers.limits import Budget, Limits, MonthlyLimits, current_limits

MONTH_HEADER = "月份"
AMOUNT_HEADER = "当月支出（万元）"
SHEET_TITLE = "月度执行数"
MAX_BYTES = MonthlyLimits().max_file_bytes
"""A 12-month sheet is a few KB; anything this large is not the template (``limits.toml`` ``[monthly]``)."""
MAX_AMOUNT_DIGITS = 12
"""Integer digits of 万元 the store keeps (MoneyField: 14 digits, 2 of them decimals)."""
CENT = Decimal("0.01")
EXCEL_DIGITS = 15
"""Excel keeps 15 significant digits; a float's digits beyond are binary noise."""
ISOLATION_GRACE_SECONDS = 30
"""Time a reading child may take beyond the time budget: starting Python, importing jixiao."""
HEADER_ROWS = 10
"""How far down the header row is looked for."""
_TITLE = re.compile(r"部门[:：]\s*(?P<department>.+?)\s+年度[:：]\s*(?P<year>\d{4})")


class MonthlyXlsxError(JixiaoError):
    """The uploaded file cannot be read as the monthly template (导入文件无效); one line naming the file."""


@dataclass(frozen=True)
class MonthlyRow:
    """One good row: the Excel row number, the month and what was spent in it (万元)."""

    row: int
    month: int
    spent: Decimal


@dataclass
class MonthlySheet:
    """What a filled template says: its title's department and year (when present), good rows, bad-row lines."""

    filename: str
    department: str | None = None
    year: int | None = None
    rows: list[MonthlyRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def template_xlsx(*, department: str, year: int, existing: dict[int, Decimal]) -> bytes:
    """The template for ``department`` and ``year``, months 1–12, with the amounts already recorded."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    openpyxl_text(sheet.cell(row=1, column=1), f"部门：{department}　年度：{year}")
    sheet.append([MONTH_HEADER, AMOUNT_HEADER])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for month in range(1, 13):
        sheet.append([month, existing.get(month)])
        sheet.cell(row=month + 2, column=2).number_format = "0.00"
    sheet.column_dimensions["A"].width = 10
    sheet.column_dimensions["B"].width = 20
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def amount_from_cell(value: object) -> Decimal:
    """A cell's amount as Decimal to the cent; ValueError (Chinese) when it is not a non-negative 2-decimal number."""
    if isinstance(value, bool | datetime | date | time):
        raise ValueError("不是数字")
    if isinstance(value, float):
        text = format(value, f".{EXCEL_DIGITS}g")
    elif isinstance(value, int | Decimal):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
    else:
        raise ValueError("不是数字")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"「{value}」不是数字") from None
    if not amount.is_finite():
        raise ValueError(f"「{value}」不是数字")
    if amount < 0:
        raise ValueError("金额不能为负数")
    cents = amount.quantize(CENT)
    if cents != amount:
        raise ValueError(f"金额 {text} 超过两位小数")
    if cents >= Decimal(10) ** MAX_AMOUNT_DIGITS:
        raise ValueError(f"金额 {text} 过大")
    return cents


def month_from_cell(value: object) -> int:
    """A cell's month 1–12 (``3``, ``3.0``, ``"3"``, ``"3月"``); ValueError (Chinese) otherwise."""
    if _blank(value):
        raise ValueError("未填月份")
    if isinstance(value, bool):
        raise ValueError("月份应为 1–12 的整数")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = value.strip().removesuffix("月").strip()
        value = int(text) if text.isdigit() else value
    if not isinstance(value, int) or not 1 <= value <= 12:
        raise ValueError(f"月份「{value}」应为 1–12 的整数")
    return value


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header(cells: tuple[object, ...]) -> tuple[int, int] | None:
    names = [str(c).strip().replace("(", "（").replace(")", "）") if c is not None else "" for c in cells]
    if MONTH_HEADER in names and AMOUNT_HEADER in names:
        return names.index(MONTH_HEADER), names.index(AMOUNT_HEADER)
    return None


def _rows(sheet: Any, filename: str, max_rows: int, budget: Budget) -> list[tuple[object, ...]]:
    """The sheet's rows as values, refusing a sheet longer than ``max_rows`` or slower than the budget."""
    lines: list[tuple[object, ...]] = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > max_rows:
            raise MonthlyXlsxError(f"{filename}：工作表超过 {max_rows} 行，不是月度执行数模板，请使用下载的模板")
        if number % 100 == 0 and budget.exceeded:
            raise MonthlyXlsxError(f"{filename}：{budget.reason}")
        lines.append(tuple(row))
    return lines


def read_monthly_xlsx(data: bytes, *, filename: str, max_bytes: int | None = None,
                      limits: MonthlyLimits | None = None) -> MonthlySheet:
    """Read a filled template: good rows and one line per bad row; ``MonthlyXlsxError`` for a bad file.

    Within ``limits`` (``limits.toml`` ``[monthly]`` by default; ``max_bytes``, when given, is the
    file size limit instead): the zip's members are counted and inflated once before openpyxl
    opens it, rows are read up to ``max_rows``, the time budget is checked every 100 rows.
    """
    limits = limits or current_limits().monthly
    max_bytes = limits.max_file_bytes if max_bytes is None else max_bytes
    budget = Budget(limits.time_budget_seconds)
    # the web reads one byte more than the limit (monthly_read_cap), so the size is "over", not a number
    book = open_workbook(data, filename, max_bytes=max_bytes, size_limit=f"{max_bytes // 1024} KB",
                         max_parts=limits.max_parts, max_unpacked=limits.max_unpacked_bytes, budget=budget,
                         error=MonthlyXlsxError)
    try:
        sheet = book[SHEET_TITLE] if SHEET_TITLE in book.sheetnames else book.worksheets[0]
        lines = _rows(sheet, filename, limits.max_rows, budget)
    finally:
        book.close()
    result = MonthlySheet(filename=filename)
    found = next(((i, cols) for i, cells in enumerate(lines[:HEADER_ROWS]) if (cols := _header(cells))), None)
    if found is None:
        raise MonthlyXlsxError(f"{filename}：未找到表头「{MONTH_HEADER}」「{AMOUNT_HEADER}」，请使用下载的模板")
    header_index, (month_col, amount_col) = found
    for cells in lines[:header_index]:
        match = next((_TITLE.search(str(c)) for c in cells if c is not None and _TITLE.search(str(c))), None)
        if match:
            result.department, result.year = match["department"].strip(), int(match["year"])
    seen: dict[int, int] = {}
    for number, cells in enumerate(lines[header_index + 1:], start=header_index + 2):
        month_value = cells[month_col] if month_col < len(cells) else None
        amount_value = cells[amount_col] if amount_col < len(cells) else None
        if _blank(amount_value):
            continue  # a month left empty is not imported (nothing is deleted by an import)
        where = f"{filename} 第{number}行："
        try:
            month = month_from_cell(month_value)
            spent = amount_from_cell(amount_value)
        except ValueError as exc:
            result.errors.append(where + str(exc))
            continue
        if month in seen:
            result.errors.append(where + f"{month}月与第{seen[month]}行重复")
            continue
        seen[month] = number
        result.rows.append(MonthlyRow(row=number, month=month, spent=spent))
    if not result.rows and not result.errors:
        raise MonthlyXlsxError(f"{filename}：没有填写任何月份的支出")
    return result


def monthly_read_cap() -> int:
    """Bytes of an upload worth reading: one more than the size limit, so that a larger file is named too
    large without being pulled into memory whole."""
    return current_limits().monthly.max_file_bytes + 1


def read_monthly_xlsx_isolated(data: bytes, *, filename: str, limits: Limits | None = None) -> MonthlySheet:
    """:func:`read_monthly_xlsx` in a child process with limited memory (``jixiao.isolation``), as the web reads an upload."""
    limits = limits or current_limits()
    if not limits.worker.isolated:
        return read_monthly_xlsx(data, filename=filename, limits=limits.monthly)
    try:
        return run_isolated(read_monthly_xlsx, data, filename=filename, limits=limits.monthly,
                            max_memory_mb=limits.worker.max_memory_mb,
                            timeout_seconds=limits.monthly.time_budget_seconds + ISOLATION_GRACE_SECONDS)
    except IsolatedFailure as failure:
        raise MonthlyXlsxError(f"{filename}：{failure.reason}") from None
