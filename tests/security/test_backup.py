"""Backup and restore (备份与恢复): every row, soft-deleted and historical ones included, and every file.

Before: there was no ``jixiao db backup`` / ``restore`` (``jixiao db backup`` answered "No such
command"), and the way round, ``dumpdata``/``loaddata``, read through the default managers and
dropped the soft-deleted rows (13 on the demo) while their history stayed, and left the uploaded
files out. After: a backup restored into an empty database gives back every table row for row
and every file byte for byte, on SQLite and on PostgreSQL, and the audit chain still verifies.
"""

from __future__ import annotations

import zipfile

import pytest
from tests.security._db import database, files, jixiao, python, tables

LOAD = """
bootstrap.migrate()
from jixiao.web import demo
from jixiao.web.common.actor import acting_as
from jixiao.web.audit.services import system_user
demo.load(departments=2, years=(2021, 2022))
demo.create_accounts()
from jixiao.web.evaluation.models import Indicator
from jixiao.web.results.models import Rectification
with acting_as(user=system_user(), source="测试"):
    for row in list(Indicator.objects.order_by("pk")[:5]) + list(Rectification.objects.order_by("pk")[:2]):
        row.delete()  # soft deletes: the rows stay, hidden by the default manager
print(Indicator.all_objects.filter(deleted_at__isnull=False).count())
"""

AUDIT_TABLES = {"audit_auditevent", "audit_auditseal", "audit_auditchainhead"}


@pytest.mark.slow
@pytest.mark.parametrize("vendor", ["sqlite", "postgresql"])
def test_a_backup_restores_into_an_empty_database_row_for_row_and_file_for_file(vendor, tmp_path) -> None:
    source, target = database(vendor, "backup_src", tmp_path), database(vendor, "backup_dst", tmp_path)
    home_a, home_b = tmp_path / "a", tmp_path / "b"
    loaded = python(source, home_a, LOAD)
    assert int(loaded.stdout.split()[-1]) >= 5  # soft-deleted rows exist to be lost
    backup = tmp_path / "backup.zip"
    jixiao(source, home_a, "db", "backup", str(backup), "--secret-key")
    assert backup.stat().st_mode & 0o777 == 0o600
    with zipfile.ZipFile(backup) as archive:
        assert "secret_key" in archive.namelist()

    jixiao(target, home_b, "db", "restore", str(backup))

    before, after = tables(source), tables(target)
    assert set(before) == set(after)
    for name, rows in before.items():
        if name == "django_migrations" or name in AUDIT_TABLES:
            continue
        assert after[name] == rows, f"{name}: {len(rows)} rows before, {len(after[name])} after, or values differ"
    # the audit tables hold the same rows plus the restore's own event and seal
    for name in ("audit_auditevent", "audit_auditseal"):
        assert set(before[name]) <= set(after[name]) and len(after[name]) == len(before[name]) + 1
    assert before["evaluation_indicator"] and any(r for r in before["evaluation_indicator"])
    assert files(home_a / "media") == files(home_b / "media") != {}
    assert (home_b / "secret_key").read_text() == (home_a / "secret_key").read_text()
    assert "审计记录完整" in jixiao(target, home_b, "db", "verify-audit").stdout


def test_restore_refuses_a_database_with_data_and_a_damaged_backup(tmp_path) -> None:
    source = database("sqlite", "refuse_src", tmp_path)
    home = tmp_path / "a"
    python(source, home, "bootstrap.migrate()\nfrom jixiao.web import demo\ndemo.load(departments=1, years=(2022,))")
    backup = tmp_path / "backup.zip"
    jixiao(source, home, "db", "backup", str(backup))
    again = jixiao(source, home, "db", "backup", str(backup), check=False)
    assert again.returncode == 1 and "已存在" in again.stderr

    refused = jixiao(source, home, "db", "restore", str(backup), check=False)
    assert refused.returncode == 1 and "目标数据库已有数据" in refused.stderr

    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(backup) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("media/"):
                data += b"tampered"
            dst.writestr(item, data)
    empty = database("sqlite", "refuse_dst", tmp_path)
    broken = jixiao(empty, tmp_path / "b", "db", "restore", str(damaged), check=False)
    assert broken.returncode == 1 and "摘要与清单不符" in broken.stderr
    assert files(tmp_path / "b" / "media") == {}


@pytest.mark.slow
def test_a_sqlite_backup_restores_into_postgresql(tmp_path) -> None:
    source, target = database("sqlite", "cross_src", tmp_path), database("postgresql", "cross_dst", tmp_path)
    home_a, home_b = tmp_path / "a", tmp_path / "b"
    python(source, home_a, LOAD)
    backup = tmp_path / "backup.zip"
    jixiao(source, home_a, "db", "backup", str(backup))
    jixiao(target, home_b, "db", "restore", str(backup))
    before, after = tables(source), tables(target)
    for name, rows in before.items():
        if name not in {"django_migrations", *AUDIT_TABLES}:
            assert len(after[name]) == len(rows), name
    assert files(home_a / "media") == files(home_b / "media") != {}
    # the seals were computed on SQLite and verify on PostgreSQL: the content is canonical
    assert "审计记录完整" in jixiao(target, home_b, "db", "verify-audit").stdout
