"""Tables in report text (表格): the layouts in which a converted report carries a table.

A reader or a web page turns a table into text in one of three ways:

- **tab rows** — the DOCX reader writes one row per line, cells joined by tabs, in the body
  where the table stands (``全年预算数（万元）\\t执行数（万元）``);
- **pipe rows** — an HTML table copied from a web page: one row per line, cells between
  ``|`` (``| 全年预算数(A) | 全年执行数(B) | 预算执行率 |``), often padded with empty cells;
- **one cell per line** — an HTML table or an 一体化 system export pasted as text: every cell
  is a line of its own with blank lines between, and nothing marks where a row ends, except
  that some exports leave a longer run of blank lines there. An empty cell is a line of
  spaces, or is missing altogether.

Tab and pipe rows are *grids*: a cell's position in its row is its column. In the one cell
per line layout, rows are cut after a header: a row is its label cells followed by its value
cells (numbers, percentages, empty cells), or, where the export marks row ends with longer
gaps, everything between two gaps, aligned to the header from the right (merged leading
cells such as 一级指标 appear only in the first row of their group).

What counts as a column title is the caller's vocabulary (budget columns, indicator
columns): :func:`find_tables` is given a function that names a cell's :class:`Column` or
returns None. Offsets are those of the text given; the extractor gives the original text
(width folding keeps offsets), because normalisation joins the lines of a cell-per-line
table into one run of characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from jixiao.text.numbers import UNITS

Layout = Literal["grid", "cells"]


class Cell(NamedTuple):
    """One cell: its text without surrounding blanks, and the span of that text.

    A named tuple rather than a frozen dataclass: every line of a report becomes a cell when the
    tables are looked for, and a frozen dataclass costs twice as much to build.
    """

    text: str
    start: int
    end: int
    gap: int = 0
    """Blank lines before the cell (one cell per line layout only)."""


@dataclass(frozen=True)
class Column:
    """What a column title names: a kind from the caller's vocabulary, and whether the column
    holds values (numbers) or labels (names, levels)."""

    kind: str
    value: bool = True
    year: int | None = None
    unit: str | None = None
    opens: bool = False
    """The title opens a header (一级指标): a run of titles is cut before it."""


@dataclass(frozen=True)
class AlignedRow:
    """A body row: its leading label cells (left of the first column) and its cells by column index."""

    labels: tuple[Cell, ...]
    columns: dict[int, Cell]
    start: int
    end: int

    def label(self) -> Cell | None:
        """The row's own label: the last leading label cell."""
        return self.labels[-1] if self.labels else None


@dataclass(frozen=True)
class Table:
    """A header (a row of column titles) and the body rows under it, aligned to its columns."""

    layout: Layout
    header: tuple[Cell, ...]
    columns: tuple[Column | None, ...]
    rows: tuple[AlignedRow, ...]
    caption: str
    """Up to three lines before the header (a title such as ``预算执行情况(万元)``)."""
    start: int
    end: int
    notes: tuple[str, ...] = field(default=())
    """Parenthesised notes under the header titles (``(万元)``, ``(20分*执行率)``)."""


TitleOf = Callable[[str], Column | None]

_PIPE = "|"
_TAB = "\t"
_NOTE = re.compile(r"^[（(][^（()）]*[）)]$")
_UNIT_ALTERNATION = "|".join(re.escape(unit) for unit in UNITS)
_VALUE = re.compile(
    r"(?:[≥≤<>=＞＜]|不低于|不少于|不高于|不超过|大于|小于|低于|高于)?\s*[-+]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)\s*"
    rf"(?:[万亿千]?(?:{_UNIT_ALTERNATION}))?\s*(?:以上|以下|以内|左右)?"
)
_NOT_STATED = frozenset({"—", "——", "-", "--", "/", "／", "无", "－", "―", "— —"})
_PROSE_MIN = 60
_TOTAL_LABELS = frozenset({"总分", "总计分", "合计得分"})
_TRAILING_TEXT = re.compile(r"[，。；、,;]|^无")
_SHORT_CELL = 20
_CAPTION_LINES = 3
_MAX_ROWS = 600


def is_value(text: str) -> bool:
    """Whether a cell holds a value (a number, a quantity, a dash or nothing), not a label."""
    stripped = text.strip()
    return not stripped or stripped in _NOT_STATED or _VALUE.fullmatch(stripped) is not None


