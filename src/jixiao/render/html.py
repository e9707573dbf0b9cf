"""The 自评报告 as a standalone HTML page (网页版): Chinese, print-friendly CSS inline, no CDN.

Government intranets have no internet, so the page carries everything it needs: the CSS is
inline and the fonts are named (official first, then the installed fallbacks, then a generic
family), never downloaded. The page is laid out by ``templates/report.html.j2``; the wording
comes from the same outline as the DOCX.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from jixiao.render.document import Prepared
from jixiao.render.form import FormCell
from jixiao.render.templating import get_template


def _rows(prepared: Prepared) -> list[list[FormCell]]:
    """The form's rows under its title, each the list of cells anchored in it (merges by span)."""
    form = prepared.form
    return [[cell for cell in row if cell is not None] for row in form.grid()[form.body_row:]]


def render(prepared: Prepared) -> str:
    """The HTML page of ``prepared``."""
    plan = prepared.options.fonts
    # CSS, not HTML: autoescaping would turn the quotes around font names into &#34; and void the rule
    fonts = {role: Markup(plan.css_stack(role)) for role in ("title", "heading1", "heading2", "body", "table")}
    template = get_template("report.html.j2", prepared.options.template_dir)
    return template.render(
        title=prepared.title, blocks=prepared.blocks, form=prepared.form, rows=_rows(prepared), fonts=fonts,
        context=prepared.context,
    )


def write(prepared: Prepared, target: Path) -> None:
    target.write_text(render(prepared), encoding="utf-8")
