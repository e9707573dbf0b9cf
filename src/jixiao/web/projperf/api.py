"""项目绩效 API: a project-year's budget, goals and indicators (申报, 目标审核, 目标调整), monitoring
(月度执行数, indicator progress, warnings and responses) and the year-end self-evaluation with the
engine's score — the same services as the pages, under ``/api/projects/{id}/performance/{year}``.
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import time.

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema
from pydantic import Field

from jixiao.report import Indicator as IndicatorData
from jixiao.report import Number
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.declarations.api import DeclaredIndicatorIn, GoalReviewIn, ProblemOut
from jixiao.web.departments.permissions import can_review, can_write_figures
from jixiao.web.monitoring.selectors import default_monitoring_date
from jixiao.web.projects.models import Project
from jixiao.web.projects.selectors import project_for
from jixiao.web.projperf.models import FUND_ROWS, ProjectIndicator
from jixiao.web.projperf.selectors import YearState, monitoring_of, review_queue, scored, year_state
from jixiao.web.projperf.services import (
    Actual,
    ProjectBudget,
    ProjectPerformanceInvalid,
    adjust_goals,
    record_monthly,
    record_progress,
    respond_to_warning,
    review_project_declaration,
    save_project_declaration,
    save_self_evaluation,
    submit_project_declaration,
    submit_self_evaluation,
)

# -- schemas --------------------------------------------------------------------------------------


class FundRowIO(Schema):
    """One 附件1 funding row (万元)."""

    initial: Number | None = Field(None, ge=0, max_digits=14, decimal_places=2, description="年初预算数")
    total: Number | None = Field(None, ge=0, max_digits=14, decimal_places=2, description="全年预算数")
    spent: Number | None = Field(None, ge=0, max_digits=14, decimal_places=2, description="全年执行数（自评时填）")


class ProjectBudgetIO(Schema):
    """项目资金（万元）: 年度资金总额 and its rows current (当年财政拨款) / carried (上年结转资金) / other (其他资金)."""

    initial: Number | None = Field(None, ge=0, max_digits=14, decimal_places=2, description="年初预算数")
    total: Number | None = Field(None, ge=0, max_digits=14, decimal_places=2, description="全年预算数")
    spent: Number | None = Field(None, ge=0, max_digits=14, decimal_places=2, description="全年执行数")
    current: FundRowIO = Field(default_factory=lambda: FundRowIO.model_validate({}))
    carried: FundRowIO = Field(default_factory=lambda: FundRowIO.model_validate({}))
    other: FundRowIO = Field(default_factory=lambda: FundRowIO.model_validate({}))


class ProjectIndicatorOut(DeclaredIndicatorIn):
    id: int
    actual: Number | None = None
    actual_text: str | None = None
    deviation_reason: str | None = None


class AdjustmentOut(Schema):
    subject: str
    old: str
    new: str
    reason: str
    created_at: datetime


class ProjectGoalReviewOut(Schema):
    reviewer: str
    overall: str
    consequence: str
    decision: str
    comment: str
    created_at: datetime


class ProjectYearOut(Schema):
    """A project's performance year (项目年度绩效)."""

    project_id: int
    project: str
    code: str
    department: str
    year: int
    status: str = Field(description="draft | submitted | approved | returned")
    status_label: str
    evaluation_status: str = Field(description="none | draft | submitted")
    budget: ProjectBudgetIO
    goals: list[str]
    indicators: list[ProjectIndicatorOut]
    monthly: dict[int, Number] = Field(description="月份 → 当月执行数（万元）")
    problems: list[ProblemOut]
    reviews: list[ProjectGoalReviewOut]
    adjustments: list[AdjustmentOut]
    score: Number | None = Field(None, description="已提交自评的得分")
    grade: str | None = None
    version: int = Field(description="乐观锁版本：PUT 时原样送回")


class ProjectDeclarationIn(Schema):
    goals: list[str]
    indicators: list[DeclaredIndicatorIn]
    budget: ProjectBudgetIO
    version: int


class AdjustmentIn(Schema):
    """目标调整: the new 全年预算数 and/or indicator targets (id → 数值或定性表述), with the reason."""

    reason: str
    total: Number | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    targets: dict[int, str] = Field(default_factory=dict)


class ProjectMonthlyIn(Schema):
    months: dict[int, Number | None] = Field(description="月份 1–12 → 当月执行数（万元），null 删除")


class ProgressIn(Schema):
    indicator_id: int
    on: date = Field(description="监控时点")
    value: Number | None = Field(None, max_digits=15, decimal_places=4, description="当前完成值（定量）")
    value_text: str = Field("", description="定性：达成 / 部分达成 / 未达成")
    cause: str = Field("", description="偏差原因类别")
    reason: str = ""
    feasibility: str = Field("", description="完成目标可能性")