def _stripped_cell(text: str, start: int, end: int, gap: int = 0) -> Cell:
    raw = text[start:end]
    stripped = raw.strip()
    if not stripped:
        return Cell("", start, start, gap)
    first = start + len(raw) - len(raw.lstrip())
    return Cell(stripped, first, first + len(stripped), gap)


def _grid_cells(text: str, start: int, line: str, separator: str) -> list[Cell]:
    """The cells of one tab or pipe row; the empty cells a pipe row starts and ends with are dropped."""
    cells: list[Cell] = []
    position = start
    for part in line.split(separator):
        cells.append(_stripped_cell(text, position, position + len(part)))
        position += len(part) + 1
    if separator == _PIPE and cells and not cells[0].text and line.lstrip().startswith(_PIPE):
        cells = cells[1:]
    while cells and not cells[-1].text:
        cells.pop()
    return cells


def _is_prose(cell: Cell) -> bool:
    """A paragraph of text, which ends a cell-per-line table (a short 无。 may be a cell)."""
    return len(cell.text) > _PROSE_MIN or ("。" in cell.text and len(cell.text) > _SHORT_CELL)


def find_tables(
    text: str, title_of: TitleOf, *, min_titles: int = 2, hint: re.Pattern[str] | None = None
) -> list[Table]:
    """Every table of ``text`` whose header has at least ``min_titles`` titles known to ``title_of``.

    ``hint``, when given, is a pattern every title contains: a text with no tab row, no pipe
    row and no short line matching it holds no table, and is not scanned line by line.
    """
    if hint is not None and _TAB not in text and _PIPE not in text and not _has_short_hint(text, hint):
        return []
    tables: list[Table] = []
    grid: list[list[Cell]] = []
    grid_caption: list[str] = []
    separator: str | None = None
    stream: list[Cell] = []
    cell = stream.append
    recent: list[str] = []  # the non-blank lines so far: the last _CAPTION_LINES are a grid's caption
    seen = recent.append
    gap = 0
    next_start = 0
    for line in text.split("\n"):  # this loop runs once per line of the document
        start = next_start
        next_start += len(line) + 1
        kind = _TAB if _TAB in line else _PIPE if _PIPE in line and _looks_piped(line) else None
        if kind is not None and grid and kind != separator:
            tables.extend(_grid_tables(grid, title_of, min_titles, grid_caption))
            grid = []
        if kind is not None:
            if not grid:
                grid_caption = recent[-_CAPTION_LINES:]
            if stream:
                tables.extend(_cell_tables(stream, title_of, min_titles))
                stream = []
            separator = kind
            grid.append(_grid_cells(text, start, line, kind))
            gap = 0
            continue
        if grid:
            tables.extend(_grid_tables(grid, title_of, min_titles, grid_caption))
            grid = []
        if not line:
            gap += 1
            continue
        # the line as a cell (as _stripped_cell makes it, without slicing the line again)
        stripped = line.strip()
        if stripped:
            first = start + len(line) - len(line.lstrip())
            cell(_new_cell(Cell, (stripped, first, first + len(stripped), gap)))
            seen(stripped)
        else:
            cell(_new_cell(Cell, ("", start, start, gap)))
        gap = 0
    if grid:
        tables.extend(_grid_tables(grid, title_of, min_titles, grid_caption))
    if stream:
        tables.extend(_cell_tables(stream, title_of, min_titles))
    return sorted(tables, key=lambda table: table.start)


_new_cell = tuple.__new__
"""Builds a :class:`Cell` without the named tuple's Python-level ``__new__`` (one per line)."""


def _has_short_hint(text: str, hint: re.Pattern[str]) -> bool:
    for match in hint.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        if (len(text) if line_end < 0 else line_end) - line_start <= _PROSE_MIN:
            return True
    return False


def _looks_piped(line: str) -> bool:
    """A pipe row: a ``|`` that separates cells (not a lone character inside a sentence)."""
    stripped = line.strip()
    return stripped.endswith(_PIPE) or stripped.startswith(_PIPE) or stripped.count(_PIPE) >= 2


# -- grids: tab and pipe rows ----------------------------------------------------------------

def _titles(cells: list[Cell], title_of: TitleOf) -> list[Column | None]:
    return [title_of(cell.text) if cell.text else None for cell in cells]


def _is_header(cells: list[Cell], columns: list[Column | None], min_titles: int) -> bool:
    titled = sum(1 for column in columns if column is not None)
    values = sum(1 for cell in cells if cell.text and is_value(cell.text) and cell.text not in _NOT_STATED)
    return titled >= min_titles and values == 0


