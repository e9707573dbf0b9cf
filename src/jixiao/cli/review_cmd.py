"""``jixiao review``: check a report as a finance-bureau reviewer would (复核)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli.console import not_built


def review_reports(
    paths: Annotated[list[Path], typer.Argument(help="报告文件或文件夹")],
    output_format: Annotated[str, typer.Option("--format", help="text | json | html")] = "text",
    profile: Annotated[str, typer.Option("--profile", help="复核规则配置（名称或 TOML 文件）")] = "default",
) -> None:
    """复核报告：数字是否相符、同一数量前后不一、目标偏低、不可量化、执行率低、得分与等级不符、重复文字等。

    Find what is wrong in a report, with evidence.
    """
    not_built("review", 4)
