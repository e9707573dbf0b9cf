"""The monitoring run (监控): rows for every department and project, warnings, the at-risk list.

``run_monitor`` takes plain ``MonitoredBudget`` data so that the CLI (report files) and the
web app (database rows) share it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field

from jixiao.monitor.model import MonitoredBudget, MonitorRow
from jixiao.monitor.progress import (
    execution_progress,
    gap,
    months_closed,
    projected_execution,
    spent_through,
    time_progress,
)
from jixiao.monitor.warnings import MonitorWarning, Thresholds, check_row
from jixiao.report import Number


class AtRisk(BaseModel):
    """A department or project with at least one warning (风险清单), worst execution first."""

    department: str
    project: str | None = None
    execution: Number | None = None
    gap: Number | None = None
    projected: Number | None = None
    reasons: list[str]


class MonitorResult(BaseModel):
    """The monitoring table on a date, its warnings and who is at risk."""

    date: date
    time_progress: Number
    thresholds: str
    rows: list[MonitorRow]
    warnings: list[MonitorWarning]
    at_risk: list[AtRisk] = Field(default_factory=list)


def row_for(budget: MonitoredBudget, on: date) -> MonitorRow:
    """The monitoring row of one budget on ``on``."""
    closed = months_closed(on, budget.year)
    progress = time_progress(on) if on.year == budget.year else Decimal(100 if on.year > budget.year else 0)
    # without monthly records nothing is known of execution: None, not a false 0 %
    execution = execution_progress(budget.monthly, budget.total, closed) if budget.monthly else None
    return MonitorRow(
        department=budget.department, project=budget.project, year=budget.year, total=budget.total,
        months_closed=closed, spent=spent_through(budget.monthly, closed), execution=execution,
        time_progress=progress, gap=gap(execution, progress), goal_progress=budget.goal_progress,
        projected=projected_execution(budget.monthly, budget.total, closed) if budget.monthly else None,
    )


def _flatten(budgets: Iterable[MonitoredBudget]) -> Iterable[MonitoredBudget]:
    for budget in budgets:
        yield budget
        for project in budget.projects:
            yield project.model_copy(update={"department": budget.department, "project": project.project or "（未命名项目）"})


def run_monitor(budgets: Iterable[MonitoredBudget], *, on: date, thresholds: Thresholds) -> MonitorResult:
    """Monitor every department and project on ``on`` under ``thresholds``."""
    rows = [row_for(b, on) for b in _flatten(budgets)]
    warnings: list[MonitorWarning] = []
    at_risk: list[AtRisk] = []
    for row in rows:
        found = check_row(row, thresholds)
        warnings.extend(found)
        if found:
            at_risk.append(AtRisk(department=row.department, project=row.project, execution=row.execution,
                                  gap=row.gap, projected=row.projected, reasons=[w.message for w in found]))
    at_risk.sort(key=lambda r: (r.execution is None, r.execution if r.execution is not None else Decimal(0)))
    return MonitorResult(date=on, time_progress=time_progress(on), thresholds=f"{thresholds.name} {thresholds.version}",
                         rows=rows, warnings=warnings, at_risk=at_risk)