class WatchOut(Schema):
    indicator_id: int
    name: str
    on: date | None
    value: Number | None
    value_text: str | None
    percent: Number | None = Field(description="完成进度（%）")
    colour: str | None = Field(description="red | yellow | green | over")


class WarningOut(Schema):
    key: str
    message: str
    deadline: date
    overdue: bool
    action: str | None
    reason: str | None
    version: int


class MonitoringOut(Schema):
    on: date
    total: Number | None
    spent: Number | None = Field(description="累计执行数")
    execution: Number | None = Field(description="执行进度（%）")
    time_progress: Number | None = Field(description="序时进度（%）")
    indicators: list[WatchOut]
    warnings: list[WarningOut]


class ResponseIn(Schema):
    key: str
    action: str
    reason: str
    version: int = 0


class ActualIn(Schema):
    indicator_id: int
    actual: Number | None = Field(None, max_digits=15, decimal_places=4)
    actual_text: str = ""
    deviation_reason: str = ""


class EvaluationIn(Schema):
    spent: Number | None = Field(None, ge=0, max_digits=14, decimal_places=2, description="全年执行数")
    funds_spent: dict[str, Number | None] = Field(default_factory=dict, description="current / carried / other")
    actuals: list[ActualIn]
    goal_actuals: list[str] | None = None
    problems: str = ""
    measures: str = ""
    version: int
    submit: bool = False


class ScoreItemOut(Schema):
    name: str
    level1: str
    weight: Number
    score: Number
    reason: str


class ScoreOut(Schema):
    total: Number
    grade: str
    complete: bool
    framework: str
    weight_total: Number
    items: list[ScoreItemOut]
    missing_reasons: list[str]


class QueueItem(Schema):
    project_id: int
    project: str
    department: str
    year: int
    status: str
    evaluation_status: str
    grade: str | None


# -- router ---------------------------------------------------------------------------------------

router = Router(tags=["项目绩效"])


def _project(request: AuthenticatedHttpRequest, project_id: int, *, write: bool = False) -> Project:
    project = project_for(request.user, project_id)
    if write and not can_write_figures(request.user, project.department):
        raise PermissionDenied("财政局用户不能修改部门的项目数据")
    return project


def _indicator_out(row: ProjectIndicator) -> ProjectIndicatorOut:
    return ProjectIndicatorOut(
        id=row.pk, level1=row.level1, level2=row.level2 or None, name=row.name,
        op=row.op or None,  # type: ignore[arg-type]  # a stored Operator; the schema validates it
        target=row.target, target_text=row.target_text or None, unit=row.unit or None, weight=row.weight,
        actual=row.actual, actual_text=row.actual_text or None, deviation_reason=row.deviation_reason or None)


def year_out(state: YearState) -> ProjectYearOut:
    row, project = state.row, state.project
    funds = {prefix: FundRowIO(initial=getattr(row, f"{prefix}_initial"), total=getattr(row, f"{prefix}_total"),
                               spent=getattr(row, f"{prefix}_spent")) for prefix, _, _ in FUND_ROWS}
    return ProjectYearOut(
        project_id=project.pk, project=project.name, code=project.code, department=project.department.name,
        year=state.year, status=row.status, status_label=row.get_status_display(),
        evaluation_status=row.evaluation_status,
        budget=ProjectBudgetIO(initial=row.initial, total=row.total, spent=row.spent, **funds),
        goals=[g.text for g in state.goals], indicators=[_indicator_out(i) for i in state.indicators],
        monthly=state.monthly,
        problems=[ProblemOut(code=p.code, message=p.message, blocking=p.blocking, indicator=p.indicator)
                  for p in state.problems],
        reviews=[ProjectGoalReviewOut(reviewer=r.reviewer.get_full_name() or r.reviewer.username, overall=r.overall,
                           consequence=r.consequence, decision=r.decision, comment=r.comment,
                           created_at=r.created_at) for r in state.reviews],
        adjustments=[AdjustmentOut(subject=a.subject, old=a.old, new=a.new, reason=a.reason, created_at=a.created_at)
                     for a in state.adjustments],
        score=row.score, grade=row.grade or None, version=state.version)


def _state(project: Project, year: int) -> ProjectYearOut:
    return year_out(year_state(project=project, year=year))


BASE = "/projects/{project_id}/performance/{year}"


