"""Shapes the API reads and writes that the core does not already define (接口数据结构)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import Field


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


class UploadOut(Schema):
    """An uploaded report file (上传报告): the stored file, whether it was new, and what to tell the user."""

    document: DocumentOut
    created: bool
    notice: str | None = None


class DecisionIn(Schema):
    """The decision on one finding: ``key`` as ``GET …/review`` or ``jixiao.review.finding_key`` gives it."""

    key: str = Field(max_length=300)
    decision: Literal["confirmed", "dismissed", ""] = Field(description="确认 / 不采纳 / 空（撤销）")
    note: str = Field("", max_length=2000, description="说明；不采纳时必填")


class ReviewIn(Schema):
    """复核意见 as the finance bureau records it."""

    status: Literal["pending", "in_review", "passed", "rectify", "returned"] = Field(
        description="待复核 / 复核中 / 通过 / 需整改 / 退回")
    opinion: str = Field("", max_length=20000, description="复核意见；需整改、退回时必填")
    decisions: list[DecisionIn] = Field(default_factory=list)


class DecisionOut(Schema):
    key: str
    rule: str
    decision: str | None = Field(description="confirmed / dismissed, or null when not decided")
    note: str
    severity: str
    message: str


class ChangeOut(Schema):
    when: datetime
    who: str
    what: str
    old: str
    new: str


class ReviewOut(Schema):
    """The recorded 复核意见 of a file with a row per current finding and the change history."""

    document_id: int
    status: str
    status_label: str
    opinion: str
    reviewer: str | None
    updated_at: datetime | None
    findings: list[DecisionOut]
    history: list[ChangeOut]
