"""Backup and restore (备份与恢复): every row of every table and every uploaded file, in one zip.

``jixiao db backup FILE`` writes, from one consistent read of the database:

- ``manifest.json``: the format, when, from which database, the migrations applied, for each
  table its columns, row count and the SHA-256 of its data, and for each file its SHA-256;
- ``data/<app_label.model>.jsonl``: each table's rows through the model's *base* manager
  (``_base_manager``), so soft-deleted rows are kept (``dumpdata`` uses the default manager, which
  hides them: 13 soft-deleted rows of the demo were lost while their history remained), and
  every historical table, the audit events and seals, sessions, the lockout records;
- ``media/…``: every uploaded file; ``secret_key`` only when asked (``--secret-key``).

``jixiao db restore FILE`` checks the manifest against this version's tables (same migrations,
same columns) and every file's SHA-256, then in one transaction empties the tables and inserts
the rows as they were (raw inserts: no ``auto_now``, no signals, no new history rows), resets
the primary-key sequences (PostgreSQL), and moves the files into place after the commit. The same
file restores on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "jixiao.backup/1"
CHUNK = 2000
SKIPPED_FOLDERS = (".incoming",)
"""Media folders not backed up: files of a transaction not committed."""


class _Encoder(json.JSONEncoder):
    """Values exactly as stored: times to the microsecond (DjangoJSONEncoder cuts them to milliseconds)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | date | time):
            return o.isoformat()
        if isinstance(o, Decimal | UUID):
            return str(o)
        if isinstance(o, bytes | memoryview):
            return base64.b64encode(bytes(o)).decode()
        if isinstance(o, timedelta):
            return o.total_seconds()
        return super().default(o)


class BackupError(Exception):
    """A backup cannot be written or restored; the message is one Chinese line naming the file."""


@dataclass(frozen=True)
class Summary:
    tables: int
    rows: int
    files: int
    secret_key: bool = False


def _models() -> list[type[models.Model]]:
    """Every table Django manages: concrete models and the auto-created many-to-many tables."""
    found = [m for m in apps.get_models(include_auto_created=True)
             if m._meta.managed and not m._meta.proxy and not m._meta.swapped]
    return sorted(found, key=lambda m: m._meta.label_lower)


def _columns(model: type[models.Model]) -> list[models.Field]:
    return list(model._meta.concrete_fields)


