"""Terminal output shared by the subcommands: one console, the way a command says it failed."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console

console = Console()
errors = Console(stderr=True)

EXIT_FAILED = 1
"""Some input could not be processed (a file unreadable, a report invalid)."""

EXIT_NOT_BUILT = 2
"""The subcommand exists in the plan but is not built yet."""


def not_built(command: str, issue: int) -> NoReturn:
    """Say plainly that ``command`` is not built yet and exit 2."""
    errors.print(f"jixiao {command}：此功能尚未实现（计划见 issue #{issue}），未做任何处理。")
    raise typer.Exit(EXIT_NOT_BUILT)


def fail(message: str) -> NoReturn:
    """Print a one-line error (naming the file and the reason) and exit 1."""
    errors.print(f"错误：{message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_FAILED)
