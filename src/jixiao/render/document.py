"""A report prepared for rendering (待渲染文档): context, figure sentences, outline and form.

Every output format starts from :func:`prepare`, so the figures are computed and the wording
templates rendered once per report, whatever the number of formats written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from jixiao.render import context as context_module
from jixiao.render import form as form_module
from jixiao.render.fonts import FontPlan, font_plan
from jixiao.render.sentences import Sentences, compose
from jixiao.render.templating import Block, get_template, parse_blocks
from jixiao.report import PerformanceReport
from jixiao.scoring.framework import Framework

Format = Literal["docx", "xlsx", "pdf", "html", "md"]
FORMATS: tuple[Format, ...] = ("docx", "xlsx", "pdf", "html", "md")
SUFFIXES: dict[Format, str] = {"docx": ".docx", "xlsx": ".xlsx", "pdf": ".pdf", "html": ".html", "md": ".md"}


@dataclass(frozen=True)
class RenderOptions:
    """How to render (渲染选项).

    ``template_dir``: a folder of wording templates that override the package's ones, file by
    file (``report.md.j2``, ``sentences.j2``, ``report.html.j2``).
    ``fonts``: the font plan; by default the official fonts where installed, else the fallbacks.
    ``framework``: the scoring framework whose lines the report states (the 90% execution line,
    the 130% over-achievement line, the 预算执行率 weight); by default the one for the report's kind.
    """

    template_dir: Path | None = None
    fonts: FontPlan = field(default_factory=font_plan)
    framework: Framework | None = None


@dataclass
class Prepared:
    """A report with everything the writers need."""

    report: PerformanceReport
    context: context_module.TemplateContext
    sentences: Sentences
    blocks: list[Block]
    form: form_module.Form
    options: RenderOptions

    @property
    def title(self) -> str:
        for block in self.blocks:
            if block.kind == "title":
                return block.text
        return f"{self.context.department}{self.context.year_label}部门整体支出绩效自评报告"


def prepare(report: PerformanceReport, options: RenderOptions | None = None) -> Prepared:
    """Compute the figures, render the wording templates and lay out the 自评表 of ``report``."""
    options = options or RenderOptions()
    ctx = context_module.build(report, options.framework)
    ctx.sentences = compose(ctx, options.template_dir)
    outline = get_template("report.md.j2", options.template_dir).render(ctx.as_dict())
    return Prepared(
        report=report,
        context=ctx,
        sentences=ctx.sentences,
        blocks=parse_blocks(outline),
        form=form_module.build(ctx),
        options=options,
    )
