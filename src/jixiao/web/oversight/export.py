"""The 考核 ranking as an Excel workbook (考核结果导出): numbers as numbers, user text as text (``jixiao.exports``);
one sheet of totals, one of every item's points and basis."""

from __future__ import annotations

import io

from jixiao.exports import Workbook
from jixiao.web.oversight.selectors import Ranking


def ranking_xlsx(data: Ranking) -> bytes:
    """排名 (名次, 部门, 得分, 等级) and 得分明细 (部门, 考核项, 得分, 分值, 评分依据, 计分说明)."""
    buffer = io.BytesIO()
    book = Workbook(buffer)
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    number = book.add_format({"num_format": "0.00"})

    sheet = book.add_worksheet(f"{data.year}年度考核排名")
    sheet.write_row(0, 0, ["名次", "部门", "得分", "等级"], head)
    for i, (place, result, _) in enumerate(data.rows, start=1):
        sheet.write_number(i, 0, place)
        sheet.write_string(i, 1, result.department)
        sheet.write_number(i, 2, float(result.total), number)  # a double keeps 2 dp exactly enough
        sheet.write_string(i, 3, result.grade)
    sheet.write_string(len(data.rows) + 2, 0, f"考核框架：{data.framework.title}；依据：{data.framework.source}")
    sheet.set_column(1, 1, 40)
    sheet.freeze_panes(1, 0)

    lines = book.add_worksheet("得分明细")
    lines.write_row(0, 0, ["部门", "考核项", "得分", "分值", "评分依据", "计分说明"], head)
    row = 1
    for _, result, _ in data.rows:
        for line in result.lines:
            lines.write_string(row, 0, result.department)
            lines.write_string(row, 1, line.title)
            lines.write_number(row, 2, float(line.score), number)
            lines.write_number(row, 3, float(line.points), number)
            lines.write_values(row, 4, [line.basis, line.detail])
            row += 1
    lines.set_column(0, 0, 40)
    lines.set_column(1, 1, 18)
    lines.set_column(4, 5, 60)
    lines.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()
