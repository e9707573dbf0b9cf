"""Writes of 复核: uploading a report file for review, and the finance bureau's 复核意见 and decisions.

The pages and the API call these same functions; who may do what is declared in
``jixiao.web.departments.permissions`` (``can_upload_for``, ``can_review``) and checked here, not in views.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from jixiao.errors import JixiaoError
from jixiao.importer import ImportResult, import_file
from jixiao.report import Finding
from jixiao.review import finding_key
from jixiao.web.accounts.models import User
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import can_review, can_upload_for
from jixiao.web.documents.models import SourceDocument
from jixiao.web.documents.services import store_document
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
class Upload:
    """What came of an upload: the stored (or already stored) file and what the user should be told."""

    document: SourceDocument
    created: bool
    notice: str | None = None


def upload_name(name: str) -> str:
    """The file's own name, without any folder a browser may send, at most 200 characters."""
    base = Path(name.replace("\\", "/")).name.strip() or "未命名文件"
    stem, suffix = Path(base).stem, Path(base).suffix
    return stem[: 200 - len(suffix)] + suffix


def named_department(name: str | None) -> Department | None:
    """The stored department a report names (by full name or 简称), or None."""
    if not name:
        return None
    return Department.objects.filter(Q(name=name) | Q(short_name=name)).order_by("pk").first()


def upload_report(*, user: User, name: str, chunks: Iterable[bytes]) -> Upload:
    """Store an uploaded report file for 复核 (上传报告) under the department it names.

    The finance bureau and admins store any report; when the department it names is not in the
    system, the file is stored under none (no department is created behind the user's back) and
    the notice says so. A department user stores only a report of their own department or its
    下属单位; any other is refused and nothing is stored. A file already stored (same sha256)
    is not stored again: the stored one is returned.
    """
    shown = upload_name(name)
    with tempfile.TemporaryDirectory(prefix="jixiao-upload-") as folder:
        path = Path(folder) / shown
        with path.open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        result = import_file(path, max_bytes=settings.JIXIAO_UPLOAD_MAX_BYTES)
        if result.report is None:
            raise UploadRejected((result.error or "无法读取").replace(str(path), shown))
        department = named_department(result.report.department)
        if not can_upload_for(user, department):
            # The name the file states is the user's own input; whether such a department exists is not said.
            raise OtherDepartmentsReport(f"{shown}: 报告所述部门不是本部门或下属单位，只能上传本部门的报告；文件未入库")
        return _store(result, shown, department, user)


@transaction.atomic
def _store(result: ImportResult, shown: str, department: Department | None, user: User) -> Upload:
    document, created = store_document(result, department=department, uploaded_by=user)
    if not created:
        return Upload(document, False, f"{shown}: 该文件已入库（内容相同），已打开已存的文件")
    if department is None:
        stated = (result.report.department if result.report else None) or "（未识别）"
        return Upload(document, True, f"{shown}: 报告所述部门「{stated}」未在系统中登记，文件已入库但未关联部门；"
                                      "如需关联，请管理员先建立该部门")
    return Upload(document, True, None)


@dataclass(frozen=True)
class Decision:
    """A reviewer's decision on one finding, as a form or the API hands it over."""

    key: str
    decision: str  # "confirmed", "dismissed", or "" for none (withdraws an earlier one)
    note: str = ""


REQUIRES_OPINION = (ReviewStatus.RECTIFY, ReviewStatus.RETURNED)


@transaction.atomic
def record_review(*, document: SourceDocument, reviewer: User, status: str, opinion: str,
                  findings: Sequence[Finding], decisions: Sequence[Decision]) -> ReviewRecord:
    """Record the 复核意见, status and decisions on ``findings`` of ``document``; edits in place, keeps history."""
    if not can_review(reviewer):
        raise ReviewNotAllowed("只有财政局用户和管理员可以填写复核意见")
    return write_review(document=document, reviewer=reviewer, status=status, opinion=opinion, findings=findings,
                        decisions=decisions)


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

