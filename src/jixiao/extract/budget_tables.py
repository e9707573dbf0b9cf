"""Budget figures stated in a table (预算执行情况表): a row label, and its cell under a column title.

The 自评表 and the 基础数据表 carry the year's figures as a table::

    | 全年预算数(A) | 全年执行数(B) | 预算执行率 |
    | 年度资金总额: | 808.1 | 692.98 | 86% |

The total row (年度资金总额, 合计, 支出总额, 部门整体支出 …) gives ``budget.total`` from the
budget column (全年预算数, 调整后预算数, 2022年预算数), ``budget.spent`` from the execution
column (执行数, 决算数), ``budget.execution_rate`` from the rate column and
``budget.initial`` from 年初预算数; the rows 基本支出 / 项目支出, 一般公共预算 … / 其他资金 and
年末结转和结余 give their figure from the execution column (else the budget column).

A column of another year (上年决算, 2021年决算数 in a 2022 report) is never read: a column's
year is checked against the report's year (or, when the report's year is not known, against
the latest year of the table's columns). Two columns of the same kind leave that kind unread.
Amounts take the unit of their cell, else of their column title, else of the table's caption
(``经费控制情况(万元)``); an amount without any unit is not read. A rate written without ``%``
(``执行率(B/A) … 20``) is read only when its own row's amounts give it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.extract.facts import Facts
from jixiao.extract.tables import BUDGET_KINDS, document_tables, fund_row, row_kind
from jixiao.text.numbers import Quantity, parse_quantity, to_wan_yuan
from jixiao.text.tables import AlignedRow, Cell, Table

_BUDGET_SECTION = re.compile(r"收支|预算|决算|资金|支出情况")
_CAPTION_UNIT = re.compile(r"[（(]\s*(?:单位[：:])?\s*(万元|亿元|千元|元)\s*[）)]|单位[：:]\s*(万元|亿元|千元|元)")
_RATE_TOLERANCE = Decimal("0.5")
_WHOLE_PATHS = {"total": "budget.total", "spent": "budget.spent", "rate": "budget.execution_rate",
                "initial": "budget.initial"}
_SPECIFIC = re.compile(r"调整|全年")
# a table of a subset of the spending (三公经费, a list of projects): its 合计 is not the year's total
_SUBSET_CAPTION = re.compile(r"三公|公务接待|公务用车|会议费|培训费|政府采购|资产|明细|专项资金")
_GENERIC_TOTAL = re.compile(r"^(?:其中)?[：:]?(?:合计|总计)[：:]?$")
_PROJECT_LIST = re.compile(r"项目名称|项目明细|资金名称|子项目")
# the 项目支出绩效自评表 opens with 项目名称 a few cells before its budget rows
_PROJECT_FORM = re.compile(r"项目名称")
_FORM_REACH = 400


def in_budget_section(facts: Facts, offset: int) -> bool:
    """Whether normalised ``offset`` lies in a section about income and expenditure (收支情况)."""
    return any(_BUDGET_SECTION.search(title) for title in facts.document.section_at(offset))


def extract_budget_tables(facts: Facts) -> None:
    """Add a candidate for every budget figure a table states for this year."""
    year = facts.peek("year")
    department_report = facts.peek("kind") == "department_overall"
    project_report = facts.peek("kind") == "project"
    for table in document_tables(facts):
        columns = _budget_columns(table, year)
        if not columns:
            continue
        if department_report and _PROJECT_FORM.search(facts.document.original, max(0, table.start - _FORM_REACH), table.start):
            continue  # a project's 自评表 appended to a department report: its figures are the project's
        unit = _table_unit(table)
        for row in table.rows:
            label = _row_label(row, table)
            if project_report and label is not None and _add_fund_row(facts, table, row, label, columns, unit):
                continue
            kind = row_kind(label.text) if label is not None else None
            if kind is None or label is None:
                continue
            path, part = kind
            if path == "whole":
                if not part and not (_GENERIC_TOTAL.match(label.text.replace(" ", "")) and _lists_a_subset(table)):
                    _add_whole(facts, table, row, label, columns, unit)
                continue
            index = next((columns[k] for k in ("spent", "total", "initial") if k in columns
                          and _money(row.columns.get(columns[k]), table, columns[k], unit) is not None), None)
            if index is None:
                continue
            cell = row.columns[index]
            _add(facts, path, _money(cell, table, index, unit), label, cell)


def _add_fund_row(facts: Facts, table: Table, row: AlignedRow, label: Cell, columns: dict[str, int],
                  unit: str | None) -> bool:
    """A funding row of a project's 自评表 (其中：当年财政拨款, 上年结转资金, 其他资金): its 年初预算数,
    全年预算数 and 全年执行数 as ``budget.funds.<row>.<column>``; whether the row was one."""
    name = fund_row(label.text)
    if name is None:
        return False
    for kind in ("initial", "total", "spent"):
        index = columns.get(kind)
        cell = row.columns.get(index) if index is not None else None
        value = _money(cell, table, index, unit) if index is not None else None
        if value is not None and cell is not None:
            _add(facts, f"budget.funds.{name}.{kind}", value, label, cell)
    return True


def _budget_columns(table: Table, year: int | None) -> dict[str, int]:
    """Column index per budget kind, for the columns of this year; ambiguous kinds left out."""
    years = [column.year for column in table.columns if column is not None and column.year is not None]
    this_year = year if year is not None else (max(years) if years else None)
    found: dict[str, list[int]] = {}
    for index, column in enumerate(table.columns):
        if column is None or column.kind not in BUDGET_KINDS:
            continue
        if column.year is not None and column.year != this_year:
            continue
        found.setdefault(column.kind, []).append(index)
    chosen: dict[str, int] = {}
    for kind, indices in found.items():
        if len(indices) > 1:
            # 预算数 beside 调整后预算数: the adjusted (全年) one is the year's figure
            specific = [i for i in indices if _SPECIFIC.search(table.header[i].text)]
            indices = specific if len(specific) == 1 else indices
        if len(indices) == 1:
            chosen[kind] = indices[0]
    return chosen


def _lists_a_subset(table: Table) -> bool:
    """Whether the table lists a subset of the spending (三公经费, projects): its 合计 is that subset's."""
    headers = " ".join(cell.text for cell in table.header)
    return bool(_SUBSET_CAPTION.search(table.caption) or _PROJECT_LIST.search(headers))


