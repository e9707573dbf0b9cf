"""复核 pages: the stored files a user sees, and the core's review of one."""

from __future__ import annotations

import pytest
from django.test import Client

from jixiao.review import review_text

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_document_list_is_scoped(world) -> None:
    own = _client(world.user_a).get("/reviews/").content.decode()
    assert world.documents[world.a.pk].original_name in own
    assert world.documents[world.b.pk].original_name not in own and "orphan.txt" not in own
    every = _client(world.finance).get("/reviews/").content.decode()
    assert all(d.original_name in every for d in world.documents.values()) and "orphan.txt" in every


def test_review_page_shows_the_core_findings_with_the_text(world) -> None:
    document = world.documents[world.a.pk]
    page = _client(world.user_a).get(f"/reviews/{document.pk}/").content.decode()
    _, findings = review_text(document.extracted_text)
    assert findings
    for finding in findings:
        assert finding.rule in page
    assert "https://" not in page and "http://" not in page


def test_other_department_gets_404(world) -> None:
    assert _client(world.user_b).get(f"/reviews/{world.documents[world.a.pk].pk}/").status_code == 404
    assert _client(world.user_b).get(f"/reviews/{world.orphan_document.pk}/").status_code == 404


def test_a_file_that_is_not_a_report_says_so(world) -> None:
    page = _client(world.finance).get(f"/reviews/{world.orphan_document.pk}/")
    assert page.status_code == 200
    assert "不是绩效自评报告" in page.content.decode()
    response = _client(world.finance).get(f"/api/documents/{world.orphan_document.pk}/findings")
    assert response.status_code == 422 and "不是绩效自评报告" in response.json()["detail"]
