"""``--jobs`` and ``--progress`` (并行与进度), shared by ``import``, ``review`` and ``score``.

The options, and one progress bar on stderr — shown when stderr is a terminal or ``--progress``
is given, so that a pipe or a log never fills with bar frames.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from jixiao.cli.console import errors
from jixiao.parallel import default_jobs

JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="同时处理的进程数（默认：本机的处理器核数；1 为单进程）"),
]
ProgressOption = Annotated[
    bool, typer.Option("--progress", help="在标准错误输出显示进度条（默认仅在终端中显示）"),
]


def jobs_or_default(jobs: int | None) -> int:
    return jobs if jobs is not None else default_jobs()


@contextmanager
def progress_bar(label: str, total: int, *, shown: bool) -> Iterator[Callable[[], None]]:
    """A bar of ``total`` steps on stderr; yields the function that advances it by one."""
    visible = shown or sys.stderr.isatty()
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=errors, transient=True, disable=not visible) as progress:
        task = progress.add_task("", total=total)
        yield lambda: progress.advance(task)
