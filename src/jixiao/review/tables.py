"""Table rows as the review reads them (表格行): header cells, then rows of a label and numbers.

Published 自评表 reach us as pipe rows (``| 年度资金总额: | 808.1 | 692.98 | 86% |``), tab rows
(DOCX), or one cell per line (一体化 exports). The normalised text joins one-cell lines into
one run, so cells are read from the ORIGINAL text, line by line: a line with ``|`` or tabs is
split into its cells, any other short line is a cell. Empty cells (merged cells) are dropped,
so columns are matched by order: a header run names the columns (全年预算数, 全年执行数,
执行率, 指标值, 实际完成值, 分值, 得分 …), and each following row — one or more label cells,
then as many numbers as the header has numeric columns — is read against it. A row whose
count of numbers differs is skipped: a merged or missing cell makes the order unreliable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from jixiao.report import Evidence
from jixiao.review.engine import Context
from jixiao.text.normalise import fold_width

ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("initial", re.compile(r"^年初(?:预算|批复)(?:数|金额|额)?")),
    ("rate", re.compile(r"执行率|完成率")),
    ("budget", re.compile(r"^(?:全年|调整后|全年[(（]调整[)）])?(?:预算|批复)(?:数|金额|额)?(?:[(（][A-Za-z][)）])?$|^全年预算|^调整后预算|^预算数")),
    ("spent", re.compile(r"^(?:全年)?(?:执行|实际支出|支出|决算|实际执行)(?:数|金额|额)?(?:[(（][A-Za-z][)）])?$|^全年执行数|^执行数")),
    ("weight", re.compile(r"^(?:指标)?(?:分值|权重)")),
    ("score", re.compile(r"^(?:指标)?得分|^自评得分")),
    ("target", re.compile(r"(?:年度|年初|全年|预期)?(?:目标值|指标值)")),
    ("actual", re.compile(r"(?:实际)?完成值|实际完成|完成情况$|实际值")),
)
_NUMBER = re.compile(r"^(?P<op>≥|≤|>|<|=|不低于|不少于|不高于|不超过)?\s*(?P<number>-?\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit>%|万元|元|[\u4e00-\u9fff]{1,3})?$")
_BLANK = re.compile(r"^(?:—+|-+|－+|/|／|——)$")
_NOTE = re.compile(r"^[(（][^)）]{0,20}[)）]$|^单位[:：]|万元[)）]?$")
_MAX_CELL = 60


@dataclass(frozen=True)
class Cell:
    """One cell: its text and span in the original text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Value:
    """A numeric cell: value, the operator and unit written in it."""

    cell: Cell
    value: Decimal
    op: str | None
    unit: str | None
    places: int


@dataclass
class Row:
    """A table row read against its header: the label cells and the numbers by column role."""

    labels: list[Cell]
    values: dict[str, Value]
    header: list[tuple[str, Cell]]

    @property
    def name(self) -> str:
        return self.labels[-1].text if self.labels else ""


@dataclass
class Table:
    header: list[tuple[str, Cell]]
    rows: list[Row] = field(default_factory=list)


def cells_of(original: str) -> list[Cell]:
    """The cells of the original text, in reading order."""
    text = fold_width(original)
    found: list[Cell] = []
    position = 0
    for line in text.split("\n"):
        line_start = position
        position += len(line) + 1
        if "|" in line or "\t" in line:
            offset = line_start
            for piece in re.split(r"[|\t]", line):
                stripped = piece.strip()
                if stripped and len(stripped) <= _MAX_CELL * 3:
                    lead = len(piece) - len(piece.lstrip())
                    found.append(Cell(stripped, offset + lead, offset + lead + len(stripped)))
                offset += len(piece) + 1
            continue
        stripped = line.strip()
        if stripped and len(stripped) <= _MAX_CELL:
            lead = len(line) - len(line.lstrip())
            found.append(Cell(stripped, line_start + lead, line_start + lead + len(stripped)))
        elif stripped:
            found.append(Cell("", line_start, line_start))  # a paragraph: breaks a table
    return found


