"""事前绩效评估 (ex-ante assessment) API: the same services and permissions as the pages.

This app's part of ``/api/``: its router and the schemas of what it reads and writes.
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import time.

from datetime import datetime

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema
from pydantic import Field

from jixiao.report import Number
from jixiao.web.accounts.models import User
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.departments.permissions import can_write_figures
from jixiao.web.exante.models import ExanteAssessment
from jixiao.web.exante.selectors import (
    NARRATIVE_FIELDS,
    ExanteState,
    assessment_for,
    assessment_of,
    assessment_state,
    may_assign,
    may_review,
    queue,
)
from jixiao.web.exante.services import (
    ExanteInvalid,
    ItemReview,
    ItemText,
    assign_reviewer,
    create_assessment,
    return_assessment,
    save_assessment,
    save_review,
    submit_assessment,
)
from jixiao.web.projects.selectors import project_for

# -- schemas --------------------------------------------------------------------------------------


class ItemOut(Schema):
    """One sub-point (评估要点) with the department's and the reviewer's parts."""

    key: str
    dimension: str = Field(description="评估维度")
    group: str = Field(description="分项")
    text: str = Field(description="评估要点")
    max_points: Number = Field(description="分值")
    self_assessment: str = Field(description="自评情况")
    evidence: str = Field(description="佐证材料")
    points: Number | None = Field(description="得分（评审后）")
    grade: str | None = Field(description="等次 优/良/中/差（全部评分后）")
    note: str = Field(description="评审意见")


class AttachmentOut(Schema):
    id: int
    name: str
    description: str
    size: int
    uploaded_at: datetime


class AssessmentOut(Schema):
    """A project's 事前绩效评估: narrative, sub-points, workflow, conclusion, what is missing."""

    id: int
    project_id: int
    project: str
    project_code: str
    department_id: int
    department: str
    amount: Number | None = Field(description="申请金额（万元）")
    status: str = Field(description="draft | submitted | reviewed | returned")
    status_label: str
    narrative: dict[str, str] = Field(description="background / content / goals / funding / purpose / method / "
                                                  "procedure / other → 部门填写的文字")
    items: list[ItemOut]
    reviewer: str | None = Field(description="指定的评审专家")
    submitted_at: datetime | None
    reviewed_at: datetime | None
    total: Number | None = Field(description="总分（评审后）")
    conclusion: str | None = Field(description="support | partial | reject")
    conclusion_label: str | None
    approved_amount: Number | None = Field(description="核定金额（万元，部分支持）")
    reasons: str
    suggestions: str
    return_reason: str
    explanation: str | None = Field(description="得分与结论的说明")
    submission_problems: list[str] = Field(description="提交前还须填写的内容")
    review_problems: list[str] = Field(description="作出结论前还须完成的评审内容")
    attachments: list[AttachmentOut]
    version: int = Field(description="乐观锁版本：PUT 与评审时原样送回")


class AssessmentRow(Schema):
    id: int
    project_id: int
    project: str
    department: str
    amount: Number | None
    status: str
    status_label: str
    total: Number | None
    conclusion: str | None
    approved_amount: Number | None
    submitted_at: datetime | None


class ItemTextIn(Schema):
    self_assessment: str = ""
    evidence: str = ""


class AssessmentIn(Schema):
    """The department's part: narrative texts and, per sub-point key, self-assessment and evidence."""

    narrative: dict[str, str] = Field(default_factory=dict)
    items: dict[str, ItemTextIn] = Field(default_factory=dict)
    version: int = Field(description="GET 所得的 version；期间他人已保存 → 409，不覆盖")


class ItemReviewIn(Schema):
    points: Number | None = Field(None, ge=0, max_digits=4, decimal_places=1)
    note: str = ""


class ExanteReviewIn(Schema):
    """评审: points and notes per sub-point key, reasons, suggestions, 核定金额 (部分支持); ``conclude`` concludes."""

    items: dict[str, ItemReviewIn] = Field(default_factory=dict)
    reasons: str = ""
    suggestions: str = ""
    approved_amount: Number | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    conclude: bool = Field(False, description="true：作出结论（写回项目）；false：只保存评分")
    version: int


