"""The monitoring page (双监控): the core's rows and warnings, scoped to what the user sees."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from jixiao.web.monitoring.selectors import default_monitoring_date, monitoring_for

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_finance_sees_every_department_with_the_core_figures(world) -> None:
    page = _client(world.finance).get("/monitoring/", {"year": 2022, "on": "2022-06-30"}).content.decode()
    result = monitoring_for(user=world.finance, year=2022, on=date(2022, 6, 30))
    assert "序时进度 50.00%" in page
    for row in result.rows:
        assert row.department in page
        assert f"{row.execution:.2f}%" in page
    for warning in result.warnings:
        assert warning.message in page


def test_department_user_sees_only_their_row(world) -> None:
    page = _client(world.user_a).get("/monitoring/", {"year": 2022, "on": "2022-06-30"}).content.decode()
    assert world.a.name in page and world.b.name not in page


def test_a_bad_date_falls_back_to_the_default(world) -> None:
    response = _client(world.finance).get("/monitoring/", {"year": 2022, "on": "not-a-date"})
    assert response.status_code == 200


def test_default_date_stays_inside_the_year() -> None:
    assert default_monitoring_date(2022, today=date(2026, 3, 1)) == date(2022, 12, 31)
    assert default_monitoring_date(2030, today=date(2026, 3, 1)) == date(2030, 1, 1)
    assert default_monitoring_date(2026, today=date(2026, 3, 1)) == date(2026, 3, 1)
