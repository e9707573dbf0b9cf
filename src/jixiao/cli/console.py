"""Terminal output shared by the subcommands: one console, the way a command says it failed."""

from __future__ import annotations

import importlib.util
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


WEB_LIBRARIES = ("django", "ninja", "simple_history", "axes", "dj_database_url", "whitenoise", "gunicorn")
"""What ``pip install 'jixiao[web]'`` adds: the database and web commands need them, the rest of the CLI does not."""


def require_web(command: str) -> None:
    """Before a command that needs the web app (serve, demo, db, import --save, monitor of the database):
    when its libraries are not installed, say in one line how to install them and exit 1."""
    missing = [name for name in WEB_LIBRARIES if importlib.util.find_spec(name) is None]
    if missing:
        fail(f"jixiao {command} 需要网页应用组件（未安装 {'、'.join(missing)}），请先运行：pip install 'jixiao[web]'")
