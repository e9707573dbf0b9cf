"""Goal declaration and review (绩效目标申报与目标审核): the same services as the pages."""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.

from django.http import HttpRequest
from ninja import Router

from jixiao.report import Indicator as IndicatorData
from jixiao.web.api.schemas import (
    DeclarationIn,
    DeclarationOut,
    DeclarationQueueItem,
    DeclaredBudgetIO,
    DeclaredIndicatorOut,
    GoalReviewIn,
    GoalReviewOut,
    ProblemOut,
)
from jixiao.web.declarations.models import GoalReview
from jixiao.web.declarations.selectors import DeclarationState, declaration_queue, declaration_state
from jixiao.web.declarations.services import (
    DeclaredBudget,
    reopen_declaration,
    review_declaration,
    save_declaration,
    submit_declaration,
)
from jixiao.web.departments.permissions import require_department_access, require_review_access

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
                                         op=row.op or None, target=row.target, target_text=row.target_text or None,
                                         unit=row.unit or None, weight=row.weight) for row in state.indicators],
        budget=DeclaredBudgetIO(initial=budget.initial, basic=budget.basic, project=budget.project)
        if budget else DeclaredBudgetIO(),
        problems=[ProblemOut(code=p.code, message=p.message, blocking=p.blocking, indicator=p.indicator)
                  for p in state.problems],
        reviews=[review_out(r) for r in state.reviews],
    )


def _state(request: HttpRequest, year: int) -> DeclarationOut:
    return declaration_out(declaration_state(department=request.department, year=year))  # type: ignore[attr-defined]


@router.get("/declarations", response=list[DeclarationQueueItem])
def list_declarations(request: HttpRequest, status: str | None = None) -> list[DeclarationQueueItem]:
    """The declarations the user sees (目标审核队列), submitted ones first; ``status`` filters."""
    return [DeclarationQueueItem(department_id=d.department_id, department=d.department.name, year=d.fiscal_year.year,
                                 status=d.status, status_label=d.get_status_display(), submitted_at=d.submitted_at)
            for d in declaration_queue(user=request.user, status=status)]  # type: ignore[arg-type]


@router.get("/departments/{department_id}/declarations/{year}", response=DeclarationOut)
@require_department_access()
def get_declaration(request: HttpRequest, department_id: int, year: int) -> DeclarationOut:
    """The year's declared goals and indicators, their problems and the review history (绩效目标申报)."""
    return _state(request, year)


@router.put("/departments/{department_id}/declarations/{year}", response=DeclarationOut)
@require_department_access(write=True)
def put_declaration(request: HttpRequest, department_id: int, year: int, payload: DeclarationIn) -> DeclarationOut:
    """Save the goals and indicators (保存申报) while 草稿 or 已退回; the department's own users."""
    indicators = [(item.id, IndicatorData.model_validate(item.model_dump(exclude={"id"})))
                  for item in payload.indicators]
    budget = DeclaredBudget(**payload.budget.model_dump()) if payload.budget else None
    save_declaration(department=request.department, year=year, goals=payload.goals,  # type: ignore[attr-defined]
                     indicators=indicators, budget=budget)
    return _state(request, year)


@router.post("/departments/{department_id}/declarations/{year}/submit", response=DeclarationOut)
@require_department_access(write=True)
def post_submit(request: HttpRequest, department_id: int, year: int) -> DeclarationOut:
    """Submit for review (提交审核); 422 with the blocking problems when there are any."""
    submit_declaration(department=request.department, year=year, user=request.user)  # type: ignore[attr-defined, arg-type]
    return _state(request, year)


@router.post("/departments/{department_id}/declarations/{year}/reopen", response=DeclarationOut)
@require_department_access(write=True)
def post_reopen(request: HttpRequest, department_id: int, year: int) -> DeclarationOut:
    """Take a returned declaration back to draft (重新编辑)."""
    reopen_declaration(department=request.department, year=year)  # type: ignore[attr-defined]
    return _state(request, year)


@router.post("/departments/{department_id}/declarations/{year}/review", response=DeclarationOut)
@require_review_access("只有财政局用户可以审核绩效目标")
def post_review(request: HttpRequest, department_id: int, year: int, payload: GoalReviewIn) -> DeclarationOut:
    """Review the submitted declaration (目标审核); 财政局用户 and 管理员 only."""
    review_declaration(department=request.department, year=year, reviewer=request.user,  # type: ignore[attr-defined, arg-type]
                       grades=payload.grades, overall=payload.overall, comment=payload.comment)
    return _state(request, year)