def _grid_tables(rows: list[list[Cell]], title_of: TitleOf, min_titles: int, before: list[str]) -> list[Table]:
    tables: list[Table] = []
    header: list[Cell] | None = None
    columns: list[Column | None] = []
    body: list[AlignedRow] = []
    caption = before
    shift = 0

    def close() -> None:
        if header is not None:
            end = body[-1].end if body else header[-1].end
            tables.append(Table("grid", tuple(header), tuple(columns), tuple(body), " ".join(caption),
                                header[0].start, end))

    for index, cells in enumerate(rows):
        if not cells:
            continue
        titles = _titles(cells, title_of)
        if _is_header(cells, titles, min_titles):
            close()
            header, columns, body = cells, titles, []
            caption = [" ".join(c.text for c in row) for row in rows[max(0, index - _CAPTION_LINES) : index]] or before
            # A header that starts with a value column left out the label column (a cell merged
            # over several header rows): its columns start one cell to the right in the body.
            shift = 1 if columns and columns[0] is not None and columns[0].value else 0
            continue
        if header is None or len(body) >= _MAX_ROWS:
            continue
        labels = tuple(cell for cell in cells[:shift] if cell.text)
        by_column = {
            position - shift: cell for position, cell in enumerate(cells)
            if position >= shift and position - shift < len(columns)
        }
        body.append(AlignedRow(labels, by_column, cells[0].start, cells[-1].end))
    close()
    return tables


# -- one cell per line -----------------------------------------------------------------------

def _cell_tables(stream: list[Cell], title_of: TitleOf, min_titles: int) -> list[Table]:
    """Tables in a run of one-cell-per-line cells: each header run, and the rows after it."""
    # _is_prose written out: this runs once per line of the document
    titles = [
        title_of(text) if text and not (len(text) > _PROSE_MIN or ("。" in text and len(text) > _SHORT_CELL)) else None
        for text in [cell.text for cell in stream]
    ]
    tables: list[Table] = []
    index = 0
    while index < len(stream):
        header_end = _header_run(stream, titles, index)
        if header_end is None:
            index += 1
            continue
        header_cells, header_columns, notes = _merge_notes(stream[index:header_end], titles[index:header_end])
        if sum(1 for column in header_columns if column is not None) < min_titles:
            index = header_end
            continue
        body_end = _body_end(stream, titles, header_end)
        rows = _cut_rows(stream[header_end:body_end], header_columns)
        caption = " ".join(cell.text for cell in stream[max(0, index - _CAPTION_LINES) : index])
        end = rows[-1].end if rows else header_cells[-1].end
        tables.append(Table("cells", tuple(header_cells), tuple(header_columns), tuple(rows), caption,
                            header_cells[0].start, end, tuple(notes)))
        index = max(body_end, header_end)
    return tables


def _header_run(stream: list[Cell], titles: list[Column | None], index: int) -> int | None:
    """End of the run of title cells (notes allowed inside) starting at ``index``, or None."""
    if titles[index] is None:
        return None
    end = index
    while end < len(stream) and (titles[end] is not None or (end > index and _NOTE.match(stream[end].text))):
        title = titles[end]
        if end > index and title is not None and title.opens:
            break
        end += 1
    return end if end - index >= 2 else None


def _merge_notes(cells: list[Cell], columns: list[Column | None]) -> tuple[list[Cell], list[Column | None], list[str]]:
    """A parenthesised note under a title (``得分`` / ``(20分*执行率)``) belongs to that title."""
    merged: list[Cell] = []
    kinds: list[Column | None] = []
    notes: list[str] = []
    for cell, column in zip(cells, columns, strict=True):
        if merged and column is None and _NOTE.match(cell.text):
            notes.append(cell.text)
            continue
        merged.append(cell)
        kinds.append(column)
    return merged, kinds, notes


def _body_end(stream: list[Cell], titles: list[Column | None], start: int) -> int:
    """Where the body of a table ends: at prose, at the next header run, or after _MAX_ROWS cells."""
    end = start
    while end < len(stream) and end - start < _MAX_ROWS * 8:
        cell = stream[end]
        if _is_prose(cell):
            break
        if titles[end] is not None and _header_run(stream, titles, end) is not None:
            break
        end += 1
    return end


