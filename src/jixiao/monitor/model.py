"""What monitoring reads (监控数据): a budget with its monthly execution, for a department or a project."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from jixiao.report import MonthlyAmount, Number, PerformanceReport


class MonitoredBudget(BaseModel):
    """A department's (or one of its projects') budget of a year with monthly execution (月度执行数)."""

    model_config = ConfigDict(extra="forbid")

    department: str
    project: str | None = Field(None, description="项目名称; None for the department as a whole")
    year: int
    total: Number = Field(description="全年预算数, 万元")
    monthly: list[MonthlyAmount] = Field(default_factory=list)
    goal_progress: Number | None = Field(None, description="绩效目标实现程度 so far, percent")
    projects: list[MonitoredBudget] = Field(default_factory=list)

    @classmethod
    def from_report(cls, report: PerformanceReport, *, goal_progress: Decimal | None = None) -> MonitoredBudget:
        """The budget a ``jixiao.report/1`` states, with its ``budget.monthly`` records."""
        if report.budget.total is None or report.year is None:
            raise ValueError("report states no budget total or no year")
        return cls(department=report.department or "（未注明部门）", project=None, year=report.year, total=report.budget.total,
                   monthly=list(report.budget.monthly), goal_progress=goal_progress)


class MonitorRow(BaseModel):
    """One line of the monitoring table (监控表): a department or a project on a date."""

    department: str
    project: str | None = None
    year: int
    total: Number
    months_closed: int
    spent: Number = Field(description="累计执行数 through the closed months, 万元")
    execution: Number | None = Field(None, description="执行进度, percent of the year's budget")
    time_progress: Number = Field(description="序时进度, percent")
    gap: Number | None = Field(None, description="执行进度 − 序时进度, percentage points")
    goal_progress: Number | None = None
    projected: Number | None = Field(None, description="全年预计执行率 at the pace so far, percent")
