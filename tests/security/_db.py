"""Real databases for the security tests that run the CLI in subprocesses (SQLite files, PostgreSQL DBs).

Each helper database is its own: SQLite files under the test's tmp_path, PostgreSQL databases
``test_secaudit_<name>`` created (and dropped first) on the server of the brief
(``postgres://postgres@127.0.0.1:5432``); the PostgreSQL cases are skipped when it does not answer.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG = "postgres://postgres@127.0.0.1:5432"


def pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{PG}/postgres", connect_timeout=3):
            return True
    except Exception:
        return False


def database(vendor: str, name: str, tmp_path: Path) -> str:
    """A fresh, empty database URL of ``vendor`` (sqlite or postgresql)."""
    if vendor == "sqlite":
        return f"sqlite:///{tmp_path / (name + '.sqlite3')}"
    if not pg_available():
        pytest.skip("PostgreSQL at 127.0.0.1:5432 did not answer")
    import psycopg

    db = f"test_secaudit_{name}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db}"')
    return f"{PG}/{db}"


def env(url: str, home: Path) -> dict[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "DATABASE_URL": url, "JIXIAO_HOME": str(home),
            "DJANGO_SETTINGS_MODULE": "jixiao.web.settings"}


def jixiao(url: str, home: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    run = subprocess.run([sys.executable, "-m", "jixiao", *args], env=env(url, home), capture_output=True,
                         text=True, timeout=600)
    if check:
        assert run.returncode == 0, run.stdout + run.stderr
    return run


def python(url: str, home: Path, code: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run ``code`` with Django set up on ``url`` (``from jixiao.web import bootstrap`` already done)."""
    prelude = "from jixiao.web import bootstrap\nbootstrap.setup()\n"
    run = subprocess.run([sys.executable, "-c", prelude + code], env=env(url, home), capture_output=True,
                         text=True, timeout=600)
    if check:
        assert run.returncode == 0, run.stdout + run.stderr
    return run


def tables(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, ordered by every column (as the database returns them)."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        found = {}
        for name in names:
            width = len(conn.execute(f'SELECT * FROM "{name}" LIMIT 0').description)
            order = ", ".join(str(i) for i in range(1, width + 1))
            found[name] = conn.execute(f'SELECT * FROM "{name}" ORDER BY {order}').fetchall()
        conn.close()
        return found
    import psycopg

    with psycopg.connect(url) as conn:
        names = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname='public'")]
        found = {}
        for name in names:
            cursor = conn.execute(f'SELECT * FROM "{name}" LIMIT 0')
            order = ", ".join(str(i) for i in range(1, len(cursor.description) + 1))
            found[name] = conn.execute(f'SELECT * FROM "{name}" ORDER BY {order}').fetchall()
        return found


def files(media: Path) -> dict[str, str]:
    """Every file under ``media`` (but the staging folder): relative name → SHA-256."""
    if not media.is_dir():
        return {}
    return {p.relative_to(media).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(media.rglob("*")) if p.is_file() and ".incoming" not in p.relative_to(media).parts}
