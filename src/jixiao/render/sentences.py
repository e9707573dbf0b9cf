"""The figure sentences (数字句) of a report, worded by ``templates/sentences.j2``.

Budget, execution, the splits by source and by nature, the carryover, the score and grade:
the sentences that carry figures are composed here once, from the computed context, and
reused by every format (DOCX, PDF, HTML, Markdown) and by the tests. A sentence whose data
is missing comes out empty and the templates leave it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jixiao.render import context as context_module
from jixiao.render.templating import TemplateError, get_template
from jixiao.report import PerformanceReport

_NAMES = {
    "budget": "budget_sentence",
    "source": "source_sentence",
    "nature": "nature_sentence",
    "carryover": "carryover_sentence",
    "evaluation": "evaluation_sentence",
    "project": "project_sentence",
    "indicators": "indicator_sentence",
}


@dataclass(frozen=True)
class Sentences:
    """The figure sentences; an empty string where the report lacks the data."""

    budget: str
    source: str
    nature: str
    carryover: str
    evaluation: str
    project: str
    indicators: str

    def all(self) -> list[str]:
        return [getattr(self, name) for name in _NAMES if getattr(self, name)]


def compose(ctx: context_module.TemplateContext, template_dir: Path | None = None) -> Sentences:
    """Render ``sentences.j2`` against ``ctx`` and collect its ``*_sentence`` variables."""
    module = get_template("sentences.j2", template_dir).make_module(ctx.as_dict())
    values = {}
    for name, variable in _NAMES.items():
        if not hasattr(module, variable):
            raise TemplateError(f"sentences.j2 缺少变量 {variable}")
        # one sentence is one line: the template's own line breaks are layout, not content
        values[name] = "".join(line.strip() for line in str(getattr(module, variable)).splitlines())
    return Sentences(**values)


def sentences(report: PerformanceReport, template_dir: Path | None = None) -> Sentences:
    """The figure sentences of ``report``."""
    return compose(context_module.build(report), template_dir)
