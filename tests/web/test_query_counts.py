"""Pages and endpoints make a bounded number of queries, whatever the number of rows (NetBox style)."""

from __future__ import annotations

import pytest
from django.test import Client

from jixiao import synthetic
from jixiao.web.evaluation.flows import save_report

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _queries(django_assert_max_num_queries, client: Client, url: str, limit: int) -> None:
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("extra", [0, 6])
def test_list_endpoints_do_not_grow_with_rows(world, django_assert_max_num_queries, extra) -> None:
    for index in range(2, 2 + extra):
        save_report(synthetic.report(index, 2022))
    client = _client(world.finance)
    _queries(django_assert_max_num_queries, client, "/api/departments", 6)
    _queries(django_assert_max_num_queries, client, f"/api/departments/{world.a.pk}/budgets", 8)
    _queries(django_assert_max_num_queries, client, "/api/monitoring?year=2022&on=2022-06-30", 8)
    _queries(django_assert_max_num_queries, client, "/api/documents", 6)
    _queries(django_assert_max_num_queries, client, f"/departments/{world.a.pk}/", 10)
    _queries(django_assert_max_num_queries, client, "/monitoring/?year=2022", 10)
    # the dashboard: summary rows recomputed above (the new reports' rows are stale), none here
    client.get("/api/dashboard")
    _queries(django_assert_max_num_queries, client, "/dashboard/?year=2021", 12)
    _queries(django_assert_max_num_queries, client, "/api/dashboard?year=2021", 12)
    _queries(django_assert_max_num_queries, client, "/dashboard/?year=2021", 8)  # the same board again
    _queries(django_assert_max_num_queries, _client(world.user_a), f"/departments/{world.a.pk}/", 12)
