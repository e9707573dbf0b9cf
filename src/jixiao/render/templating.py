"""The wording templates (措辞模板): the Jinja2 environment and the outline they produce.

The package's templates live in ``jixiao/render/templates``. A department overrides the
wording by putting files of the same name in its own folder and passing that folder
(``--templates DIR`` on the command line, ``RenderOptions(template_dir=...)`` in Python):
the folder is searched first, the package second, so it may hold only the files it changes.

``report.md.j2`` renders to a small line-based outline (``#``…``####`` headings, one paragraph
per line, ``:::`` directives) that every output format reads: the wording is written once,
and DOCX, HTML, Markdown and PDF all say the same thing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import jinja2

from jixiao.errors import JixiaoError
from jixiao.figures.format import chinese_number
from jixiao.figures.format import money as money_text
from jixiao.text.pending import PENDING_MARK

BlockKind = Literal["title", "heading1", "heading2", "heading3", "paragraph", "pending", "table", "pagebreak",
                    "signature"]

_HEADINGS: dict[str, BlockKind] = {"#": "title", "##": "heading1", "###": "heading2", "####": "heading3"}
_DIRECTIVES: dict[str, BlockKind] = {"自评表": "table", "table": "table", "分页": "pagebreak", "pagebreak": "pagebreak",
                                     "落款": "signature", "signature": "signature"}
_LITERAL = "\\"
"""A line starting with a backslash is a paragraph as it stands (the department's text that starts like ``#``)."""
_ATTACHMENT = re.compile(r"^附件\s*\d*[：:]?$")
_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+是|[一二三四五六七八九十]+、|\d+[.、．])")


class TemplateError(JixiaoError):
    """A wording template is missing or does not render (模板错误)."""


@dataclass(frozen=True)
class Block:
    """One element of the rendered outline: a heading, a paragraph or a directive."""

    kind: BlockKind
    text: str = ""


def _ordinal(text: str, index: int) -> str:
    """Prefix ``一是`` … unless the item already starts with its own numbering (the seeds do)."""
    if _NUMBERED.match(text):
        return text
    return f"{chinese_number(index)}是{text}"


def is_attachment(text: str) -> bool:
    """``附件`` / ``附件2``: the attachment mark, set in 黑体 flush left (GB/T 9704 7.4.1)."""
    return bool(_ATTACHMENT.match(text))


def _paragraph(text: str) -> str:
    """A paragraph of the department's text, kept a paragraph whatever it starts with (``#``, ``:::``)."""
    if text.startswith(("#", ":::", _LITERAL)):
        return _LITERAL + text
    return text


def _autoescape(name: str | None) -> bool:
    return bool(name and name.endswith((".html.j2", ".html")))


@functools.cache
def environment(template_dir: Path | None = None) -> jinja2.Environment:
    """The Jinja2 environment: ``template_dir`` first (if given), then the package's templates."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        if not template_dir.is_dir():
            raise TemplateError(f"{template_dir}：模板目录不存在")
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(jinja2.PackageLoader("jixiao.render", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=_autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["cn"] = chinese_number
    env.filters["ordinal"] = _ordinal
    env.filters["paragraph"] = _paragraph
    env.filters["money"] = money_text
    env.tests["attachment"] = is_attachment
    return env


def get_template(name: str, template_dir: Path | None = None) -> jinja2.Template:
    try:
        return environment(template_dir).get_template(name)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"找不到模板 {name}") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"模板 {exc.filename or name} 第{exc.lineno}行有语法错误：{exc.message}") from exc


def parse_blocks(text: str) -> list[Block]:
    """The blocks of the line format ``report.md.j2`` writes: headings, paragraphs (one per line), directives.

    (Not :func:`jixiao.text.outline.parse_outline`, which finds the headings of a document being read.)
    """
    blocks: list[Block] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith(_LITERAL):
            blocks.append(Block("paragraph", line[len(_LITERAL):]))
            continue
        if line.startswith(":::"):
            name = line[3:].strip()
            if name not in _DIRECTIVES:
                raise TemplateError(f"未知的模板指令 “{line}”（可用：::: 自评表、::: 分页、::: 落款）")
            blocks.append(Block(_DIRECTIVES[name]))
            continue
        marker, _, rest = line.partition(" ")
        if marker in _HEADINGS and rest.strip():
            blocks.append(Block(_HEADINGS[marker], rest.strip()))
        elif line.startswith(PENDING_MARK):
            blocks.append(Block("pending", line))
        else:
            blocks.append(Block("paragraph", line))
    return blocks
