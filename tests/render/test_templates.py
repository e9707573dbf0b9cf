"""Wording templates: a department's folder overrides the package's, file by file."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.render import RenderOptions, TemplateError, prepare, render_bytes, sentences
from jixiao.render.templating import get_template, parse_blocks


def test_override_one_sentence_keeps_the_others(tmp_path: Path, full_report) -> None:
    original = get_template("sentences.j2").filename
    text = Path(original).read_text(encoding="utf-8")
    changed = text.replace("年末结转和结余{{ b.carryover }}万元。", "年末结转结余资金共计{{ b.carryover }}万元。")
    assert changed != text
    (tmp_path / "sentences.j2").write_text(changed, encoding="utf-8")
    result = sentences(full_report, template_dir=tmp_path)
    assert result.carryover == "年末结转结余资金共计80.67万元。"
    assert result.budget == sentences(full_report).budget
    page = render_bytes(full_report, "md", options=RenderOptions(template_dir=tmp_path)).decode("utf-8")
    assert "年末结转结余资金共计80.67万元。" in page
    assert "（一）部门概况" in page  # report.md.j2 still comes from the package


def test_override_the_report_outline(tmp_path: Path, full_report) -> None:
    (tmp_path / "report.md.j2").write_text(
        "# {{ department }}自评报告\n## 一、收支\n{{ sentences.budget }}\n::: 自评表\n", encoding="utf-8"
    )
    prepared = prepare(full_report, RenderOptions(template_dir=tmp_path))
    assert [block.kind for block in prepared.blocks] == ["title", "heading1", "paragraph", "table"]
    assert prepared.blocks[2].text == sentences(full_report).budget


def test_missing_template_dir_is_a_clear_error(tmp_path: Path, full_report) -> None:
    with pytest.raises(TemplateError, match="模板目录不存在"):
        prepare(full_report, RenderOptions(template_dir=tmp_path / "nope"))


def test_template_syntax_error_names_the_file(tmp_path: Path, full_report) -> None:
    (tmp_path / "report.md.j2").write_text("# {{ department \n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"report\.md\.j2"):
        prepare(full_report, RenderOptions(template_dir=tmp_path))


def test_outline_parser() -> None:
    blocks = parse_blocks("# 标题\n\n## 一、基本情况\n### （一）部门概况\n#### 《任务一》x\n正文\n::: 分页\n::: 自评表\n")
    assert [(b.kind, b.text) for b in blocks] == [
        ("title", "标题"), ("heading1", "一、基本情况"), ("heading2", "（一）部门概况"), ("heading3", "《任务一》x"),
        ("paragraph", "正文"), ("pagebreak", ""), ("table", ""),
    ]
    with pytest.raises(TemplateError, match="未知的模板指令"):
        parse_blocks("::: 封面\n")
