"""Warnings by thresholds (预警): thresholds as named TOML data, checks that turn progress into warnings."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from jixiao.datafiles import Applies, read_named_toml, shipped_files, validated
from jixiao.errors import JixiaoError
from jixiao.figures.format import percent, plain, points
from jixiao.monitor.model import MonitorRow
from jixiao.report import Number


class ThresholdsError(JixiaoError):
    """A thresholds file cannot be read or is invalid."""


class Checkpoint(BaseModel):
    """At the end of ``month``, execution below ``min_execution`` percent is a warning."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    month: int = Field(ge=1, le=12)
    min_execution: Decimal = Field(ge=0, le=100)


class ResponseRules(BaseModel):
    """How a department answers a warning (预警响应): the allowed actions and the deadline, with their source."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str
    actions: tuple[str, ...] = Field(min_length=1)
    working_days: int = Field(ge=1, description="deadline in working days (Mon–Fri) after the warning")
    on_overdue: str = Field(description="what follows an unanswered warning past the deadline")


class Thresholds(BaseModel):
    """A named set of monitoring thresholds (监控预警阈值) with its source."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    title: str = ""
    version: str
    source: str
    goal_gap: Decimal | None = Field(None, description="goal progress vs execution, percentage points")
    time_gap: Decimal | None = Field(None, description="execution behind time progress, percentage points")
    checkpoints: tuple[Checkpoint, ...] = ()
    response: ResponseRules | None = None
    applies: Applies | None = None
    """Where and from when the thresholds are in force; elsewhere a page says they are applied by reference (参照)."""

    def checkpoint_for(self, months_closed: int) -> Checkpoint | None:
        """The latest checkpoint whose month has closed."""
        due = [c for c in self.checkpoints if c.month <= months_closed]
        return max(due, key=lambda c: c.month) if due else None


class MonitorWarning(BaseModel):
    """One warning (预警) for a department or one of its projects."""

    department: str
    project: str | None = None
    kind: Literal["execution_below_checkpoint", "goal_execution_gap", "behind_time", "no_monthly_data"]
    message: str
    value: Number | None = None
    threshold: Number | None = None
    month: int | None = Field(None, description="the month the warning is about: its checkpoint's, else the last closed")


def shipped_thresholds() -> dict[str, Path]:
    return shipped_files("jixiao.monitor", "thresholds")


DEFAULT_THRESHOLDS = "sichuan-2025"
"""The named default: the only published set we hold (domain.md §3.3); Guangdong's is not found."""


def load_thresholds(name_or_path: str | Path | None = None) -> Thresholds:
    """Load shipped thresholds by name (default ``sichuan-2025``) or a user's TOML file."""
    path, data = read_named_toml(name_or_path or DEFAULT_THRESHOLDS, shipped=shipped_thresholds(),
                                 error=ThresholdsError, what="阈值")
    thresholds = validated(Thresholds, {k: (str(v) if isinstance(v, float) else v) for k, v in data.items()},
                           path=path, error=ThresholdsError, what="阈值")
    months = [c.month for c in thresholds.checkpoints]
    if months != sorted(set(months)):
        raise ThresholdsError(f"{path}：checkpoints 的月份应递增且不重复")
    return thresholds


def check_row(row: MonitorRow, thresholds: Thresholds) -> list[MonitorWarning]:
    """The warnings one monitoring row raises under ``thresholds``."""
    found: list[MonitorWarning] = []
    checkpoint = thresholds.checkpoint_for(row.months_closed)
    if row.execution is None and row.months_closed > 0:
        found.append(MonitorWarning(department=row.department, project=row.project, kind="no_monthly_data",
                                    month=row.months_closed, message="未填报月度执行数，无法监控执行进度"))
    if checkpoint is not None and row.execution is not None and row.execution < checkpoint.min_execution:
        found.append(MonitorWarning(
            department=row.department, project=row.project, kind="execution_below_checkpoint", value=row.execution, threshold=checkpoint.min_execution,
            month=checkpoint.month,
            message=f"1–{checkpoint.month}月预算执行率 {percent(row.execution)}，低于 {plain(checkpoint.min_execution)}% 预警线",
        ))
    if thresholds.goal_gap is not None and row.goal_progress is not None and row.execution is not None:
        difference = abs(row.goal_progress - row.execution)
        if difference > thresholds.goal_gap:
            found.append(MonitorWarning(
                department=row.department, project=row.project, kind="goal_execution_gap", value=difference, threshold=thresholds.goal_gap,
                month=row.months_closed,
                message=f"绩效目标实现程度 {percent(row.goal_progress)} 与预算执行进度 {percent(row.execution)} "
                        f"相差 {points(difference)} 个百分点，超过 {plain(thresholds.goal_gap)}",
            ))
    if thresholds.time_gap is not None and row.gap is not None and -row.gap > thresholds.time_gap:
        found.append(MonitorWarning(
            department=row.department, project=row.project, kind="behind_time", value=-row.gap, threshold=thresholds.time_gap,
            month=row.months_closed,
            message=f"执行进度落后序时进度 {points(-row.gap)} 个百分点，超过 {plain(thresholds.time_gap)}",
        ))
    return found
