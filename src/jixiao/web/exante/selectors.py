"""Reads of 事前绩效评估: who sees which assessment, its state for a page or the API, the queue, history.

A department user sees the assessments of its own department's projects (and its 下属单位'); the
finance bureau and admins see all; an expert (评审专家) sees only those assigned to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from jixiao.exante import (
    Assessment,
    AssessmentError,
    Entry,
    Narrative,
    ProjectFacts,
    Review,
    Scheme,
    Scored,
    load_scheme,
    review_problems,
    score,
    submission_problems,
)
from jixiao.exante.assessment import NARRATIVE_LABELS
from jixiao.web.accounts.models import Role, User
from jixiao.web.common.locking import version_of
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import can_review, can_write_figures
from jixiao.web.exante.models import ExanteAssessment, ExanteAttachment, ExanteItem
from jixiao.web.projects.models import Project
from jixiao.web.projects.selectors import project_for

NARRATIVE_FIELDS = tuple(NARRATIVE_LABELS)
"""The report's narrative parts the department writes (立项背景 … 其他需要说明的问题)."""


def assessments_for(user: User) -> QuerySet[ExanteAssessment]:
    """The alive assessments ``user`` sees (role-scoped)."""
    rows = ExanteAssessment.objects.filter(project__deleted_at__isnull=True)
    if not user.is_authenticated:
        return rows.none()
    if not user.sees_all_departments:
        if user.role == Role.EXPERT:
            rows = rows.filter(reviewer=user)
        else:
            rows = rows.filter(project__department__in=Department.objects.visible_to(user))
    return rows.select_related("project", "project__department", "reviewer")


def assessment_for(user: User, pk: int) -> ExanteAssessment:
    """The assessment ``pk`` as ``user`` may see it; 404 otherwise (its existence is not revealed)."""
    found = assessments_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404("事前绩效评估不存在")
    return found


def project_of_assessments(user: User, pk: int) -> Project:
    """The project ``pk`` for its 事前评估 page: a project ``user`` sees, or, for a 评审专家, one whose
    assessment was assigned to them (an expert sees only what is assigned); 404 otherwise."""
    if user.is_authenticated and user.role == Role.EXPERT and not user.sees_all_departments:
        found = assessments_for(user).filter(project_id=pk).first()
        if found is None:
            raise Http404("项目不存在")
        return found.project
    return project_for(user, pk)


def assessment_of(project: Project) -> ExanteAssessment | None:
    """The project's alive assessment, if any."""
    return ExanteAssessment.objects.filter(project=project).first()


def may_edit(user: User, assessment: ExanteAssessment) -> bool:
    """May ``user`` write the department's part (自评) now? Its own users and admins, while 草稿/已退回."""
    return assessment.editable and can_write_figures(user, assessment.project.department)


def is_assigned_expert(user: User, assessment: ExanteAssessment) -> bool:
    return user.is_authenticated and user.role == Role.EXPERT and assessment.reviewer_id == user.pk


def may_review(user: User, assessment: ExanteAssessment) -> bool:
    """May ``user`` score and conclude it? The finance bureau, admins, or the expert it was assigned to."""
    return can_review(user) or is_assigned_expert(user, assessment)


def may_assign(user: User) -> bool:
    """Only the finance bureau (and admins) name the expert."""
    return can_review(user)


def experts() -> QuerySet[User]:
    """The users the finance bureau may name as 评审专家."""
    return User.objects.filter(role=Role.EXPERT, is_active=True).order_by("username")


def version(assessment: ExanteAssessment) -> int:
    """乐观锁版本: the assessment's and its sub-points' (deleted ones included) latest save."""
    return version_of(assessment, ExanteItem.all_objects.filter(assessment=assessment))


def entries_of(assessment: ExanteAssessment) -> dict[str, Entry]:
    return {row.key: Entry(self_assessment=row.self_assessment, evidence=row.evidence, points=row.points,
                           note=row.note) for row in assessment.items.all()}


