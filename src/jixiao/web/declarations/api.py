"""Goal declaration and review (绩效目标申报与目标审核): the same services as the pages.

This app's part of ``/api/``: its router and the schemas of what it reads and writes.
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.

from datetime import datetime
from typing import Literal

from ninja import Router, Schema
from pydantic import Field

from jixiao.report import Indicator as IndicatorData
from jixiao.report import Number
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.declarations.flows import save_declaration
from jixiao.web.declarations.models import GoalReview
from jixiao.web.declarations.selectors import DeclarationState, declaration_list, declaration_state
from jixiao.web.declarations.services import (
    DeclaredBudget,
    reopen_declaration,
    review_declaration,
    submit_declaration,
)
from jixiao.web.departments.permissions import (
    DepartmentRequest,
    require_department_access,
    require_review_access,
)

# -- schemas --------------------------------------------------------------------------------------

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
    id: int


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
    version: int = Field(description="GET 所得的 version；期间他人已保存 → 409，不覆盖")


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
    version: int = Field(description="乐观锁版本：PUT 时原样送回")
    reviews: list[GoalReviewOut]


class DeclarationQueueItem(Schema):
    department_id: int
    department: str
    year: int
    status: str
    status_label: str
    submitted_at: datetime | None


# -- router ---------------------------------------------------------------------------------------

router = Router(tags=["绩效目标申报与审核"])


def review_out(review: GoalReview) -> GoalReviewOut:
    return GoalReviewOut(id=review.pk, reviewer=review.reviewer.get_full_name() or review.reviewer.username,
                         scheme=review.scheme, grades=review.grades, overall=review.overall,
                         consequence=review.consequence, decision=review.decision, comment=review.comment,
                         created_at=review.created_at)


def declaration_out(state: DeclarationState) -> DeclarationOut:
    declaration, budget = state.declaration, state.budget
    by = declaration.submitted_by
    return DeclarationOut(
        department_id=state.department.pk, department=state.department.name, year=state.year,
        status=declaration.status, status_label=declaration.get_status_display(), editable=declaration.editable,
        submitted_at=declaration.submitted_at, submitted_by=(by.get_full_name() or by.username) if by else None,
        goals=[g.text for g in state.goals],
        indicators=[DeclaredIndicatorOut(id=row.pk, level1=row.level1, level2=row.level2 or None, name=row.name,
                                         op=row.op or None,  # type: ignore[arg-type]  # a stored Operator; the schema validates it
                                         target=row.target, target_text=row.target_text or None,
                                         unit=row.unit or None, weight=row.weight) for row in state.indicators],
        budget=DeclaredBudgetIO(initial=budget.initial, basic=budget.basic, project=budget.project)
        if budget else DeclaredBudgetIO(initial=None, basic=None, project=None),
        problems=[ProblemOut(code=p.code, message=p.message, blocking=p.blocking, indicator=p.indicator)
                  for p in state.problems],
        reviews=[review_out(r) for r in state.reviews], version=state.version,
    )


def _state(request: DepartmentRequest, year: int) -> DeclarationOut:
    return declaration_out(declaration_state(department=request.department, year=year))


@router.get("/declarations", response=list[DeclarationQueueItem])
def list_declarations(request: AuthenticatedHttpRequest, status: str | None = None, year: int | None = None,
                      department: int | None = None) -> list[DeclarationQueueItem]:
    """The declarations the user sees, 已提交 first (目标审核队列); `status`, `year`, `department` filter as on the page; a department user also gets its drafts (years with goals or a budget but no declaration yet).

    Who: all roles (scoped).
    """
    rows = declaration_list(user=request.user, status=status or "", year="" if year is None else str(year),
                            department="" if department is None else str(department))
    return [DeclarationQueueItem(department_id=d.department_id, department=d.department.name, year=d.year,
                                 status=d.status, status_label=d.status_label, submitted_at=d.submitted_at)
            for d in rows]


@router.get("/departments/{department_id}/declarations/{year}", response=DeclarationOut)
@require_department_access()
def get_declaration(request: DepartmentRequest, department_id: int, year: int) -> DeclarationOut:
    """The year's declared goals, indicators (with ids), budget, problems and review rounds (绩效目标申报).

    Who: those who see the department.
    """
    return _state(request, year)


@router.put("/departments/{department_id}/declarations/{year}", response=DeclarationOut)
@require_department_access(write=True)
def put_declaration(request: DepartmentRequest, department_id: int, year: int, payload: DeclarationIn) -> DeclarationOut:
    """Save the goals and indicators `{goals, indicators, budget?, version}` (保存申报) while 草稿 or 已退回 (409
    otherwise); saved by someone else since `version` → 409 `{detail, version, changes}`.

    Who: the department's own users, admin.
    """
    indicators = [(item.id, IndicatorData.model_validate(item.model_dump(exclude={"id"})))
                  for item in payload.indicators]
    budget = DeclaredBudget(**payload.budget.model_dump()) if payload.budget else None
    save_declaration(department=request.department, year=year, goals=payload.goals,
                     indicators=indicators, budget=budget, version=payload.version)
    return _state(request, year)


@router.post("/departments/{department_id}/declarations/{year}/submit", response=DeclarationOut)
@require_department_access(write=True)
def post_submit(request: DepartmentRequest, department_id: int, year: int) -> DeclarationOut:
    """Submit for review (提交审核); 422 with `problems` when any is blocking.

    Who: the department's own users, admin.
    """
    submit_declaration(department=request.department, year=year, user=request.user)
    return _state(request, year)


@router.post("/departments/{department_id}/declarations/{year}/reopen", response=DeclarationOut)
@require_department_access(write=True)
def post_reopen(request: DepartmentRequest, department_id: int, year: int) -> DeclarationOut:
    """Take a returned declaration back to draft (重新编辑): 已退回 → 草稿.

    Who: the department's own users, admin.
    """
    reopen_declaration(department=request.department, year=year)
    return _state(request, year)


@router.post("/departments/{department_id}/declarations/{year}/review", response=DeclarationOut)
@require_review_access("只有财政局用户可以审核绩效目标")
def post_review(request: DepartmentRequest, department_id: int, year: int, payload: GoalReviewIn) -> DeclarationOut:
    """Review the submitted declaration (目标审核) `{grades: {completeness, relevance, appropriateness, feasibility},
    overall, comment}`; the overall grade approves or returns it.

    Who: 财政局用户, 管理员 (a department user: 403).
    """
    review_declaration(department=request.department, year=year, reviewer=request.user,
                       grades=payload.grades, overall=payload.overall, comment=payload.comment)
    return _state(request, year)

