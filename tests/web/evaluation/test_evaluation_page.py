"""年终自评 page: the core's score with every item's reason, and the downloads the core renders."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client

from jixiao.scoring import score_report
from jixiao.web.evaluation.selectors import assemble_report

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_score_page_shows_the_core_score_and_every_reason(world) -> None:
    page = _client(world.user_a).get(f"/departments/{world.a.pk}/evaluation/2022/").content.decode()
    result = score_report(assemble_report(world.a, 2022))
    assert f"系统评分 <strong>{result.total:.2f}</strong> 分，等级 <strong>{result.grade}</strong>" in page
    for item in result.items:
        assert item.name in page
        for part in item.reason.split("；")[:1]:
            assert part.replace(">", "&gt;").replace("<", "&lt;") in page


@pytest.mark.parametrize(("fmt", "member"), [("docx", "word/document.xml"), ("xlsx", "xl/workbook.xml")])
def test_downloads_are_rendered_by_the_core(world, fmt, member) -> None:
    response = _client(world.finance).get(f"/departments/{world.a.pk}/evaluation/2022/report.{fmt}")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"] and f".{fmt}" in response["Content-Disposition"]
    assert member in zipfile.ZipFile(io.BytesIO(response.content)).namelist()


def test_unknown_format_missing_year_and_other_department_are_404(world) -> None:
    client = _client(world.user_b)
    assert client.get(f"/departments/{world.b.pk}/evaluation/2022/report.exe").status_code == 404
    assert client.get(f"/departments/{world.b.pk}/evaluation/1999/").status_code == 404
    assert client.get(f"/departments/{world.a.pk}/evaluation/2022/").status_code == 404
    assert client.get(f"/departments/{world.a.pk}/evaluation/2022/report.docx").status_code == 404


def test_the_form_downloads_as_pdf_printed_by_calc(world) -> None:
    import shutil

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) not installed: run scripts/install-system-deps")
    response = _client(world.finance).get(f"/departments/{world.a.pk}/evaluation/2022/report.form-pdf")
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    from urllib.parse import unquote

    assert unquote(response["Content-Disposition"]).endswith("2022年度自评表.pdf")
