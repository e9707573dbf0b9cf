"""``jixiao serve``."""

from __future__ import annotations

from jixiao.cli.console import not_built


def serve() -> None:
    """(foundation, in progress)"""
    not_built("serve", 2)
