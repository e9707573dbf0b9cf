"""Reads of 信息公开: what a department-year may publish (the rule), the bureau's list, the public site's list.

The rule (公开条件), one per kind — only what the workflow has approved or submitted:

- 绩效目标 (goals with the budget): the year's 绩效目标申报 is 已通过 (目标审核); where the goals were
  never declared in the system (no 申报 row: they came with an imported report), the year's
  self-evaluation is 已提交 — the goals stand as the department reported them.
- 自评报告及自评表: the year's 年终自评 is 已提交 (locked), and the bureau's 复核 of its report has not
  退回 it (a returned report is being corrected).
- 复核结果: the bureau's 复核 of the year's report has concluded 通过 or 需整改.

Public reads (``public_*``) see only live publications (已公开, not deleted), nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Q, QuerySet

from jixiao.web.accounts.models import User
from jixiao.web.budgets.models import Budget
from jixiao.web.declarations.models import GoalDeclaration
from jixiao.web.departments.models import Department
from jixiao.web.disclosure.models import Kind, Publication, PublishedFile
from jixiao.web.documents.models import SourceDocument
from jixiao.web.evaluation.models import Evaluation
from jixiao.web.results.extensions import ScoreCorrection, corrections_of  # filled by the 抽评 app
from jixiao.web.reviews.models import ReviewRecord, ReviewStatus

CONCLUDED = (ReviewStatus.PASSED, ReviewStatus.RECTIFY)
"""复核 outcomes the bureau may publish (a 复核 still open, or 退回, is not a result)."""


@dataclass(frozen=True)
class Eligibility:
    """Whether a department-year's item may be published (可公开) and why (its basis, or what is missing)."""

    allowed: bool
    reason: str


def year_evaluation(department: Department, year: int) -> Evaluation | None:
    return Evaluation.objects.filter(department=department, fiscal_year__year=year).first()


def year_document(department: Department, year: int) -> SourceDocument | None:
    """The stored report file of the department-year: the evaluation's own file, else the latest one reviewed."""
    evaluation = year_evaluation(department, year)
    if evaluation is not None and evaluation.source_document_id is not None:
        document = SourceDocument.objects.filter(pk=evaluation.source_document_id).first()
        if document is not None:
            return document
    return (SourceDocument.objects.filter(department=department, fiscal_year__year=year, review_records__isnull=False)
            .order_by("-created_at").first())


def year_review(department: Department, year: int) -> ReviewRecord | None:
    """The bureau's 复核记录 of the department-year's report, if any."""
    document = year_document(department, year)
    if document is None:
        return None
    return ReviewRecord.objects.filter(document=document).select_related("reviewer").first()


def year_correction(department: Department, year: int) -> ScoreCorrection | None:
    """The 抽评 复核's correction of the department-year's score (自评分 → 复核分), when it was sampled and adjusted."""
    budget = Budget.objects.filter(department=department, fiscal_year__year=year).first()
    if budget is None:
        return None
    return corrections_of(departments=Department.objects.filter(pk=department.pk)).get(budget.pk)


def eligibility(department: Department, year: int, kind: str) -> Eligibility:
    """The publication rule of the module docstring for one item."""
    evaluation = year_evaluation(department, year)
    submitted = evaluation is not None and evaluation.status == Evaluation.Status.SUBMITTED
    review = year_review(department, year)
    if kind == Kind.GOALS:
        declaration = GoalDeclaration.objects.filter(department=department, fiscal_year__year=year).first()
        if declaration is not None:
            if declaration.status == GoalDeclaration.Status.APPROVED:
                return Eligibility(True, "绩效目标申报已通过审核")
            return Eligibility(False, f"绩效目标申报状态为{declaration.get_status_display()}，审核通过后方可公开")
        if submitted:
            return Eligibility(True, "绩效目标随已提交的年终自评报送")
        return Eligibility(False, "尚无审核通过的绩效目标")
    if kind == Kind.SELF_EVALUATION:
        if not submitted:
            return Eligibility(False, "年终自评尚未提交")
        if review is not None and review.status == ReviewStatus.RETURNED:
            return Eligibility(False, "自评报告已被复核退回，重新提交后方可公开")
        assert evaluation is not None and evaluation.submitted_at is not None
        return Eligibility(True, f"年终自评已于{evaluation.submitted_at:%Y年%m月%d日}提交")
    if kind == Kind.REVIEW:
        if review is None or review.status not in CONCLUDED:
            state = review.get_status_display() if review is not None else "待复核"
            return Eligibility(False, f"尚无复核结论（{state}）")
        return Eligibility(True, f"复核结论：{review.get_status_display()}")
    return Eligibility(False, "不支持的公开内容")


