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


def test_body_is_16pt_and_headings_use_their_fonts(full_report) -> None:
    document = _document(full_report)
    plan = font_plan()
    styles = document.styles
    assert styles["Normal"].font.size == Pt(16)
    assert styles["Title"].font.size == Pt(22)
    expected = {"Normal": plan.body, "Title": plan.title, "Heading 1": plan.heading1, "Heading 2": plan.heading2}
    for name, font in expected.items():
        fonts = styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font, name
        assert fonts.get(qn("w:ascii")) == font, name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name  # a theme font would override ours


def test_fonts_come_from_the_chains_and_official_mode_writes_official_names(full_report) -> None:
    plan = font_plan()
    assert plan.body in CHAINS["body"] and plan.heading1 in CHAINS["heading1"]
    official = RenderOptions(fonts=font_plan("official"))
    styles = _document(full_report, options=official).styles
    assert styles["Normal"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert styles["Title"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋简体"
    assert styles["Heading 1"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    assert styles["Heading 2"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "楷体_GB2312"


def test_fallback_when_no_official_font_is_installed() -> None:
    plan = font_plan(available=frozenset({"AR PL UMing CN", "WenQuanYi Zen Hei", "AR PL UKai CN"}))
    assert (plan.title, plan.heading1, plan.heading2, plan.body) == (
        "AR PL UMing CN", "WenQuanYi Zen Hei", "AR PL UKai CN", "AR PL UMing CN",
    )
    assert font_plan(available=frozenset({"仿宋_GB2312", "AR PL UMing CN"})).body == "仿宋_GB2312"


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
    (table,) = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0][0] == "部门名称"
    fund = next(row for row in rows if row[1] == "年度资金总额")
    assert fund[2:8] == ["3500.00", "3663.27", "2659.40", "10.00", "72.60%", "7.26"]
    assert fund[0] == "项目资金（万元）"  # merged down the block: python-docx repeats the merged cell
    head = next(row for row in rows if row[1] == "一级指标")
    assert head[1:] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    first = rows[rows.index(head) + 1]
    assert first[1:8] == ["产出指标", "数量指标", "舆情日报数量", "≥200期", "432期", "15.00", "15.00"]
    assert rows[-1][0] == "总分" and rows[-1][7] == "93.76"


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


def test_font_table_names_the_other_end_of_each_chain(full_report) -> None:
    import zipfile

    plan = font_plan()
    with zipfile.ZipFile(io.BytesIO(render_bytes(full_report, "docx"))) as package:
        table = package.read("word/fontTable.xml").decode("utf-8")
    if plan.body != CHAINS["body"][0]:  # a fallback is in use: it names the official font
        assert f'<w:font w:name="{plan.body}"><w:altName w:val="仿宋_GB2312"/><w:charset w:val="86"/>' in table
    official = RenderOptions(fonts=font_plan("official"))
    with zipfile.ZipFile(io.BytesIO(render_bytes(full_report, "docx", options=official))) as package:
        table = package.read("word/fontTable.xml").decode("utf-8")
    assert '<w:font w:name="仿宋_GB2312">' in table and '<w:font w:name="方正小标宋简体">' in table


@pytest.mark.parametrize("output_format", ["docx", "xlsx", "html", "md"])
def test_an_empty_report_renders_without_placeholders(output_format: str) -> None:
    from jixiao.report import PerformanceReport

    data = render_bytes(PerformanceReport(), output_format)
    if output_format == "docx":
        text = "\n".join(_texts(docx.Document(io.BytesIO(data))))
        assert text.startswith("本部门本年度部门整体支出绩效自评报告")
        assert "本年度收支数据未填报。" in text
    elif output_format == "xlsx":
        import openpyxl

        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        text = "\n".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None)
        assert "部门整体支出绩效自评表（年度）" in text
    else:
        text = data.decode("utf-8")
        assert "本年度收支数据未填报。" in text
    assert "度度" not in text and "None" not in text
