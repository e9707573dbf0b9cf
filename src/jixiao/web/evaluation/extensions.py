"""What another app adds to a department-year's evaluation (扩展点), set by its ``AppConfig.ready``.

The 项目绩效 app sits above this one: it fills these so that the evaluation page and the report
show the department's 项目支出 from its projects, and this app never imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

project_spending: Callable[..., Any] | None = None
"""``(department=, year=, stated: Decimal | None)`` → the comparison of 项目支出 with the projects."""

project_spending_lines: Callable[..., list[str]] | None = None
"""The same as sentences for the report's 项目支出 section (one per project, then the sum)."""


def spending(*, department: Any, year: int, stated: Decimal | None) -> Any:
    return None if project_spending is None else project_spending(department=department, year=year, stated=stated)


def spending_lines(*, department: Any, year: int, stated: Decimal | None) -> list[str]:
    if project_spending_lines is None:
        return []
    return project_spending_lines(department=department, year=year, stated=stated)