def core_assessment(assessment: ExanteAssessment) -> Assessment:
    """The stored assessment as the core's plain data (what scoring and the report take)."""
    project = assessment.project
    reviewer = assessment.reviewed_by or assessment.reviewer
    return Assessment(
        project=ProjectFacts(name=project.name, code=project.code, department=project.department.name,
                             amount=project.amount, department_in_charge=project.department_in_charge,
                             implementer=project.implementer, attribute=project.get_attribute_display(),
                             period=project.period),
        narrative=Narrative(**{name: getattr(assessment, name) for name in NARRATIVE_FIELDS}),
        entries=entries_of(assessment),
        review=Review(reasons=assessment.reasons, suggestions=assessment.suggestions,
                      approved_amount=assessment.approved_amount,
                      reviewer=_reviewer_name(reviewer) if reviewer else ""),
    )


def _reviewer_name(user: User) -> str:
    if user.role == Role.EXPERT:
        return f"评审专家{user.get_full_name() or user.username}"
    return "财政局"


@dataclass
class ExanteState:
    """What the assessment's pages and the API show."""

    assessment: ExanteAssessment
    scheme: Scheme
    data: Assessment
    scored: Scored | None
    """Scored when every sub-point has valid points (during or after the review)."""
    submission_problems: list[str]
    review_problems: list[str]
    attachments: list[ExanteAttachment]
    version: int

    @property
    def rows(self) -> list[dict[str, Any]]:
        """Each dimension with its sub-points, entries and, once scored, points and grades (for templates)."""
        scored = {i.item.key: i for d in self.scored.dimensions for i in d.items} if self.scored else {}
        subtotal = {d.dimension.key: d.points for d in self.scored.dimensions} if self.scored else {}
        return [{"dimension": dim, "points": subtotal.get(dim.key),
                 "items": [{"item": item, "group": group, "entry": self.data.entries.get(item.key, Entry()),
                            "scored": scored.get(item.key)} for group in dim.groups for item in group.items]}
                for dim in self.scheme.dimensions]

    @property
    def started(self) -> bool:
        """Has the department written anything yet? (What is missing shows after the first save.)"""
        narrative = self.data.narrative
        return any(getattr(narrative, name).strip() for name in NARRATIVE_FIELDS) \
            or any(e.self_assessment.strip() for e in self.data.entries.values())

    @property
    def reviewed(self) -> bool:
        return self.assessment.status == ExanteAssessment.Status.REVIEWED


def assessment_state(assessment: ExanteAssessment) -> ExanteState:
    scheme = load_scheme(assessment.scheme)
    data = core_assessment(assessment)
    try:
        scored: Scored | None = score(scheme, data.entries)
    except AssessmentError:
        scored = None
    return ExanteState(assessment=assessment, scheme=scheme, data=data, scored=scored,
                       submission_problems=submission_problems(scheme, data),
                       review_problems=review_problems(scheme, data),
                       attachments=list(assessment.attachments.select_related("uploaded_by")),
                       version=version(assessment))


QUEUE_FILTERS = ("status", "conclusion", "q", "department")
"""The queue's filters (page and ``/api/exante``): 状态, 结论, 项目名称/编码, 部门 (id)."""
QUEUE_SORTS: dict[str, tuple[str, ...]] = {
    "submitted": ("submitted_at", "pk"), "project": ("project__name", "pk"), "amount": ("project__amount", "pk"),
    "department": ("project__department__name", "pk"), "total": ("total", "pk"), "status": ("status", "pk"),
}


def queue(*, user: User, status: str = "", conclusion: str = "", q: str = "", department: str = ""
          ) -> QuerySet[ExanteAssessment]:
    """The assessments ``user`` sees, filtered as the queue asks (待评审 first when no sort is asked)."""
    rows = assessments_for(user)
    if status in ExanteAssessment.Status.values:
        rows = rows.filter(status=status)
    if conclusion in ExanteAssessment.Conclusion.values:
        rows = rows.filter(conclusion=conclusion)
    if q:
        rows = rows.filter(Q(project__name__icontains=q) | Q(project__code__icontains=q))
    if department.isdigit() and len(department) <= 18:
        rows = rows.filter(project__department_id=int(department))
    return rows


