"""The dashboard as an Excel workbook (导出 Excel): numbers written as numbers."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import cast

from jixiao.exports import Workbook
from jixiao.web.dashboard.selectors import Dashboard


def _num(value: Decimal | None) -> float | None:
    # an xlsx cell holds a double; every amount to the cent survives the conversion
    return None if value is None else float(value)


def dashboard_xlsx(board: Dashboard) -> bytes:
    """Two sheets: 部门执行与评价 (the table) and 历年对比."""
    buffer = io.BytesIO()
    book = Workbook(buffer)
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    money = book.add_format({"num_format": "#,##0.00"})
    rate = book.add_format({"num_format": "0.00"})

    sheet = book.add_worksheet("部门执行与评价")
    columns = ["部门", "地区", "全年预算数（万元）", "执行数（万元）", "执行率（%）", "自评分", "等级"]
    sheet.write_row(0, 0, columns, head)
    for i, row in enumerate(board.rows, start=1):
        sheet.write_string(i, 0, row.department)
        sheet.write_string(i, 1, row.region or "")
        for col, value, fmt in ((2, row.total, money), (3, row.spent, money), (4, row.execution_rate, rate),
                                (5, row.score, rate)):
            if value is not None:
                sheet.write_number(i, col, _num(value), fmt)
        sheet.write_string(i, 6, row.grade or "")
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, 1, 16)
    sheet.set_column(2, 6, 14)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(board.rows), 1), len(columns) - 1)

    years = book.add_worksheet("历年对比")
    years.write_row(0, 0, ["年度", "部门数", "预算数（万元）", "执行数（万元）", "执行率（%）", "平均自评分"], head)
    for i, item in enumerate(board.year_over_year, start=1):
        years.write_number(i, 0, item["year"])
        years.write_number(i, 1, item["departments"])
        for col, key, fmt in ((2, "total", money), (3, "spent", money), (4, "execution_rate", rate),
                              (5, "average_score", rate)):
            if item[key] is not None:
                years.write_number(i, col, _num(cast(Decimal, item[key])), fmt)
    years.set_column(0, 5, 14)
    book.close()
    return buffer.getvalue()
