"""What another app adds to a department's 结果应用 page (扩展点), set by its ``AppConfig.ready``.

The 项目绩效 app fills ``project_results`` (grade → next year's treatment per project), so this
app never imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

project_results: Callable[..., Any] | None = None
"""``(department=, rules=)`` → the department's projects with their treatment."""


def results_of_projects(*, department: Any, rules: Any) -> Any:
    return None if project_results is None else project_results(department=department, rules=rules)