def counts(rows: QuerySet[ExanteAssessment]) -> dict[str, int]:
    """How many of ``rows`` are in each status and each conclusion (the queue's tabs)."""
    out = {value: 0 for value in (*ExanteAssessment.Status.values, *ExanteAssessment.Conclusion.values)}
    for status, conclusion in rows.values_list("status", "conclusion"):
        out[status] += 1
        if conclusion:
            out[conclusion] += 1
    return out


def history(assessment: ExanteAssessment, *, limit: int = 40) -> list[dict[str, Any]]:
    """The assessment's history in words (when, who, what changed), its sub-points' edits included."""
    records: list[Any] = list(assessment.history.select_related("history_user").order_by("-history_date")[:limit])
    records += list(ExanteItem.history.filter(assessment_id=assessment.pk).select_related("history_user")
                    .order_by("-history_date")[:limit])
    records.sort(key=lambda r: r.history_date, reverse=True)
    scheme = load_scheme(assessment.scheme)
    lines = []
    for record in records:
        user = record.history_user
        who = (user.get_full_name() or user.username) if user is not None else "系统"
        is_item = isinstance(record.instance, ExanteItem)
        if record.history_type == "+":
            if is_item:
                continue
            lines.append({"date": record.history_date, "who": who, "action": "新建事前评估", "changes": [], "items": 0})
            continue
        previous = record.prev_record
        if previous is None:
            continue
        changes = []
        for change in record.diff_against(previous).changes:
            if change.field in ("updated_at", "created_at", "submitted_at", "reviewed_at", "submitted_by",
                                "reviewed_by", "total"):
                continue
            model = ExanteItem if is_item else ExanteAssessment
            label = str(getattr(model._meta.get_field(change.field), "verbose_name", change.field))
            changes.append(f"{label}：{_shown(model, change.field, change.old)} → {_shown(model, change.field, change.new)}")
        if not changes:
            continue
        if not is_item:
            lines.append({"date": record.history_date, "who": who, "action": "修改事前评估", "changes": changes,
                          "items": 0})
            continue
        try:
            text = scheme.item(record.key).text
        except KeyError:
            text = record.key
        shown = "；".join(c.split("：", 1)[1] if c.startswith(("得分", "评审意见")) else c for c in changes)
        last = lines[-1] if lines else None
        if last is not None and last["items"] and last["who"] == who \
                and abs((last["date"] - record.history_date).total_seconds()) <= ONE_SAVE_SECONDS:
            last["items"] += 1  # the sub-points of one save are one line
            if len(last["changes"]) < ITEMS_SHOWN:
                last["changes"].append(f"{text}：{shown}")
            last["action"] = f"修改评估要点（{last['items']} 项）"
            continue
        lines.append({"date": record.history_date, "who": who, "action": "修改评估要点（1 项）",
                      "changes": [f"{text}：{shown}"], "items": 1})
    for line in lines:
        hidden = line["items"] - len(line["changes"])
        if line["items"] and hidden > 0:
            line["changes"].append(f"另有 {hidden} 项")
    return lines[:limit]


ONE_SAVE_SECONDS = 5
"""Sub-point edits by one user this close together were one save of the form: one line of the history."""
ITEMS_SHOWN = 6


SHOWN_LENGTH = 40


def _shown(model: Any, name: str, value: Any) -> str:
    from jixiao.figures import money, plain

    if value in (None, ""):
        return "—"
    field = model._meta.get_field(name)
    choices = dict(getattr(field, "choices", None) or ())
    if choices:
        return str(choices.get(value, value))
    if name == "approved_amount":
        return f"{money(Decimal(value))} 万元"
    if name == "points":
        return f"{plain(Decimal(value))} 分"
    if name in ("reviewer",):
        user = User.objects.filter(pk=value).first()
        return (user.get_full_name() or user.username) if user else "—"
    text = str(value).replace("\n", " ")
    return text if len(text) <= SHOWN_LENGTH else text[:SHOWN_LENGTH] + "…"
