"""The JSON API against its own OpenAPI document (schemathesis): no input makes it fail.

schemathesis reads the document ninja publishes, generates requests for every operation —
valid and malformed path ids, query values and bodies — and sends them in process through
Django's WSGI application, logged in as each role. Checks: never a 5xx, and every documented
response matches its schema. 401/403/404/409/422 are answers, not failures; what each role may
do is the isolation walk's job (test_isolation.py).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import response_schema_conformance

from jixiao.web.api import api

pytestmark = pytest.mark.django_db(transaction=False)

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
schema.app = WSGIHandler()

CHECKS = [schemathesis.checks.not_a_server_error, response_schema_conformance]


@pytest.fixture(autouse=True)
def _keep_the_test_transaction() -> Iterator[None]:
    """Requests go through the WSGI handler, not Django's test client: like the client, stop the
    end of a request from closing the connection (on PostgreSQL that would drop the test's
    transaction and with it the world the requests read)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _session_cookies(user: Any) -> dict[str, str]:
    """A logged-in session and a CSRF pair for ``user``, as the browser would hold them."""
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return {settings.SESSION_COOKIE_NAME: store.session_key, settings.CSRF_COOKIE_NAME: _csrf_secret()}


def _csrf_secret() -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return "".join(secrets.choice(alphabet) for _ in range(32))


@pytest.fixture(params=["user_a", "finance"])
def logged_in(request, module_world) -> dict[str, Any]:
    # one world for the module's 160 operations and roles: the requests' writes are each test's, undone after it
    world = module_world
    """Cookies and headers of a logged-in department user or finance user."""
    cookies = _session_cookies(getattr(world, request.param))
    return {"cookies": cookies, "headers": {"X-CSRFToken": cookies[settings.CSRF_COOKIE_NAME],
                                            "Referer": "http://localhost/"}}


@schema.parametrize()
@hypothesis_settings(max_examples=8, deadline=None, derandomize=True,
                     suppress_health_check=list(HealthCheck))
def test_no_request_makes_the_api_fail(case, logged_in) -> None:
    case.call_and_validate(checks=CHECKS, cookies=logged_in["cookies"], headers=logged_in["headers"])


def test_the_fuzzer_is_logged_in_and_passes_csrf(module_world) -> None:
    """The same cookies and headers make a real write succeed, so the fuzzing above reaches the handlers."""
    world = module_world
    cookies = _session_cookies(world.user_a)
    operation = schema["/api/departments/{department_id}/budgets/{year}/monthly/{month}"]["PUT"]
    from jixiao.web.budgets.models import MonthlyExecution
    from jixiao.web.common.locking import as_version

    row = MonthlyExecution.objects.get(budget__department=world.a, budget__fiscal_year__year=world.year, month=3)
    case = operation.Case(path_parameters={"department_id": world.a.pk, "year": world.year, "month": 3},
                          body={"spent": "12.34", "version": as_version(row.updated_at)},  # the version GET shows
                          media_type="application/json")
    response = case.call(cookies=cookies, headers={"X-CSRFToken": cookies[settings.CSRF_COOKIE_NAME],
                                                   "Referer": "http://localhost/"})
    assert response.status_code == 200, response.text
    assert response.json()["spent"] == 12.34
    no_csrf = case.call(cookies={settings.SESSION_COOKIE_NAME: cookies[settings.SESSION_COOKIE_NAME]})
    assert no_csrf.status_code == 403


def test_every_read_with_real_ids_answers_in_its_documented_shape(module_world) -> None:
    """Generated ids rarely hit a stored row, so each GET is also called once with department A's ids
    (as the isolation walk fills them) and its 200 answer checked against the document."""
    world = module_world
    from tests.web.test_isolation import (
        give_project_performance,
        give_proposal,
        give_publication,
        give_sample,
        route_values,
    )

    give_project_performance(world)  # the 项目绩效 reads need A's project-year, as the isolation walk has it
    give_publication(world)  # and 信息公开 one of A's publications
    give_sample(world)  # and 抽评 a draw naming A's self-evaluation
    give_proposal(world)  # and 指标库 an indicator A proposed
    values = route_values(world)
    cookies = _session_cookies(world.admin)
    checked = 0
    for path, methods in schema.raw_schema["paths"].items():
        if "get" not in methods:
            continue
        operation = schema[path]["GET"]
        names = [p["name"] for p in methods["get"].get("parameters", []) if p["in"] == "path"]
        query = {p["name"]: world.year for p in methods["get"].get("parameters", [])
                 if p["in"] == "query" and p["name"] == "year"}
        case = operation.Case(path_parameters={n: values[n] for n in names}, query=query or None)
        response = case.call(cookies=cookies)
        assert response.status_code == 200, (path, response.status_code, response.text[:300])
        case.validate_response(response, checks=[response_schema_conformance])
        checked += 1
    assert checked >= 20