@router.get("/project-performance", response=list[QueueItem])
def list_project_years(request: AuthenticatedHttpRequest, status: str | None = None) -> list[QueueItem]:
    """The project-years the user sees, 已提交 first (项目目标审核队列).

    Who: all roles (scoped).
    """
    return [QueueItem(project_id=r.project_id, project=r.project.name, department=r.project.department.name,
                      year=r.fiscal_year.year, status=r.status, evaluation_status=r.evaluation_status,
                      grade=r.grade or None)
            for r in review_queue(user=request.user, status=status or "")[:500]]


@router.get(BASE, response=ProjectYearOut)
def get_project_year(request: AuthenticatedHttpRequest, project_id: int, year: int) -> ProjectYearOut:
    """The project-year's budget, goals, indicators, monthly execution, problems, reviews and adjustments.

    Who: those who see the project's department.
    """
    return _state(_project(request, project_id), year)


@router.put(BASE, response=ProjectYearOut)
def put_project_year(request: AuthenticatedHttpRequest, project_id: int, year: int,
                     payload: ProjectDeclarationIn) -> ProjectYearOut:
    """Save the declaration `{goals, indicators, budget, version}` while 草稿 or 已退回 (409 otherwise).

    Who: the department's own users, admin.
    """
    project = _project(request, project_id, write=True)
    indicators = [(item.id, IndicatorData.model_validate(item.model_dump(exclude={"id"})))
                  for item in payload.indicators]
    b = payload.budget
    budget = ProjectBudget(b.initial, b.total, {p: (getattr(b, p).initial, getattr(b, p).total)
                                                for p, _, _ in FUND_ROWS})
    save_project_declaration(project=project, year=year, goals=payload.goals, indicators=indicators, budget=budget,
                             version=payload.version)
    return _state(project, year)


@router.post(BASE + "/submit", response=ProjectYearOut)
def post_submit(request: AuthenticatedHttpRequest, project_id: int, year: int) -> ProjectYearOut:
    """Submit the declaration for 目标审核; 422 with `problems` when any is blocking.

    Who: the department's own users, admin.
    """
    project = _project(request, project_id, write=True)
    submit_project_declaration(project=project, year=year, user=request.user)
    return _state(project, year)


@router.post(BASE + "/review", response=ProjectYearOut)
def post_review(request: AuthenticatedHttpRequest, project_id: int, year: int, payload: GoalReviewIn
                ) -> ProjectYearOut:
    """目标审核 of the submitted declaration, by the department review scheme.

    Who: 财政局用户, 管理员.
    """
    project = _project(request, project_id)
    if not can_review(request.user):
        raise PermissionDenied("只有财政局用户可以审核绩效目标")
    review_project_declaration(project=project, year=year, reviewer=request.user, grades=payload.grades,
                               overall=payload.overall, comment=payload.comment)
    return _state(project, year)


@router.post(BASE + "/adjustments", response=ProjectYearOut)
def post_adjustment(request: AuthenticatedHttpRequest, project_id: int, year: int, payload: AdjustmentIn
                    ) -> ProjectYearOut:
    """目标调整 of an approved declaration, recorded old → new with the reason.

    Who: the department's own users, admin.
    """
    project = _project(request, project_id, write=True)
    state = year_state(project=project, year=year)
    qualitative = {i.pk for i in state.indicators if i.op == "qualitative"}
    targets: dict[int, Decimal | str] = {}
    for pk, text in payload.targets.items():
        if pk in qualitative:
            targets[pk] = text
            continue
        try:
            number = Decimal(text.replace(",", ""))
        except ArithmeticError:
            raise ProjectPerformanceInvalid("指标值应为数字") from None
        if not number.is_finite():
            raise ProjectPerformanceInvalid("指标值应为数字")
        targets[pk] = number
    adjust_goals(project=project, year=year, reason=payload.reason, user=request.user, total=payload.total,
                 targets=targets)
    return _state(project, year)


@router.put(BASE + "/monthly", response=ProjectYearOut)
def put_monthly(request: AuthenticatedHttpRequest, project_id: int, year: int, payload: ProjectMonthlyIn) -> ProjectYearOut:
    """月度执行数 `{months: {1: 10.5, …}}` (null removes a month).

    Who: the department's own users, admin.
    """
    project = _project(request, project_id, write=True)
    for value in payload.months.values():
        if value is not None and (not value.is_finite() or abs(value) >= Decimal("1e12")):
            raise ProjectPerformanceInvalid("执行数无效")
    record_monthly(project=project, year=year, amounts=dict(payload.months))
    return _state(project, year)


