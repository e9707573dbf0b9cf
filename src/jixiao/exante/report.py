"""The 事前绩效评估报告 as a Word document (DOCX), in the reference outline of the local 办法.

Outline (参考格式 of a 市级财政支出事前绩效评估管理办法): 一、评估对象基本情况 (立项背景, 主要内容,
绩效目标, 资金构成); 二、评估工作开展情况 (目的及对象, 思路及方法, 工作程序); 三、综合评估情况与评估
结论 (the five dimensions, 总体结论); 四、相关建议; 五、其他需要说明的问题; then the 评分表 (every
sub-point's points, grade and note). The department's own words are kept as written, one paragraph
per line. The page set-up and styles are those of the 自评报告 (``jixiao.render.docx``: GB/T 9704).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from jixiao.exante.assessment import Assessment, Entry, Scored
from jixiao.exante.scheme import Scheme
from jixiao.figures import chinese_number, money, plain
from jixiao.figures.format import signed_date
from jixiao.render.docx import (
    STYLE_BODY,
    STYLE_H1,
    STYLE_H2,
    STYLE_H3,
    STYLE_TABLE,
    STYLE_TITLE,
    base_document,
)
from jixiao.render.fonts import font_plan

SCORE_WIDTHS_MM = (22, 18, 52, 11, 11, 11, 31)
"""评分表 columns (维度, 分项, 要点, 分值, 得分, 等次, 评审意见): the 156 mm text block."""


@dataclass(frozen=True)
class Dates:
    """When the steps happened (工作程序), for 评估工作程序 and the 落款."""

    submitted: date | None = None
    reviewed: date | None = None


def _paragraphs(document: DocxDocument, text: str, *, fallback: str) -> None:
    lines = [line.strip() for line in text.splitlines() if line.strip()] or [fallback]
    for line in lines:
        document.add_paragraph(line, style=STYLE_BODY)


def _borders(table: object) -> None:
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]  # python-docx's oxml elements are untyped
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "6")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    tbl_pr.append(borders)


def _widths(table: object, widths_mm: tuple[int, ...]) -> None:
    """Fixed column widths (grid and cells): LibreOffice ignores cell widths without the grid's."""
    table.autofit = False  # type: ignore[attr-defined]  # a python-docx table
    for col, width in zip(table.columns, widths_mm, strict=True):  # type: ignore[attr-defined]  # python-docx ships no types for Table
        col.width = Mm(width)
    for row in table.rows:  # type: ignore[attr-defined]  # python-docx ships no types for Table
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _cell(table: object, row: int, col: int, text: str, *, left: bool = False, bold: bool = False) -> None:
    cell = table.cell(row, col)  # type: ignore[attr-defined]  # a python-docx table
    paragraph = cell.paragraphs[0]
    paragraph.style = STYLE_TABLE
    if left:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    run = paragraph.add_run(text)
    run.bold = bold or None


