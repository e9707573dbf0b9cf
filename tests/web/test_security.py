"""Session timeout, CSRF on forms and the API, and the headers a government intranet expects."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from tests.web.conftest import PASSWORD
from tests.web.versions import versioned

from jixiao.web.budgets.models import MonthlyExecution

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str) -> None:
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:300]


def test_an_idle_session_ends_after_the_timeout(world) -> None:
    client = Client()
    _login(client, "dept_a")
    assert client.get(f"/departments/{world.a.pk}/").status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    # every request slides the expiry forward by the timeout (SESSION_SAVE_EVERY_REQUEST)
    assert session.expire_date - timezone.now() > timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    session.expire_date = timezone.now() - timedelta(seconds=1)  # as if idle for longer than the timeout
    session.save()
    response = client.get(f"/departments/{world.a.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert settings.SESSION_COOKIE_AGE <= 30 * 60 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def _csrf_token(page: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert match, "the form carries no CSRF token"
    return match.group(1)


def test_a_form_post_without_the_csrf_token_is_refused(world) -> None:
    client = Client(enforce_csrf_checks=True)
    _login_with_csrf(client, "dept_a")
    url = f"/departments/{world.a.pk}/budgets/{world.year}/monthly/"
    before = MonthlyExecution.objects.get(budget__department=world.a, budget__fiscal_year__year=2022, month=3).spent
    page = client.get(f"/departments/{world.a.pk}/?year={world.year}").content.decode()
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    assert client.post(url, {"month": "3", "spent": "1.23", "version": version}).status_code == 403
    token = _csrf_token(page)
    assert client.post(url, {"month": "3", "spent": "1.23", "version": version,
                             "csrfmiddlewaretoken": token}).status_code == 302
    after = MonthlyExecution.objects.get(budget__department=world.a, budget__fiscal_year__year=2022, month=3).spent
    assert before != after and str(after) == "1.23"


def _login_with_csrf(client: Client, username: str) -> None:
    token = _csrf_token(client.get("/accounts/login/").content.decode())
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD,
                                                "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_an_api_write_without_the_csrf_header_is_refused(world) -> None:
    client = Client(enforce_csrf_checks=True)
    _login_with_csrf(client, "dept_a")
    url = f"/api/departments/{world.a.pk}/budgets/{world.year}/monthly/3"
    body = json.dumps(versioned(client, url, {"spent": "2.00"}))
    response = client.put(url, data=body, content_type="application/json")
    assert response.status_code == 403
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.put(url, data=body, content_type="application/json",
                          headers={"X-CSRFToken": token})
    assert response.status_code == 200


def test_pages_cannot_be_framed_and_cookies_are_not_readable_by_scripts(world) -> None:
    client = Client()
    _login(client, "finance")
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.cookies[settings.SESSION_COOKIE_NAME]["httponly"]
