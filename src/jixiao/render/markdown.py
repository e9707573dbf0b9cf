"""The 自评报告 as Markdown (Markdown 版), for quick reading and for the web app's previews.

Headings keep their Chinese numbering (``## 一、基本情况``); the 自评表 becomes a pipe table.
Markdown has no merged cells, so a merged cell's text is printed once, in its first row and
column, and the cells it covers stay empty — the form still reads top to bottom.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.render.document import Prepared

_PREFIX = {"title": "# ", "heading1": "## ", "heading2": "### ", "heading3": "#### "}


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def form_table(prepared: Prepared) -> str:
    """The 自评表 as a Markdown pipe table under a bold title line."""
    form = prepared.form
    grid = form.grid()
    lines = [f"**{form.title}**", ""]
    for index, row in enumerate(grid[form.body_row:]):
        cells = [_escape(cell.display) if cell is not None else "" for cell in row]
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            lines.append("|" + "|".join(["---"] * len(row)) + "|")
    return "\n".join(lines)


def render(prepared: Prepared) -> str:
    """The Markdown text of ``prepared``."""
    parts: list[str] = []
    for block in prepared.blocks:
        if block.kind in _PREFIX:
            parts.append(_PREFIX[block.kind] + block.text)
        elif block.kind == "pagebreak":
            parts.append("---")
        elif block.kind == "table":
            parts.append(form_table(prepared))
        elif block.kind == "signature":
            signature = prepared.context.signature
            if signature is not None:
                parts.append("\n".join(filter(None, (signature.organ, signature.date))).replace("\n", "  \n"))
        else:
            # a paragraph that happens to start like Markdown syntax must stay a paragraph
            text = block.text
            if text.startswith(("#", "-", "*", "+", ">", "|")):
                text = "\\" + text
            parts.append(text)
    return "\n\n".join(parts) + "\n"


def write(prepared: Prepared, target: Path) -> None:
    target.write_text(render(prepared), encoding="utf-8")
