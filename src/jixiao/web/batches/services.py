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
- ``process_files``: a chunk (one broker message), as a worker does it: its files claimed together
  (one UPDATE), read one after another, and stored together in ONE transaction
  (``record_chunk``): new reports through the bulk path (``evaluation.flows.store_imports``,
  ``bulk_create`` with history), reports of departments already stored through ``save_report``
  (updated in place, history kept), the rows' final states with ``bulk_update``. A worker
  killed mid-chunk has committed nothing of it; the chunk, redelivered, is then done file by
  file (``process_file``), so a poison file fails alone after ``MAX_ATTEMPTS`` and the files
  before it are stored. A chunk whose transaction fails (the same content stored meanwhile by
  another worker, a row that cannot be stored) is rolled back whole and done file by file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, OperationalError, connections, transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from jixiao.importer import ImportResult, import_bounded
from jixiao.parallel import default_jobs, ordered_map
from jixiao.report import PerformanceReport
from jixiao.review.engine import run_rules
from jixiao.review.profile import default_profile
from jixiao.web.accounts.models import User
from jixiao.web.batches.models import ALREADY_STORED, SAME_IN_BATCH, Batch, BatchFile
from jixiao.web.common.actor import current_actor, history_bulk_written
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import can_upload_for
from jixiao.web.documents.models import SourceDocument
from jixiao.web.documents.services import staged_files, store_document
from jixiao.web.evaluation.flows import store_import, store_imports
from jixiao.web.reviews.flows import named_department

MAX_ATTEMPTS = 3
"""Times a file is taken up before it fails: a poison file that kills its worker ends failed, the batch goes on."""

CHUNK = 8
"""Files per broker message (一条消息的文件数): a task does them one after another, each in its own transaction
stored together in one transaction (``record_chunk``), so the broker and pool cost of a task, and the fixed cost
of a store (the bulk path, the audit seal), are paid once per chunk; a killed worker's chunk is redelivered
whole and done file by file, its done files skipped (``claim``)."""

NOT_OWN_DEPARTMENT = "报告所述部门不是本部门或下属单位，只能上传本部门的报告；文件未入库"
NOT_NAMED = "报告未写明部门或年度，无法确认是本部门的报告；文件未入库"


def save_refusal(batch: Batch, report: PerformanceReport) -> str | None:
    """Why ``report`` may not be stored (导入入库) by a batch of ``batch``'s submitter, in one line; None: it may.

    The finance bureau's batch (or the command line's) with no department chosen stores any report under the
    department it names, as ``jixiao import --save``. A department's batch — a department user's, or the
    finance bureau's for a chosen department — only a report naming that department or one of its 下属单位 by
    the name it is stored under (``departments.services.department_named``: never a department created or
    found elsewhere); a report naming another, or none, fails and nothing of it is stored.
    """
    user, own = batch.created_by, batch.department
    if own is None and (user is None or user.sees_all_departments):
        return None
    if not report.department or report.year is None:
        return NOT_NAMED
    target = Department.objects.filter(name=report.department).first()  # where save_report would store it
    if (target is not None and (own is None or own.pk in (target.pk, target.parent_id))
            and (user is None or can_upload_for(user, target))):
        return None
    if user is not None and user.sees_all_departments and own is not None:
        return f"报告所述部门为{report.department}，不是所选部门（{own.name}）或其下属单位；文件未入库"
    return f"报告所述部门为{report.department}，不是本部门或下属单位，只能上传本部门的报告；文件未入库"


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


def inbox_key(sha256: str, name: str) -> str:
    """Where a submitted file waits (共享目录中的位置): ``<sha[:2]>/<sha>/<name>``, relative to the shared folder.

    This key, not a path, is what a row keeps (``BatchFile.inbox_name``; a task carries the rows' ids):
    on an S3-compatible object store it is the object's key under the inbox prefix (docs/batches.md)."""
    safe = Path(name.replace("\\", "/")).name or "file"  # a Windows path's last part; never a folder of its own
    return f"{sha256[:2]}/{sha256}/{safe}"


