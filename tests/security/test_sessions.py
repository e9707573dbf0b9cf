"""Sessions: an absolute lifetime beside the idle timeout, and an optional limit of sessions per user.

Before: a session lived as long as it was used at least every 30 minutes — for ever — and a user
could be signed in from any number of places (the first test got 200 after 13 hours, the second
kept all three sessions).
"""

from __future__ import annotations

import time

import pytest
from django.test import Client
from tests.security.conftest import PASSWORD

from jixiao.web.accounts.security import LOGIN_AT

pytestmark = pytest.mark.django_db


def _logged_in(username: str) -> Client:
    client = Client()
    assert client.post("/accounts/login/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


def _login_hours_ago(client: Client, hours: float) -> None:
    session = client.session
    session[LOGIN_AT] = int(time.time() - hours * 3600)
    session.save()


def test_a_session_ends_twelve_hours_after_login_however_busy(world) -> None:
    client = _logged_in("dept_a")
    _login_hours_ago(client, 11.9)
    assert client.get(f"/departments/{world.a.pk}/").status_code == 200
    _login_hours_ago(client, 12.1)
    response = client.get(f"/departments/{world.a.pk}/", follow=True)
    assert response.redirect_chain[0][0].startswith("/accounts/login/")
    assert "登录已超过 12 小时，请重新登录" in response.content.decode()
    assert client.get(f"/departments/{world.a.pk}/").status_code == 302  # logged out, not just redirected once


def test_the_api_answers_401_in_chinese_after_the_lifetime(world) -> None:
    client = _logged_in("dept_a")
    _login_hours_ago(client, 13)
    response = client.get("/api/departments")
    assert response.status_code == 401 and response.json()["detail"] == "登录已超过 12 小时，请重新登录"


def test_the_lifetime_is_a_setting(world, settings) -> None:
    settings.SESSION_ABSOLUTE_SECONDS = 3600
    client = _logged_in("dept_a")
    _login_hours_ago(client, 1.5)
    assert client.get("/api/departments").json()["detail"] == "登录已超过 1 小时，请重新登录"


def test_a_limit_of_sessions_ends_the_oldest(world, settings) -> None:
    settings.MAX_SESSIONS_PER_USER = 2
    first, second = _logged_in("dept_a"), _logged_in("dept_a")
    _login_hours_ago(first, 2)
    _login_hours_ago(second, 1)
    other_user = _logged_in("dept_b")
    third = _logged_in("dept_a")
    assert first.get("/api/departments").status_code == 401  # the oldest ended
    assert second.get("/api/departments").status_code == 200
    assert third.get("/api/departments").status_code == 200
    assert other_user.get("/api/departments").status_code == 200  # someone else's session is not counted


def test_no_limit_by_default(world) -> None:
    clients = [_logged_in("dept_a") for _ in range(4)]
    assert all(c.get("/api/departments").status_code == 200 for c in clients)