class ReturnIn(Schema):
    reason: str


class ReviewerIn(Schema):
    reviewer_id: int | None = Field(description="评审专家用户 id；null：由财政局评审")


# -- router ---------------------------------------------------------------------------------------

router = Router(tags=["事前绩效评估"])


def assessment_out(state: ExanteState) -> AssessmentOut:
    a = state.assessment
    project = a.project
    scored = {i.item.key: i for d in state.scored.dimensions for i in d.items} if state.scored else {}
    items = []
    for dim in state.scheme.dimensions:
        for group in dim.groups:
            for item in group.items:
                entry = state.data.entries.get(item.key)
                one = scored.get(item.key)
                items.append(ItemOut(key=item.key, dimension=dim.name, group=group.name, text=item.text,
                                     max_points=item.points, self_assessment=entry.self_assessment if entry else "",
                                     evidence=entry.evidence if entry else "",
                                     points=entry.points if entry else None, grade=one.grade if one else None,
                                     note=entry.note if entry else ""))
    reviewer = a.reviewer
    return AssessmentOut(
        id=a.pk, project_id=project.pk, project=project.name, project_code=project.code,
        department_id=project.department_id, department=project.department.name, amount=project.amount,
        status=a.status, status_label=a.get_status_display(),
        narrative={name: getattr(a, name) for name in NARRATIVE_FIELDS}, items=items,
        reviewer=(reviewer.get_full_name() or reviewer.username) if reviewer else None,
        submitted_at=a.submitted_at, reviewed_at=a.reviewed_at, total=a.total, conclusion=a.conclusion or None,
        conclusion_label=a.get_conclusion_display() or None, approved_amount=a.approved_amount,
        reasons=a.reasons, suggestions=a.suggestions, return_reason=a.return_reason,
        explanation=state.scored.explanation if state.scored and state.reviewed else None,
        submission_problems=state.submission_problems, review_problems=state.review_problems,
        attachments=[AttachmentOut(id=f.pk, name=f.original_name, description=f.description, size=f.size,
                                   uploaded_at=f.created_at) for f in state.attachments],
        version=state.version)


def _out(assessment: ExanteAssessment) -> AssessmentOut:
    assessment.refresh_from_db()
    return assessment_out(assessment_state(assessment))


def _writable(request: AuthenticatedHttpRequest, assessment_id: int) -> ExanteAssessment:
    assessment = assessment_for(request.user, assessment_id)
    if not can_write_figures(request.user, assessment.project.department):
        raise PermissionDenied("只有本部门用户可以填写事前绩效评估")
    return assessment


def _reviewable(request: AuthenticatedHttpRequest, assessment_id: int) -> ExanteAssessment:
    assessment = assessment_for(request.user, assessment_id)
    if not may_review(request.user, assessment):
        raise PermissionDenied("只有财政局用户或指定的评审专家可以评审")
    return assessment


@router.get("/exante", response=list[AssessmentRow])
def list_assessments(request: AuthenticatedHttpRequest, status: str | None = None, conclusion: str | None = None,
                     q: str | None = None, department: int | None = None) -> list[AssessmentRow]:
    """The 事前绩效评估 the user sees (评审队列): `status` (draft/submitted/reviewed/returned), `conclusion`
    (support/partial/reject), `q` (项目名称或编码), `department` filter as on the page.

    Who: all roles (scoped; an expert: only those assigned).
    """
    rows = queue(user=request.user, status=status or "", conclusion=conclusion or "", q=(q or "")[:100],
                 department="" if department is None else str(department)).order_by("status", "-submitted_at", "pk")
    return [AssessmentRow(id=a.pk, project_id=a.project_id, project=a.project.name,
                          department=a.project.department.name, amount=a.project.amount, status=a.status,
                          status_label=a.get_status_display(), total=a.total, conclusion=a.conclusion or None,
                          approved_amount=a.approved_amount, submitted_at=a.submitted_at) for a in rows[:1000]]


