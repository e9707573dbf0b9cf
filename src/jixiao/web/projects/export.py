"""The 项目库 list as an Excel workbook (项目库导出): every user text a string cell (``jixiao.exports``).

After the project's own columns come the list's extra columns (``LIST_COLUMNS``: 执行率, 红色指标数 from
``projperf``), from the same annotations the list page shows — one home for those values.

The download is recorded as an audit event by ``audit.middleware.AuditExportMiddleware``, as every export.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from jixiao.exports import Workbook
from jixiao.web.projects.models import Project
from jixiao.web.projects.selectors import LIST_COLUMNS

COLUMNS = ("部门", "项目编码", "项目名称", "项目类别", "起始年度", "结束年度", "项目总金额（万元）", "主管部门",
           "实施单位", "项目属性", "重点项目", "重大政策/项目", "项目状态", "事前评估结论", "核定金额（万元）")


def project_rows(project: Project) -> list[object]:
    return [project.department.name, project.code, project.name, project.category or None, project.start_year,
            project.end_year, project.amount, project.department_in_charge or None, project.implementer or None,
            project.get_attribute_display(), "是" if project.is_key else "否", "是" if project.is_major else "否",
            project.get_status_display(), project.get_exante_conclusion_display() or None, project.approved_amount,
            *(column.export_value(getattr(project, column.key, None)) for column in LIST_COLUMNS)]


def projects_xlsx(projects: Iterable[Project]) -> bytes:
    """One sheet 项目库: a header row, then one row a project (amounts as numbers to the cent)."""
    out = io.BytesIO()
    book = Workbook(out)
    sheet = book.add_worksheet("项目库")
    bold = book.add_format({"bold": True})
    money = book.add_format({"num_format": "0.00"})
    titles = [*COLUMNS, *(column.export_label or column.label for column in LIST_COLUMNS)]
    for col, title in enumerate(titles):
        sheet.write_string(0, col, title, bold)
    for row, project in enumerate(projects, start=1):
        for col, value in enumerate(project_rows(project)):
            sheet.write_value(row, col, value, money if col in (6, 14) and value is not None else None)
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 16)
    sheet.set_column(2, 2, 36)
    sheet.set_column(3, len(titles) - 1, 12)
    sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue()