def _facts_table(document: DocxDocument, assessment: Assessment) -> None:
    facts = assessment.project
    rows = [("项目名称", facts.name), ("项目编码", facts.code), ("申报部门", facts.department),
            ("主管部门", facts.department_in_charge), ("实施单位", facts.implementer),
            ("项目属性", facts.attribute), ("实施期限", facts.period),
            ("申请金额（万元）", money(facts.amount) if facts.amount is not None else "")]
    rows = [row for row in rows if row[1]]
    table = document.add_table(rows=len(rows), cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(table)
    for index, (label, value) in enumerate(rows):
        _cell(table, index, 0, label, bold=True)
        _cell(table, index, 1, value, left=True)
    _widths(table, (40, 116))


def _score_table(document: DocxDocument, scheme: Scheme, scored: Scored | None,
                 entries: dict[str, Entry]) -> None:
    document.add_paragraph("事前绩效评估评分表", style=STYLE_H3).alignment = WD_ALIGN_PARAGRAPH.CENTER
    header = ("评估维度", "分项", "评估要点", "分值", "得分", "等次", "评审意见")
    rows = len(scheme.items) + 2
    table = document.add_table(rows=rows, cols=len(header))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(table)
    for col, text in enumerate(header):
        _cell(table, 0, col, text, bold=True)
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    tr_pr.append(repeat)
    scored_items = {i.item.key: i for d in scored.dimensions for i in d.items} if scored else {}
    row = 1
    for dim in scheme.dimensions:
        dim_start = row
        for group in dim.groups:
            group_start = row
            for item in group.items:
                one = scored_items.get(item.key)
                _cell(table, row, 2, item.text, left=True)
                _cell(table, row, 3, plain(item.points))
                _cell(table, row, 4, plain(one.points) if one else "")
                _cell(table, row, 5, one.grade if one else "")
                _cell(table, row, 6, entries.get(item.key, Entry()).note.strip(), left=True)
                row += 1
            _cell(table, group_start, 1, f"{group.name}\n（{plain(group.points)}分）")
            if row - 1 > group_start:
                table.cell(group_start, 1).merge(table.cell(row - 1, 1))
        _cell(table, dim_start, 0, f"{dim.name}\n（{plain(dim.points)}分）")
        table.cell(dim_start, 0).merge(table.cell(row - 1, 0))
    _cell(table, row, 0, "合计", bold=True)
    table.cell(row, 0).merge(table.cell(row, 2))
    _cell(table, row, 3, plain(scheme.total), bold=True)
    _cell(table, row, 4, plain(scored.total) if scored else "", bold=True)
    _cell(table, row, 5, scored.conclusion.name if scored else "", bold=True)
    table.cell(row, 5).merge(table.cell(row, 6))
    _widths(table, SCORE_WIDTHS_MM)
    _tidy_merged_cells(table)


def _tidy_merged_cells(table: object) -> None:
    """python-docx's merge keeps each merged cell's empty paragraph: drop the empty ones after the first."""
    for row in table.rows:  # type: ignore[attr-defined]  # python-docx ships no types for Table  # a python-docx table
        for cell in row.cells:
            paragraphs = cell.paragraphs
            for paragraph in paragraphs[1:]:
                if not paragraph.text:
                    paragraph._element.getparent().remove(paragraph._element)


def _procedure(assessment: Assessment, dates: Dates, scored: Scored | None) -> str:
    steps = [f"{assessment.project.department}对照评分指标体系逐项自评，整理佐证材料"]
    if dates.submitted:
        steps.append(f"于{signed_date(dates.submitted)}提交财政部门")
    reviewer = assessment.review.reviewer or "财政部门"
    if scored is not None and dates.reviewed:
        steps.append(f"{reviewer}逐项评分，于{signed_date(dates.reviewed)}作出评估结论")
    elif scored is None:
        steps.append("财政部门评审尚未完成")
    return "；".join(steps) + "。"


def render(scheme: Scheme, assessment: Assessment, scored: Scored | None, *, dates: Dates | None = None) -> bytes:
    """The 事前绩效评估报告 of ``assessment`` as DOCX bytes; ``scored`` is ``None`` before the review."""
    dates = dates or Dates()
    facts = assessment.project
    narrative = assessment.narrative
    document = Document(io.BytesIO(base_document(font_plan())))
    document.core_properties.title = f"{facts.name}事前绩效评估报告"
    document.add_paragraph(f"{facts.name}事前绩效评估报告", style=STYLE_TITLE)
    _facts_table(document, assessment)

    document.add_paragraph("一、评估对象基本情况", style=STYLE_H1)
    for number, (label, text) in enumerate((("项目立项背景", narrative.background), ("项目主要内容", narrative.content),
                                             ("项目绩效目标", narrative.goals), ("项目资金构成", narrative.funding)), 1):
        document.add_paragraph(f"（{chinese_number(number)}）{label}", style=STYLE_H2)
        _paragraphs(document, text, fallback="部门未填写。")

    document.add_paragraph("二、评估工作开展情况", style=STYLE_H1)
    amount = f"，申请金额{money(facts.amount)}万元" if facts.amount is not None else ""
    purpose = (f"评估对象为{facts.department}申报的{facts.name}（{facts.attribute}项目{amount}）。"
               "评估其立项必要性、投入经济性、绩效目标合理性、实施方案可行性和筹资合规性，作为预算安排的依据。")
    method = (f"按照《{scheme.title}》，从{'、'.join(d.name for d in scheme.dimensions)}五个方面、"
              f"{len(scheme.items)}个评估要点逐项评分（满分{plain(scheme.total)}分），每个要点评定优、良、中、差等次；"
              f"总分{plain(scheme.conclusion('support').min)}分以上为予以支持，"
              f"{plain(scheme.conclusion('partial').min)}分以上为部分支持，其余为不予支持。")
    document.add_paragraph("（一）评估目的及对象", style=STYLE_H2)
    _paragraphs(document, narrative.purpose, fallback=purpose)
    document.add_paragraph("（二）评估思路及方法", style=STYLE_H2)
    _paragraphs(document, narrative.method, fallback=method)
    document.add_paragraph("（三）评估工作程序", style=STYLE_H2)
    _paragraphs(document, narrative.procedure, fallback=_procedure(assessment, dates, scored))

    document.add_paragraph("三、综合评估情况与评估结论", style=STYLE_H1)
    by_dimension = {d.dimension.key: d for d in scored.dimensions} if scored else {}
    for number, dim in enumerate(scheme.dimensions, 1):
        document.add_paragraph(f"（{chinese_number(number)}）{dim.name}", style=STYLE_H2)
        done = by_dimension.get(dim.key)
        if done is not None:
            document.add_paragraph(f"本项满分{plain(dim.points)}分，评审得分{plain(done.points)}分。", style=STYLE_BODY)
        for index, item in enumerate(dim.items, 1):
            entry = assessment.entries.get(item.key, Entry())
            document.add_paragraph(f"{index}.{item.text}（{plain(item.points)}分）", style=STYLE_H3)
            _paragraphs(document, entry.self_assessment, fallback="部门未填写自评情况。")
            if entry.evidence.strip():
                _paragraphs(document, f"佐证材料：{entry.evidence.strip()}", fallback="")
            if done is not None:
                one = next(i for i in done.items if i.item.key == item.key)
                document.add_paragraph(f"评审{one.verdict}", style=STYLE_BODY)
    document.add_paragraph(f"（{chinese_number(len(scheme.dimensions) + 1)}）总体结论", style=STYLE_H2)
    if scored is None:
        document.add_paragraph("财政部门评审尚未完成，尚无评估结论。", style=STYLE_BODY)
    else:
        document.add_paragraph(scored.explanation, style=STYLE_BODY)
        approved = assessment.review.approved_amount
        if scored.conclusion.key == "partial" and approved is not None and facts.amount is not None:
            cut = facts.amount - approved
            document.add_paragraph(f"核定金额{money(approved)}万元（申请{money(facts.amount)}万元，"
                                   f"核减{money(cut)}万元），按核定金额纳入预算安排。", style=STYLE_BODY)
        else:
            document.add_paragraph(scored.conclusion.meaning, style=STYLE_BODY)
        _paragraphs(document, f"结论理由：{assessment.review.reasons.strip()}", fallback="")

    document.add_paragraph("四、相关建议", style=STYLE_H1)
    _paragraphs(document, assessment.review.suggestions, fallback="无。" if scored else "待财政部门评审后提出。")
    document.add_paragraph("五、其他需要说明的问题", style=STYLE_H1)
    _paragraphs(document, narrative.other, fallback="无。")

    signature = document.add_paragraph(facts.department, style=STYLE_BODY)
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.paragraph_format.space_before = Mm(10)
    day = dates.reviewed or dates.submitted
    if day is not None:
        document.add_paragraph(signed_date(day), style=STYLE_BODY).alignment = WD_ALIGN_PARAGRAPH.RIGHT

    document.add_page_break()
    _score_table(document, scheme, scored, dict(assessment.entries))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def conclusion_sentence(scored: Scored, approved: Decimal | None) -> str:
    """The conclusion in one line for pages and messages: ``部分支持（核定金额 320.00 万元）``."""
    if scored.conclusion.key == "partial" and approved is not None:
        return f"{scored.conclusion.name}（核定金额 {money(approved)} 万元）"
    return scored.conclusion.name
