"""Indicators listed row by row (逐项列示的绩效指标): the 自评表 table and one-line indicator items.

Two forms state each indicator with its target and its actual side by side, so no matching of
a completion sentence is needed:

- the 自评表 (self-evaluation table) as the readers write a table: one line per row, cells
  joined by tabs, under a header row naming the columns (一级指标, 二级指标, 三级指标,
  年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施); merged 一级/二级 cells are
  empty in the rows below and carry down;
- one line per indicator: ``1.舆情日报数量：年度指标值≥200期，实际完成值432期，超额完成。``

Where a report has either, it is the authoritative list: it carries levels, weights and scores
that a prose target statement never does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.extract.facts import Facts
from jixiao.extract.operators import operator_of
from jixiao.report import Indicator, Operator
from jixiao.text.numbers import QuantityMatch, find_quantities

_COLUMNS: tuple[tuple[str, str], ...] = (
    ("一级指标", "level1"),
    ("二级指标", "level2"),
    ("三级指标", "name"),
    ("年度指标值", "target"),
    ("指标值", "target"),
    ("实际完成值", "actual"),
    ("完成值", "actual"),
    ("分值", "weight"),
    ("权重", "weight"),
    ("得分", "score"),
    ("偏差原因", "deviation_reason"),
)
"""Header cell → field; the first title a cell starts with wins (年度指标值 before 指标值)."""

_ROW_LINE = re.compile(r"[^\n]*")
_LEVEL_NOTE = re.compile(r"[（(][^）)]*[）)]\s*$")  # 产出指标（50分） → 产出指标
_TOTAL_ROW = re.compile(r"^(?:总分|合计|总计)")
_ITEM_LINE = re.compile(
    r"^(?:\d{1,3}[.、．]\s*)?(?P<name>[^：:\n\t]{1,80}?)[：:]\s*(?:年度)?指标值(?:为)?"
    r"(?P<target>[^，,；;。\n]+)[，,；;]\s*(?:实际)?完成值(?:为)?(?P<actual>[^，,；;。\n]+)",
    re.M,
)
_NOT_STATED = ("未填报", "未完成填报", "无", "—", "-", "/")

@dataclass(frozen=True)
class _Row:
    indicator: Indicator
    start: int
    end: int
    target_span: tuple[int, int] | None
    actual_span: tuple[int, int] | None


def extract_indicator_rows(facts: Facts) -> list[Indicator]:
    """Indicators of the 自评表 table, else of one-line items; [] when the report has neither."""
    text = facts.document.text
    rows = _table_rows(text) or _item_rows(text)
    indicators = []
    for index, row in enumerate(rows):
        facts.cite(f"indicators[{index}]", row.start, row.end)
        if row.target_span:
            facts.cite(f"indicators[{index}].target", *row.target_span)
        if row.actual_span:
            facts.cite(f"indicators[{index}].actual", *row.actual_span)
        indicators.append(row.indicator)
    return indicators


def _lines(text: str) -> list[tuple[int, str]]:
    return [(match.start(), match.group()) for match in _ROW_LINE.finditer(text) if match.group()]


def _header(cells: list[str]) -> dict[str, int] | None:
    """Column positions of a 自评表 header row, or None when the row is not one."""
    columns: dict[str, int] = {}
    for position, cell in enumerate(cells):
        title = cell.strip()
        for prefix, field in _COLUMNS:
            if title.startswith(prefix) and field not in columns:
                columns[field] = position
                break
    return columns if {"name", "target"} <= columns.keys() else None


def _table_rows(text: str) -> list[_Row]:
    rows: list[_Row] = []
    columns: dict[str, int] | None = None
    level1 = level2 = None
    for start, line in _lines(text):
        if "\t" not in line:
            columns = None
            continue
        cells = line.split("\t")
        header = _header(cells)
        if header is not None:
            columns, level1, level2 = header, None, None
            continue
        if columns is None:
            continue
        offsets = _cell_offsets(start, cells)

        def cell(field: str, cells: list[str] = cells, columns: dict[str, int] = columns) -> str:
            position = columns.get(field)
            return cells[position].strip() if position is not None and position < len(cells) else ""

        level1 = _level(cell("level1")) or level1
        level2 = _level(cell("level2")) or (level2 if not cell("level1") else None)
        name = cell("name")
        if not name or _TOTAL_ROW.match(name):
            continue
        target_cell, actual_cell = cell("target"), cell("actual")
        op, target, unit, target_span = _target(target_cell, offsets[columns["target"]])
        actual, actual_span = _actual(actual_cell, offsets[columns["actual"]] if "actual" in columns else start)
        rows.append(_Row(
            Indicator(
                name=name, level1=level1, level2=level2, op=op, target=target, target_text=target_cell or None,
                actual=actual, actual_text=actual_cell or None, unit=unit,
                weight=_number(cell("weight")), score=_number(cell("score")),
                deviation_reason=cell("deviation_reason") or None,
            ),
            start, start + len(line), target_span, actual_span,
        ))
    return rows


def _item_rows(text: str) -> list[_Row]:
    rows = []
    for match in _ITEM_LINE.finditer(text):
        op, target, unit, target_span = _target(match.group("target").strip(), match.start("target"))
        actual_cell = match.group("actual").strip()
        actual, actual_span = _actual(actual_cell, match.start("actual"))
        rows.append(_Row(
            Indicator(name=match.group("name").strip(), op=op, target=target,
                      target_text=match.group("target").strip(), actual=actual,
                      actual_text=None if actual is None else actual_cell, unit=unit),
            match.start(), match.end(), target_span, actual_span,
        ))
    return rows


def _cell_offsets(start: int, cells: list[str]) -> list[int]:
    offsets, position = [], start
    for cell in cells:
        offsets.append(position)
        position += len(cell) + 1
    return offsets


def _level(cell: str) -> str | None:
    cleaned = _LEVEL_NOTE.sub("", cell).strip()
    return cleaned or None


def _first_quantity(cell: str) -> QuantityMatch | None:
    return next((m for m in find_quantities(cell) if m.quantity.unit), None)


def _target(cell: str, offset: int) -> tuple[Operator | None, Decimal | None, str | None, tuple[int, int] | None]:
    """Operator, value, unit and span of a target cell; a cell without a quantity is qualitative."""
    if not cell or cell in _NOT_STATED:
        return None, None, None, None
    found = _first_quantity(cell)
    if found is None:
        return "qualitative", None, None, (offset, offset + len(cell))
    return operator_of(found, cell), found.quantity.value, found.quantity.unit, (offset + found.start, offset + found.end)


def _actual(cell: str, offset: int) -> tuple[Decimal | None, tuple[int, int] | None]:
    if not cell or cell in _NOT_STATED:
        return None, None
    found = _first_quantity(cell)
    if found is None:
        return None, None
    return found.quantity.value, (offset + found.start, offset + found.end)


def _number(cell: str) -> Decimal | None:
    try:
        return Decimal(cell.replace(",", "")) if cell else None
    except InvalidOperation:
        return None
