"""``jixiao import``: read report files (PDF, DOCX, text) into ``jixiao.report/1``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli.console import not_built


def import_reports(
    paths: Annotated[list[Path], typer.Argument(help="报告文件或文件夹（.pdf .docx .txt）")],
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 列表输出到标准输出")] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="每份报告写一个 JSON 文件到此目录")] = None,
    save: Annotated[bool, typer.Option("--save", help="存入数据库（按 sha256 去重）")] = False,
) -> None:
    """读取自评报告（PDF/DOCX/TXT），提取预算、得分、指标等数据，每个数字附出处。

    Read self-evaluation reports into structured data, every figure with the sentence it came from.
    """
    not_built("import", 3)
