"""批量处理: a batch's progress and its files' outcomes (what the batch page polls).

This app's part of ``/api/``: its router and the schemas of what it reads.
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import time.

from django.http import Http404
from ninja import Router, Schema

from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.batches.selectors import batch_files, batch_progress, batches_visible_to


class BatchFileOut(Schema):
    """One file of a batch (批次文件): its state and why."""

    position: int
    name: str
    state: str
    reason: str
    outcome: str
    document_id: int | None


class BatchOut(Schema):
    """A batch's progress (批次进度): counts of files done, failed and pending, and the files."""

    batch: str
    total: int
    done: int
    failed: int
    pending: int
    percent: int
    files: list[BatchFileOut]


router = Router(tags=["批量处理"])


@router.get("/batches/{key}", response=BatchOut, url_name="batch-status")
def batch_status(request: AuthenticatedHttpRequest, key: str) -> BatchOut:
    """A batch's progress (批次进度): files done, failed and pending, and each file's outcome (what the batch page polls).

    Who: the finance bureau and admins any batch; a department user their own department's batches (404 otherwise).
    """
    found = batches_visible_to(request.user).filter(key=key).first()
    if found is None:
        raise Http404("找不到该批次")
    progress = batch_progress(found)
    files = [BatchFileOut(position=f.position, name=f.original_name, state=f.state, reason=f.reason, outcome=f.outcome,
                          document_id=f.document.pk if f.document else None)
             for f in batch_files(found).select_related("document")]
    return BatchOut(batch=found.key, total=progress.total, done=progress.done, failed=progress.failed,
                    pending=progress.pending, percent=progress.percent, files=files)
