"""``jixiao demo``."""

from __future__ import annotations

from jixiao.cli.console import not_built


def demo() -> None:
    """(foundation, in progress)"""
    not_built("demo", 2)
