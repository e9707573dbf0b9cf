"""Shapes the API reads and writes that the core does not already define (接口数据结构)."""

from __future__ import annotations

from decimal import Decimal

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


class SelfEvaluationIndicatorOut(Schema):
    """One indicator of the 年终自评 with the core's score and whether a 偏差原因 is owed."""

    position: int = Field(description="序号（从 0 起），PUT 以它指定指标")
    name: str
    level1: str
    level2: str
    op: str
    kind: str = Field(description="quantitative（填数值 actual）| qualitative（选档次 level）")
    target: Decimal | None
    target_text: str
    unit: str
    weight: Decimal = Field(description="分值")
    actual: Decimal | None = Field(description="实际完成值")
    actual_text: str
    level: str | None = Field(description="定性指标完成档次")
    deviation_reason: str = Field(description="偏差原因分析及改进措施")
    reason_required: str | None = Field(description="须填写偏差原因的理由；不须填写为 null")
    score: Decimal = Field(description="系统得分")
    explanation: str = Field(description="得分说明")


class SelfEvaluationTaskOut(Schema):
    position: int
    title: str
    text: str = Field(description="完成情况")


class SelfEvaluationOut(Schema):
    """年终自评: indicators, narrative and the core's total and grade."""

    department_id: int
    year: int
    total: Decimal = Field(description="系统评分")
    grade: str
    framework: str
    status: str = Field(description="draft（填报中）| submitted（已提交，锁定）")
    levels: list[str] = Field(description="定性指标可选档次")
    indicators: list[SelfEvaluationIndicatorOut]
    tasks: list[SelfEvaluationTaskOut]
    problems: list[str] = Field(description="存在的主要问题")
    measures: list[str] = Field(description="下一步改进措施")


class SelfEvaluationIndicatorIn(Schema):
    """What to change on one indicator; a field left out keeps the stored value."""

    position: int = Field(ge=0)
    actual: Decimal | None = Field(None, max_digits=15, decimal_places=4, description="实际完成值（定量）")
    level: str | None = Field(None, description="完成档次（定性）")
    deviation_reason: str | None = Field(None, description="偏差原因分析及改进措施")


class SelfEvaluationTaskIn(Schema):
    position: int = Field(ge=0)
    text: str


class SelfEvaluationIn(Schema):
    """年终自评填报: only what is given changes; ``problems`` / ``measures`` replace the lists."""

    indicators: list[SelfEvaluationIndicatorIn] = Field(default_factory=list)
    tasks: list[SelfEvaluationTaskIn] = Field(default_factory=list)
    problems: list[str] | None = None
    measures: list[str] | None = None
    submit: bool = Field(False, description="同时提交（提交后锁定，不能再修改）")


class ValidationErrors(Schema):
    detail: str
    indicators: dict[int, str] = Field(description="指标序号 → 错误")
    missing_reason: list[int] = Field(description="其中须填写偏差原因而未填的指标序号")
    fields: dict[str, str]
