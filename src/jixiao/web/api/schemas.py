"""Shapes the API reads and writes that the core does not already define (接口数据结构)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from jixiao.report import Number

# Amounts, rates and scores are ``Number`` (the core's Decimal that leaves as a JSON number), so the
# OpenAPI document says "number" where the API writes one.
YEAR_RANGE = {"ge": 1950, "le": 2100, "description": "年度"}
"""Bounds of a fiscal-year query parameter: a year outside them is a 422, not a date error."""


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
    spent: Number = Field(description="当月支出（万元）")


class BudgetOut(Schema):
    """A department's budget of one year (部门预算) with its monthly execution."""

    department_id: int
    year: int
    initial: Number | None = Field(description="年初预算数")
    total: Number | None = Field(description="全年预算数")
    spent: Number | None = Field(description="全年执行数")
    execution_rate: Number | None = Field(description="预算执行率（%，报告所述）")
    computed_execution_rate: Number | None = Field(description="执行数 / 预算数 × 100")
    carryover: Number | None = Field(description="年末结转和结余")
    monthly: list[MonthOut]


class MonthlyIn(Schema):
    """月度执行数录入: what was spent in the month, in 万元 to the cent."""

    spent: Number = Field(ge=0, max_digits=14, decimal_places=2, description="当月支出（万元）")


class MonthlyWritten(Schema):
    department_id: int
    year: int
    month: int
    spent: Number
    created: bool


class ProgressPoint(Schema):
    """One month of 执行进度 against 序时进度, both in percent."""

    month: int
    spent: Number | None = Field(description="累计执行数（万元）")
    execution: Number | None = Field(description="累计执行进度（%）")
    time_progress: Number = Field(description="序时进度（%）")


class ProgressOut(Schema):
    department_id: int
    department: str
    year: int
    total: Number | None
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


class MonthlyImportOut(Schema):
    """What an import of the monthly template did (月度执行数导入结果)."""

    department_id: int
    year: int
    created: list[int] = Field(description="新增的月份")
    updated: list[int] = Field(description="修改的月份")
    unchanged: list[int] = Field(description="未变的月份")


class ImportRejected(Schema):
    """Nothing was imported: one line per bad row (or one for a bad file)."""

    detail: str
    errors: list[str]


class WarningResponseIn(Schema):
    """预警响应: the warning's key (from ``warning_key``), one of the allowed actions and the reason."""

    warning_key: str = Field(max_length=300, description="预警标识，如 execution_below_checkpoint:10")
    action: str = Field(description="继续执行 / 调剂 / 取消（阈值文件所列）")
    reason: str = Field(max_length=2000, description="理由")


class WarningResponseOut(Schema):
    """A recorded response to a warning (预警响应)."""

    id: int
    department_id: int
    department: str
    year: int
    warning_key: str
    message: str
    deadline: date = Field(description="响应期限（工作日按周一至周五计，未扣除法定节假日）")
    action: str
    reason: str
    responded_by: str | None
    responded_at: datetime
    late: bool = Field(description="逾期响应")

# -- 绩效目标申报与审核 ---------------------------------------------------------------------------

class DeclaredIndicatorIn(Schema):
    """A declared 三级指标; ``id`` (from a GET) updates that row, else the row of the same name."""

    id: int | None = None
    level1: str = Field(description="一级指标：产出指标 / 效益指标 / 满意度指标")
    level2: str | None = Field(None, description="二级指标")
    name: str = Field(description="三级指标")
    op: Literal[">=", ">", "=", "<", "<=", "qualitative"] | None = Field(None, description="计算符号")
    target: Number | None = Field(None, max_digits=15, decimal_places=4, description="指标值（定量）")
    target_text: str | None = Field(None, description="指标值（定性指标的表述）")
    unit: str | None = Field(None, description="计量单位")
    weight: Number | None = Field(None, ge=0, max_digits=15, decimal_places=4, description="分值")


class DeclaredIndicatorOut(DeclaredIndicatorIn):
    id: int  # type: ignore[assignment]


class DeclaredBudgetIO(Schema):
    """申报预算（万元）."""

    initial: Number | None = Field(None, ge=0, max_digits=14, decimal_places=2, description="年初预算数")
    basic: Number | None = Field(None, ge=0, max_digits=14, decimal_places=2, description="基本支出")
    project: Number | None = Field(None, ge=0, max_digits=14, decimal_places=2, description="项目支出")


