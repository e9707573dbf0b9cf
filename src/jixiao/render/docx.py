"""The 自评报告 as a Word document (DOCX) in the layout of GB/T 9704 (党政机关公文格式).

A4 with the standard margins (上 37 mm, 下 35 mm, 左 28 mm, 右 26 mm); title in 小标宋 二号
centred; 一级标题 (一、) 黑体 三号; 二级标题 (（一）) 楷体 三号; 三级标题 仿宋 三号 加粗; body 仿宋
三号 (16 pt) with a two-character first-line indent and fixed 28.95 pt lines (22 lines a page);
page numbers ``— N —`` in 四号宋体, right on odd pages and left on even pages. The fonts are the
:class:`~jixiao.render.fonts.FontPlan`'s, written on every style as ``w:eastAsia`` (the
attribute Word and LibreOffice read for Chinese text) as well as ``w:ascii``/``w:hAnsi``.

Speed: the styled base document is built once per font plan and kept as bytes; each report
opens a copy and only adds paragraphs, which inherit their fonts from the styles (no per-run
formatting). Paragraphs and the 自评表 are written as WordprocessingML in one parse (see
:func:`form_xml` for why not ``Table.cell().merge()``).
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from jixiao.render.document import Prepared
from jixiao.render.fonts import FontPlan, Role, alternative
from jixiao.render.form import Form, FormCell
from jixiao.render.templating import is_attachment

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
"""GB/T 9704-2012 5.2.1: 天头 37 mm, 订口 28 mm; the text block 156 × 225 mm."""

BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
TABLE_SIZE = Pt(10)  # a little under 五号, so 执行率 fits its column
LINE = Pt(28.95)  # 225 mm / 22 lines
INDENT = Pt(31.5)  # two characters of 三号 at 15.75 pt (see CHAR_SPACING)
ZERO = Pt(0)

STYLE_TITLE = "Title"
STYLE_H1 = "Heading 1"
STYLE_H2 = "Heading 2"
STYLE_H3 = "Heading 3"
STYLE_BODY = "Normal"
STYLE_TABLE = "自评表文字"
STYLE_TABLE_TITLE = "自评表标题"
STYLE_ATTACHMENT = "附件标识"
STYLE_FOOTER = "Footer"

TEXT_WIDTH_MM = 156
"""The portrait text block's width (GB/T 9704: 210 − 28 − 26 mm)."""
LANDSCAPE_TEXT_WIDTH_MM = 243
"""The text block of the landscape 附件 pages (297 − 28 − 26 mm): the 自评表 is printed landscape, as its XLSX."""

# widths of the nine form columns, adding up to the 156 mm text block; the first holds four characters
# (项目名称, 主管部门, 绩效指标) on one line
FORM_WIDTHS_MM = (16, 20, 16, 22, 15, 15, 12, 12, 28)


def _write_fonts(fonts: object, east_asia: str, latin: str) -> None:
    """``east_asia`` for Chinese (``w:eastAsia``), ``latin`` for letters and digits, no theme fonts (which would win).

    No ``w:hint="eastAsia"``: LibreOffice then treats digits as Chinese and breaks ``80.67`` across lines.
    """
    attributes = fonts.attrib  # type: ignore[attr-defined]  # python-docx's oxml elements are untyped
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        attributes.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), latin)  # type: ignore[attr-defined]  # python-docx's oxml elements are untyped
    fonts.set(qn("w:eastAsia"), east_asia)  # type: ignore[attr-defined]  # python-docx's oxml elements are untyped


def _set_fonts(rpr_parent: object, name: str, latin: str) -> None:
    """Write the style's fonts: ``name`` for Chinese, ``latin`` for letters and digits."""
    rpr = rpr_parent.get_or_add_rPr()  # type: ignore[attr-defined]  # python-docx's oxml elements are untyped
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    _write_fonts(fonts, name, latin)


def _style(document: DocxDocument, name: str, *, font: str, latin: str, size: Pt, bold: bool = False,
           align: int | None = None, indent: Pt | None = INDENT, line: Pt | None = LINE,
           space_before: Pt = ZERO, space_after: Pt = ZERO, outline: bool = False) -> None:
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[STYLE_BODY]
    style.font.size = size
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(style.element, font, latin)
    fmt = style.paragraph_format
    fmt.first_line_indent = indent
    fmt.left_indent = Pt(0)
    if line is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = line
    fmt.space_before = space_before
    fmt.space_after = space_after
    fmt.keep_with_next = outline
    fmt.widow_control = True
    if align is not None:
        fmt.alignment = align
    if not outline:
        return
    # Title/Heading styles of the default template carry a bottom border and theme colours
    ppr = style.element.get_or_add_pPr()
    for child in list(ppr):
        if child.tag == qn("w:pBdr"):
            ppr.remove(child)


