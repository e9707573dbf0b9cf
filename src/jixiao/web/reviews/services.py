"""Writes of 复核: uploading a report file for review, and the finance bureau's 复核意见 and decisions.

The pages and the API call these same functions; who may do what is declared in
``jixiao.web.departments.permissions`` (``can_upload_for``, ``can_review``) and checked here, not in views.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from jixiao.errors import JixiaoError
from jixiao.report import Finding
from jixiao.review import finding_key
from jixiao.web.accounts.models import User
from jixiao.web.common.locking import check_version, version_of
from jixiao.web.departments.permissions import can_review
from jixiao.web.documents.models import SourceDocument
from jixiao.web.reviews.models import FindingDecision, ReviewRecord, ReviewStatus


class UploadRejected(JixiaoError):
    """A file that cannot be stored (上传失败): unreadable, not a report, too large; one line naming the file."""


class OtherDepartmentsReport(JixiaoError):
    """A department user's upload of a report that names another department (非本部门报告)."""


class ReviewNotAllowed(JixiaoError):
    """A user who may not write 复核意见 tried to."""


class ReviewInvalid(JixiaoError):
    """A 复核意见 that does not hold together (no opinion for 需整改/退回, a note missing, an unknown finding)."""


@dataclass(frozen=True)
class Decision:
    """A reviewer's decision on one finding, as a form or the API hands it over."""

    key: str
    decision: str  # "confirmed", "dismissed", or "" for none (withdraws an earlier one)
    note: str = ""


REQUIRES_OPINION = (ReviewStatus.RECTIFY, ReviewStatus.RETURNED)


@transaction.atomic
def record_review(*, document: SourceDocument, reviewer: User, status: str, opinion: str,
                  findings: Sequence[Finding], decisions: Sequence[Decision], version: int | None = None
                  ) -> ReviewRecord:
    """Record the 复核意见, status and decisions on ``findings`` of ``document``; edits in place, keeps history.

    ``version``: the review's as the reviewer saw it (``review_version``); saved by someone else since →
    ``EditConflict``, nothing written (``None``: no check).
    """
    if not can_review(reviewer):
        raise ReviewNotAllowed("只有财政局用户和管理员可以填写复核意见")
    list(ReviewRecord.objects.select_for_update().filter(document=document))
    check_version(version, *review_parts(document), what=f"“{document.original_name}”的复核意见")
    return write_review(document=document, reviewer=reviewer, status=status, opinion=opinion, findings=findings,
                        decisions=decisions)


def review_parts(document: SourceDocument) -> tuple[QuerySet, ...]:
    """The rows a file's 复核意见 is made of (deleted decisions included): its version (乐观锁) is theirs."""
    return (ReviewRecord.all_objects.filter(document=document),
            FindingDecision.all_objects.filter(record__document=document))


def review_version(document: SourceDocument) -> int:
    return version_of(*review_parts(document))


@transaction.atomic
def write_review(*, document: SourceDocument, reviewer: User | None, status: str, opinion: str,
                 findings: Sequence[Finding], decisions: Sequence[Decision]) -> ReviewRecord:
    """Validate and store a 复核记录 without the role check: for trusted callers (the demo data) only."""
    opinion = opinion.strip()
    if status not in ReviewStatus.values:
        raise ReviewInvalid(f"未知的复核状态：{status}")
    if status in REQUIRES_OPINION and not opinion:
        raise ReviewInvalid(f"复核状态为「{ReviewStatus(status).label}」时须填写复核意见")
    rules = {finding_key(f): f.rule for f in findings}
    for item in decisions:
        if item.key not in rules:
            raise ReviewInvalid(f"本文件的复核发现中没有 {item.key}")
        if item.decision not in ("", *FindingDecision.Decision.values):
            raise ReviewInvalid(f"未知的处理：{item.decision}")
        if item.decision == FindingDecision.Decision.DISMISSED and not item.note.strip():
            raise ReviewInvalid(f"不采纳 {rules[item.key]} 须说明理由")
    record = ReviewRecord.objects.filter(document=document).first() or ReviewRecord(document=document)
    _update(record, status=status, opinion=opinion, reviewer_id=reviewer.pk if reviewer else None)
    existing = {d.key: d for d in record.decisions.all()}
    for item in decisions:
        row = existing.get(item.key)
        if not item.decision:
            if row is not None:
                row.delete()  # soft: the withdrawn decision stays in history
            continue
        row = row or FindingDecision(record=record, key=item.key, rule=rules[item.key])
        _update(row, decision=item.decision, note=item.note.strip())
    return record


def _update(row: ReviewRecord | FindingDecision, **values: object) -> None:
    """Save ``row`` only when a value changes, so that history holds changes, not repeats."""
    if row.pk is not None and all(getattr(row, name) == value for name, value in values.items()):
        return
    for name, value in values.items():
        setattr(row, name, value)
    row.save()