@router.post("/projects/{project_id}/exante", response=AssessmentOut)
def post_start(request: AuthenticatedHttpRequest, project_id: int) -> AssessmentOut:
    """Start the project's 事前绩效评估 (开展事前评估), or open the one it has.

    Who: the project's department users, admin.
    """
    project = project_for(request.user, project_id)
    if not can_write_figures(request.user, project.department):
        raise PermissionDenied("只有本部门用户可以开展事前绩效评估")
    assessment = assessment_of(project) or create_assessment(project=project, actor=request.user)
    return _out(assessment)


@router.get("/exante/{assessment_id}", response=AssessmentOut)
def get_assessment(request: AuthenticatedHttpRequest, assessment_id: int) -> AssessmentOut:
    """The assessment with every sub-point, its state, conclusion and what is still missing.

    Who: those who see the project's department; an expert: only when assigned.
    """
    return assessment_out(assessment_state(assessment_for(request.user, assessment_id)))


@router.put("/exante/{assessment_id}", response=AssessmentOut)
def put_assessment(request: AuthenticatedHttpRequest, assessment_id: int, payload: AssessmentIn) -> AssessmentOut:
    """Save the department's part `{narrative, items: {key: {self_assessment, evidence}}, version}` while 草稿 or
    已退回 (409 otherwise); saved by someone else since `version` → 409 `{detail, version, changes}`.

    Who: the project's department users, admin.
    """
    assessment = _writable(request, assessment_id)
    save_assessment(assessment=assessment, actor=request.user, version_seen=payload.version,
                    narrative=payload.narrative,
                    items={k: ItemText(v.self_assessment, v.evidence) for k, v in payload.items.items()})
    return _out(assessment)


@router.post("/exante/{assessment_id}/submit", response=AssessmentOut)
def post_submit(request: AuthenticatedHttpRequest, assessment_id: int) -> AssessmentOut:
    """Submit for review (提交评审); 422 naming what is missing.

    Who: the project's department users, admin.
    """
    assessment = _writable(request, assessment_id)
    submit_assessment(assessment=assessment, actor=request.user)
    return _out(assessment)


@router.post("/exante/{assessment_id}/review", response=AssessmentOut)
def post_review(request: AuthenticatedHttpRequest, assessment_id: int, payload: ExanteReviewIn) -> AssessmentOut:
    """Score the sub-points and, with `conclude`, conclude (评审并作出结论): the total's band gives 予以支持 /
    部分支持 (`approved_amount` required) / 不予支持, written back to the project.

    Who: 财政局用户, 管理员, the assigned expert (a department user: 403).
    """
    assessment = _reviewable(request, assessment_id)
    save_review(assessment=assessment, actor=request.user, version_seen=payload.version,
                items={k: ItemReview(v.points, v.note) for k, v in payload.items.items()},
                reasons=payload.reasons, suggestions=payload.suggestions,
                approved_amount=payload.approved_amount, conclude=payload.conclude)
    return _out(assessment)


@router.post("/exante/{assessment_id}/return", response=AssessmentOut)
def post_return(request: AuthenticatedHttpRequest, assessment_id: int, payload: ReturnIn) -> AssessmentOut:
    """Return a submitted assessment to the department (退回修改) with the reason.

    Who: 财政局用户, 管理员, the assigned expert.
    """
    assessment = _reviewable(request, assessment_id)
    return_assessment(assessment=assessment, actor=request.user, reason=payload.reason)
    return _out(assessment)


@router.put("/exante/{assessment_id}/reviewer", response=AssessmentOut)
def put_reviewer(request: AuthenticatedHttpRequest, assessment_id: int, payload: ReviewerIn) -> AssessmentOut:
    """Name the expert who reviews it (指定评审专家), or none (`reviewer_id: null`).

    Who: 财政局用户, 管理员.
    """
    assessment = assessment_for(request.user, assessment_id)
    if not may_assign(request.user):
        raise PermissionDenied("只有财政局用户可以指定评审专家")
    reviewer = None
    if payload.reviewer_id is not None:
        reviewer = User.objects.filter(pk=payload.reviewer_id).first()
        if reviewer is None:
            raise ExanteInvalid(["只能指定评审专家账户"])
    if (reviewer.pk if reviewer else None) != assessment.reviewer_id:
        assign_reviewer(assessment=assessment, reviewer=reviewer, actor=request.user)
    return _out(assessment)
