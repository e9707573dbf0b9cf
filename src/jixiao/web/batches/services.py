"""Writes of batches (批量处理): submit files, process one file, idempotently, exactly once.

- ``submit_batch``: hash every file (sha256), copy it once into the shared inbox under its hash
  (``JIXIAO_SHARED_DIR/<sha[:2]>/<sha>/<name>``), and write the batch and one row per file in
  one transaction. A file whose content is already stored, or appears earlier in the batch, is
  done at once (not read again); a file that is missing fails at once. Then, after the commit,
  one task per pending file (``dispatch``) — or, without a broker, the files in-process.
- ``process_file``: one file, as a worker does it. Its attempt is counted first (committed on
  its own), so a file whose reader kills the worker again and again fails after
  ``MAX_ATTEMPTS``; it is read within the reading limits (``jixiao.readers.limits``; a worker's
  memory is bounded in ``worker.py``, and in-process by ``jixiao.parallel``); its writes — the stored report or file and the row's
  final state — are one transaction, locked on the row and keyed by the hash, so a task run
  twice (a killed worker's, redelivered) writes once, and a task killed mid-way writes nothing.
  The inbox copy is removed when no pending row needs it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connections, transaction
from django.db.models import F
from django.utils import timezone

from jixiao.importer import ImportResult, import_bounded
from jixiao.parallel import default_jobs, ordered_map
from jixiao.review.engine import run_rules
from jixiao.review.profile import default_profile
from jixiao.web.accounts.models import User
from jixiao.web.batches.models import Batch, BatchFile
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import can_upload_for
from jixiao.web.documents.models import SourceDocument
from jixiao.web.documents.services import store_document
from jixiao.web.evaluation.flows import store_import
from jixiao.web.reviews.flows import named_department

MAX_ATTEMPTS = 3
"""Times a file is taken up before it fails: a poison file that kills its worker ends failed, the batch goes on."""

CHUNK = 8
"""Files per broker message (一条消息的文件数): a task does them one after another, each in its own transaction
keyed by its hash, so the broker and pool cost of a task is paid once per chunk; a killed worker's chunk is
redelivered whole, and its done files are skipped (``claim``)."""

ALREADY_STORED = "内容相同的文件已入库，未重复处理"
NOT_OWN_DEPARTMENT = "报告所述部门不是本部门或下属单位，只能上传本部门的报告；文件未入库"


def _may_link(stored: SourceDocument, *, department: Department | None, user: User | None) -> bool:
    """Whether a batch of ``department`` (None: the finance bureau's) by ``user`` may point at a file
    already stored: a department's batch only at its own department's (or 下属单位's) files."""
    if user is not None:
        return can_upload_for(user, stored.department)
    if department is None:
        return True
    owner = stored.department
    return owner is not None and department.pk in (owner.pk, owner.parent_id)


def inbox() -> Path:
    return Path(settings.JIXIAO_SHARED_DIR)


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def submit_batch(*, paths: Iterable[Path], mode: str, department: Department | None = None,
                 created_by: User | None = None, names: Iterable[str] | None = None, run: bool = True,
                 background: bool = False) -> Batch:
    """Record a batch of ``paths`` (shown as ``names`` when given) and start it; returns the batch."""
    paths = list(paths)
    shown = list(names) if names is not None else [p.name for p in paths]
    rows: list[BatchFile] = []
    seen: dict[str, int] = {}
    for position, (path, name) in enumerate(zip(paths, shown, strict=True), 1):
        row = BatchFile(position=position, original_name=name[:300])
        if not path.is_file():
            row.sha256, row.state, row.reason = "", BatchFile.State.FAILED, "文件不存在"
            row.finished_at = timezone.now()
        else:
            row.sha256 = file_sha256(path)
            if row.sha256 in seen:
                row.state, row.outcome = BatchFile.State.DONE, f"与第 {seen[row.sha256]} 个文件内容相同，未重复处理"
                row.finished_at = timezone.now()
            elif mode != Batch.Mode.IMPORT and (stored := SourceDocument.objects.filter(sha256=row.sha256).first()):
                if _may_link(stored, department=department, user=created_by):
                    row.state, row.outcome, row.document = BatchFile.State.DONE, ALREADY_STORED, stored
                else:  # the same file stored for another department: never a link to it
                    row.state, row.reason = BatchFile.State.FAILED, NOT_OWN_DEPARTMENT
                row.finished_at = timezone.now()
            else:
                row.inbox_name = _into_inbox(path, row.sha256, name)
            seen.setdefault(row.sha256, position)
        rows.append(row)
    with transaction.atomic():
        batch = Batch.objects.create(key=uuid.uuid4().hex[:12], mode=mode, department=department,
                                     created_by=created_by, total=len(rows))
        for row in rows:
            row.batch = batch
            row.save()
        if run:
            transaction.on_commit(lambda: dispatch(batch, background=background))
    return batch


def _into_inbox(path: Path, sha256: str, name: str) -> str:
    """Copy ``path`` to the shared inbox under its hash (once); the name relative to the inbox."""
    safe = Path(name.replace("\\", "/")).name or "file"
    relative = f"{sha256[:2]}/{sha256}/{safe}"
    target = inbox() / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = target.with_name(f".{safe}.{os.getpid()}.part")
        shutil.copyfile(path, partial)
        os.replace(partial, target)  # a reader never sees half a file
    return relative


def broker_configured() -> bool:
    return bool(settings.JIXIAO_BROKER_URL)


def dispatch(batch: Batch, *, background: bool = False) -> None:
    """One task per pending file through the broker; without one, the files in this process —
    in a thread when ``background`` (a web request returns at once), else before returning."""
    pending = list(BatchFile.objects.filter(batch=batch, state=BatchFile.State.PENDING).values_list("pk", flat=True))
    if broker_configured():
        from jixiao.web.batches.tasks import process_batch_files

        for start in range(0, len(pending), CHUNK):
            process_batch_files.apply_async((pending[start:start + CHUNK],), queue=settings.JIXIAO_BATCH_QUEUE)
        return
    if background:
        start_background(_in_thread, pending, name=f"batch-{batch.key}")
    else:
        run_in_process(pending)


def start_background(target: Callable[[list[int]], None], pending: list[int], *, name: str) -> None:
    """Run ``target(pending)`` beside the request (a daemon thread of the web process)."""
    threading.Thread(target=target, args=(pending,), name=name, daemon=True).start()


def _in_thread(pending: list[int]) -> None:
    try:
        run_in_process(pending)
    finally:
        connections.close_all()


def run_in_process(file_ids: Iterable[int], *, jobs: int | None = None) -> None:
    """Process files here, without a broker: read on all cores (``jixiao.parallel``: workers with
    bounded memory, as the web's isolated reading), store in this process, file by file."""
    claimed = [row for pk in file_ids if (row := claim(pk)) is not None]
    paths = [inbox() / row.inbox_name for row in claimed]
    results = ordered_map(import_bounded, paths, jobs=jobs or default_jobs(), on_lost=_lost)
    for row, result in zip(claimed, results, strict=True):
        record(row.pk, result)


def _lost(path: Path, reason: str) -> ImportResult:
    return ImportResult(source=str(path), error=f"{path}: {reason}", reason=reason)


def start_worker(*, concurrency: int, loglevel: str) -> None:
    """Run a Celery worker on the batch queue until it is stopped (``jixiao worker``)."""
    import jixiao.web.batches.tasks  # noqa: F401  (registers the task)
    from jixiao.web.batches.worker import app

    app.worker_main([
        "worker", f"--concurrency={concurrency}", "-Q", settings.JIXIAO_BATCH_QUEUE, f"--loglevel={loglevel}",
        "--without-gossip", "--without-mingle", "-n", f"jixiao-{os.getpid()}@%h",
    ])


def process_file(file_id: int) -> str:
    """Read and store (or review) one file of a batch, as a worker does it; returns its final state. Idempotent."""
    row = claim(file_id)
    if row is None:  # done already: a redelivered task of a worker killed after its commit, before its cleanup
        done = BatchFile.objects.get(pk=file_id)
        _release(done.inbox_name)
        return done.state
    return record(file_id, import_bounded(inbox() / row.inbox_name))


def claim(file_id: int) -> BatchFile | None:
    """Count an attempt at a pending file (committed on its own); None when it is no longer to be done."""
    # one UPDATE (bookkeeping: no history row, no audit seal), atomic in the database; 0 rows when it is done
    if not BatchFile.objects.filter(pk=file_id, state=BatchFile.State.PENDING).update(attempts=F("attempts") + 1):
        return None
    row = BatchFile.objects.get(pk=file_id)
    if row.attempts > MAX_ATTEMPTS:
        _finish(file_id, state=BatchFile.State.FAILED,
                reason=f"处理 {MAX_ATTEMPTS} 次均未完成（处理进程异常退出，疑似恶意文件），已停止")
        return None
    if not (inbox() / row.inbox_name).is_file():
        _finish(file_id, state=BatchFile.State.FAILED, reason="共享目录中找不到该文件（可能已被删除）")
        return None
    return row


def record(file_id: int, result: ImportResult) -> str:
    """Write what came of reading one file: stored (or reviewed) and done, or failed with its reason."""
    if result.report is None:
        row = BatchFile.objects.get(pk=file_id)
        path = str(inbox() / row.inbox_name)
        reason = (result.reason or result.error or "无法读取").replace(path, row.original_name)
        return _finish(file_id, state=BatchFile.State.FAILED, reason=reason)
    try:
        return _store(file_id, result)
    except IntegrityError:  # the same content stored meanwhile by another worker: this one is a duplicate
        row = BatchFile.objects.select_related("batch").get(pk=file_id)
        stored = SourceDocument.objects.filter(sha256=row.sha256).first()
        if stored is not None and not _may_link(stored, department=row.batch.department, user=row.batch.created_by):
            return _finish(file_id, state=BatchFile.State.FAILED, reason=NOT_OWN_DEPARTMENT)
        return _finish(file_id, state=BatchFile.State.DONE, outcome=ALREADY_STORED, document=stored)


@transaction.atomic
def _store(file_id: int, result: ImportResult) -> str:
    row = BatchFile.objects.select_for_update().select_related("batch").get(pk=file_id)
    if row.state != BatchFile.State.PENDING:  # another worker finished it meanwhile
        return row.state
    report = result.report
    assert report is not None and result.document is not None
    mode = row.batch.mode
    stated = " ".join(str(v) for v in (report.department, f"{report.year}年度" if report.year else None) if v)
    if mode == Batch.Mode.IMPORT:
        outcome = f"读取成功：{stated or '未识别部门与年度'}"
        document = None
    elif mode == Batch.Mode.SAVE:
        document, created = store_import(result, uploaded_by=row.batch.created_by)
        outcome = (f"已入库：{stated}" if report.department and report.year else "已入库（报告未写明部门或年度，仅存文件）"
                   ) if created else ALREADY_STORED
    else:  # 复核: stored under the department it names, as one upload is (reviews.flows.upload_report)
        department = named_department(report.department)
        user = row.batch.created_by
        if user is not None and not can_upload_for(user, department):
            return _finish(file_id, state=BatchFile.State.FAILED, row=row, reason=NOT_OWN_DEPARTMENT)
        document, created = store_document(result, department=department, uploaded_by=user)
        row.findings = len(run_rules(report, result.parsed, default_profile()))
        outcome = f"已进入复核队列，发现 {row.findings} 个问题" if created else ALREADY_STORED
    return _finish(file_id, state=BatchFile.State.DONE, outcome=outcome, document=document, row=row)


def _finish(file_id: int, *, state: str, reason: str = "", outcome: str = "", document: SourceDocument | None = None,
            row: BatchFile | None = None) -> str:
    with transaction.atomic():
        if row is None:
            row = BatchFile.objects.select_for_update().get(pk=file_id)
            if row.state != BatchFile.State.PENDING:
                return row.state
        row.state, row.reason, row.outcome, row.document = state, reason[:500], outcome[:300], document
        row.finished_at = timezone.now()
        row.save()
        name, batch_id = row.inbox_name, row.batch.pk
        transaction.on_commit(lambda: _release(name, batch_id=batch_id))
    return state


def settle_inbox() -> int:
    """Remove the inbox copies no pending file needs (a worker killed after its commit left them); returns how
    many. Run when a worker starts, like ``documents.services.settle_files``: the inbox holds only files in flight."""
    root = inbox()
    if not root.is_dir():
        return 0
    removed = 0
    for path in [p for p in root.glob("*/*/*") if p.is_file() and not p.name.startswith(".")]:
        name = path.relative_to(root).as_posix()
        if not BatchFile.objects.filter(inbox_name=name, state=BatchFile.State.PENDING).exists():
            _release(name)
            removed += 1
    return removed


def _release(name: str, *, batch_id: int | None = None) -> None:
    """Remove the inbox copy once no pending row needs it (no stray files); when the batch has no pending
    file left, every copy of the batch (one a worker killed after its commit could not remove)."""
    if batch_id is not None and not BatchFile.objects.filter(batch_id=batch_id, state=BatchFile.State.PENDING).exists():
        for other in set(BatchFile.objects.filter(batch_id=batch_id).exclude(inbox_name="")
                         .values_list("inbox_name", flat=True)) - {name}:
            _release(other)
    if name and not BatchFile.objects.filter(inbox_name=name, state=BatchFile.State.PENDING).exists():
        target = inbox() / name
        target.unlink(missing_ok=True)
        for folder in (target.parent, target.parent.parent):
            try:
                folder.rmdir()
            except OSError:
                break
