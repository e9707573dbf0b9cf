"""``jixiao score``: score a self-evaluation by a framework and explain every point lost."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli.console import not_built


def score_report(
    file: Annotated[Path, typer.Argument(help="jixiao.report/1 JSON 文件")],
    framework: Annotated[str | None, typer.Option("--framework", help="评分框架名称或 TOML 文件")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """按评分框架（权重、计算符号、等级）计算自评得分与等级，逐项说明扣分原因。

    Score a self-evaluation and explain every point lost.
    """
    not_built("score", 5)