def _applied() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def _media_files() -> Iterator[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and rel.parts[0] not in SKIPPED_FOLDERS:
            yield rel.as_posix(), path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup(path: Path, *, include_secret_key: bool = False) -> Summary:
    """Write the backup of the configured database and media to ``path`` (a new zip, mode 0600)."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path}：文件已存在，未覆盖")
    tables: dict[str, Any] = {}
    total = 0
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive, \
                transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # one snapshot for every table
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            for model in _models():
                label = model._meta.label_lower
                names = [f.attname for f in _columns(model)]
                digest = hashlib.sha256()
                count = 0
                with archive.open(f"data/{label}.jsonl", "w") as out:
                    rows = model._base_manager.order_by(model._meta.pk.attname).values_list(*names)
                    for row in rows.iterator(chunk_size=CHUNK):
                        line = (json.dumps(list(row), cls=_Encoder, ensure_ascii=False) + "\n").encode()
                        digest.update(line)
                        out.write(line)
                        count += 1
                tables[label] = {"table": model._meta.db_table, "columns": names, "rows": count,
                                 "sha256": digest.hexdigest()}
                total += count
            files = {}
            for name, file in _media_files():
                archive.write(file, f"media/{name}")
                files[name] = {"sha256": _sha256(file), "size": file.stat().st_size}
            if include_secret_key:
                archive.writestr("secret_key", settings.SECRET_KEY)
            archive.writestr("manifest.json", json.dumps({
                "format": FORMAT, "created": timezone.now().isoformat(), "vendor": connection.vendor,
                "migrations": _applied(), "tables": tables, "files": files,
                "secret_key": include_secret_key}, ensure_ascii=False, indent=1))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Summary(tables=len(tables), rows=total, files=len(files))


def _manifest(archive: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except KeyError:
        raise BackupError(f"{path}：不是 jixiao 备份文件（缺少 manifest.json）") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}：备份格式 {manifest.get('format')!r} 不是本版本能恢复的 {FORMAT}")
    return manifest


def _check_shape(manifest: dict[str, Any], path: Path) -> dict[str, type[models.Model]]:
    ours = {m._meta.label_lower: m for m in _models()}
    theirs = manifest["tables"]
    missing = sorted(set(theirs) - set(ours))
    if missing or set(manifest["migrations"]) != set(_applied()):
        raise BackupError(f"{path}：备份的数据库结构与当前版本不同（迁移不一致{'，多出表 ' + '、'.join(missing) if missing else ''}），"
                          "请用生成备份的 jixiao 版本恢复")
    for label, table in theirs.items():
        if table["columns"] != [f.attname for f in _columns(ours[label])]:
            raise BackupError(f"{path}：表 {label} 的字段与当前版本不同，无法恢复")
    return ours


NOT_DATA = {"contenttypes.contenttype", "auth.permission", "sessions.session",
            "indicators.libraryindicator"}
"""Rows a fresh migrated database already has or that carry no one's data. The 指标库 seed is written by its
migration without history; any indicator a user adds or changes leaves a history row
(``indicators.historicallibraryindicator``), and that one counts."""


def _has_data() -> list[str]:
    return [m._meta.label_lower for m in _models()
            if m._meta.label_lower not in NOT_DATA and m._base_manager.exists()]


def _decode(fields: list[models.Field], row: list[Any]) -> dict[str, Any]:
    values = {}
    for field, value in zip(fields, row, strict=True):
        if value is not None and not isinstance(field, models.JSONField):
            value = field.to_python(value)
        values[field.attname] = value
    return values


def restore(path: Path, *, force: bool = False) -> Summary:
    """Restore ``path`` into the configured (migrated) database and media; see the module docstring."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}：备份文件不存在")
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise BackupError(f"{path}：不是有效的备份文件（zip 已损坏）") from None
    with archive:
        manifest = _manifest(archive, path)
        ours = _check_shape(manifest, path)
        occupied = _has_data()
        if occupied and not force:
            raise BackupError(f"目标数据库已有数据（{'、'.join(occupied[:3])} 等），为免覆盖未恢复；确需清空后恢复请加 --force")
        media = Path(settings.MEDIA_ROOT)
        staging = media / ".incoming" / f"restore-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        try:
            for name, meta in manifest["files"].items():
                target = staging / name
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    with archive.open(f"media/{name}") as src, open(target, "wb") as dst:
                        shutil.copyfileobj(src, dst)
                except KeyError:
                    raise BackupError(f"{path}：备份中缺少文件 {name}") from None
                if _sha256(target) != meta["sha256"]:
                    raise BackupError(f"{path}：文件 {name} 的摘要与清单不符，备份已损坏")
            rows = _restore_rows(archive, manifest, ours, path)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        for name in manifest["files"]:
            final = media / name
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, final)
        shutil.rmtree(staging, ignore_errors=True)
        if manifest.get("secret_key"):
            _restore_secret_key(archive.read("secret_key").decode())
    return Summary(tables=len(manifest["tables"]), rows=rows, files=len(manifest["files"]),
                   secret_key=bool(manifest.get("secret_key")))


def _restore_rows(archive: zipfile.ZipFile, manifest: dict[str, Any], ours: dict[str, type[models.Model]],
                  path: Path) -> int:
    total = 0
    with transaction.atomic():
        for model in ours.values():
            model._base_manager.all()._raw_delete(using=connection.alias)
        for label, table in manifest["tables"].items():
            model = ours[label]
            fields = _columns(model)
            data = archive.read(f"data/{label}.jsonl")
            if hashlib.sha256(data).hexdigest() != table["sha256"]:
                raise BackupError(f"{path}：表 {label} 的数据摘要与清单不符，备份已损坏")
            batch: list[models.Model] = []
            size = max(1, min(500, 900 // max(1, len(fields))))
            for line in data.splitlines():
                batch.append(model(**_decode(fields, json.loads(line))))
                if len(batch) >= size:
                    model._base_manager._insert(batch, fields=fields, raw=True, using=connection.alias)  # type: ignore[attr-defined]  # the private bulk insert loaddata uses; not in the stubs
                    batch = []
            if batch:
                model._base_manager._insert(batch, fields=fields, raw=True, using=connection.alias)  # type: ignore[attr-defined]  # the private bulk insert loaddata uses; not in the stubs
            total += table["rows"]
        statements = connection.ops.sequence_reset_sql(no_style(), list(ours.values()))
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
        connection.check_constraints()
    return total


def _restore_secret_key(key: str) -> None:
    """Install the backed-up key as JIXIAO_HOME/secret_key (0600), replacing the one generated here."""
    home = Path(settings.HOME)
    target = home / "secret_key"
    home.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
