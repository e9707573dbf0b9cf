"""What other apps add to 结果应用 (扩展点), set by their ``AppConfig.ready``.

- The 项目绩效 app fills ``project_results`` (grade → next year's treatment per project);
- the 抽评/考核 app (``oversight``) fills ``score_corrections`` (a sampled year's 复核分 and grade replace the
  self-assessed ones: the corrected grade is what 结果应用 applies), adds its sections to a department's
  page (``RESULTS_SECTIONS``: 抽评 outcome, 考核 result) and a column to the overview (``OVERVIEW_COLUMNS``),

so this app never imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

project_results: Callable[..., Any] | None = None
"""``(department=, rules=)`` → the department's projects with their treatment."""


@dataclass(frozen=True)
class ScoreCorrection:
    """A year's score and grade as corrected by the finance bureau's 复核 (复核分), with the self-assessed ones."""

    score: Decimal
    grade: str
    self_score: Decimal | None
    self_grade: str | None
    note: str
    """Why, in Chinese (``2022年度抽评复核：调整 -2 分``)."""
    lines: tuple[str, ...] = ()
    """Each 复核调整 as a line (``-2 分：<reason>``), oldest first."""


score_corrections: Callable[..., dict[int, ScoreCorrection]] | None = None
"""``(departments=, kind=)`` → the corrected score and grade of each sampled item with a correction: for
``kind="department"`` by budget id (a department-year), for ``kind="project"`` by project-year id."""

RESULTS_SECTIONS: list[tuple[str, Callable[[Any, Any], dict[str, Any] | None]]] = []
"""Sections on a department's 结果应用 page: a template and a function of (request, department) giving its
context (``None``: left out)."""

OVERVIEW_COLUMNS: list[tuple[str, Callable[..., dict[int, str]]]] = []
"""Columns of the 结果应用 overview: a header and a function ``(departments=)`` → department id → cell text."""


def results_of_projects(*, department: Any, rules: Any) -> Any:
    return None if project_results is None else project_results(department=department, rules=rules)


def corrections_of(*, departments: Any, kind: str = "department") -> dict[int, ScoreCorrection]:
    return {} if score_corrections is None else score_corrections(departments=departments, kind=kind)


def sections_of(request: Any, department: Any) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for template, context_of in RESULTS_SECTIONS:
        extra = context_of(request, department)
        if extra is not None:
            found.append((template, extra))
    return found


def overview_columns(*, departments: Any) -> list[tuple[str, dict[int, str]]]:
    return [(header, cells(departments=departments)) for header, cells in OVERVIEW_COLUMNS]
