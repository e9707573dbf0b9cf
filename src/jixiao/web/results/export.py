"""The results overview as an Excel workbook (结果应用导出): numbers as numbers, user text as text
(``jixiao.exports``), one sheet of items."""

from __future__ import annotations

import io

from jixiao.exports import Workbook
from jixiao.web.results.models import Rectification
from jixiao.web.results.selectors import OverviewRow


def overview_xlsx(rows: list[OverviewRow], items: list[Rectification]) -> bytes:
    """Two sheets: 结果应用 (each department's latest grade and treatment) and 整改事项."""
    buffer = io.BytesIO()
    book = Workbook(buffer)
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    score = book.add_format({"num_format": "0.00"})

    sheet = book.add_worksheet("结果应用")
    sheet.write_row(0, 0, ["部门", "评价年度", "自评分", "等级", "等级来源", "下年度预算安排建议", "依据",
                           "未完成整改", "逾期未整改"], head)
    for i, row in enumerate(rows, start=1):
        sheet.write_string(i, 0, row.department)
        if row.latest is not None:
            sheet.write_number(i, 1, row.latest.year)
            if row.latest.score is not None:
                sheet.write_number(i, 2, float(row.latest.score), score)  # a double keeps 2 dp exactly enough
            sheet.write_string(i, 3, row.latest.grade or "")
            sheet.write_string(i, 4, "系统计算" if row.latest.computed else "报告所述")
        sheet.write_string(i, 5, row.suggestion.treatment or "")
        sheet.write_string(i, 6, row.suggestion.basis)
        sheet.write_number(i, 7, row.open_rectifications)
        sheet.write_number(i, 8, row.overdue_rectifications)
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, 5, 14)
    sheet.set_column(6, 6, 60)
    sheet.freeze_panes(1, 0)

    listing = book.add_worksheet("整改事项")
    listing.write_row(0, 0, ["部门", "评价年度", "来源", "问题", "整改意见", "整改期限", "整改措施", "整改状态",
                             "整改情况"], head)
    for i, item in enumerate(items, start=1):
        listing.write_values(i, 0, [item.department.name, item.fiscal_year.year, item.get_source_display(), item.problem,
                                 item.feedback, item.deadline.isoformat() if item.deadline else "", item.measure,
                                 item.get_status_display(), item.progress])
    listing.set_column(0, 0, 40)
    listing.set_column(3, 8, 30)
    listing.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()