def inbox_path(key: str) -> Path:
    """The local file of an inbox key (the shared folder, mounted on every worker)."""
    return inbox() / key


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
                row.state, row.outcome = BatchFile.State.DONE, SAME_IN_BATCH.format(seen[row.sha256])
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
    relative = inbox_key(sha256, name)
    target = inbox_path(relative)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = target.with_name(f".{target.name}.{os.getpid()}.part")
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
    bounded memory, as the web's isolated reading), store in this process, a chunk of ``CHUNK`` files
    per transaction (``record_chunk``), as a worker stores a message."""
    ids = list(file_ids)
    claimed = [row for start in range(0, len(ids), CHUNK) for row in claim_chunk(ids[start:start + CHUNK])]
    paths = [inbox_path(row.inbox_name) for row in claimed]
    results = ordered_map(import_bounded, paths, jobs=jobs or default_jobs(), on_lost=_lost)
    rows: list[BatchFile] = []
    read: list[ImportResult] = []
    for row, result in zip(claimed, results, strict=True):
        rows.append(row)
        read.append(result)
        if len(rows) == CHUNK:
            record_chunk(rows, read)
            rows, read = [], []
    if rows:
        record_chunk(rows, read)


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


def process_files(file_ids: list[int]) -> list[str]:
    """A chunk of a batch (one message), as a worker does it; the files' final states, in order. Idempotent.

    First delivery: claimed together, read one after another, stored in one transaction. A chunk of
    which a file was taken up before (its worker died: redelivered) is done file by file. A file that
    raises (its row gone) stops none of the others: the first error is raised after them.
    """
    ids = list(file_ids)
    known = {pk: (state, attempts) for pk, state, attempts in
             BatchFile.objects.filter(pk__in=ids).values_list("pk", "state", "attempts")}
    if any(state == BatchFile.State.PENDING and attempts for state, attempts in known.values()):
        return _one_by_one(ids)
    claimed = {row.pk: row for row in claim_chunk([pk for pk in ids if pk in known])}
    rows: list[BatchFile] = []
    results: list[ImportResult] = []
    error: Exception | None = None
    for pk in claimed:
        try:
            results.append(import_bounded(inbox_path(claimed[pk].inbox_name)))
        except Exception as exc:  # a defect of a reader: this file stays as it is, the others are stored
            error = error or exc
        else:
            rows.append(claimed[pk])
    stored = record_chunk(rows, results) if rows else {}
    others = [pk for pk in known if pk not in stored]  # done before, failed when claimed, or whose reading raised
    done = dict(BatchFile.objects.filter(pk__in=others).values_list("pk", "state")) if others else {}
    if finished := [pk for pk, state in done.items() if state != BatchFile.State.PENDING]:
        # done already (a redelivered task of a worker killed after its commit, before its cleanup): its copy goes
        _release_names(set(BatchFile.objects.filter(pk__in=finished).exclude(inbox_name="")
                           .values_list("inbox_name", flat=True)))
    states: list[str] = []
    for pk in ids:
        if pk not in known:
            error = error or BatchFile.DoesNotExist(f"批次文件 {pk} 不存在")
        else:
            states.append(stored.get(pk) or done[pk])
    if error is not None:
        raise error
    return states


def _one_by_one(file_ids: list[int]) -> list[str]:
    """The files of a chunk one after another, each in its own transaction (a redelivered chunk)."""
    states: list[str] = []
    error: Exception | None = None
    for file_id in file_ids:
        try:
            states.append(process_file(file_id))
        except OperationalError:  # the database is away: the whole chunk is retried
            raise
        except Exception as exc:  # raised below, after the chunk's other files
            error = error or exc
    if error is not None:
        raise error
    return states


def process_file(file_id: int) -> str:
    """Read and store (or review) one file of a batch, as a worker does it; returns its final state. Idempotent."""
    row = claim(file_id)
    if row is None:  # done already: a redelivered task of a worker killed after its commit, before its cleanup
        done = BatchFile.objects.get(pk=file_id)
        _release(done.inbox_name)
        return done.state
    return record(file_id, import_bounded(inbox_path(row.inbox_name)))


def claim_chunk(file_ids: list[int]) -> list[BatchFile]:
    """``claim`` for several files at once (one UPDATE, one SELECT); the ones still to be done, in order."""
    if not BatchFile.objects.filter(pk__in=file_ids, state=BatchFile.State.PENDING).update(attempts=F("attempts") + 1):
        return []
    rows = BatchFile.objects.select_related("batch").in_bulk(file_ids)
    claimed: list[BatchFile] = []
    for pk in file_ids:
        row = rows.get(pk)
        if row is None or row.state != BatchFile.State.PENDING:
            continue
        if (reason := _unclaimable(row)) is not None:
            _finish(pk, state=BatchFile.State.FAILED, reason=reason)
        else:
            claimed.append(row)
    return claimed


def _unclaimable(row: BatchFile) -> str | None:
    if row.attempts > MAX_ATTEMPTS:
        return f"处理 {MAX_ATTEMPTS} 次均未完成（处理进程异常退出，疑似恶意文件），已停止"
    if not inbox_path(row.inbox_name).is_file():
        return "共享目录中找不到该文件（可能已被删除）"
    return None


def claim(file_id: int) -> BatchFile | None:
    """Count an attempt at a pending file (committed on its own); None when it is no longer to be done."""
    # one UPDATE (bookkeeping: no history row, no audit seal), atomic in the database; 0 rows when it is done
    if not BatchFile.objects.filter(pk=file_id, state=BatchFile.State.PENDING).update(attempts=F("attempts") + 1):
        return None
    row = BatchFile.objects.get(pk=file_id)
    if (reason := _unclaimable(row)) is not None:
        _finish(file_id, state=BatchFile.State.FAILED, reason=reason)
        return None
    return row


def record_chunk(rows: list[BatchFile], results: list[ImportResult]) -> dict[int, str]:
    """Write what came of reading a chunk of files, in one transaction; their final states by row id.

    Rolled back whole when it fails — nothing of the chunk is partly written — and then done file by
    file (``record``): the same content stored meanwhile by another worker, or one file that cannot be
    stored, then settles or fails that file alone. A database that is away is raised (the chunk is retried).
    """
    try:
        with staged_files():  # the files of a chunk rolled back are removed at once
            return _record_chunk(rows, results)
    except OperationalError:
        raise
    except Exception:  # each file alone now: the one that cannot be stored fails alone
        states: dict[int, str] = {}
        error: Exception | None = None
        for row, result in zip(rows, results, strict=True):
            try:
                states[row.pk] = record(row.pk, result)
            except OperationalError:
                raise
            except Exception as exc:
                error = error or exc
        if error is not None:
            raise error from None
        return states


@transaction.atomic
def _record_chunk(rows: list[BatchFile], results: list[ImportResult]) -> dict[int, str]:
    locked = BatchFile.objects.select_for_update().select_related("batch").in_bulk([row.pk for row in rows])
    states = {pk: row.state for pk, row in locked.items()}
    todo = [(locked[row.pk], result) for row, result in zip(rows, results, strict=True)
            if row.pk in locked and locked[row.pk].state == BatchFile.State.PENDING]  # else finished meanwhile
    changed: list[BatchFile] = []
    at = timezone.now()  # the chunk's files are finished at one moment: its commit
    saving: dict[int, list[tuple[BatchFile, ImportResult]]] = {}
    for row, result in todo:
        if result.report is None:
            _settle(row, state=BatchFile.State.FAILED, reason=_failure(row, result), at=at)
        elif row.batch.mode == Batch.Mode.SAVE and (refused := save_refusal(row.batch, result.report)) is not None:
            _settle(row, state=BatchFile.State.FAILED, reason=refused, at=at)
        elif row.batch.mode == Batch.Mode.SAVE:
            saving.setdefault(row.batch.pk, []).append((row, result))
            continue
        else:
            _settle(row, **_outcome(row, result), at=at)
        changed.append(row)
    for group in saving.values():
        batch = group[0][0].batch
        stored = store_imports([result for _, result in group], uploaded_by=batch.created_by)
        for (row, result), (document, created) in zip(group, stored, strict=True):
            if not created and not _may_link(document, department=batch.department, user=batch.created_by):
                _settle(row, state=BatchFile.State.FAILED, reason=NOT_OWN_DEPARTMENT, at=at)
            else:
                _settle(row, state=BatchFile.State.DONE, outcome=_saved(result, created=created), document=document,
                        at=at)
            changed.append(row)
    if changed:
        actor = current_actor()
        bulk_update_with_history(changed, BatchFile, ["state", "reason", "outcome", "findings", "document",
                                                      "finished_at", "updated_at"],
                                 default_user=actor.user if actor else None,
                                 default_change_reason=actor.source if actor else "系统")
        history_bulk_written.send(sender=_record_chunk, model=BatchFile, ids=[row.pk for row in changed])
        names = {row.inbox_name for row in changed}
        batches = {row.batch.pk for row in changed}
        transaction.on_commit(lambda: _release_chunk(names, batches))
    states.update({row.pk: row.state for row, _ in todo})
    return states


def _release_chunk(names: set[str], batches: set[int]) -> None:
    _release_names(names)
    for batch_id in batches:
        _release("", batch_id=batch_id)


def _settle(row: BatchFile, *, state: str, reason: str = "", outcome: str = "", document: SourceDocument | None = None,
            findings: int | None = None, at: datetime | None = None) -> None:
    row.state, row.reason, row.outcome, row.document = state, reason[:500], outcome[:300], document
    if findings is not None:
        row.findings = findings
    row.finished_at = row.updated_at = at or timezone.now()


def _failure(row: BatchFile, result: ImportResult) -> str:
    """The reason a file could not be read, naming the file as the user named it (not its place in the inbox)."""
    path = str(inbox_path(row.inbox_name))
    return (result.reason or result.error or "无法读取").replace(path, row.original_name)


def _stated(result: ImportResult) -> str:
    report = result.report
    assert report is not None
    return " ".join(str(v) for v in (report.department, f"{report.year}年度" if report.year else None) if v)


def _saved(result: ImportResult, *, created: bool) -> str:
    report = result.report
    assert report is not None
    if not created:
        return ALREADY_STORED
    return f"导入成功：{_stated(result)}" if report.department and report.year else "导入成功（报告未写明部门或年度，仅存文件）"


def _outcome(row: BatchFile, result: ImportResult) -> dict[str, Any]:
    """The final state of a read file of a batch that does not store its figures: 读取, or 复核 (stored as one upload is)."""
    report = result.report
    assert report is not None and result.document is not None
    if row.batch.mode == Batch.Mode.IMPORT:
        return {"state": BatchFile.State.DONE, "outcome": f"读取成功：{_stated(result) or '未识别部门与年度'}"}
    # 复核: stored under the department it names, as one upload is (reviews.flows.upload_report)
    department = named_department(report.department)
    user = row.batch.created_by
    if user is not None and not can_upload_for(user, department):
        return {"state": BatchFile.State.FAILED, "reason": NOT_OWN_DEPARTMENT}
    document, created = store_document(result, department=department, uploaded_by=user)
    findings = len(run_rules(report, result.parsed, default_profile()))
    return {"state": BatchFile.State.DONE, "document": document, "findings": findings,
            "outcome": f"已进入复核队列，发现 {findings} 个问题" if created else ALREADY_STORED}


def record(file_id: int, result: ImportResult) -> str:
    """Write what came of reading one file: stored (or reviewed) and done, or failed with its reason."""
    if result.report is None:
        row = BatchFile.objects.get(pk=file_id)
        return _finish(file_id, state=BatchFile.State.FAILED, reason=_failure(row, result))
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
    if row.batch.mode != Batch.Mode.SAVE:
        settled = _outcome(row, result)
        if "findings" in settled:
            row.findings = settled.pop("findings")
        return _finish(file_id, row=row, **settled)
    assert result.report is not None  # record() failed a file that was not read
    if (refused := save_refusal(row.batch, result.report)) is not None:
        return _finish(file_id, state=BatchFile.State.FAILED, row=row, reason=refused)
    document, created = store_import(result, uploaded_by=row.batch.created_by)
    if not created and not _may_link(document, department=row.batch.department, user=row.batch.created_by):
        return _finish(file_id, state=BatchFile.State.FAILED, row=row, reason=NOT_OWN_DEPARTMENT)
    return _finish(file_id, state=BatchFile.State.DONE, outcome=_saved(result, created=created), document=document,
                   row=row)


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
        _release_names(set(BatchFile.objects.filter(batch_id=batch_id).exclude(inbox_name="")
                           .values_list("inbox_name", flat=True)) - {name})
    if name:
        _release_names({name})


def _release_names(names: set[str]) -> None:
    """Remove the inbox copies of ``names`` that no pending row needs (one query for them all)."""
    names = names - {""}
    if not names:
        return
    needed = set(BatchFile.objects.filter(inbox_name__in=names, state=BatchFile.State.PENDING)
                 .values_list("inbox_name", flat=True))
    for name in names - needed:
        target = inbox_path(name)
        target.unlink(missing_ok=True)
        for folder in (target.parent, target.parent.parent):
            try:
                folder.rmdir()
            except OSError:
                break
