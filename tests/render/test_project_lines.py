"""``RenderOptions.project_lines``: the 项目支出 paragraphs from the 项目库 go into 各重点任务项目支出完成情况分析,
after the department's own words — in the standard outline, in the department's own outline, and in an outline
that lacks the section (one is added before 主要工作成效)."""

from __future__ import annotations

from jixiao.render import RenderOptions, render_bytes
from jixiao.report import PerformanceReport, ReportSection

LINES = ("1.甲项目（项目编码P-1）：全年预算数10.00万元，全年执行数9.00万元，执行率90.00%，自评90分，等级优。",
         "部门项目支出 9.00 万元，等于各项目全年执行数之和。")


def _md(report: PerformanceReport) -> list[str]:
    text = render_bytes(report, "md", options=RenderOptions(project_lines=LINES)).decode()
    return [line.strip() for line in text.splitlines() if line.strip()]


def _after(lines: list[str], heading: str) -> list[str]:
    start = next(i for i, line in enumerate(lines) if heading in line)
    return lines[start + 1:start + 4]


def test_standard_outline_gets_the_lines() -> None:
    lines = _md(PerformanceReport(department="某局", year=2023))
    section = _after(lines, "各重点任务项目支出完成情况分析")
    assert LINES[0] in " ".join(section) and not any("待填写：重点任务项目支出" in s for s in section)


def test_own_section_keeps_its_words_first() -> None:
    report = PerformanceReport(department="某局", year=2023, sections=[
        ReportSection(heading="一、基本情况", level=1, text="本局职责。", key="basic"),
        ReportSection(heading="（三）各重点任务项目支出完成情况分析", level=2, text="本局重点项目进展顺利。",
                      key="project_spending"),
        ReportSection(heading="（四）主要工作成效", level=2, text="成效明显。", key="results")])
    section = _after(_md(report), "各重点任务项目支出完成情况分析")
    assert section[0].endswith("本局重点项目进展顺利。")
    assert LINES[0] in section[1] and LINES[1] in section[2]


def test_an_outline_without_the_section_gets_one_before_the_results() -> None:
    report = PerformanceReport(department="某局", year=2023, sections=[
        ReportSection(heading="一、基本情况", level=1, text="本局职责。", key="basic"),
        ReportSection(heading="（二）主要工作成效", level=2, text="成效明显。", key="results")])
    lines = _md(report)
    at = next(i for i, line in enumerate(lines) if "各重点任务项目支出完成情况分析" in line)
    assert at < next(i for i, line in enumerate(lines) if "主要工作成效" in line)
    assert LINES[0] in lines[at + 1] and LINES[1] in lines[at + 2] and "主要工作成效" in lines[at + 3]
    assert "本局职责。" in " ".join(lines)