@dataclass(frozen=True)
class Candidate:
    """One row of the publishing page: a department-year's item, whether it may be published, its live publication."""

    department: Department
    year: int
    kind: str
    label: str
    eligibility: Eligibility
    live: Publication | None


def candidates(*, year: int, department: int | None = None) -> list[list[Candidate]]:
    """Every department of ``year`` (with a budget), one row each with a cell per kind, as the publishing page lists them."""
    departments = Department.objects.filter(
        pk__in=Budget.objects.filter(fiscal_year__year=year).values("department")).order_by("name")
    if department is not None:
        departments = departments.filter(pk=department)
    live = {(p.department_id, p.kind): p for p in live_publications().filter(fiscal_year__year=year)}
    return [[Candidate(d, year, kind.value, kind.label, eligibility(d, year, kind.value), live.get((d.pk, kind.value)))
             for kind in Kind] for d in departments]


def live_publications() -> QuerySet[Publication]:
    """Publications on the public site now (已公开, not deleted)."""
    return (Publication.objects.filter(status=Publication.Status.PUBLISHED)
            .select_related("department", "fiscal_year").prefetch_related("files__blob"))


def publications_for(user: User, *, year: int | None = None, department: int | None = None, kind: str | None = None,
                     status: str | None = None) -> QuerySet[Publication]:
    """Every publication act (live and withdrawn) of the departments ``user`` sees, newest first (公开记录)."""
    rows = (Publication.objects.filter(department__in=Department.objects.visible_to(user))
            .select_related("department", "fiscal_year", "published_by", "withdrawn_by")
            .prefetch_related("files__blob"))
    if year is not None:
        rows = rows.filter(fiscal_year__year=year)
    if department is not None:
        rows = rows.filter(department_id=department)
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-published_at", "-pk")


def publication_for(user: User, publication_id: int) -> Publication | None:
    """One publication of a department ``user`` sees, or None (its existence is not revealed)."""
    return publications_for(user).filter(pk=publication_id).first()


def publishing_years() -> list[int]:
    """Years with a budget, newest first (the publishing page's year choice)."""
    return sorted(set(Budget.objects.values_list("fiscal_year__year", flat=True)), reverse=True)


# -- the public site ------------------------------------------------------------------------------

def public_list(*, year: int | None = None, department: int | None = None, kind: str | None = None,
                q: str | None = None) -> QuerySet[Publication]:
    """Live publications for the public list (公开目录), filtered by year, department, kind and words of the title."""
    rows = live_publications()
    if year is not None:
        rows = rows.filter(fiscal_year__year=year)
    if department is not None:
        rows = rows.filter(department_id=department)
    if kind:
        rows = rows.filter(kind=kind)
    for word in (q or "").split():
        rows = rows.filter(Q(title__icontains=word) | Q(department__name__icontains=word))
    return rows.order_by("-fiscal_year__year", "department__name", "kind", "-pk")


def public_publication(publication_id: int) -> Publication | None:
    """A live publication, or None (withdrawn, deleted and unknown ones alike)."""
    return live_publications().filter(pk=publication_id).first()


def public_file(file_id: int) -> PublishedFile | None:
    """An attachment of a live publication, or None."""
    return (PublishedFile.objects.filter(pk=file_id, publication__status=Publication.Status.PUBLISHED,
                                         publication__deleted_at__isnull=True)
            .select_related("blob", "publication").first())


def public_facets() -> dict[str, list[tuple[Any, str]]]:
    """The filter choices of the public list: years and departments that have live publications, and the kinds."""
    rows = live_publications()
    years = sorted({p.fiscal_year.year for p in rows}, reverse=True)
    departments = sorted({(p.department_id, p.department.name) for p in rows}, key=lambda d: d[1])
    return {"years": [(y, f"{y}年度") for y in years], "departments": departments,
            "kinds": [(k.value, k.label) for k in Kind]}


def public_state() -> tuple[int, datetime | None]:
    """(number of publication rows, latest change): changes on every publish and withdraw (the public cache key)."""
    state = Publication.all_objects.aggregate(count=Count("pk"), latest=Max("updated_at"))
    return state["count"], state["latest"]