def monitoring_out(state: YearState, on: date) -> MonitoringOut:
    watching = monitoring_of(state, on=on)
    row = watching.row
    return MonitoringOut(
        on=on, total=row.total if row else None, spent=row.spent if row else None,
        execution=row.execution if row else None, time_progress=row.time_progress if row else None,
        indicators=[WatchOut(indicator_id=w.indicator.pk, name=w.indicator.name, on=w.latest.on if w.latest else None,
                             value=w.latest.value if w.latest else None,
                             value_text=(w.latest.value_text or None) if w.latest else None, percent=w.percent,
                             colour=w.colour.key if w.colour else None) for w in watching.indicators],
        warnings=[WarningOut(key=w.key, message=w.message, deadline=w.deadline, overdue=w.overdue,
                             action=w.response.action if w.response else None,
                             reason=w.response.reason if w.response else None,
                             version=w.response.version if w.response else 0) for w in watching.warnings])


@router.get(BASE + "/monitoring", response=MonitoringOut)
def get_monitoring(request: AuthenticatedHttpRequest, project_id: int, year: int, on: date | None = None
                   ) -> MonitoringOut:
    """双监控 on `on` (default: today within the year): execution against 序时进度, indicators by colour, warnings.

    Who: those who see the project's department.
    """
    project = _project(request, project_id)
    day = on if on is not None and on.year == year else default_monitoring_date(year)
    return monitoring_out(year_state(project=project, year=year), day)


@router.post(BASE + "/progress", response=MonitoringOut)
def post_progress(request: AuthenticatedHttpRequest, project_id: int, year: int, payload: ProgressIn
                  ) -> MonitoringOut:
    """An indicator's progress at a monitoring date (当前完成值, 偏差原因, 完成目标可能性).

    Who: the department's own users, admin.
    """
    project = _project(request, project_id, write=True)
    state = year_state(project=project, year=year)
    indicator = next((i for i in state.indicators if i.pk == payload.indicator_id), None)
    if indicator is None:
        raise ProjectPerformanceInvalid("没有这个指标")
    record_progress(indicator=indicator, on=payload.on, value=payload.value, value_text=payload.value_text,
                    cause=payload.cause, reason=payload.reason, feasibility=payload.feasibility)
    return monitoring_out(year_state(project=project, year=year), payload.on)


@router.post(BASE + "/warnings", response=MonitoringOut)
def post_response(request: AuthenticatedHttpRequest, project_id: int, year: int, payload: ResponseIn
                  ) -> MonitoringOut:
    """预警响应 to one of the project's warnings (the department rules: 继续执行 / 调剂 / 取消 and a reason).

    Who: the department's own users, admin.
    """
    project = _project(request, project_id, write=True)
    respond_to_warning(project=project, year=year, key=payload.key, action=payload.action, reason=payload.reason,
                       user=request.user, version=payload.version)
    return monitoring_out(year_state(project=project, year=year), default_monitoring_date(year))


def score_out(state: YearState) -> ScoreOut:
    result = scored(state)
    return ScoreOut(total=result.result.total, grade=result.result.grade, complete=result.result.complete,
                    framework=result.result.framework, weight_total=result.weight_total,
                    items=[ScoreItemOut(name=i.name, level1=i.level1, weight=i.weight, score=i.score, reason=i.reason)
                           for i in result.result.items],
                    missing_reasons=list(result.missing.values()))


@router.get(BASE + "/score", response=ScoreOut)
def get_score(request: AuthenticatedHttpRequest, project_id: int, year: int) -> ScoreOut:
    """The engine's score of the project-year (财预〔2020〕10号) with every point explained.

    Who: those who see the project's department.
    """
    project = _project(request, project_id)
    state = year_state(project=project, year=year)
    if state.row.pk is None:
        raise ProjectPerformanceInvalid(f"{project.name} {year} 年度尚无项目绩效数据")
    return score_out(state)


@router.put(BASE + "/evaluation", response=ScoreOut)
def put_evaluation(request: AuthenticatedHttpRequest, project_id: int, year: int, payload: EvaluationIn) -> ScoreOut:
    """年终自评: 全年执行数, actuals and deviation reasons; `submit: true` submits it (422 while reasons are owed).

    Who: the department's own users, admin.
    """
    project = _project(request, project_id, write=True)
    unknown = set(payload.funds_spent) - {p for p, _, _ in FUND_ROWS}
    if unknown:
        raise ProjectPerformanceInvalid("资金来源应为 current / carried / other")
    save_self_evaluation(project=project, year=year, spent=payload.spent, version=payload.version,
                         actuals=[Actual(a.indicator_id, a.actual, a.actual_text, a.deviation_reason)
                                  for a in payload.actuals],
                         funds_spent=dict(payload.funds_spent) if payload.funds_spent else None,
                         goal_actuals=payload.goal_actuals, problems=payload.problems, measures=payload.measures)
    if payload.submit:
        submit_self_evaluation(project=project, year=year)
    return score_out(year_state(project=project, year=year))
