"""``jixiao monitor``: 双监控 — execution against time progress, over stored data."""

from __future__ import annotations

from typing import Annotated

import typer

from jixiao.cli.console import not_built


def monitor(
    date: Annotated[str | None, typer.Option("--date", help="监控日期 YYYY-MM-DD（默认今天）")] = None,
) -> None:
    """双监控：按序时进度检查各部门预算执行，列出预警。

    Compare execution with time progress for every stored department and list the warnings.
    """
    not_built("monitor", 5)
