"""What another app adds to the declaration forms (扩展点), set by its ``AppConfig.ready``.

The 目标质量 app sits above this one and 项目绩效: it fills ``indicator_checks`` so that each
indicator row of the department and the project declaration shows its checks against history,
peers and money beside the field, and neither app imports it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

indicator_checks: Callable[..., list[Any]] | None = None
"""``(department=, year=, rows=, project_year=None)`` → one check result (or ``None``) per row, in order."""


def checks_of(*, department: Any, year: int, rows: Sequence[Any], project_year: Any = None) -> list[Any]:
    if indicator_checks is None or not rows:
        return [None] * len(rows)
    return indicator_checks(department=department, year=year, rows=rows, project_year=project_year)
