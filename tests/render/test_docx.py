"""DOCX read back with python-docx: outline, figure sentences, page setup, fonts, the form table."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from jixiao import synthetic
from jixiao.render import RenderOptions, font_plan, prepare, render, render_bytes, sentences
from jixiao.render.fonts import CHAINS

from .conftest import BUDGET_SENTENCE_000, OUTLINE


def _document(report, **options):
    return docx.Document(io.BytesIO(render_bytes(report, "docx", **options)))


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_outline_headings_in_order(full_report) -> None:
    document = _document(full_report)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading") and p.style.name != "Heading 3"]
    assert headings == OUTLINE
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == "中国共产党广州市荔湾区委员会宣传部2022年度部门整体支出绩效自评报告"


def test_figure_sentences_are_in_the_body(full_report) -> None:
    texts = _texts(_document(full_report))
    expected = sentences(full_report)
    assert BUDGET_SENTENCE_000.replace("全年预算数", "年初预算数3500.00万元，全年预算数") in texts
    joined = "\n".join(texts)
    for sentence in (expected.source, expected.nature, expected.carryover, expected.evaluation):
        assert sentence and sentence in joined
    assert "自评得分93.76分，自评结果为优" in joined


def test_narrative_comes_from_the_stored_fields(full_report) -> None:
    texts = _texts(_document(full_report))
    assert "《任务一》有效宣传荔湾发展成果，引导舆论指向。" in texts
    assert any(t.startswith("完成情况：一是做好党委专题研究部署网信工作") for t in texts)
    assert full_report.problems[1] in texts  # already numbered 二是…: kept as written
    assert "一是" + full_report.measures[0] in texts  # numbered by the template
    assert any(t.startswith("预期目标四：围绕区委、区政府中心工作") for t in texts)


def test_gold_report_with_key_figures_only_renders(gold_report) -> None:
    texts = _texts(_document(gold_report))
    assert "全年预算数2661.70万元，执行数2457.31万元，完成预算的92.32%。" in texts
    joined = "".join(texts)
    assert "按资金来源" not in joined  # by_source is all null in this gold file
    assert "None" not in joined
    assert "结转和结余" not in joined
    headings = [p.text for p in _document(gold_report).paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert headings == OUTLINE


def test_page_setup_is_a4_with_official_margins(full_report) -> None:
    section = _document(full_report).sections[0]
    measured = [section.page_width, section.page_height, section.top_margin, section.bottom_margin,
                section.left_margin, section.right_margin]
    # Word stores twentieths of a point: compare to a tenth of a millimetre
    assert [round(length.mm, 1) for length in measured] == [210, 297, 37, 35, 28, 26]


def test_body_is_16pt_with_28_characters_a_line(full_report) -> None:
    from jixiao.render.docx import CHAR_SPACING, INDENT, MARGINS, PAGE_WIDTH

    document = _document(full_report)
    styles = document.styles
    assert styles["Normal"].font.size == Pt(16)
    assert styles["Title"].font.size == Pt(22)
    spacing = styles["Normal"].element.rPr.find(qn("w:spacing"))
    assert int(spacing.get(qn("w:val"))) == round(CHAR_SPACING.pt * 20)
    line = (PAGE_WIDTH - MARGINS["left"] - MARGINS["right"]) / 12700  # EMU → pt
    pitch = 16 + CHAR_SPACING.pt
    assert int(line // pitch) == 28  # 28 characters fit, a 29th does not (GB/T 9704 5.2.2)
    assert INDENT.pt == pytest.approx(2 * pitch)


def test_docx_names_the_official_fonts_by_default(full_report) -> None:
    styles = _document(full_report).styles
    expected = {"Normal": "仿宋_GB2312", "Title": "方正小标宋简体", "Heading 1": "黑体", "Heading 2": "楷体_GB2312",
                "Heading 3": "仿宋_GB2312", "Footer": "宋体", "自评表文字": "仿宋_GB2312"}
    for name, font in expected.items():
        fonts = styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font, name
        # digits and Latin letters in Times New Roman
        assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Times New Roman", name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name  # a theme font would override ours
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_installed_mode_writes_this_machines_faces(full_report) -> None:
    plan = font_plan("installed")
    assert plan.body in CHAINS["body"] and plan.heading1 in CHAINS["heading1"]
    styles = _document(full_report, options=RenderOptions(fonts=plan)).styles
    assert styles["Normal"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == plan.body


def test_installed_mode_falls_back_to_the_free_faces() -> None:
    free = frozenset({"Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL KaitiM GB", "AR PL SungtiL GB"})
    plan = font_plan("installed", available=free)
    assert (plan.title, plan.heading1, plan.heading2, plan.body, plan.page) == (
        "Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL KaitiM GB", "AR PL SungtiL GB", "AR PL SungtiL GB",
    )
    assert font_plan("installed", available=frozenset({"仿宋_GB2312", "AR PL SungtiL GB"})).body == "仿宋_GB2312"
    assert font_plan("installed", available=frozenset()).body == "仿宋_GB2312"  # nothing known: the official name


def test_page_numbers_in_both_footers(full_report) -> None:
    document = _document(full_report)
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert 'w:instr="PAGE"' in xml
        assert footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")


def test_attachment_form_table(full_report) -> None:
    document = _document(full_report)
    assert "附件" in _texts(document)
    assert "部门整体支出绩效自评表（2022年度）" in _texts(document)
    funds, goals, indicators = document.tables  # one table a block, so each repeats its header row
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert rows[0][0] == "部门名称"
    fund = next(row for row in rows if row[1] == "年度资金总额")
    assert fund[2:8] == ["3500.00", "3663.27", "2659.40", "10.00", "72.60%", "7.26"]
    assert fund[0] == "项目资金（万元）"  # merged down the block: python-docx repeats the merged cell
    head = next(row for row in rows if row[1] == "一级指标")
    assert head[1:] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    first = rows[rows.index(head) + 1]
    assert first[1:8] == ["产出指标", "数量指标", "舆情日报数量", "≥200期", "432期", "15.00", "15.00"]
    assert rows[-1][0] == "总分" and rows[-1][6:8] == ["100.00", "93.76"]
    for table, header in ((goals, ["预期目标", "实际完成情况"]), (indicators, ["一级指标"])):
        first_row = table.rows[0]
        assert first_row._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
        assert all(any(text in cell.text for cell in first_row.cells) for text in header)
    assert len(goals.rows) == 1 + 4  # one row per goal (四个预期目标)
    assert funds.rows[0]._tr.trPr.find(qn("w:tblHeader")) is None


def test_attachment_starts_a_page_without_a_blank_one(full_report) -> None:
    body = _document(full_report).element.body
    paragraphs = body.findall(qn("w:p"))
    at = next(i for i, p in enumerate(paragraphs) if "".join(t.text for t in p.iter(qn("w:t"))) == "附件")
    # the report's portrait section ends right before 附件 (a new section starts a new page); the
    # attachment with the 自评表 is landscape, as the form's XLSX prints
    portrait = paragraphs[at - 1].find(qn("w:pPr")).find(qn("w:sectPr"))
    assert portrait is not None and portrait.find(qn("w:pgSz")).get(qn("w:orient")) is None
    last = body.find(qn("w:sectPr")).find(qn("w:pgSz"))
    assert last.get(qn("w:orient")) == "landscape" and int(last.get(qn("w:w"))) > int(last.get(qn("w:h")))
    assert portrait.findall(qn("w:footerReference"))  # page numbers go on
    # no paragraph that only holds a page break (it left a blank page when the text filled its page)
    assert not any(br.get(qn("w:type")) == "page" for br in body.iter(qn("w:br")))


def test_signature_closes_the_report(full_report) -> None:
    from datetime import date

    document = _document(full_report, options=RenderOptions(signed_on=date(2023, 3, 5)))
    written = [p for p in document.paragraphs if p.text]  # the section break before 附件 is an empty paragraph
    at = next(i for i, p in enumerate(written) if p.text == "附件")
    organ, day = written[at - 2], written[at - 1]
    assert (organ.text, day.text) == ("中国共产党广州市荔湾区委员会宣传部", "2023年3月5日")
    for paragraph in (organ, day):
        assert paragraph.paragraph_format.alignment == 2  # right
    # the date starts two characters right of the organ's first (GB/T 9704-2012 7.3.5.2)
    assert day.paragraph_format.right_indent > organ.paragraph_format.right_indent

@pytest.mark.parametrize("index", [0, 41, 977])
def test_synthetic_reports_render(index: int, tmp_path) -> None:
    report = synthetic.report(index, 2022)
    target = render(report, "docx", tmp_path / "r.docx")
    texts = _texts(docx.Document(str(target)))
    assert sentences(report).budget in texts
    assert all("None" not in t for t in texts)


def test_prepare_is_shared_by_formats(full_report) -> None:
    prepared = prepare(full_report)
    assert prepared.sentences.budget in [b.text for b in prepared.blocks]


def test_font_table_names_the_windows_sibling_of_each_face(full_report) -> None:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(render_bytes(full_report, "docx"))) as package:
        table = package.read("word/fontTable.xml").decode("utf-8")
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>' in table
    assert '<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>' in table
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="方正小标宋_GBK"/>' in table
    assert '<w:font w:name="黑体"><w:altName w:val="SimHei"/>' in table


@pytest.mark.parametrize("output_format", ["docx", "xlsx", "html", "md"])
def test_an_empty_report_renders_with_what_the_officer_must_write(output_format: str) -> None:
    from jixiao.report import PerformanceReport

    data = render_bytes(PerformanceReport(), output_format)
    if output_format == "docx":
        text = "\n".join(_texts(docx.Document(io.BytesIO(data))))
        assert text.startswith("本部门本年度部门整体支出绩效自评报告")
        assert "【待填写：部门整体收支情况】" in text
    elif output_format == "xlsx":
        import openpyxl

        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        text = "\n".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None)
        assert "部门整体支出绩效自评表（年度）" in text
    else:
        text = data.decode("utf-8")
        assert "【待填写：部门整体收支情况】" in text
    assert "度度" not in text and "None" not in text
