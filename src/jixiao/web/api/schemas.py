"""Shapes the API reads and writes that the core does not already define (接口数据结构)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field


class DepartmentOut(Schema):
    """A department (部门) as the API shows it."""

    id: int
    name: str
    short_name: str
    code: str
    region: str | None
    parent_id: int | None
    unit_type: str


class MonthOut(Schema):
    month: int
    spent: Decimal = Field(description="当月支出（万元）")


class BudgetOut(Schema):
    """A department's budget of one year (部门预算) with its monthly execution."""

    department_id: int
    year: int
    initial: Decimal | None = Field(description="年初预算数")
    total: Decimal | None = Field(description="全年预算数")
    spent: Decimal | None = Field(description="全年执行数")
    execution_rate: Decimal | None = Field(description="预算执行率（%，报告所述）")
    computed_execution_rate: Decimal | None = Field(description="执行数 / 预算数 × 100")
    carryover: Decimal | None = Field(description="年末结转和结余")
    monthly: list[MonthOut]


class MonthlyIn(Schema):
    """月度执行数录入: what was spent in the month, in 万元 to the cent."""

    spent: Decimal = Field(ge=0, max_digits=14, decimal_places=2, description="当月支出（万元）")


class MonthlyWritten(Schema):
    department_id: int
    year: int
    month: int
    spent: Decimal
    created: bool


class ProgressPoint(Schema):
    """One month of 执行进度 against 序时进度, both in percent."""

    month: int
    spent: Decimal | None = Field(description="累计执行数（万元）")
    execution: Decimal | None = Field(description="累计执行进度（%）")
    time_progress: Decimal = Field(description="序时进度（%）")


class ProgressOut(Schema):
    department_id: int
    department: str
    year: int
    total: Decimal | None
    points: list[ProgressPoint]


class DocumentOut(Schema):
    """A stored report file (原始文件)."""

    id: int
    original_name: str
    format: str
    department_id: int | None
    year: int | None
    pages: int | None
    size: int


class Message(Schema):
    detail: str


class YearResultOut(Schema):
    """One evaluated year (年度评价结果): stated, else computed by the core's framework."""

    year: int
    score: Decimal | None = Field(description="自评分")
    grade: str | None = Field(description="评价等级")
    computed: bool = Field(description="true: 系统按评分框架计算；false: 报告所述")
    execution_rate: Decimal | None = Field(None, description="预算执行率（%）")


class SuggestionOut(Schema):
    """下年度预算安排建议 from the core (``jixiao.results``), with its basis (依据)."""

    year: int | None
    based_on_year: int | None
    grade: str | None
    treatment: str | None
    direction: str | None
    rules: str = Field(description="规则文件名")
    rule: str | None = Field(description="所依据的规则：grades.<等级> 或 unrectified")
    basis: str


class RectificationOut(Schema):
    """整改事项."""

    id: int
    department_id: int
    year: int = Field(description="评价年度")
    source: str
    source_label: str
    problem: str
    feedback: str = Field(description="整改意见")
    deadline: date | None = Field(description="整改期限")
    measure: str = Field(description="整改措施")
    status: str
    status_label: str
    progress: str = Field(description="整改情况")


class RectificationIn(Schema):
    """财政局提出整改事项: the year evaluated, the problem, 整改意见 and 整改期限."""

    model_config = ConfigDict(extra="forbid")
    year: int
    problem: str = Field(min_length=1, max_length=2000)
    feedback: str = Field("", max_length=2000)
    deadline: date | None = None
    source: Literal["self_evaluation", "finance_review", "other"] = "finance_review"


class AnswerIn(Schema):
    """部门填报整改情况: only these three fields; the bureau's fields are not the department's to change."""

    model_config = ConfigDict(extra="forbid")
    measure: str = Field("", max_length=2000)
    status: Literal["open", "in_progress", "done"]
    progress: str = Field("", max_length=2000)


class ResultsOut(Schema):
    """A department's 结果应用: grade history, next year's treatment, rectification items."""

    department_id: int
    department: str
    rules: str
    rules_source: str
    history: list[YearResultOut]
    suggestion: SuggestionOut
    rectifications: list[RectificationOut]


class OverviewRowOut(Schema):
    department_id: int
    department: str
    latest: YearResultOut | None
    suggestion: SuggestionOut
    open_rectifications: int
    overdue_rectifications: int


class ChangeOut(Schema):
    field: str
    label: str = Field(description="字段中文名")
    old: str
    new: str


class AuditEntryOut(Schema):
    """One recorded change (审计记录)."""

    model: str
    model_label: str
    history_id: int
    object_id: int
    date: datetime
    type: str = Field(description="+ 新增, ~ 修改, - 删除")
    type_label: str
    user_id: int | None
    user: str | None
    department_id: int | None
    department: str | None
    changes: list[ChangeOut]


class AuditPageOut(Schema):
    count: int
    page: int
    pages: int
    entries: list[AuditEntryOut]
