"""Indicators listed row by row (逐项列示的绩效指标): the 自评表 table and one-line indicator items.

Two forms state each indicator with its target and its actual side by side, so no matching of
a completion sentence is needed:

- the 自评表 (self-evaluation table) in any of the layouts of :mod:`jixiao.text.tables` — tab
  rows (DOCX), pipe rows (web pages), one cell per line (一体化 exports) — under a header naming
  the columns (一级指标, 二级指标, 三级指标, 年度指标值 / 年初目标值 / 预期值, 实际完成值 /
  全年实际值, 分值 / 权重, 得分, 偏差原因分析及改进措施); merged 一级/二级 cells are empty (or
  missing) in the rows below and carry down. A unit the name carries (``公猪舍(≥**平方米)``,
  ``培训人数（人）``) or a 计量单位 column gives the unit, and the operator where the cell has none;
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
from jixiao.extract.tables import document_tables
from jixiao.report import Indicator, Operator
from jixiao.text.numbers import UNITS, QuantityMatch, find_quantities
from jixiao.text.pending import is_pending
from jixiao.text.tables import AlignedRow, Cell, Table, is_value

_LEVEL_NOTE = re.compile(r"[（(][^）)]*[）)]\s*$")  # 产出指标（50分） → 产出指标
_TOTAL_ROW = re.compile(r"^(?:总分|合计|总计|综合得分|自评总分|自评得分)")
_ITEM_LINE = re.compile(
    r"^(?:\d{1,3}[.、．]\s*)?(?P<name>[^：:\n\t]{1,80}?)[：:]\s*(?:年度)?指标值(?:为)?"
    r"(?P<target>[^，,；;。\n]+)[，,；;]\s*(?:实际)?完成值(?:为)?(?P<actual>[^，,；;。\n]+)",
    re.M,
)
_NOT_STATED = ("未填报", "未完成填报", "无", "—", "-", "/", "——")
_UNIT_ALTERNATION = "|".join(re.escape(unit) for unit in UNITS)
# 公猪舍(≥**平方米), 粉碎拌合机(11kw)(≥台), 培训人数（人）, 完成率(%): the unit (and operator) a name carries
_NAME_UNIT = re.compile(
    rf"[（(]\s*(?P<op>≥|≤|>|<|=|＞|＜)?\s*\**\s*(?P<unit>{_UNIT_ALTERNATION})\s*[）)]\s*$"
)
_NAME_OPS: dict[str, Operator] = {"≥": ">=", "≤": "<=", ">": ">", "<": "<", "=": "=", "＞": ">", "＜": "<"}


@dataclass(frozen=True)
class _Row:
    indicator: Indicator
    start: int
    end: int
    target_span: tuple[int, int] | None
    actual_span: tuple[int, int] | None
    original: bool = False
    """Spans in original offsets (a table) rather than normalised ones (a one-line item)."""


def extract_indicator_rows(facts: Facts) -> list[Indicator]:
    """Indicators of the 自评表 tables, else of one-line items; [] when the report has neither."""
    rows = [row for table in document_tables(facts) for row in _table_rows(table)] or _item_rows(facts.document.text)
    indicators = []
    for index, row in enumerate(rows):
        cite = facts.cite_original if row.original else facts.cite
        cite(f"indicators[{index}]", row.start, row.end)
        if row.target_span:
            cite(f"indicators[{index}].target", *row.target_span)
        if row.actual_span:
            cite(f"indicators[{index}].actual", *row.actual_span)
        indicators.append(row.indicator)
    return indicators


def _column_index(table: Table) -> dict[str, int]:
    """Column position per indicator field; the first column of a kind wins."""
    found: dict[str, int] = {}
    for index, column in enumerate(table.columns):
        if column is not None and column.kind not in found:
            found[column.kind] = index
    return found


def _table_rows(table: Table) -> list[_Row]:
    columns = _column_index(table)
    if "name" not in columns or not ({"target", "actual"} & columns.keys()):
        return []
    rows: list[_Row] = []
    level1 = level2 = None
    for aligned in table.rows:

        def cell(field: str, aligned: AlignedRow = aligned) -> Cell | None:
            position = columns.get(field)
            return aligned.columns.get(position) if position is not None else None

        def text(field: str) -> str:
            # A 待填写 mark is what the writer asked for, not the department's words: an empty cell.
            found = cell(field)
            return found.text if found is not None and not is_pending(found.text) else ""

        if text("level1"):
            level1, level2 = _level(text("level1")), None
        if text("level2"):
            level2 = _level(text("level2"))
        name_cell = cell("name")
        if name_cell is None or not name_cell.text or _TOTAL_ROW.match(name_cell.text) or is_value(name_cell.text):
            continue
        target_cell, actual_cell = cell("target"), cell("actual")
        if not any(text(field) for field in ("target", "actual", "weight", "score")):
            continue
        name, name_op, name_unit = _name_and_unit(name_cell.text)
        unit_column = text("unit") or None
        op, target, unit, target_span = _target(target_cell)
        if op == "=" and name_op is not None and not _has_operator(target_cell):
            op = name_op
        actual, actual_span = _actual(actual_cell)
        rows.append(_Row(
            Indicator(
                name=name, level1=level1, level2=level2, op=op, target=target,
                target_text=text("target") or None, actual=actual, actual_text=text("actual") or None,
                unit=unit or unit_column or name_unit,
                weight=_number(text("weight")), score=_number(text("score")),
                deviation_reason=text("reason") or None,
            ),
            aligned.start, aligned.end, target_span, actual_span, original=True,
        ))
    return rows


def _item_rows(text: str) -> list[_Row]:
    rows = []
    for match in _ITEM_LINE.finditer(text):
        target_text = match.group("target").strip()
        op, target, unit, target_span = _target_text(target_text, match.start("target"))
        actual_cell = match.group("actual").strip()
        actual, actual_span = _actual_text(actual_cell, match.start("actual"))
        rows.append(_Row(
            Indicator(name=match.group("name").strip(), op=op, target=target,
                      target_text=target_text, actual=actual,
                      actual_text=None if actual is None else actual_cell, unit=unit),
            match.start(), match.end(), target_span, actual_span,
        ))
    return rows


def _level(cell: str) -> str | None:
    cleaned = _LEVEL_NOTE.sub("", cell).strip()
    return cleaned or None


def _name_and_unit(name: str) -> tuple[str, Operator | None, str | None]:
    """``公猪舍(≥**平方米)`` → (公猪舍, >=, 平方米); a name without such a note is kept as it is."""
    match = _NAME_UNIT.search(name)
    if match is None:
        return name, None, None
    bare = name[: match.start()].strip()
    if not bare:
        return name, None, None
    op = _NAME_OPS.get(match.group("op") or "")
    return bare, op, match.group("unit")


def _has_operator(cell: Cell | None) -> bool:
    return cell is not None and bool(cell.text) and cell.text[0] in "≥≤><=＞＜不大小高低"


def _first_quantity(text: str) -> QuantityMatch | None:
    return next((m for m in find_quantities(text) if m.quantity.unit), None) or next(
        (m for m in find_quantities(text)), None
    )


def _target(cell: Cell | None) -> tuple[Operator | None, Decimal | None, str | None, tuple[int, int] | None]:
    if cell is None:
        return None, None, None, None
    return _target_text(cell.text, cell.start)


def _target_text(text: str, offset: int) -> tuple[Operator | None, Decimal | None, str | None, tuple[int, int] | None]:
    """Operator, value, unit and span of a target cell; a cell without a number is qualitative."""
    if not text or text in _NOT_STATED:
        return None, None, None, None
    found = _first_quantity(text)
    if found is None:
        return "qualitative", None, None, (offset, offset + len(text))
    return operator_of(found, text), found.quantity.value, found.quantity.unit, (offset + found.start, offset + found.end)


def _actual(cell: Cell | None) -> tuple[Decimal | None, tuple[int, int] | None]:
    if cell is None:
        return None, None
    return _actual_text(cell.text, cell.start)


def _actual_text(text: str, offset: int) -> tuple[Decimal | None, tuple[int, int] | None]:
    if not text or text in _NOT_STATED:
        return None, None
    found = _first_quantity(text)
    if found is None:
        return None, None
    return found.quantity.value, (offset + found.start, offset + found.end)


def _number(cell: str) -> Decimal | None:
    try:
        return Decimal(cell.replace(",", "")) if cell else None
    except InvalidOperation:
        return None
