"""Render writes the department's own sections; a generic sentence only where a section has no text, marked 待填写."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn

from jixiao.importer import import_file
from jixiao.render import prepare, render_bytes
from jixiao.report import ReportSection

GENERIC = "根据预算绩效管理工作要求"
"""The sentence the renderer once put in place of every department's 部门概况."""


@pytest.fixture(scope="module")
def documents():
    from jixiao.samples import samples

    out = {}
    for seed in samples():
        report = import_file(seed.text_path).report
        out[seed.id] = (report, docx.Document(io.BytesIO(render_bytes(report, "docx"))))
    return out


def _texts(document) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs]


def test_zengcheng_is_rendered_in_its_own_words(documents) -> None:
    _, document = documents["seed_001_zengcheng_2022"]
    texts = _texts(document)
    assert texts[0] == "2022年度中国共产党广州市增城区委员会宣传部整体支出绩效自评报告"  # its own title
    at = texts.index("主要职责是：")
    assert [t[:2] for t in texts[at + 1:at + 6]] == ["1.", "2.", "3.", "4.", "5."]  # the five duties
    assert any(t.startswith("本部门内设机构6个，分别是办公室、理论科、新闻宣传科、精神文明宣教科、版权管理与文艺文化科、网络信息科")
               for t in texts)  # the six internal units
    assert "（四）部门整体绩效管理情况" in texts and "（四）主要工作成效" in texts
    assert any(t.startswith("1.深化理论武装，有力凝聚思想共识。") for t in texts)
    assert not any(GENERIC in t for t in texts)
    assert not any(t.startswith("【待填写") for t in texts)  # every section has its text


def test_liwan_keeps_its_classified_duties_note(documents) -> None:
    _, document = documents["seed_000_liwan_2022"]
    texts = _texts(document)
    assert "根据相关规定，荔文【2019】14号文件属于密件，内含我部主要职责，根据保密工作规定，内容不宜信息公开。" in texts
    assert not any(GENERIC in t for t in texts)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings.count("（三）主要工作成效") == 1 and "（三）各重点任务项目支出完成情况分析" in headings  # as numbered
    assert "2.项目绩效目标完成情况" in [p.text for p in document.paragraphs if p.style.name == "Heading 3"]


def test_a_section_without_text_asks_the_officer(documents) -> None:
    report, _ = documents["seed_001_zengcheng_2022"]
    report = report.model_copy(deep=True)
    results = next(section for section in report.sections if section.key == "results")
    results.text = ""
    index = report.sections.index(results)
    report.sections = report.sections[:index + 1] + [s for s in report.sections[index + 1:] if s.level <= results.level]
    document = docx.Document(io.BytesIO(render_bytes(report, "docx")))
    paragraphs = document.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text == "（四）主要工作成效")
    pending = paragraphs[at + 1]
    assert pending.text == "【待填写：主要工作成效】"
    assert pending.runs[0]._r.rPr.find(qn("w:highlight")).get(qn("w:val")) == "yellow"  # visibly not theirs


def test_an_empty_finance_section_gets_the_figure_sentences() -> None:
    from jixiao.samples import sample

    report = sample("seed_000").gold()
    report.sections = [ReportSection(heading="一、基本情况", level=1, key="basic"),
                       ReportSection(heading="（二）部门整体收支情况", level=2, key="finance")]
    blocks = [block.text for block in prepare(report).blocks]
    assert "全年预算数3663.27万元，执行数2659.40万元，完成预算的72.60%。" in blocks
    assert not any(text.startswith("【待填写") for text in blocks)


def test_a_paragraph_that_looks_like_markup_stays_a_paragraph() -> None:
    report = import_file_text("# 不是标题\n::: 自评表")
    kinds = [(block.kind, block.text) for block in prepare(report).blocks]
    assert ("paragraph", "# 不是标题") in kinds and ("paragraph", "::: 自评表") in kinds
    assert [kind for kind, _ in kinds].count("table") == 1  # only the template's own attachment


def import_file_text(text: str):
    from jixiao.report import PerformanceReport

    return PerformanceReport(department="某局", year=2023, sections=[
        ReportSection(heading="一、基本情况", level=1, key="basic", text=text)])