def _number(cell: Cell) -> Value | None:
    text = cell.text.replace(" ", "").rstrip(":：")
    match = _NUMBER.match(text)
    if match is None:
        return None
    try:
        value = Decimal(match.group("number").replace(",", ""))
    except InvalidOperation:
        return None
    number = match.group("number")
    places = len(number.split(".")[1]) if "." in number else 0
    return Value(cell, value, match.group("op"), match.group("unit"), places)


_YEAR_PREFIX = re.compile(r"^((?:19|20)\d\d)年度?")


_ROLE_HINT = re.compile(r"预算|执行|支出|决算|批复|分值|权重|得分|目标值|指标值|完成")


def _role(cell: Cell) -> str | None:
    """The column a header cell names; a year before it is kept: ``spent@2021`` (上年决算数)."""
    if len(cell.text) > 30 or not _ROLE_HINT.search(cell.text):
        return None
    compact = re.sub(r"\s+", "", cell.text)
    year = _YEAR_PREFIX.match(compact)
    if year:
        compact = compact[year.end() :]
    for role, pattern in ROLES:
        if pattern.search(compact):
            return f"{role}@{year.group(1)}" if year else role
    return None


def kind(role: str) -> str:
    """The column kind without its year: ``spent@2021`` → ``spent``."""
    return role.split("@", 1)[0]


def tables(ctx: Context) -> list[Table]:
    """Tables of the document with the rows that fit their header; cached on the context."""
    cached = ctx.memo.get("tables")
    if cached is not None:
        return cached
    assert ctx.document is not None
    cells = cells_of(ctx.document.original)
    result: list[Table] = []
    i = 0
    while i < len(cells):
        header, i = _header_at(cells, i)
        if header is None:
            continue
        table = Table(header=header)
        width = len(header)
        misses = 0
        while i < len(cells) and misses < 3:
            if not cells[i].text:
                break
            if _role(cells[i]) is not None and len(cells) > i + 1 and _role(cells[i + 1]) is not None:
                break  # the next header
            labels: list[Cell] = []
            while i < len(cells) and cells[i].text and _number(cells[i]) is None and len(labels) < 4:
                if _role(cells[i]) is not None and labels:
                    break
                labels.append(cells[i])
                i += 1
            values: list[Value | None] = []
            while i < len(cells) and len(values) < width:
                if _BLANK.match(cells[i].text):
                    values.append(None)  # — in a cell that does not apply (分值 of a 其中 row)
                    i += 1
                    continue
                value = _number(cells[i])
                if value is None:
                    break
                values.append(value)
                i += 1
            if not labels and not values:
                i += 1
                misses += 1
                continue
            if len(values) == width and labels and any(v is not None for v in values):
                row_values = {role: value for (role, _), value in zip(header, values, strict=True) if value is not None}
                table.rows.append(Row(labels, row_values, header))
                misses = 0
            else:
                misses += 1
        if table.rows:
            result.append(table)
    ctx.memo["tables"] = result
    return result


def _header_at(cells: list[Cell], i: int) -> tuple[list[tuple[str, Cell]] | None, int]:
    """A run of at least two column-role cells starting at ``i`` (notes in brackets allowed)."""
    header: list[tuple[str, Cell]] = []
    j = i
    while j < len(cells) and cells[j].text:
        role = _role(cells[j])
        if role is not None and role not in {r for r, _ in header}:
            header.append((role, cells[j]))
            j += 1
            continue
        if header and (_NOTE.search(cells[j].text) or cells[j].text in ("得分", "说明")):
            j += 1
            continue
        break
    if len(header) >= 2:
        return header, j
    return None, i + 1


def cell_evidence(ctx: Context, *cells: Cell) -> Evidence:
    """Evidence for the original span from the first to the last cell given."""
    assert ctx.document is not None
    start, end = min(c.start for c in cells), max(c.end for c in cells)
    document = ctx.document
    section = None
    titles = ctx.memo.get("section_starts")
    if titles is None:
        titles = [(document.to_original(s.start, s.start + 1)[0], s.title) for s in document.outline.sections]
        ctx.memo["section_starts"] = titles
    for offset, title in titles:
        if offset <= start:
            section = title
        else:
            break
    return Evidence(start=start, end=end, page=document.page_at(start), section=section,
                    text=document.original[start:end])