def _table_unit(table: Table) -> str | None:
    """The money unit a table states in its notes, its header (``项目资金（万元）``) or its caption
    (``预算执行情况(万元)``), the nearest one."""
    for text in (*table.notes, " ".join(cell.text for cell in table.header), table.caption):
        found = list(_CAPTION_UNIT.finditer(text))
        if found:
            last = found[-1]
            return last.group(1) or last.group(2)
    return None


def _row_label(row: AlignedRow, table: Table) -> Cell | None:
    label = row.label()
    if label is not None:
        return label
    first = table.columns[0] if table.columns else None
    if first is None or not first.value:
        # the label columns before the first value column: the last one filled is the row's own
        # (``项目资金（万元） | 年度资金总额 | 737.93 …``, the group's cell merged down and empty here)
        found: Cell | None = None
        for index, column in enumerate(table.columns):
            if column is not None and column.value:
                break
            cell = row.columns.get(index)
            if cell is not None and cell.text:
                found = cell
        return found
    return None


def _money(cell: Cell | None, table: Table, index: int, unit: str | None) -> Decimal | None:
    if cell is None or not cell.text:
        return None
    quantity = parse_quantity(cell.text.replace(",", ""))
    if quantity is None or quantity.qualifier != "exact":
        return None
    column = table.columns[index]
    stated = quantity.unit or (column.unit if column is not None else None) or unit
    if stated is None:
        return None
    return to_wan_yuan(Quantity(quantity.value, stated))


def _rate(cell: Cell | None, row: AlignedRow, table: Table, columns: dict[str, int], unit: str | None) -> Decimal | None:
    if cell is None or not cell.text:
        return None
    quantity = parse_quantity(cell.text)
    if quantity is None or quantity.qualifier != "exact" or quantity.unit not in ("%", None):
        return None
    if quantity.unit == "%":
        return quantity.value
    # 执行率 written as a bare number: read only when the row's own amounts give it
    total = _money(row.columns.get(columns["total"]), table, columns["total"], unit) if "total" in columns else None
    spent = _money(row.columns.get(columns["spent"]), table, columns["spent"], unit) if "spent" in columns else None
    if total is None or spent is None or total == 0:
        return None
    if abs(spent / total * 100 - quantity.value) <= _RATE_TOLERANCE:
        return quantity.value
    return None


def _add_whole(facts: Facts, table: Table, row: AlignedRow, label: Cell,
               columns: dict[str, int], unit: str | None) -> None:
    for kind, index in columns.items():
        cell = row.columns.get(index)
        value = _rate(cell, row, table, columns, unit) if kind == "rate" else _money(cell, table, index, unit)
        if value is not None and cell is not None:
            _add(facts, _WHOLE_PATHS[kind], value, label, cell)


def _add(facts: Facts, path: str, value: Decimal | None, label: Cell, cell: Cell) -> None:
    if value is None:
        return
    start, end = min(label.start, cell.start), max(label.end, cell.end)
    normalised = facts.document.from_original(start)
    facts.add_original(path, value, start, end, authoritative=in_budget_section(facts, normalised))