def _page_number_paragraph(footer: object, align: int) -> None:
    """``— N —`` with a PAGE field, one character in from the outer edge (GB/T 9704 7.5)."""
    paragraph = footer.paragraphs[0]  # type: ignore[attr-defined]  # a python-docx section footer
    paragraph.style = STYLE_FOOTER
    paragraph.alignment = align
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = PAGE_NUMBER_SIZE
    else:
        paragraph.paragraph_format.left_indent = PAGE_NUMBER_SIZE
    paragraph.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    # the runs carry no rPr: they take the Footer style, which carries the 四号 page font
    paragraph.add_run(" —")


def _settings(document: DocxDocument) -> None:
    """Odd and even footers (page numbers right/left), and zh-CN as the document language."""
    document.settings.odd_and_even_pages_header_footer = True
    # the default template's theme language for East Asian text is ja-JP
    for element in document.settings.element.findall(qn("w:themeFontLang")):
        element.set(qn("w:eastAsia"), "zh-CN")
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr_default = None if defaults is None else defaults.find(qn("w:rPrDefault"))
    rpr = None if rpr_default is None else rpr_default.find(qn("w:rPr"))
    if rpr is None:
        return
    for child in rpr.findall(qn("w:lang")):
        rpr.remove(child)
    # Latin-script text (digits, amounts) keeps Latin line breaking: with w:val="zh-CN" LibreOffice
    # breaks a line inside a number ("8" / "0.67万元"), which re-import then reads as two numbers
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-US")
    language.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(language)


def _defaults_fonts(document: DocxDocument, plan: FontPlan) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr = None if rpr_default is None else rpr_default.find(qn("w:rPr"))
    if rpr is None:
        return
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    _write_fonts(fonts, plan.body, plan.latin)
    # the default size is 三号: Word reckons the document grid (28 characters a line) from it
    for child in rpr.findall(qn("w:sz")) + rpr.findall(qn("w:szCs")):
        rpr.remove(child)
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), str(int(BODY_SIZE.pt * 2)))
        rpr.append(size)


_KEEP_STYLES = {
    STYLE_BODY, STYLE_TITLE, STYLE_H1, STYLE_H2, STYLE_H3, STYLE_TABLE, STYLE_TABLE_TITLE, STYLE_ATTACHMENT,
    STYLE_FOOTER, "Header", "Default Paragraph Font", "Normal Table", "No List", "Table Grid",
}
_DROP_RELATIONSHIPS = ("stylesWithEffects", "customXml", "thumbnail")