class DeclarationIn(Schema):
    """绩效目标申报: the year's goals (texts), indicators and, optionally, the declared budget."""

    goals: list[str]
    indicators: list[DeclaredIndicatorIn]
    budget: DeclaredBudgetIO | None = None


class ProblemOut(Schema):
    """A problem of the declaration; ``blocking`` ones prevent submission."""

    code: str
    message: str
    blocking: bool
    indicator: int | None = Field(description="index into indicators, when it concerns one")


class GoalReviewIn(Schema):
    """目标审核: a grade (优/良/中/差) per dimension key, the overall grade, the comment."""

    grades: dict[str, str] = Field(description="completeness / relevance / appropriateness / feasibility → 等级")
    overall: str = Field(description="审核结果 优/良/中/差")
    comment: str = ""


class GoalReviewOut(Schema):
    id: int
    reviewer: str
    scheme: str
    grades: dict[str, str]
    overall: str
    consequence: str = Field(description="结果运用，如“修改后重新报送确认”")
    decision: str = Field(description="approve | return")
    comment: str
    created_at: datetime


class DeclarationOut(Schema):
    """A department-year's declaration with its problems and every review round."""

    department_id: int
    department: str
    year: int
    status: str = Field(description="draft | submitted | approved | returned")
    status_label: str
    editable: bool
    submitted_at: datetime | None
    submitted_by: str | None
    goals: list[str]
    indicators: list[DeclaredIndicatorOut]
    budget: DeclaredBudgetIO
    problems: list[ProblemOut]
    reviews: list[GoalReviewOut]


class DeclarationQueueItem(Schema):
    department_id: int
    department: str
    year: int
    status: str
    status_label: str
    submitted_at: datetime | None


class YearResultOut(Schema):
    """One evaluated year (年度评价结果): stated, else computed by the core's framework."""

    year: int
    score: Number | None = Field(description="自评分")
    grade: str | None = Field(description="评价等级")
    computed: bool = Field(description="true: 系统按评分框架计算；false: 报告所述")
    execution_rate: Number | None = Field(None, description="预算执行率（%）")


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


# -- 复核意见 ---------------------------------------------------------------------------------------

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


class ReviewChangeOut(Schema):
    """One change of a file's 复核意见 (who, when, old → new)."""

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
    history: list[ReviewChangeOut]


# -- 年终自评 ---------------------------------------------------------------------------------------

class SelfEvaluationIndicatorOut(Schema):
    """One indicator of the 年终自评 with the core's score and whether a 偏差原因 is owed."""

    position: int = Field(description="序号（从 0 起），PUT 以它指定指标")
    name: str
    level1: str
    level2: str
    op: str
    kind: str = Field(description="quantitative（填数值 actual）| qualitative（选档次 level）")
    target: Number | None
    target_text: str
    unit: str
    weight: Number = Field(description="分值")
    actual: Number | None = Field(description="实际完成值")
    actual_text: str
    level: str | None = Field(description="定性指标完成档次")
    deviation_reason: str = Field(description="偏差原因分析及改进措施")
    reason_required: str | None = Field(description="须填写偏差原因的理由；不须填写为 null")
    score: Number = Field(description="系统得分")
    explanation: str = Field(description="得分说明")


class SelfEvaluationTaskOut(Schema):
    position: int
    title: str
    text: str = Field(description="完成情况")


class SelfEvaluationOut(Schema):
    """年终自评: indicators, narrative and the core's total and grade."""

    department_id: int
    year: int
    total: Number = Field(description="系统评分")
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
    actual: Number | None = Field(None, max_digits=15, decimal_places=4, description="实际完成值（定量）")
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
    """A self-evaluation that cannot be saved: the line, and what to fix per indicator and field."""

    detail: str
    indicators: dict[int, str] = Field(default_factory=dict, description="指标序号 → 错误")
    missing_reason: list[int] = Field(default_factory=list, description="其中须填写偏差原因而未填的指标序号")
    fields: dict[str, str] = Field(default_factory=dict)
    errors: list[str] = Field(default_factory=list, description="请求格式错误，每行一处")
