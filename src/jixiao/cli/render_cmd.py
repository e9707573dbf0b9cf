"""``jixiao render``: write the 自评报告 (DOCX/PDF/HTML/Markdown) or the 自评表 (XLSX) from data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli.console import not_built


def render_report(
    file: Annotated[Path, typer.Argument(help="jixiao.report/1 JSON 文件")],
    output_format: Annotated[str, typer.Option("--format", help="docx | xlsx | pdf | html | md")] = "docx",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="输出文件")] = None,
) -> None:
    """由数据生成自评报告（DOCX/PDF/HTML/Markdown，公文格式）或自评表（XLSX）。

    Write the report or the self-evaluation table from data, in the official layout.
    """
    not_built("render", 6)
