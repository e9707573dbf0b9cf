"""``jixiao db``: database management."""

from __future__ import annotations

import typer

app = typer.Typer(help="数据库管理 (database management)", no_args_is_help=True)
