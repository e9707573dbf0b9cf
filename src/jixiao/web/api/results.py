"""Use of results (结果应用): grade history, next year's treatment, rectification items (整改事项)."""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.

from dataclasses import asdict

from django.http import HttpRequest
from ninja import Router

from jixiao.web.api.schemas import (
    AnswerIn,
    OverviewRowOut,
    RectificationIn,
    RectificationOut,
    ResultsOut,
    SuggestionOut,
    YearResultOut,
)
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import require_department_access, require_review_access
from jixiao.web.results.models import Rectification
from jixiao.web.results.selectors import (
    department_results,
    rectification_of,
    rectifications_of,
    results_overview,
    rules_named,
)
from jixiao.web.results.services import (
    answer_rectification,
    create_rectification,
    rectifications_from_evaluation,
)

router = Router(tags=["结果应用"])


def rectification_out(item: Rectification) -> RectificationOut:
    return RectificationOut(
        id=item.pk, department_id=item.department_id, year=item.fiscal_year.year, source=item.source,
        source_label=item.get_source_display(), problem=item.problem, feedback=item.feedback,
        deadline=item.deadline, measure=item.measure, status=item.status, status_label=item.get_status_display(),
        progress=item.progress,
    )


@router.get("/departments/{department_id}/results", response=ResultsOut)
@require_department_access()
def get_results(request: HttpRequest, department_id: int, rules: str | None = None) -> ResultsOut:
    """Grade history, next year's suggested budget treatment with its basis, rectification items."""
    data = department_results(department=request.department, rules=rules_named(rules))  # type: ignore[attr-defined]
    return ResultsOut(
        department_id=data.department.pk, department=data.department.name, rules=data.rules.name,
        rules_source=data.rules.source, history=[YearResultOut(**asdict(y)) for y in data.history],
        suggestion=SuggestionOut(**data.suggestion.model_dump()),
        rectifications=[rectification_out(r) for r in data.rectifications],
    )


@router.get("/departments/{department_id}/rectifications", response=list[RectificationOut])
@require_department_access()
def list_rectifications(request: HttpRequest, department_id: int) -> list[RectificationOut]:
    """The department's rectification items (整改事项), newest year first."""
    department = request.department  # type: ignore[attr-defined]
    return [rectification_out(r) for r in rectifications_of(departments=Department.objects.filter(pk=department.pk))]


@router.post("/departments/{department_id}/rectifications", response=RectificationOut)
@require_review_access("只有财政局用户可以提出整改意见")
def post_rectification(request: HttpRequest, department_id: int, payload: RectificationIn) -> RectificationOut:
    """Raise an item with 整改意见 and deadline (财政局用户, 管理员)."""
    item = create_rectification(department=request.department, year=payload.year,  # type: ignore[attr-defined]
                                problem=payload.problem, feedback=payload.feedback, deadline=payload.deadline,
                                source=payload.source)
    return rectification_out(item)


@router.patch("/departments/{department_id}/rectifications/{rectification_id}", response=RectificationOut)
@require_department_access(write=True)
def patch_rectification(request: HttpRequest, department_id: int, rectification_id: int, payload: AnswerIn
                        ) -> RectificationOut:
    """The department's answer: 整改措施, 整改状态, 整改情况 (the department's own users, admin)."""
    item = rectification_of(department=request.department, rectification_id=rectification_id)  # type: ignore[attr-defined]
    return rectification_out(answer_rectification(rectification=item, measure=payload.measure, status=payload.status,
                                                  progress=payload.progress))


@router.post("/departments/{department_id}/rectifications/from-evaluation/{year}", response=list[RectificationOut])
@require_department_access(write=True)
def post_from_evaluation(request: HttpRequest, department_id: int, year: int) -> list[RectificationOut]:
    """Turn the year's self-evaluation problems into items (自评发现); a second call adds nothing."""
    return [rectification_out(r) for r in rectifications_from_evaluation(department=request.department, year=year)]  # type: ignore[attr-defined]


@router.get("/results", response=list[OverviewRowOut])
def get_overview(request: HttpRequest, rules: str | None = None) -> list[OverviewRowOut]:
    """Every visible department's latest grade, suggested treatment and open items (结果应用总览)."""
    return [OverviewRowOut(
        department_id=r.department_id, department=r.department,
        latest=YearResultOut(**asdict(r.latest)) if r.latest else None,
        suggestion=SuggestionOut(**r.suggestion.model_dump()), open_rectifications=r.open_rectifications,
        overdue_rectifications=r.overdue_rectifications,
    ) for r in results_overview(user=request.user, rules=rules_named(rules))]  # type: ignore[arg-type]
