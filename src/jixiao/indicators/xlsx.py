"""The library as an Excel workbook (指标库导入导出), in the layout finance bureaus circulate.

One sheet 指标库: a header row of Chinese column names (``COLUMNS``), then one indicator a row,
every text a string cell (``jixiao.exports``), the version a number. Reading takes the same
layout back: columns are found by their header (any order, extra columns ignored), each bad row
gives one Chinese line (``第5行：行业“教育局”不在行业分类中``) and the caller imports nothing
unless every row is good. Export → import → export gives the same cells.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pydantic import ValidationError

from jixiao.errors import JixiaoError
from jixiao.exports import Workbook
from jixiao.indicators.classification import load_classification
from jixiao.indicators.library import OPERATOR_LABELS, STATUS_LABELS, LibraryIndicator
from jixiao.readers.archive import open_workbook
from jixiao.readers.limits import Budget

SHEET_TITLE = "指标库"
FIXED_CREATED = datetime(1980, 1, 1, tzinfo=UTC)
"""The workbook's creation date: fixed, so the same library always gives the same bytes."""
COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "指标编码"), ("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"),
    ("scope", "共性/个性"), ("industry", "行业"), ("field", "领域"), ("operator", "计算符号"), ("unit", "计量单位"),
    ("explanation", "指标解释"), ("formula", "计算公式"), ("scoring_standard", "评(扣)分标准"),
    ("data_source", "数据来源"), ("evidence", "佐证资料要求"), ("source", "出处"), ("status", "状态"),
    ("version", "版本"),
)
"""(field, header) in the sheet's order; 三级指标 is the indicator's name, as the 10号 tables call it."""
REQUIRED = ("code", "name", "level1", "industry")
LABELS = dict(COLUMNS)
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_PARTS = 200
MAX_ROWS = 20000
TIME_BUDGET_SECONDS = 30.0
"""Limits of an upload: a library of some thousand indicators is well under a megabyte."""
OPERATOR_BY_TEXT: dict[str, str] = {**{label: op for op, label in OPERATOR_LABELS.items()}, **{op: op for op in OPERATOR_LABELS},
                    "≥": ">=", ">": ">", "=": "=", "<": "<", "≤": "<="}
"""What a 计算符号 cell may say: the printed symbol (≥ ＞ ＝ ＜ ≤ 定性) or the ASCII operator."""
STATUS_BY_LABEL = {label: status for status, label in STATUS_LABELS.items()}


class LibraryXlsxError(JixiaoError):
    """The upload is not a readable 指标库 workbook (one line naming the file)."""


@dataclass
class LibrarySheet:
    """A read workbook: the good rows, and one Chinese line per bad row."""

    filename: str
    rows: list[LibraryIndicator] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def cells(item: LibraryIndicator) -> list[object]:
    """The row of ``item`` as the sheet holds it."""
    out: list[object] = []
    for name, _ in COLUMNS:
        if name == "operator":
            out.append(item.operator_label or None)
        elif name == "status":
            out.append(item.status_label)
        elif name == "version":
            out.append(item.version)
        else:
            out.append(getattr(item, name) or None)
    return out


