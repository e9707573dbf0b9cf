"""HTML and Markdown: the same outline and figures, standalone, nothing fetched from the network."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from jixiao.render import font_plan, render_bytes, sentences

from .conftest import OUTLINE


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[str] = []
        self._in_heading = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_heading = tag in ("h2", "h3")

    def handle_endtag(self, tag):
        self._in_heading = False

    def handle_data(self, data):
        if self._in_heading and data.strip():
            self.headings.append(data.strip())


def test_html_is_standalone_chinese_and_holds_the_figures(full_report) -> None:
    page = render_bytes(full_report, "html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in page
    for sentence in sentences(full_report).all():
        assert sentence.replace("“", "“") in page
    collector = _Collector()
    collector.feed(page)
    assert collector.headings == OUTLINE
    # no CDN, no external stylesheet, script or font: the intranet has no internet
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "<script" not in page
    assert "@page" in page and "@media print" in page
    # the font stacks reach the CSS unescaped: Times New Roman for digits, then the official face
    body_rule = re.search(r"body \{[^}]*font-family: ([^;]*);", page).group(1)
    assert body_rule.startswith(f'"Times New Roman", "{font_plan().body}"') and '"仿宋_GB2312"' in body_rule


def test_html_form_table_keeps_the_merges(full_report) -> None:
    page = render_bytes(full_report, "html").decode("utf-8")
    assert '<th rowspan="5">项目资金（万元）</th>' in page
    assert 'colspan="2"' in page
    assert "<td class=\"num\">3663.27</td>" in page
    assert "93.76" in page


def test_html_escapes_data(full_report) -> None:
    full_report.problems = ["<script>alert(1)</script>预算执行偏慢。"]
    page = render_bytes(full_report, "html").decode("utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_markdown_outline_figures_and_table(full_report) -> None:
    text = render_bytes(full_report, "md").decode("utf-8")
    headings = [line.lstrip("#").strip() for line in text.splitlines() if re.match(r"^#{2,3} ", line)]
    assert headings == OUTLINE
    assert text.startswith("# 中国共产党广州市荔湾区委员会宣传部2022年度部门整体支出绩效自评报告\n")
    for sentence in sentences(full_report).all():
        assert sentence in text
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert table[0].startswith("| 部门名称 | 中国共产党广州市荔湾区委员会宣传部 |")
    assert table[1] == "|" + "|".join(["---"] * 9) + "|"
    assert any("| 年度资金总额 | 3500.00 | 3663.27 | 2659.40 | 10.00 | 72.60% | 7.26 |" in row for row in table)
    assert all(row.count("|") - row.count("\\|") == 10 for row in table)


def test_markdown_reads_back_with_its_outline_and_figures(full_report, tmp_path) -> None:
    from jixiao.importer import import_file

    path = tmp_path / "report.txt"
    path.write_bytes(render_bytes(full_report, "md"))
    result = import_file(path)
    assert result.report is not None and result.parsed is not None
    sections = [s.title for s in result.parsed.outline.sections if s.kind in ("cn", "paren_cn")]
    assert sections == OUTLINE
    assert not result.parsed.outline.numbering_issues
    assert not [w for w in result.report.warnings if "编号" in w or "逐项列出" in w]
    assert result.report.budget.total == full_report.budget.total
    assert result.report.budget.spent == full_report.budget.spent


def test_markdown_from_key_figures_only(gold_report) -> None:
    text = render_bytes(gold_report, "md").decode("utf-8")
    assert "全年预算数2661.70万元，执行数2457.31万元，完成预算的92.32%。" in text
    assert "None" not in text
