"""Reads of 复核: the review queue, a file's findings, and the recorded 复核意见 with its history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from jixiao.errors import JixiaoError
from jixiao.report import Finding, PerformanceReport
from jixiao.review import finding_key, review_text
from jixiao.review.engine import rule_title
from jixiao.web.accounts.models import User
from jixiao.web.audit.selectors import versions
from jixiao.web.documents.models import SourceDocument
from jixiao.web.documents.selectors import documents_visible_to
from jixiao.web.reviews.extensions import basis_for, sampled_ids  # filled by the 抽评 and 目标质量 apps
from jixiao.web.reviews.models import FindingDecision, ReviewRecord, ReviewStatus

REVIEW_FILTERS = ("status", "year", "department", "q", "sampled")
"""The review queue's filters (page and ``/api/documents``): 复核状态, 年度, 部门 (id), 文件名 contains, 只看抽中
(``1``: the files in a current 抽评 draw)."""
REVIEW_SORTS = {
    "name": ("original_name", "-created_at"), "department": ("department__name", "-created_at"),
    "year": ("fiscal_year__year", "department__name"), "status": ("review_status", "-created_at"),
    "created": ("created_at",), "pages": ("pages", "original_name"),
}
"""Columns the review queue sorts by, each with its tie-breakers."""


def review_queue(user: User, *, status: str | None = None, year: int | None = None, department: int | None = None,
                 q: str = "", sampled: bool = False) -> QuerySet[SourceDocument]:
    """The files ``user`` sees with their 复核状态 as ``review_status`` (待复核 when nothing is recorded),
    narrowed by status, year, department, a part of the file name and (``sampled``) to those drawn in a
    current 抽评."""
    record = ReviewRecord.objects.filter(document=OuterRef("pk")).values("status")[:1]
    queue = documents_visible_to(user).select_related("department", "fiscal_year").annotate(
        review_status=Coalesce(Subquery(record), Value(ReviewStatus.PENDING)))
    if status:
        queue = queue.filter(review_status=status)
    if year is not None:
        queue = queue.filter(fiscal_year__year=year)
    if department is not None:
        queue = queue.filter(department_id=department)
    if q:
        queue = queue.filter(original_name__contains=q)
    if sampled:
        queue = queue.filter(pk__in=sampled_ids())
    return queue


@dataclass(frozen=True)
class CoreReview:
    """The core's review of a stored file: its report and findings, or why it is no report."""

    report: PerformanceReport | None
    findings: list[Finding]
    error: str | None = None


def core_review(document: SourceDocument) -> CoreReview:
    """Run the core review (``jixiao.review.review_text``) on the stored text."""
    try:
        report, findings = review_text(document.extracted_text, target_basis=basis_for(document.department))
    except JixiaoError as exc:  # not a report (no title, year or budget)
        return CoreReview(None, [], str(exc))
    return CoreReview(report, findings)


@dataclass(frozen=True)
class Change:
    """One recorded change (变更记录): who, when, what, old → new."""

    when: datetime
    who: str
    what: str
    old: str
    new: str


@dataclass(frozen=True)
class RecordedReview:
    """The 复核意见 of a file as stored: status, opinion, decisions by finding key, history newest first."""

    record: ReviewRecord | None
    decisions: dict[str, FindingDecision] = field(default_factory=dict)
    history: list[Change] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.record.status if self.record else str(ReviewStatus.PENDING)

    @property
    def status_label(self) -> str:
        return ReviewStatus(self.status).label


def recorded_review(document: SourceDocument) -> RecordedReview:
    """What the finance bureau recorded on ``document`` (复核记录)."""
    record = ReviewRecord.objects.select_related("reviewer").filter(document=document).first()
    if record is None:
        return RecordedReview(None)
    decisions = {d.key: d for d in record.decisions.all()}
    return RecordedReview(record, decisions, _history(record))


def _label(model: type, name: str, value: object) -> str:
    choices = dict(model._meta.get_field(name).choices or ())  # type: ignore[attr-defined]  # a model class, typed as a plain type
    return str(choices.get(value, value if value not in (None, "") else "—"))


def _history(record: ReviewRecord) -> list[Change]:
    """The changes of the record's status and opinion and of its decisions, newest first, from the audit
    app's reading of the history (``audit.selectors.versions``)."""
    changes: list[Change] = []
    for version in versions(model="reviews.reviewrecord", id=record.pk):
        for name, what in (("status", "复核状态"), ("opinion", "复核意见")):
            old = getattr(version.previous, name) if version.previous is not None else None
            new = getattr(version.row, name)
            if old != new:
                changes.append(Change(version.date, version.user or "系统", what, _label(ReviewRecord, name, old),
                                      _label(ReviewRecord, name, new)))
    for version in versions(model="reviews.findingdecision", record_id=record.pk):
        before, row = version.previous, version.row
        old = "—" if before is None else f"{_label(FindingDecision, 'decision', before.decision)} {before.note}".strip()
        new = "撤销" if row.deleted_at else f"{_label(FindingDecision, 'decision', row.decision)} {row.note}".strip()
        if old != new:
            changes.append(Change(version.date, version.user or "系统", f"发现「{rule_title(row.rule)}」", old, new))
    return sorted(changes, key=lambda c: c.when, reverse=True)


def decision_rows(findings: list[Finding], recorded: RecordedReview) -> list[tuple[int, str, Finding, FindingDecision | None]]:
    """Each finding with its index, key and the recorded decision (None when not decided)."""
    return [(i, key, f, recorded.decisions.get(key)) for i, f in enumerate(findings) if (key := finding_key(f))]
