"""A report prepared for rendering (待渲染文档): context, figure sentences, outline and form.

Every output format starts from :func:`prepare`, so the figures are computed and the wording
templates rendered once per report, whatever the number of formats written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from jixiao.render import context as context_module
from jixiao.render import form as form_module
from jixiao.render.fonts import FontPlan, font_plan
from jixiao.render.sentences import Sentences, compose
from jixiao.render.templating import Block, get_template, parse_blocks
from jixiao.report import SECTION_KEYS, PerformanceReport, ReportSection
from jixiao.scoring.apply import with_scores
from jixiao.scoring.deviation import assess_indicators
from jixiao.scoring.engine import ScoreResult, score_report
from jixiao.scoring.framework import Framework, default_framework_for

Format = Literal["docx", "xlsx", "pdf", "form-pdf", "html", "md"]
FORMATS: tuple[Format, ...] = ("docx", "xlsx", "pdf", "form-pdf", "html", "md")
"""``pdf`` is the report (from the DOCX), ``form-pdf`` the 自评表 alone (from the XLSX, printed by Calc)."""
SUFFIXES: dict[Format, str] = {"docx": ".docx", "xlsx": ".xlsx", "pdf": ".pdf", "form-pdf": ".pdf", "html": ".html",
                               "md": ".md"}


@dataclass(frozen=True)
class RenderOptions:
    """How to render (渲染选项).

    ``template_dir``: a folder of wording templates that override the package's ones, file by
    file (``report.md.j2``, ``sentences.j2``, ``report.html.j2``).
    ``fonts``: the font plan; by default the official fonts where installed, else the fallbacks.
    ``framework``: the scoring framework whose lines the report states (the 90% execution line,
    the 130% over-achievement line, the 预算执行率 weight); by default the one for the report's kind.
    ``score``: fill the 自评表 (and the attached form of the report) from the scoring engine where
    the report states nothing — 一级/二级指标, 分值, 得分, 总分 — as the finance bureau receives it;
    ``False`` prints only what the report states (``--no-score``).
    ``signed_on``: the 成文日期 of the 落款 at the end of the report (default: the day of rendering).
    ``project_lines``: paragraphs on the department's projects (项目支出 from the 项目库: each project's
    全年预算数 / 全年执行数 / 执行率 and grade, their sum against the department's 项目支出), written in
    各重点任务项目支出完成情况分析 after the department's own words (never instead of them); where the
    department's outline has no such section, one is added before 主要工作成效 / 存在的主要问题.
    """

    template_dir: Path | None = None
    fonts: FontPlan = field(default_factory=font_plan)
    framework: Framework | None = None
    score: bool = True
    signed_on: date | None = None
    project_lines: tuple[str, ...] = ()


@dataclass
class Prepared:
    """A report with everything the writers need."""

    report: PerformanceReport
    context: context_module.TemplateContext
    sentences: Sentences
    blocks: list[Block]
    form: form_module.Form
    options: RenderOptions
    score: ScoreResult | None = None
    """The engine's result the form was filled from (``None`` with ``score=False``)."""

    @property
    def title(self) -> str:
        for block in self.blocks:
            if block.kind == "title":
                return block.text
        return self.context.title


def outline_template(report: PerformanceReport) -> str:
    """The wording template of the report's outline: ``project.md.j2`` for a 项目支出 report, else ``report.md.j2``."""
    return "project.md.j2" if report.kind == "project" else "report.md.j2"


def with_project_section(report: PerformanceReport) -> PerformanceReport:
    """``report`` with a 各重点任务项目支出完成情况分析 section where its own outline lacks one (a report without
    sections keeps the standard outline, which has it)."""
    sections = list(report.sections)
    if not sections or any(s.key == "project_spending" for s in sections):
        return report
    later = ("results", "problems", "measures")
    at = next((i for i, s in enumerate(sections) if s.key in later), len(sections))
    level = sections[at].level if at < len(sections) and sections[at].key == "results" else 2
    added = ReportSection(heading=SECTION_KEYS["project_spending"], level=level, key="project_spending")
    return report.model_copy(update={"sections": [*sections[:at], added, *sections[at:]]})


def prepare(report: PerformanceReport, options: RenderOptions | None = None) -> Prepared:
    """Compute the figures, render the wording templates and lay out the 自评表 of ``report``.

    With ``options.score`` (the default) the report is scored first and the engine's levels,
    weights and scores fill what it does not state (:func:`jixiao.scoring.apply.with_scores`;
    a partial result never becomes the total).
    """
    options = options or RenderOptions()
    framework = options.framework or default_framework_for(report.kind)
    result: ScoreResult | None = None
    scoring: form_module.FormScoring | None = None
    if options.score:
        result = score_report(report, framework)
        report = with_scores(report, result)
        scoring = form_module.FormScoring(
            result=result, assessments=tuple(assess_indicators(report, framework)),
            part_weights={part.name: part.weight for part in framework.parts})
    if options.project_lines:
        report = with_project_section(report)
    ctx = context_module.build(report, framework, signed_on=options.signed_on)
    ctx.extra["project_lines"] = list(options.project_lines)
    ctx.sentences = compose(ctx, options.template_dir)
    outline = get_template(outline_template(report), options.template_dir).render(ctx.as_dict())
    return Prepared(
        report=report,
        context=ctx,
        sentences=ctx.sentences,
        blocks=parse_blocks(outline),
        form=form_module.build(ctx, scoring),
        options=options,
        score=result,
    )
