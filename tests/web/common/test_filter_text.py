"""A filter's text with control characters (NUL: PostgreSQL refuses it in a query) is searched without them, never a 500.

Found by schemathesis on PostgreSQL: ``GET /api/departments?q=%0BT%00…`` answered 500 (psycopg DataError).
"""

from __future__ import annotations

import pytest
from django.test import Client

from jixiao.web.accounts.models import Role, User
from jixiao.web.common.listing import filter_text

pytestmark = pytest.mark.django_db


def test_control_characters_leave_the_filter() -> None:
    assert filter_text("\x0bT\x00宣传\x7f ") == "T宣传"
    assert filter_text(None) == ""


def test_lists_and_their_api_answer_a_nul_in_the_filter() -> None:
    client = Client()
    client.force_login(User.objects.create_user(username="cz", password="x" * 16, role=Role.FINANCE))
    for url in ("/api/departments?q=%00x", "/api/documents?q=%00x", "/api/results?q=%00x", "/?q=%00x",
                "/reviews/?q=%00x", "/results/?q=%00x"):
        assert client.get(url).status_code == 200, url
