"""The 30-minute idle timeout slides without a session write on every request."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from jixiao.web.common import middleware

pytestmark = pytest.mark.django_db


def _expiry(client: Client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_session_is_saved_at_most_once_a_minute(world, monkeypatch) -> None:
    clock = [1_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0])
    client = Client()
    client.force_login(world.user_a)
    assert client.get("/").status_code == 200
    first = _expiry(client)
    clock[0] += 30
    assert client.get("/").status_code == 200
    assert _expiry(client) == first  # no write within the minute
    clock[0] += 31
    assert client.get("/").status_code == 200
    assert _expiry(client) > first  # the idle timeout moved on


def test_an_expired_session_signs_out(world) -> None:
    client = Client()
    client.force_login(world.user_a)
    Session.objects.filter(session_key=client.session.session_key).update(expire_date="2000-01-01T00:00:00Z")
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_anonymous_visits_create_no_session() -> None:
    Client().get("/accounts/login/")
    assert not Session.objects.exists()
