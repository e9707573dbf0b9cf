"""The goals table (部门整体支出绩效目标表): a department-year's goals and indicators with its budget.

What is published with the budget (与预算一并公开, domain.md §5.3): the declared 年度总体目标, the
three-level indicators with their 年度指标值 and 分值, and the year's budget by source and by nature
— no actual values, no scores. It is laid out as a :class:`~jixiao.render.form.Form` on the 自评表's
nine columns, so the same XLSX writer (:mod:`jixiao.render.xlsx`) writes it and LibreOffice Calc
prints it to PDF (:func:`jixiao.render.pdf.convert`), as the 自评表's ``form-pdf`` is printed.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from jixiao.render import pdf as pdf_converter
from jixiao.render import xlsx as xlsx_writer
from jixiao.render.context import TemplateContext
from jixiao.render.document import Prepared, RenderOptions, prepare
from jixiao.render.form import COLUMNS, Form, _cell, _spans
from jixiao.report import PerformanceReport


def goals_title(report: PerformanceReport) -> str:
    """``部门整体支出绩效目标表（2022年度）``."""
    return f"部门整体支出绩效目标表（{report.year}年度）" if report.year else "部门整体支出绩效目标表"


def build_goals_form(ctx: TemplateContext) -> Form:
    """Lay out the goals table of the report behind ``ctx`` (its indicators' 分值 as the engine assigns them)."""
    report = ctx.report
    budget = report.budget
    title = goals_title(report)
    form = Form(title=title, sheet="目标表")
    _cell(form, 0, 0, title, "title", colspan=COLUMNS)
    _cell(form, 1, 0, "部门名称", "label")
    _cell(form, 1, 1, ctx.department, "text", colspan=4)
    _cell(form, 1, 5, "所属地区", "label")
    _cell(form, 1, 6, ctx.region, "text", colspan=3)

    # -- 预算资金: the total, then by source and by nature where stated -------------------------------
    r = form.fund_row = 2
    rows: list[tuple[str, Decimal | None, Decimal | None]] = [("年度资金总额", budget.initial, budget.total)]
    rows += [(("按资金来源：" if i == 0 else "") + part.label, None, getattr(budget.by_source, part.key))
             for i, part in enumerate(ctx.budget.sources)]
    rows += [(("按支出性质：" if i == 0 else "") + part.label, None, getattr(budget.by_nature, part.key))
             for i, part in enumerate(ctx.budget.natures)]
    _cell(form, r, 0, "预算资金（万元）", "label", rowspan=len(rows) + 1)
    _cell(form, r, 1, "项目", "head", colspan=3)
    _cell(form, r, 4, "年初预算数", "head", colspan=2)
    _cell(form, r, 6, "全年预算数", "head", colspan=3)
    for offset, (label, initial, total) in enumerate(rows, start=1):
        _cell(form, r + offset, 1, label, "label", colspan=3)
        _cell(form, r + offset, 4, initial if initial is not None else "—", "money" if initial is not None else "text",
              colspan=2, number_format="0.00")
        _cell(form, r + offset, 6, total if total is not None else "—", "money" if total is not None else "text",
              colspan=3, number_format="0.00")

    # -- 年度总体目标 ------------------------------------------------------------------------------
    g = form.goal_row = r + len(rows) + 1
    goals = list(ctx.goals) or ["—"]
    numbered = len(goals) > 1
    _cell(form, g, 0, "年度总体目标", "label", rowspan=len(goals))
    for i, goal in enumerate(goals):
        _cell(form, g + i, 1, f"{i + 1}.{goal}" if numbered else goal, "text", colspan=COLUMNS - 1)

    # -- 绩效指标: 一级 / 二级 / 三级, 年度指标值, 分值 ------------------------------------------------
    h = form.indicator_head_row = g + len(goals)
    views = ctx.indicators
    count = max(1, len(views))
    _cell(form, h, 0, "绩效指标", "label", rowspan=count + 1)
    _cell(form, h, 1, "一级指标", "head")
    _cell(form, h, 2, "二级指标", "head")
    _cell(form, h, 3, "三级指标", "head", colspan=3)
    _cell(form, h, 6, "年度指标值", "head", colspan=2)
    _cell(form, h, 8, "分值", "head")
    first = h + 1
    for start, length in _spans([view.level1 for view in views]):
        _cell(form, first + start, 1, views[start].level1 or None, "label", rowspan=length)
    for start, length in _spans([f"{view.level1}\x00{view.level2}" for view in views]):
        _cell(form, first + start, 2, views[start].level2 or None, "label", rowspan=length)
    for i, (view, indicator) in enumerate(zip(views, report.indicators, strict=True)):
        _cell(form, first + i, 3, view.name, "text", colspan=3)
        _cell(form, first + i, 6, view.target or "—", "text", colspan=2)
        _cell(form, first + i, 8, indicator.weight, "score", number_format="0.00", display=view.weight or "")
    if not views:
        _cell(form, first, 1, "—", "text", colspan=COLUMNS - 1)
    form.total_row = first + count
    form.rows = first + count
    return form


def _prepared(report: PerformanceReport, options: RenderOptions | None) -> Prepared:
    prepared = prepare(report, options)
    return dataclasses.replace(prepared, form=build_goals_form(prepared.context))


def render_goals_xlsx(report: PerformanceReport, *, options: RenderOptions | None = None) -> bytes:
    """The goals table as XLSX (the 自评表's writer over the goals' form)."""
    return xlsx_writer.to_bytes(_prepared(report, options))


def pdf_many(files: Sequence[tuple[str, bytes]], *, timeout: float | None = None) -> list[bytes]:
    """Print DOCX / XLSX files (name, bytes) to PDF in one LibreOffice call; the PDFs' bytes in order."""
    with tempfile.TemporaryDirectory(prefix="jixiao-pdfs-") as folder:
        staged = []
        for index, (name, data) in enumerate(files):
            path = Path(folder) / f"{index:03d}-{name}"
            path.write_bytes(data)
            staged.append(path)
        return [pdf.read_bytes() for pdf in pdf_converter.convert(staged, Path(folder) / "pdf", timeout=timeout)]


def render_goals_pdf(report: PerformanceReport, *, options: RenderOptions | None = None,
                     timeout: float | None = None) -> bytes:
    """The goals table as PDF (its XLSX printed by LibreOffice Calc, A4 landscape)."""
    (pdf,) = pdf_many([("goals.xlsx", render_goals_xlsx(report, options=options))], timeout=timeout)
    return pdf
