"""The web's DOCX download of an imported report keeps the department's own words (issue: content replaced).

Before: the download dropped 增城's 部门概况 (its duties and six internal units) and wrote a generic
sentence ("…是广州市增城区的预算部门。根据预算绩效管理工作要求…") in its place.
"""

from __future__ import annotations

import pytest
from django.test import Client

from jixiao.importer import import_file
from jixiao.web import demo
from jixiao.web.accounts.models import Role, User
from jixiao.web.departments.models import Department

pytestmark = pytest.mark.django_db


def test_the_downloaded_report_has_the_departments_own_sections(tmp_path) -> None:
    demo.import_seeds()
    zengcheng = Department.objects.get(name="中国共产党广州市增城区委员会宣传部")
    client = Client()
    client.force_login(User.objects.create_user(username="cz", password="x" * 16, role=Role.FINANCE))
    response = client.get(f"/departments/{zengcheng.pk}/evaluation/2022/report.docx")
    assert response.status_code == 200
    path = tmp_path / "zengcheng.docx"
    path.write_bytes(b"".join(response.streaming_content) if response.streaming else response.content)
    again = import_file(path)
    assert again.ok, again.error
    text = again.document.text
    assert "内设机构" in text and "区新闻宣传协调办公室" in text  # its own 部门概况, word for word
    assert "根据预算绩效管理工作要求" not in text
    headings = [s.heading for s in again.report.sections]
    assert any("部门概况" in h for h in headings)
    assert any("新闻宣传科" in s.text for s in again.report.sections)  # its internal units, read back as a section
