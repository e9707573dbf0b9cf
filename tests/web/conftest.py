"""Database tests run on SQLite always and on PostgreSQL when DATABASE_URL points at one.

``make test`` runs the suite once on SQLite, then the ``django_db`` tests again with
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/test``. When that server does not answer,
every database test of the second pass is skipped with a message saying so.
"""

from __future__ import annotations

import pytest
from django.conf import settings


def _postgres_unreachable_reason() -> str | None:
    db = settings.DATABASES["default"]
    if "postgresql" not in db["ENGINE"]:
        return None
    try:
        import psycopg

        with psycopg.connect(
            host=db.get("HOST") or "127.0.0.1", port=db.get("PORT") or 5432, user=db.get("USER") or "postgres",
            password=db.get("PASSWORD") or None, dbname=db.get("NAME") or "postgres", connect_timeout=3,
        ):
            return None
    except Exception as exc:  # any failure to connect means: skip, and say why
        return f"PostgreSQL at {db.get('HOST')}:{db.get('PORT')} did not answer ({type(exc).__name__}); skipped"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = _postgres_unreachable_reason()
    if reason is None:
        return
    marker = pytest.mark.skip(reason=reason)
    for item in items:
        if item.get_closest_marker("django_db"):
            item.add_marker(marker)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
