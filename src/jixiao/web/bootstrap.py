"""Start Django from the command line: choose the database, set up, migrate.

The CLI calls these before touching the web app, so that ``jixiao demo`` and ``jixiao serve``
need no ``manage.py`` and no settings file of the user's.
"""

from __future__ import annotations

import io
import os
from pathlib import Path


def default_home() -> Path:
    """Where jixiao keeps its SQLite file, uploads and secret key (JIXIAO_HOME)."""
    return Path(os.environ.get("JIXIAO_HOME") or Path.home() / ".local" / "share" / "jixiao")


def setup(*, database_url: str | None = None, home: Path | None = None) -> None:
    """Point Django at ``database_url`` (else the environment's) and set it up."""
    if home is not None:
        os.environ["JIXIAO_HOME"] = str(home)
    if database_url is not None:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()


def database_label() -> str:
    """A one-line description of the database in use, without the password."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if "sqlite" in db["ENGINE"]:
        return f"SQLite {db['NAME']}"
    return f"PostgreSQL {db.get('USER')}@{db.get('HOST')}:{db.get('PORT')}/{db.get('NAME')}"


def migrate(*, verbose: bool = False) -> None:
    """Create or update the tables."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1 if verbose else 0, stdout=io.StringIO())


def refresh_statistics() -> None:
    """Let the database's query planner know the tables' sizes (ANALYZE).

    Without statistics SQLite reads ``WHERE deleted_at IS NULL`` through the ``deleted_at``
    index, which matches nearly every row, instead of the foreign key's: a department page
    over 1,000 departments took tens of milliseconds more per query. ``analysis_limit`` keeps
    the SQLite pass to a fraction of a second on large files.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")


def pending_migrations() -> list[str]:
    """Names of the migrations not yet applied to the database."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def manage(args: list[str]) -> None:
    """Run a Django management command (makemigrations, shell …) for developers."""
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jixiao db manage", *args])
