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
from jixiao.report import PerformanceReport
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
    """

    template_dir: Path | None = None
    fonts: FontPlan = field(default_factory=font_plan)
    framework: Framework | None = None
    score: bool = True
    signed_on: date | None = None


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
    ctx = context_module.build(report, framework, signed_on=options.signed_on)
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