def _row_gap(cells: list[Cell]) -> int | None:
    """The gap that ends a row, where the export marks rows with longer runs of blank lines."""
    gaps = sorted({cell.gap for cell in cells[1:]})
    if len(gaps) < 2 or gaps[-1] < gaps[0] + 2:
        return None
    threshold = gaps[0] + 2
    # one stray blank line is no pattern: the longer gaps must recur (two rows marked at least)
    return threshold if sum(1 for cell in cells if cell.gap >= threshold) >= 2 else None


def _cut_rows(cells: list[Cell], columns: list[Column | None]) -> list[AlignedRow]:
    if not cells:
        return []
    row_gap = _row_gap(cells)
    if row_gap is not None:
        groups: list[list[Cell]] = [[]]
        for cell in cells:
            if cell.gap >= row_gap and groups[-1]:
                groups.append([])
            groups[-1].append(cell)
        return [_right_aligned(group, columns) for group in groups if group]
    return _label_value_rows(cells, columns)


def _holds_values(column: Column | None) -> bool:
    return column is not None and column.value


def _right_aligned(cells: list[Cell], columns: list[Column | None]) -> AlignedRow:
    """A row marked off by gaps: its last cells are the header's columns (merged leading cells
    are missing), extra leading cells labels. A row whose right alignment would put a label
    into a value column lost its last cells instead (a text cut off): it is read label, values."""
    offset = len(cells) - len(columns)
    labels = tuple(cell for cell in cells[: max(offset, 0)] if cell.text)
    by_column = {index - offset: cell for index, cell in enumerate(cells) if index >= offset}
    misplaced = any(_holds_values(columns[index]) and cell.text and not is_value(cell.text)
                    for index, cell in by_column.items())
    if misplaced and offset < 0:
        rows = _label_value_rows(cells, columns, exact=False)
        if len(rows) == 1:
            return rows[0]
    return AlignedRow(labels, by_column, cells[0].start, cells[-1].end)


def _label_value_rows(cells: list[Cell], columns: list[Column | None], *, exact: bool = True) -> list[AlignedRow]:
    """Rows as label cells followed by value cells; a row is kept only when its values fill the
    header's value columns exactly (an empty cell that left no line would shift them), or, not
    ``exact``, the first of them in order."""
    value_columns = [index for index, column in enumerate(columns) if column is not None and column.value]
    first_value = value_columns[0] if value_columns else len(columns)
    last_value = value_columns[-1] if value_columns else -1
    # label columns before the values (一级/二级/三级指标), text columns after them (偏差原因)
    label_columns = [i for i, column in enumerate(columns) if column is not None and not column.value and i < first_value]
    trailing = [i for i, column in enumerate(columns) if column is not None and not column.value and i > last_value]
    rows: list[AlignedRow] = []
    labels: list[Cell] = []
    values: list[Cell] = []
    tail: list[Cell] = []

    def close() -> None:
        nonlocal values
        if labels and labels[-1].text.replace(" ", "") in _TOTAL_LABELS and len(values) < len(value_columns):
            # the 总分 row merges the cells left of 分值 and 得分: its values are the last columns
            while values and not values[-1].text:
                values = values[:-1]
            if values:
                by_column = dict(zip(value_columns[-len(values):], values, strict=True))
                rows.append(AlignedRow(tuple(labels), by_column, labels[0].start, values[-1].end))
            return
        if labels and (len(values) == len(value_columns) or (not exact and 0 < len(values) < len(value_columns))):
            by_column = dict(zip(value_columns, values, strict=False))
            by_column.update(zip(trailing, tail, strict=False))
            own = labels[-len(label_columns):] if label_columns else []
            by_column.update(zip(label_columns[-len(own):], own, strict=True) if own else ())
            lead = tuple(cell for cell in labels[: len(labels) - len(own)] if cell.text)
            last = (tail or values or labels)[-1]
            rows.append(AlignedRow(lead if label_columns else tuple(labels), by_column, labels[0].start, last.end))

    for cell in cells:
        full = labels and len(values) == len(value_columns)
        if full and len(tail) < len(trailing) and (not cell.text or _TRAILING_TEXT.search(cell.text)):
            tail.append(cell)  # the row's 偏差原因: empty, or a sentence rather than a name
            continue
        if is_value(cell.text) and not tail:
            if labels:
                values.append(cell)
            continue
        if values or tail:
            close()
            labels, values, tail = [], [], []
        labels.append(cell)
    close()
    return rows