def _slim(document: DocxDocument) -> None:
    """Drop what the default template carries and a report never uses.

    Its styles.xml (350 kB of latent and table styles) and stylesWithEffects.xml (440 kB) were
    most of the time spent per document: parsed, serialised and compressed for every report.
    """
    styles = document.styles.element
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    keep_ids = set()
    by_id = {style.get(qn("w:styleId")): style for style in styles.findall(qn("w:style"))}
    for style in by_id.values():
        name = style.find(qn("w:name"))
        if name is not None and (name.get(qn("w:val")) in _KEEP_STYLES
                                 or name.get(qn("w:val")).lower() in {n.lower() for n in _KEEP_STYLES}):
            keep_ids.add(style.get(qn("w:styleId")))
    # keep what the kept styles are based on or linked to
    pending = list(keep_ids)
    while pending:
        style = by_id.get(pending.pop())
        if style is None:
            continue
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = style.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) not in keep_ids:
                keep_ids.add(ref.get(qn("w:val")))
                pending.append(ref.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in keep_ids:
            styles.remove(style)
    for part, rels in ((document.part, document.part.rels), (document.part.package, document.part.package.rels)):
        for rel_id, rel in list(rels.items()):
            if any(rel.reltype.endswith(name) for name in _DROP_RELATIONSHIPS):
                part.drop_rel(rel_id) if hasattr(part, "drop_rel") else rels.pop(rel_id)


CHAR_SPACING = Pt(-0.25)
"""Character spacing of the text (字距): 16 − 0.25 = 15.75 pt a character, so 28 characters fill the
156 mm line and a 29th does not (GB/T 9704 5.2.2: 每面 22 行，每行 28 字). A document grid
(``w:docGrid linesAndChars``) would say the same to Word, but LibreOffice then gives every 三号
character two cells of the grid; spacing works the same in both. (Body text is flush left, see
:func:`base_document`: a justified LibreOffice line drops a ， hanging past it.)"""
CHAR_PITCH_TWIPS = round((BODY_SIZE.pt + CHAR_SPACING.pt) * 20)
"""One character of the text in twentieths of a point (for the 落款's right indents)."""


def _spacing(style_element: object, spacing: Pt) -> None:
    """Character spacing (``w:spacing`` in the run properties) of a style."""
    rpr = style_element.get_or_add_rPr()  # type: ignore[attr-defined]  # python-docx's oxml elements are untyped
    for child in rpr.findall(qn("w:spacing")):
        rpr.remove(child)
    element = OxmlElement("w:spacing")
    element.set(qn("w:val"), str(round(spacing.pt * 20)))
    rpr.append(element)


@functools.cache
def base_document(plan: FontPlan) -> bytes:
    """An empty document with the page set up and every style defined, as DOCX bytes."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin = MARGINS["top"]
    section.bottom_margin = MARGINS["bottom"]
    section.left_margin = MARGINS["left"]
    section.right_margin = MARGINS["right"]
    section.header_distance = Mm(15)
    section.footer_distance = Mm(24)  # the number sits about 7 mm under the text block
    _defaults_fonts(document, plan)
    _settings(document)
    latin = plan.latin
    # flush left, not justified: LibreOffice (7.4) drops a ， that hangs past a justified full line; a
    # line of Chinese at 15.8 pt a character is flush on both sides anyway
    _style(document, STYLE_BODY, font=plan.body, latin=latin, size=BODY_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT)
    _style(document, STYLE_TITLE, font=plan.title, latin=latin, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER,
           indent=Pt(0), line=Pt(36), space_after=Pt(29), outline=True)
    _style(document, STYLE_H1, font=plan.heading1, latin=latin, size=BODY_SIZE, outline=True)
    _style(document, STYLE_H2, font=plan.heading2, latin=latin, size=BODY_SIZE, outline=True)
    _style(document, STYLE_H3, font=plan.body, latin=latin, size=BODY_SIZE, bold=True, outline=True)
    _style(document, STYLE_ATTACHMENT, font=plan.heading1, latin=latin, size=BODY_SIZE, indent=Pt(0),
           align=WD_ALIGN_PARAGRAPH.LEFT)
    _style(document, STYLE_TABLE_TITLE, font=plan.title, latin=latin, size=Pt(18), indent=Pt(0), line=Pt(36),
           align=WD_ALIGN_PARAGRAPH.CENTER, space_before=Pt(12), space_after=Pt(12))
    _style(document, STYLE_TABLE, font=plan.table, latin=latin, size=TABLE_SIZE, indent=Pt(0), line=None,
           align=WD_ALIGN_PARAGRAPH.CENTER)
    _style(document, STYLE_FOOTER, font=plan.page, latin=latin, size=PAGE_NUMBER_SIZE, indent=Pt(0), line=None)
    _spacing(document.styles[STYLE_BODY].element, CHAR_SPACING)
    for name in (STYLE_TABLE, STYLE_TABLE_TITLE, STYLE_FOOTER):
        _spacing(document.styles[name].element, Pt(0))
    _page_number_paragraph(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number_paragraph(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
    # the default template's body holds one empty paragraph: drop it so the title comes first
    body = document.element.body
    for paragraph in body.findall(qn("w:p")):
        body.remove(paragraph)
    _slim(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_HIGHLIGHT = '<w:highlight w:val="yellow"/>'
"""A 待填写 paragraph is highlighted: the officer sees at once what still has to be written."""


def _run(text: str, bold: bool = False, highlight: bool = False) -> str:
    """A run; line breaks in the text become ``w:br`` (several lines in one form cell)."""
    props = ("<w:b/><w:bCs/>" if bold else "") + (_HIGHLIGHT if highlight else "")
    parts = [f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split("\n")]
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{'<w:br/>'.join(parts)}</w:r>"


def _paragraph(style_id: str, text: str, *, bold: bool = False, align: str | None = None,
               page_break: bool = False, highlight: bool = False, extra: str = "") -> str:
    props = '<w:pageBreakBefore/>' if page_break else ""
    props += extra
    jc = f'<w:jc w:val="{align}"/>' if align else ""
    run = _run(text, bold, highlight) if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{props}{jc}</w:pPr>{run}</w:p>'


_BORDER = '<w:{0} w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
_BORDERS = "".join(_BORDER.format(edge) for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
_SPACER = ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
           '<w:ind w:firstLine="0"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')
"""A paragraph one point high between two tables of the form (so Word keeps them apart)."""
LONG_TEXT = 60
"""A row with a cell longer than this may break across pages; shorter rows are kept whole (cantSplit)."""


def form_xml(form: Form, style_id: str, *, text_width_mm: float = TEXT_WIDTH_MM) -> str:
    """The 自评表 as ``w:tbl`` elements, one per block (资金, 年度总体目标, 绩效指标 with 总分).

    Each block whose header row should repeat on a new page is a table of its own with that row
    first, marked ``w:tblHeader`` (Word repeats only a table's leading rows). Merged cells are
    gridSpan/vMerge; single black borders. Written as XML in one pass rather than through
    ``Table.cell().merge()``: python-docx's merge re-reads the grid on every call, which made a
    20-row form cost ~0.1 s.
    """
    scale = text_width_mm / TEXT_WIDTH_MM  # the widths fill the text block: portrait 156 mm, landscape 243 mm
    widths = [round(w * scale * 56.6929) for w in FORM_WIDTHS_MM]  # mm → twentieths of a point
    grid = form.grid()
    covered: dict[tuple[int, int], FormCell] = {}
    for cell in form.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                if (r, c) != (cell.row, cell.col):
                    covered[(r, c)] = cell
    head = "".join([
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>',
        f"<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>",
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>',
        "</w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ])
    out: list[str] = []
    for block_start, block_end, header in form.blocks():
        if block_end <= block_start:
            continue
        if out:
            out.append(_SPACER)
        out.append(head)
        for r in range(block_start, block_end):
            row = grid[r]
            long_row = any(cell is not None and len(cell.display) > LONG_TEXT for cell in row)
            props = ("<w:tblHeader/>" if r == header else "") + ("" if long_row else "<w:cantSplit/>")
            out.append(f"<w:tr><w:trPr>{props}</w:trPr>")
            c = 0
            while c < len(row):
                anchor = row[c]
                owner = covered.get((r, c))
                if owner is not None and owner.row != r:
                    span = owner.colspan
                    width = sum(widths[c:c + span])
                    merge = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
                    out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{merge}<w:vMerge/></w:tcPr>'
                               f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr></w:p></w:tc>')
                    c += span
                    continue
                span = anchor.colspan if anchor is not None else 1
                width = sum(widths[c:c + span])
                merge = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
                if anchor is not None and anchor.rowspan > 1:
                    merge += '<w:vMerge w:val="restart"/>'
                text = anchor.display if anchor is not None else ""
                long_text = anchor is not None and anchor.style in ("text", "pending") and len(text) > 12
                bold = anchor is not None and anchor.style in ("head", "title")
                highlight = anchor is not None and anchor.style == "pending"
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{merge}<w:vAlign w:val="center"/>'
                           f"</w:tcPr>{_paragraph(style_id, text, bold=bold, align='left' if long_text else None, highlight=highlight)}</w:tc>")
                c += span
            out.append("</w:tr>")
        out.append("</w:tbl>")
    return "".join(out)


def _width(text: str) -> float:
    """Width of ``text`` in characters of the grid: a Chinese character 1, a digit or Latin letter ½."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def signature_xml(organ: str | None, date_text: str, style_id: str) -> str:
    """The 落款 (GB/T 9704-2012 7.3.5.2): the organ right-indented two characters, one line under the text,
    the date on the next line starting two characters right of the organ's first; a date longer than
    the organ is right-indented two characters and the organ moves left."""
    date_width = _width(date_text)
    organ_width = _width(organ) if organ else 0.0
    if organ and organ_width >= date_width + 2:
        organ_right, date_right = 2.0, 2.0 + organ_width - 2 - date_width
    else:
        date_right = 2.0
        organ_right = 2.0 + date_width + 2 - organ_width
    def indent(chars: float, before: bool) -> str:
        spacing = f'<w:spacing w:before="{round(LINE.pt * 20)}"/>' if before else ""
        return f'{spacing}<w:ind w:firstLine="0" w:right="{round(chars * CHAR_PITCH_TWIPS)}"/>'
    out = []
    if organ:
        out.append(_paragraph(style_id, organ, align="right", extra=indent(organ_right, True)))
    out.append(_paragraph(style_id, date_text, align="right", extra=indent(date_right, not organ)))
    return "".join(out)

@functools.cache
def _style_ids(plan: FontPlan) -> dict[str, str]:
    document = Document(io.BytesIO(base_document(plan)))
    names = (STYLE_TITLE, STYLE_H1, STYLE_H2, STYLE_H3, STYLE_BODY, STYLE_TABLE, STYLE_TABLE_TITLE, STYLE_ATTACHMENT)
    return {name: document.styles[name].style_id for name in names}


def body_xml(prepared: Prepared) -> str:
    """The body of the report as WordprocessingML paragraphs (and the form's tables).

    ``::: 分页`` starts the next paragraph on a new page (``w:pageBreakBefore``) rather than
    writing an empty paragraph with a break, which left a blank page when the text before it
    filled its page; 待填写 paragraphs are highlighted; ``::: 落款`` writes the signature.
    """
    ids = _style_ids(prepared.options.fonts)
    by_kind = {
        "title": ids[STYLE_TITLE], "heading1": ids[STYLE_H1], "heading2": ids[STYLE_H2],
        "heading3": ids[STYLE_H3], "paragraph": ids[STYLE_BODY], "pending": ids[STYLE_BODY],
    }
    out: list[str] = []
    new_page = False
    landscape_from = _attachment_start(prepared)
    # the form as a document of its own (render_project_form_docx) is landscape throughout
    in_landscape = bool(prepared.blocks) and all(block.kind == "table" for block in prepared.blocks)
    if in_landscape:
        out.append(LANDSCAPE)
    for index, block in enumerate(prepared.blocks):
        if block.kind == "pagebreak":
            new_page = bool(out)
            continue
        if block.kind == "table":
            out.append(_paragraph(ids[STYLE_TABLE_TITLE], prepared.form.title, page_break=new_page))
            width = LANDSCAPE_TEXT_WIDTH_MM if in_landscape else TEXT_WIDTH_MM
            out.append(form_xml(prepared.form, ids[STYLE_TABLE], text_width_mm=width))
        elif block.kind == "signature":
            signature = prepared.context.signature
            if signature is not None:
                out.append(signature_xml(signature.organ, signature.date, ids[STYLE_BODY]))
        elif block.kind == "paragraph" and is_attachment(block.text):
            if landscape_from is not None and index >= landscape_from and not in_landscape:
                # the report's pages end here (a portrait section); the 附件 with the form is landscape
                out.append(SECTION_BREAK)
                in_landscape = True
                new_page = False
            out.append(_paragraph(ids[STYLE_ATTACHMENT], block.text, page_break=new_page))
        else:
            out.append(_paragraph(by_kind[block.kind], block.text, page_break=new_page,
                                  highlight=block.kind == "pending"))
        new_page = False
    return "".join(out)


LANDSCAPE = "<!--jixiao:landscape-->"
"""At the start of a body whose one section is landscape (the form alone)."""
SECTION_BREAK = "<!--jixiao:section-->"
"""Where the portrait section ends; :func:`write` puts the base document's section properties there."""


def _attachment_start(prepared: Prepared) -> int | None:
    """The index of the 附件 paragraph that introduces the form at the end (its pages go landscape), or None.

    Only when the form is the last thing after the report's text (a 附件 mark, then the form): a
    document that is the form alone stays one portrait section.
    """
    blocks = prepared.blocks
    tables = [i for i, block in enumerate(blocks) if block.kind == "table"]
    if not tables:
        return None
    marks = [i for i, block in enumerate(blocks[:tables[-1]])
             if block.kind == "paragraph" and is_attachment(block.text)]
    if not marks or not any(block.kind not in ("table", "pagebreak") for block in blocks[:marks[-1]]):
        return None
    return marks[-1]


def _landscape(section: str) -> str:
    """The base document's ``w:sectPr`` turned landscape: the page sizes swapped; the 订口 (28 mm) stays
    on the left and the right margin 26 mm, and the top and bottom take the same 26 / 28 mm, so the
    text block is 243 × 156 mm."""
    size = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"/>', section)
    margins = re.search(r'<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"', section)
    if size is None or margins is None:
        return section
    width, height = size.groups()
    _, right, _, left = margins.groups()
    section = section.replace(size.group(), f'<w:pgSz w:w="{height}" w:h="{width}" w:orient="landscape"/>')
    return section.replace(margins.group(),
                           f'<w:pgMar w:top="{right}" w:right="{right}" w:bottom="{left}" w:left="{left}"')


def _sections(body: str, tail: str) -> tuple[str, str]:
    """Body and tail with the section break filled in: portrait up to it, the last section landscape."""
    if body.startswith(LANDSCAPE):
        cut = tail.index("</w:sectPr>") + len("</w:sectPr>")
        return body[len(LANDSCAPE):], _landscape(tail[:cut]) + tail[cut:]
    if SECTION_BREAK not in body:
        return body, tail
    cut = tail.index("</w:sectPr>") + len("</w:sectPr>")
    portrait = tail[:cut]
    body = body.replace(SECTION_BREAK, f"<w:p><w:pPr>{portrait}</w:pPr></w:p>", 1)
    return body, _landscape(portrait) + tail[cut:]


def build(prepared: Prepared) -> DocxDocument:
    """The report as a python-docx ``Document`` (for callers that want to edit it further)."""
    return Document(io.BytesIO(to_bytes(prepared)))


@dataclass(frozen=True)
class _Parts:
    """The base document split for assembly: fixed parts as bytes, document.xml around its body."""

    fixed: tuple[tuple[str, bytes], ...]
    head: str
    tail: str


@functools.cache
def _parts(plan: FontPlan) -> _Parts:
    with zipfile.ZipFile(io.BytesIO(base_document(plan))) as package:
        fixed = tuple(
            (name, package.read(name)) for name in package.namelist()
            if name not in ("word/document.xml", "docProps/core.xml")
        )
        document = package.read("word/document.xml").decode("utf-8")
    fixed = tuple((name, _declare_fonts(data, plan) if name == "word/fontTable.xml" else data) for name, data in fixed)
    cut = document.index("<w:sectPr")
    return _Parts(fixed=fixed, head=document[:cut], tail=document[cut:])


def _declare_fonts(font_table: bytes, plan: FontPlan) -> bytes:
    """Declare each Chinese face the styles use in fontTable.xml, with the next name of its chain as ``w:altName``.

    仿宋_GB2312 names 仿宋 (what Windows ships), 楷体_GB2312 names 楷体 …, so Word on a PC without
    the GB2312 face looks for its Windows sibling; charset 86 (GB2312) tells it the face is Chinese.
    The Latin face (Times New Roman) is in the default font table already.
    """
    entries = []
    seen: set[str] = set()
    roles: tuple[Role, ...] = ("body", "table", "heading1", "heading2", "title", "page")
    for role in roles:
        name = plan.for_role(role)
        if name in seen:
            continue
        seen.add(name)
        other = alternative(name, role)
        alt = f'<w:altName w:val="{escape(other)}"/>' if other else ""
        family = "swiss" if role == "heading1" else "roman"
        entries.append(f'<w:font w:name="{escape(name)}">{alt}<w:charset w:val="86"/>'
                       f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>')
    text = font_table.decode("utf-8")
    cut = text.rindex("</w:fonts>")
    return (text[:cut] + "".join(entries) + text[cut:]).encode("utf-8")


_CORE = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator><dc:language>zh-CN</dc:language>"
    "<dc:description>jixiao</dc:description><cp:revision>1</cp:revision>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified></cp:coreProperties>'
)


def write(prepared: Prepared, target: Path | IO[bytes]) -> None:
    """Write the DOCX of ``prepared`` to a path or a binary stream.

    The package is assembled at the ZIP level: the styled base document's fixed parts are
    copied as they are and only ``word/document.xml`` (its body) and ``docProps/core.xml`` are
    new, so no XML is parsed per report.
    """
    parts = _parts(prepared.options.fonts)
    body, tail = _sections(body_xml(prepared), parts.tail)
    document = parts.head + body + tail
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    core = _CORE.format(title=escape(prepared.title), creator=escape(prepared.context.department), now=now)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as package:
        for name, data in parts.fixed:
            package.writestr(name, data)
            if name == "_rels/.rels":
                package.writestr("word/document.xml", document)
                package.writestr("docProps/core.xml", core)


def to_bytes(prepared: Prepared) -> bytes:
    buffer = io.BytesIO()
    write(prepared, buffer)
    return buffer.getvalue()
