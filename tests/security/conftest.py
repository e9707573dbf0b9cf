"""The security tests reuse the web tests' world (two departments, finance, admin) and its media folder."""

from __future__ import annotations

import pytest
from tests.web.conftest import PASSWORD, World

__all__ = ["PASSWORD"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db) -> World:
    return World()


@pytest.fixture
def threaded_world(transactional_db) -> World:
    """The world committed for real, so that threads (each with its own connection) see it."""
    return World()
