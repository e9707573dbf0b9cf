"""Read a downloaded 附件1 项目支出绩效自评表 (XLSX) as a reader would: its 分值 sum and its 总分.

The form writes formulas (=F5+SUM(G12:G18), =SUM(H5:H18), the execution row =ROUND(F5*MIN(E5/D5,1),2));
openpyxl does not evaluate them, so this evaluates exactly those, from the cells' stored values.
"""

from __future__ import annotations

import io
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import load_workbook


def _number(value: object) -> Decimal:
    return Decimal(str(value))


def form_totals(data: bytes) -> tuple[Decimal, Decimal, str]:
    """(分值合计, 总分, the sheet's text) of the 自评表 in ``data``."""
    sheet = load_workbook(io.BytesIO(data)).active
    rows = {row[0].row: {"ABCDEFGHI"[i]: c.value for i, c in enumerate(row[:9])} for row in sheet.iter_rows()}
    header = next(r for r, cells in rows.items() if cells.get("B") == "一级指标")
    total_row = next(r for r, cells in rows.items() if cells.get("A") == "总分")
    execution = next(r for r, cells in rows.items() if cells.get("B") == "年度资金总额")
    exec_cells = rows[execution]
    weight = _number(exec_cells["F"])
    rate = min(_number(exec_cells["E"]) / _number(exec_cells["D"]), Decimal(1))
    score = (weight * rate).quantize(Decimal("0.01"), ROUND_HALF_UP)
    for r in range(header + 1, total_row):
        cells = rows.get(r, {})
        if cells.get("G") is not None:
            weight += _number(cells["G"])
        if cells.get("H") not in (None, "—"):
            score += _number(cells["H"])
    text = "".join(str(v) for cells in rows.values() for v in cells.values() if v is not None)
    return weight, score, text