def write_library(items: Iterable[LibraryIndicator]) -> bytes:
    """The workbook of ``items``: header row in bold, one row an indicator, columns sized to read."""
    out = io.BytesIO()
    book = Workbook(out)
    # xlsxwriter writes the current time when no date is given, so two exports a second apart
    # differ; the parts of the zip carry 1980-01-01 already, and so does the document now.
    book.set_properties({"title": "指标库", "created": FIXED_CREATED})
    sheet = book.add_worksheet(SHEET_TITLE)
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    for col, (_, title) in enumerate(COLUMNS):
        sheet.write_string(0, col, title, bold)
    widths = {"name": 28, "explanation": 40, "formula": 32, "scoring_standard": 40, "source": 40, "evidence": 28}
    for col, (name, _) in enumerate(COLUMNS):
        sheet.set_column(col, col, widths.get(name, 12))
    sheet.freeze_panes(1, 0)
    for row, item in enumerate(items, start=1):
        sheet.write_values(row, 0, cells(item), wrap)
    book.close()
    return out.getvalue()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _row(values: dict[str, object], where: str) -> LibraryIndicator | str:
    """One row as an indicator, or the one line saying what is wrong with it."""
    data: dict[str, object] = {name: _text(values.get(name)) for name, _ in COLUMNS}
    missing = [LABELS[name] for name in REQUIRED if not data[name]]
    if missing:
        return where + "请填写" + "、".join(missing)
    if data["scope"] not in ("共性", "个性"):
        return where + f"共性/个性应为“共性”或“个性”，不是“{data['scope']}”" if data["scope"] else where + "请填写共性/个性"
    industries = load_classification().industries
    if data["industry"] not in industries:
        return where + f"行业“{data['industry']}”不在行业分类中"
    if data["field"] and data["field"] not in industries[str(data["industry"])].fields:
        return where + f"领域“{data['field']}”不属于行业“{data['industry']}”"
    op = str(data["operator"])
    if op and op not in OPERATOR_BY_TEXT:
        return where + f"计算符号“{op}”无法识别（应为 ≥、＞、＝、＜、≤ 或定性）"
    data["operator"] = OPERATOR_BY_TEXT[op] if op else None
    status = str(data["status"] or STATUS_LABELS["active"])
    if status not in STATUS_BY_LABEL:
        return where + f"状态“{status}”无法识别（应为草稿、审核、入库或停用）"
    data["status"] = STATUS_BY_LABEL[status]
    version = str(data["version"] or "1")
    if not version.isdigit():
        return where + f"版本“{version}”应为整数"
    data["version"] = int(version)
    try:
        return LibraryIndicator.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]) if first["loc"] else ""
        return where + f"{LABELS.get(name, '内容')}无效（长度或格式不符）"


def read_library(data: bytes, *, filename: str) -> LibrarySheet:
    """Read an uploaded workbook; ``LibraryXlsxError`` when it is not one, bad rows in ``errors``."""
    book = open_workbook(data, filename, max_bytes=MAX_FILE_BYTES, size_limit=f"{MAX_FILE_BYTES // 1024 // 1024} MB",
                         max_parts=MAX_PARTS, max_unpacked=MAX_UNPACKED_BYTES, budget=Budget(TIME_BUDGET_SECONDS),
                         error=LibraryXlsxError)
    try:
        sheet = book[SHEET_TITLE] if SHEET_TITLE in book.sheetnames else book.worksheets[0]
        lines = []
        for index, row in enumerate(sheet.iter_rows(values_only=True)):
            if index > MAX_ROWS:
                raise LibraryXlsxError(f"{filename}：行数超过上限 {MAX_ROWS} 行")
            lines.append(tuple(row))
    finally:
        book.close()
    result = LibrarySheet(filename=filename)
    if not lines:
        raise LibraryXlsxError(f"{filename}：工作表是空的")
    header = {_text(title): col for col, title in enumerate(lines[0]) if _text(title)}
    by_header = {title: name for name, title in COLUMNS}
    absent = [LABELS[name] for name in REQUIRED if LABELS[name] not in header]
    if absent:
        raise LibraryXlsxError(f"{filename}：第1行缺少表头“{'”“'.join(absent)}”，请使用导出的指标库表格")
    columns = {by_header[title]: col for title, col in header.items() if title in by_header}
    seen: dict[str, int] = {}
    for number, line in enumerate(lines[1:], start=2):
        if all(_text(v) == "" for v in line):
            continue
        values = {name: line[col] if col < len(line) else None for name, col in columns.items()}
        where = f"{filename} 第{number}行："
        parsed = _row(values, where)
        if isinstance(parsed, str):
            result.errors.append(parsed)
            continue
        if parsed.code in seen:
            result.errors.append(where + f"指标编码“{parsed.code}”与第{seen[parsed.code]}行重复")
            continue
        seen[parsed.code] = number
        result.rows.append(parsed)
    if not result.rows and not result.errors:
        raise LibraryXlsxError(f"{filename}：没有任何指标")
    return result
