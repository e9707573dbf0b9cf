"""复核: the stored report files and the core review's findings on their text.

This app's part of ``/api/``: its router and the schemas of what it reads and writes.
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.

from datetime import datetime
from typing import Literal

from django.http import JsonResponse
from ninja import File, Router, Schema
from ninja.files import UploadedFile
from pydantic import Field

from jixiao.report import Finding
from jixiao.review import finding_key
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.common.listing import as_number, filter_text
from jixiao.web.documents.models import SourceDocument
from jixiao.web.documents.permissions import DocumentRequest, require_document_access
from jixiao.web.reviews.flows import upload_report
from jixiao.web.reviews.selectors import core_review, recorded_review, review_queue
from jixiao.web.reviews.services import Decision, record_review, review_version

# -- schemas --------------------------------------------------------------------------------------

class DocumentOut(Schema):
    """A stored report file (原始文件)."""

    id: int
    original_name: str
    format: str
    department_id: int | None
    year: int | None
    pages: int | None
    size: int


class UploadOut(Schema):
    """An uploaded report file (上传报告): the stored file, whether it was new, and what to tell the user."""

    document: DocumentOut
    created: bool
    notice: str | None = None


class DecisionIn(Schema):
    """The decision on one finding: ``key`` as ``GET …/review`` or ``jixiao.review.finding_key`` gives it."""

    key: str = Field(max_length=300)
    decision: Literal["confirmed", "dismissed", ""] = Field(description="确认 / 不采纳 / 空（撤销）")
    note: str = Field("", max_length=2000, description="说明；不采纳时必填")


class ReviewIn(Schema):
    """复核意见 as the finance bureau records it."""

    status: Literal["pending", "in_review", "passed", "rectify", "returned"] = Field(
        description="待复核 / 复核中 / 通过 / 需整改 / 退回")
    opinion: str = Field("", max_length=20000, description="复核意见；需整改、退回时必填")
    decisions: list[DecisionIn] = Field(default_factory=list)
    version: int = Field(description="GET 所得的 version；期间他人已保存 → 409，不覆盖")


class DecisionOut(Schema):
    key: str
    rule: str
    decision: str | None = Field(description="confirmed / dismissed, or null when not decided")
    note: str
    severity: str
    message: str


class ReviewChangeOut(Schema):
    """One change of a file's 复核意见 (who, when, old → new)."""

    when: datetime
    who: str
    what: str
    old: str
    new: str


class ReviewOut(Schema):
    """The recorded 复核意见 of a file with a row per current finding and the change history."""

    document_id: int
    status: str
    status_label: str
    opinion: str
    reviewer: str | None
    updated_at: datetime | None
    findings: list[DecisionOut]
    history: list[ReviewChangeOut]
    version: int = Field(description="乐观锁版本：PUT 时原样送回（尚无复核记录为 0）")


# -- router ---------------------------------------------------------------------------------------

router = Router(tags=["复核"])


def document_out(document: SourceDocument) -> DocumentOut:
    return DocumentOut(
        id=document.pk, original_name=document.original_name, format=document.format,
        department_id=document.department_id, year=document.fiscal_year.year if document.fiscal_year else None,
        pages=document.pages, size=document.size,
    )


@router.get("/documents", response=list[DocumentOut])
def list_documents(request: AuthenticatedHttpRequest, status: str | None = None, year: int | None = None,
                   department: int | None = None, q: str | None = None, sampled: bool = False) -> list[DocumentOut]:
    """Stored report files the user sees (原始文件); `status` (复核状态), `year`, `department`, `q` (file name contains), `sampled` (only files in a current 抽评 draw) filter as on the page.

    Who: all roles (scoped; files of no department: the finance bureau and admins).
    """
    queue = review_queue(request.user, status=status or None, year=as_number(str(year or "")),
                         department=as_number(str(department or "")), q=filter_text(q), sampled=sampled)
    return [document_out(d) for d in queue]


@router.get("/documents/{document_id}/findings", response=list[Finding])
@require_document_access()
def get_findings(request: DocumentRequest, document_id: int) -> JsonResponse:
    """The core's `review_text` on the stored text (复核发现), each finding with its evidence span.

    Who: those who see the file.
    """
    review = core_review(request.document)
    if review.error is not None:  # not a report: nothing to review
        return JsonResponse({"detail": review.error}, status=422, json_dumps_params={"ensure_ascii": False})
    return JsonResponse([f.model_dump(mode="json") for f in review.findings], safe=False,
                        json_dumps_params={"ensure_ascii": False})

def review_out(document: SourceDocument) -> ReviewOut:
    findings = core_review(document).findings
    recorded = recorded_review(document)
    record = recorded.record
    rows = []
    for finding in findings:
        key = finding_key(finding)
        decided = recorded.decisions.get(key)
        rows.append(DecisionOut(key=key, rule=finding.rule, decision=decided.decision if decided else None,
                                note=decided.note if decided else "", severity=finding.severity,
                                message=finding.message))
    reviewer = record.reviewer if record else None
    return ReviewOut(
        document_id=document.pk, status=recorded.status, status_label=recorded.status_label,
        opinion=record.opinion if record else "", updated_at=record.updated_at if record else None,
        reviewer=(reviewer.get_full_name() or reviewer.username) if reviewer else None, findings=rows,
        history=[ReviewChangeOut(when=c.when, who=c.who, what=c.what, old=c.old, new=c.new) for c in recorded.history],
        version=review_version(document),
    )


@router.post("/documents", response=UploadOut)
def upload_document(request: AuthenticatedHttpRequest, file: UploadedFile = File(...)) -> UploadOut:  # noqa: B008 - ninja's idiom
    """Upload a report file for 复核 (上传报告, multipart `file`): `{document, created, notice}`; a file already stored
    returns the stored one. 422 with the importer's one line for a bad file, 403 for a department user's
    upload of another department's report.

    Who: all roles (a department user: its own reports only).
    """
    outcome = upload_report(user=request.user, name=file.name or "", chunks=file.chunks())
    return UploadOut(document=document_out(outcome.document), created=outcome.created, notice=outcome.notice)


@router.get("/documents/{document_id}/review", response=ReviewOut)
@require_document_access()
def get_review(request: DocumentRequest, document_id: int) -> ReviewOut:
    """The recorded 复核意见: status, opinion, reviewer, every current finding with its `key` and decision, the
    change history.

    Who: those who see the file.
    """
    return review_out(request.document)


@router.put("/documents/{document_id}/review", response=ReviewOut)
@require_document_access(write=True)
def put_review(request: DocumentRequest, document_id: int, payload: ReviewIn) -> ReviewOut:
    """Record the 复核意见 `{"status": "rectify", "opinion": "…", "decisions": [{"key": "…", "decision":
    "confirmed"|"dismissed"|"", "note": "…"}], "version": …}` through the page's service; 422 when incomplete;
    saved by someone else since `version` → 409 `{detail, version, changes}`.

    Who: 财政局用户, 管理员 (a department user: 403).
    """
    document = request.document
    record_review(document=document, reviewer=request.user, status=payload.status, opinion=payload.opinion,
                  findings=core_review(document).findings,
                  decisions=[Decision(d.key, d.decision, d.note) for d in payload.decisions], version=payload.version)
    return review_out(document)
