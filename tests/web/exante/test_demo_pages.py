"""The demo's 事前评估 pages as every demo account meets them: no error, no raw value, no developer text."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from docx import Document
from tests.web.browser import ARTIFACTS
from tests.web.walk import Page, page_problems

from jixiao.web import demo
from jixiao.web.accounts.models import User
from jixiao.web.exante.models import ExanteAssessment

pytestmark = pytest.mark.django_db


def test_every_exante_page_of_the_demo_reads_clean() -> None:
    demo.load(departments=2, years=(2022,))
    demo.create_accounts()
    problems: list[str] = []
    for account in demo.DEMO_ACCOUNTS:
        client = Client()
        client.force_login(User.objects.get(username=account.username))
        paths = ["/exante/", "/exante/?status=submitted", "/exante/?conclusion=partial"]
        for assessment in ExanteAssessment.objects.order_by("pk"):
            paths += [f"/exante/{assessment.pk}/", f"/exante/{assessment.pk}/review/",
                      f"/projects/{assessment.project_id}/exante/", f"/projects/{assessment.project_id}/"]
        seen = 0
        for path in paths:
            response = client.get(path)
            if response.status_code in (403, 404):
                continue  # not this account's: the isolation tests say who sees what
            assert response.status_code == 200, (account.username, path, response.status_code)
            seen += 1
            page = Page()
            page.feed(response.content.decode())
            problems += [f"{account.username} {path}: {p}" for p in page_problems("\n".join(page.text))]
        assert seen >= 3, account.username
    assert problems == []
    expert = Client()
    expert.force_login(User.objects.get(username="zhuanjia"))
    body = expert.get("/exante/").content.decode()
    assert body.count("评审</a>") == 2  # the two waiting ones, one per seed department
    partial = ExanteAssessment.objects.filter(conclusion="partial").order_by("pk").first()
    finance = Client()
    finance.force_login(User.objects.get(username="caizheng"))
    report = finance.get(f"/exante/{partial.pk}/report.docx")
    assert report.status_code == 200
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "exante-report-partial.docx").write_bytes(report.content)  # for a person to look at
    text = [p.text for p in Document(io.BytesIO(report.content)).paragraphs]
    assert any(line.startswith("核定金额") and "核减" in line for line in text)
    assert any("评估结论为部分支持" in line for line in text)
