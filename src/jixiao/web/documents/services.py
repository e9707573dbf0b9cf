"""Storing report files (文件入库): the file, its sha256 and its extracted text, once per content.

No orphans (文件与事务): a file is never left on disk without its row, nor a row without its file.
The bytes are first copied to ``MEDIA_ROOT/.incoming/<host>-<pid>/<final name>``; when the row's
transaction commits they are moved (one rename) to the final name. A rollback inside
``staged_files`` removes them at once. A process killed (kill -9) before its commit leaves only
staged bytes, which ``settle_files`` — run when an import, ``serve`` or ``demo`` starts — deletes;
one killed between the commit and the rename leaves a row whose bytes are still staged, which
``settle_files`` moves into place.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import transaction

from jixiao.importer import ImportResult
from jixiao.web.accounts.models import User
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.documents.models import SourceDocument
from jixiao.web.documents.selectors import stored_copy, stored_parts


@transaction.atomic
def store_document(result: ImportResult, *, department: Department | None, uploaded_by: User | None = None
                   ) -> tuple[SourceDocument, bool]:
    """Store the file under ``department`` without touching any stored figures (文件入库); ``(document, created)``.

    Unlike importing with ``--save`` (``evaluation.flows.store_import``), nothing is created or
    rewritten from the report: an uploaded file is evidence to review, not the department's
    declaration. A file whose sha256 is already stored is not stored again (``created`` is False).
    """
    existing = stored_copy(result)
    if existing is not None:
        return existing, False
    with staged_files():
        document = _new_document(result, uploaded_by)
        document.department = department
        _, report = stored_parts(result)
        if report.year is not None:
            document.fiscal_year, _ = FiscalYear.objects.get_or_create(year=report.year)
        document.save()
    return document, True


@transaction.atomic(savepoint=False)
def store_file(*, result: ImportResult, department: Department | None, fiscal_year: FiscalYear | None,
               uploaded_by: User | None = None) -> SourceDocument:
    """Store the imported file under ``department`` and ``fiscal_year`` (文件入库); the caller checked ``stored_copy``."""
    document = _new_document(result, uploaded_by)
    document.department, document.fiscal_year = department, fiscal_year
    document.save()
    return document


def new_document(*, result: ImportResult, department: Department | None, fiscal_year: FiscalYear | None,
                 uploaded_by: User | None = None) -> SourceDocument:
    """The imported file's row, not saved yet, its bytes staged (for ``bulk_create``: ``evaluation.flows.store_imports``);
    the bytes move into place when the caller's transaction commits, and are removed if it fails inside ``staged_files``."""
    document = _new_document(result, uploaded_by)
    document.department, document.fiscal_year = department, fiscal_year
    return document


def _new_document(result: ImportResult, uploaded_by: User | None) -> SourceDocument:
    raw, _ = stored_parts(result)
    document = SourceDocument(
        original_name=Path(result.source).name,
        sha256=raw.sha256,
        format=raw.format,
        size=raw.size,
        pages=len(raw.page_starts) or None,
        extracted_text=raw.text,
        uploaded_by=uploaded_by,
    )
    _stage(document, Path(raw.path), Path(result.source).name)
    return document


def stage_file(instance: object, source: Path, filename: str) -> None:
    """Store ``source`` as ``instance.file`` (a model with a ``file`` FileField, e.g. a 事前评估 attachment)
    the same way as a report file: staged now, moved into place when the row's transaction commits."""
    _stage(instance, source, filename)  # type: ignore[arg-type]  # any model with a ``file`` field


INCOMING = ".incoming"
_local = threading.local()


def _own_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / INCOMING / f"{socket.gethostname()}-{os.getpid()}"


def _staged() -> set[Path]:
    if not hasattr(_local, "staged"):
        _local.staged = set()
    return _local.staged


def _stage(document: SourceDocument, source: Path, filename: str) -> None:
    """Copy ``source`` to the staging folder and move it to the document's file name once the row commits."""
    field = document.file.field
    storage = field.storage
    name = storage.get_available_name(field.generate_filename(document, filename), max_length=field.max_length)
    document.file = name
    staged = _own_dir() / name
    _folder(staged.parent)
    mode = getattr(settings, "FILE_UPLOAD_PERMISSIONS", None) or 0o644  # as the storage would write it
    with open(source, "rb") as src, os.fdopen(os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode), "wb") as dst:
        shutil.copyfileobj(src, dst)
        dst.flush()
        os.fsync(dst.fileno())
    os.chmod(staged, mode)  # whatever the umask
    _staged().add(staged)
    final = Path(storage.path(name))

    def settle() -> None:
        _folder(final.parent)
        os.replace(staged, final)
        _staged().discard(staged)

    transaction.on_commit(settle)


def _folder(path: Path) -> None:
    """Create ``path`` and its parents with ``FILE_UPLOAD_DIRECTORY_PERMISSIONS`` when set (as the storage does)."""
    mode = getattr(settings, "FILE_UPLOAD_DIRECTORY_PERMISSIONS", None)
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(parents=True, exist_ok=True)
    if mode is not None:
        for created in missing:
            os.chmod(created, mode)


@contextmanager
def staged_files() -> Iterator[None]:
    """Remove the files staged inside the block when it fails (their rows are rolled back)."""
    before = set(_staged())
    try:
        yield
    except BaseException:
        for path in _staged() - before:
            path.unlink(missing_ok=True)
            _staged().discard(path)
        raise


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a killed process nobody has reaped yet (a zombie: in a container, PID 1 may never reap it) is dead
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def settle_files() -> tuple[int, int]:
    """Finish or remove what interrupted processes of this host left staged: (moved into place, removed)."""
    root = Path(settings.MEDIA_ROOT) / INCOMING
    if not root.is_dir():
        return 0, 0
    host = socket.gethostname()
    moved = removed = 0
    for folder in root.iterdir():
        owner, _, pid = folder.name.rpartition("-")
        if owner != host or not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = path.relative_to(folder).as_posix()
            final = Path(settings.MEDIA_ROOT) / name
            if not final.exists() and SourceDocument.all_objects.filter(file=name).exists():
                _folder(final.parent)
                os.replace(path, final)
                moved += 1
            else:
                path.unlink()
                removed += 1
        shutil.rmtree(folder, ignore_errors=True)
    return moved, removed
