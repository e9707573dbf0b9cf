"""Use of results (结果应用): grade history, next year's treatment, rectification items (整改事项).

This app's part of ``/api/``: its router and the schemas of what it reads and writes.
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.

from dataclasses import asdict
from datetime import date
from typing import Literal

from ninja import Router, Schema
from pydantic import ConfigDict, Field

from jixiao.report import Number
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.common.listing import filter_text
from jixiao.web.common.locking import as_version
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import (
    DepartmentRequest,
    require_department_access,
    require_review_access,
)
from jixiao.web.results.models import Rectification
from jixiao.web.results.selectors import (
    department_results,
    filter_overview,
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

# -- schemas --------------------------------------------------------------------------------------

class ResultCorrectionOut(Schema):
    """The finance bureau's 复核 correction of a sampled year (抽评): the self-assessed score and grade it replaced."""

    self_score: Number | None = Field(description="自评分")
    self_grade: str | None = Field(description="自评等级")
    note: str = Field(description="复核调整说明")


class YearResultOut(Schema):
    """One evaluated year (年度评价结果): the core's score where complete, else stated; a sampled year's 复核分."""

    year: int
    score: Number | None = Field(description="自评分")
    grade: str | None = Field(description="评价等级")
    computed: bool = Field(description="true: 系统按评分框架计算；false: 报告所述")
    execution_rate: Number | None = Field(None, description="预算执行率（%）")
    correction: ResultCorrectionOut | None = Field(None, description="抽评复核调整（有则 score、grade 为复核分和复核等级）")


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
    version: int = Field(description="乐观锁版本：PATCH 时原样送回")


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
    version: int = Field(description="GET 所得的 version；期间他人已保存 → 409，不覆盖")


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


# -- router ---------------------------------------------------------------------------------------

router = Router(tags=["结果应用"])


def rectification_out(item: Rectification) -> RectificationOut:
    return RectificationOut(
        id=item.pk, department_id=item.department_id, year=item.fiscal_year.year, source=item.source,
        source_label=item.get_source_display(), problem=item.problem, feedback=item.feedback,
        deadline=item.deadline, measure=item.measure, status=item.status, status_label=item.get_status_display(),
        progress=item.progress, version=as_version(item.updated_at),
    )


@router.get("/departments/{department_id}/results", response=ResultsOut)
@require_department_access()
def get_results(request: DepartmentRequest, department_id: int, rules: str | None = None) -> ResultsOut:
    """结果应用: grade history (score, grade, stated or computed), next year's suggested treatment with its basis,
    rectification items; `rules` chooses the rules file (without it, those of the department's region and year).

    Who: those who see the department.
    """
    data = department_results(department=request.department, rules=rules_named(rules))
    return ResultsOut(
        department_id=data.department.pk, department=data.department.name, rules=data.rules.name,
        rules_source=data.rules.source, history=[YearResultOut(**asdict(y)) for y in data.history],
        suggestion=SuggestionOut(**data.suggestion.model_dump()),
        rectifications=[rectification_out(r) for r in data.rectifications],
    )


@router.get("/departments/{department_id}/rectifications", response=list[RectificationOut])
@require_department_access()
def list_rectifications(request: DepartmentRequest, department_id: int) -> list[RectificationOut]:
    """The department's rectification items (整改事项), newest year first.

    Who: those who see the department.
    """
    department = request.department
    return [rectification_out(r) for r in rectifications_of(departments=Department.objects.filter(pk=department.pk))]


@router.post("/departments/{department_id}/rectifications", response=RectificationOut)
@require_review_access("只有财政局用户可以提出整改意见")
def post_rectification(request: DepartmentRequest, department_id: int, payload: RectificationIn) -> RectificationOut:
    """Raise an item with 整改意见 and deadline `{"year", "problem", "feedback", "deadline", "source"}`.

    Who: 财政局用户, 管理员 (a department user: 403).
    """
    item = create_rectification(department=request.department, year=payload.year,
                                problem=payload.problem, feedback=payload.feedback, deadline=payload.deadline,
                                source=payload.source)
    return rectification_out(item)


@router.patch("/departments/{department_id}/rectifications/{rectification_id}", response=RectificationOut)
@require_department_access(write=True)
def patch_rectification(request: DepartmentRequest, department_id: int, rectification_id: int, payload: AnswerIn
                        ) -> RectificationOut:
    """The department's answer `{"measure", "status": "open"|"in_progress"|"done", "progress", "version"}` (整改情况);
    any other field 422; saved by someone else since `version` → 409 `{detail, version, changes}`.

    Who: the department's own users, admin (the finance bureau: 403).
    """
    item = rectification_of(department=request.department, rectification_id=rectification_id)
    return rectification_out(answer_rectification(rectification=item, measure=payload.measure, status=payload.status,
                                                  progress=payload.progress, version=payload.version))


@router.post("/departments/{department_id}/rectifications/from-evaluation/{year}", response=list[RectificationOut])
@require_department_access(write=True)
def post_from_evaluation(request: DepartmentRequest, department_id: int, year: int) -> list[RectificationOut]:
    """Turn the year's self-evaluation problems and measures into items (自评发现); a second call adds none.

    Who: the department's own users, admin.
    """
    return [rectification_out(r) for r in rectifications_from_evaluation(department=request.department, year=year)]


@router.get("/results", response=list[OverviewRowOut])
def get_overview(request: AuthenticatedHttpRequest, rules: str | None = None, grade: str | None = None, year: int | None = None,
                 q: str | None = None, overdue: bool | None = None) -> list[OverviewRowOut]:
    """Every visible department's latest grade, suggested treatment, open and overdue items (结果应用总览); `grade`, `year` (of the latest grade), `q` (name contains), `overdue` filter as on the page.

    Who: all roles (scoped).
    """
    return [OverviewRowOut(
        department_id=r.department_id, department=r.department,
        latest=YearResultOut(**asdict(r.latest)) if r.latest else None,
        suggestion=SuggestionOut(**r.suggestion.model_dump()), open_rectifications=r.open_rectifications,
        overdue_rectifications=r.overdue_rectifications,
    ) for r in filter_overview(
        results_overview(user=request.user, rules=rules_named(rules)),
        grade=grade or "", year="" if year is None else str(year), q=filter_text(q), overdue="1" if overdue else "")]
