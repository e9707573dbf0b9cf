"""项目库 pages and API: lists scoped by role, filters in the URL, forms with 乐观锁, status buttons, export."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client

from jixiao.web.audit.models import AuditEvent
from jixiao.web.projects.models import Project
from jixiao.web.projects.selectors import project_version
from jixiao.web.projects.services import create_project

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _b_project(world) -> Project:
    return create_project(department=world.b, actor=world.user_b, code="B-001", name="乙部门专项经费",
                          start_year=2022, end_year=2022, amount=Decimal("30"), category="专项业务")


def test_department_user_sees_only_own_projects_finance_sees_all(world):
    b = _b_project(world)
    own = _client(world.user_a).get("/projects/").content.decode()
    assert world.project.name in own and b.name not in own and "status-counts" not in own
    assert _client(world.user_a).get(f"/projects/{b.pk}/").status_code == 404
    assert _client(world.user_a).get(f"/api/projects/{b.pk}").status_code == 404
    assert [p["code"] for p in _client(world.user_a).get("/api/projects").json()["projects"]] == [world.project.code]
    board = _client(world.finance).get("/projects/").content.decode()
    assert world.project.name in board and b.name in board and 'id="status-counts"' in board
    assert _client(world.finance).get(f"/api/projects?department={world.b.pk}").json()["count"] == 1


def test_filters_and_sort_in_the_url(world):
    _b_project(world)
    finance = _client(world.finance)
    assert finance.get("/api/projects?key=1").json()["count"] == 1
    assert finance.get("/api/projects?q=乙部门").json()["projects"][0]["code"] == "B-001"
    assert finance.get("/api/projects?category=宣传文化").json()["count"] == 1
    assert finance.get("/api/projects?year=2023").json()["count"] == 1  # A's runs 2022—2023, B's only 2022
    assert [p["code"] for p in finance.get("/api/projects?sort=-amount").json()["projects"]] == ["2022-XC-001", "B-001"]
    page = finance.get("/projects/?status=reserve&key=1&q=阵地").content.decode()
    assert world.project.name in page and "乙部门专项经费" not in page


def test_create_edit_conflict_and_history_on_the_pages(world):
    client = _client(world.user_a)
    response = client.post("/projects/new/", {"code": "2022-XC-002", "name": "公益广告制作", "start_year": "2022",
                                              "amount": "45.5", "attribute": "new"})
    project = Project.objects.get(code="2022-XC-002")
    assert response.status_code == 302 and project.department == world.a and project.amount == Decimal("45.50")
    bad = client.post("/projects/new/", {"code": "2022-XC-002", "name": "重复", "start_year": "2022",
                                         "attribute": "new"}).content.decode()
    assert "本部门已有项目编码为“2022-XC-002”的项目" in bad
    version = project_version(project)
    form = {"code": project.code, "name": "公益广告制作与投放", "start_year": "2022", "amount": "50",
            "attribute": "new", "version": str(version)}
    assert client.post(f"/projects/{project.pk}/edit/", form).status_code == 302
    stale = client.post(f"/projects/{project.pk}/edit/", {**form, "name": "旧页面"}).content.decode()
    assert "已被他人修改" in stale and 'id="edit-conflict"' in stale
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert "项目名称：公益广告制作 → 公益广告制作与投放" in page and "项目总金额（万元）：45.50 万元 → 50.00 万元" in page
    assert "dept_a" in page


def test_status_buttons_offer_only_allowed_states_and_the_gate_speaks_chinese(world):
    client = _client(world.user_a)
    big = create_project(department=world.a, actor=world.user_a, code="2022-XC-009", name="融媒体中心建设",
                         start_year=2022, amount=Decimal("800"), attribute="new")
    page = client.get(f"/projects/{big.pk}/").content.decode()
    assert 'data-to="ex_ante"' in page and 'data-to="approved"' not in page and 'id="budget-gate"' in page
    client.post(f"/projects/{big.pk}/status/", {"to": "ex_ante", "version": project_version(big)})
    big.refresh_from_db()
    response = client.post(f"/projects/{big.pk}/status/", {"to": "approved", "version": project_version(big)},
                           follow=True)
    assert "评估结论为予以支持" in response.content.decode()
    assert Project.objects.get(pk=big.pk).status == "ex_ante"
    api = client.post(f"/api/projects/{big.pk}/status", json.dumps({"to": "approved", "version": project_version(big)}),
                      content_type="application/json")
    assert api.status_code == 409 and "事前绩效评估" in api.json()["detail"]


def test_api_create_update_409_and_finance_403(world):
    client = _client(world.user_a)
    created = client.post(f"/api/departments/{world.a.pk}/projects", json.dumps(
        {"code": "API-1", "name": "接口登记项目", "start_year": 2022, "amount": 12.3}), content_type="application/json")
    assert created.status_code == 200 and created.json()["status_label"] == "储备"
    body = created.json()
    update = {k: body[k] for k in ("code", "name", "start_year", "amount")} | {"name": "改名", "version": body["version"]}
    assert client.put(f"/api/projects/{body['id']}", json.dumps(update), content_type="application/json").status_code == 200
    stale = client.put(f"/api/projects/{body['id']}", json.dumps(update), content_type="application/json")
    assert stale.status_code == 409 and stale.json()["version"] != body["version"]
    finance = _client(world.finance)
    assert finance.post(f"/api/departments/{world.a.pk}/projects", json.dumps(
        {"code": "F-1", "name": "x", "start_year": 2022}), content_type="application/json").status_code == 403
    assert finance.get(f"/projects/{world.project.pk}/edit/").status_code == 200
    assert finance.post(f"/projects/{world.project.pk}/edit/", {}).status_code == 403


def test_soft_delete_and_restore_from_the_pages(world):
    client = _client(world.user_a)
    pk = world.project.pk
    assert client.post(f"/projects/{pk}/delete/", {"version": project_version(world.project)}).status_code == 302
    client.get("/projects/")  # the message of the delete is shown once
    listed = client.get("/projects/").content.decode()
    assert f'href="/projects/{pk}/">{world.project.name}' not in listed and "已删除的项目（1）" in listed
    assert 'id="deleted-banner"' in client.get(f"/projects/{pk}/").content.decode()
    client.post(f"/projects/{pk}/restore/")
    assert Project.objects.filter(pk=pk).exists()
    assert "恢复项目" in client.get(f"/projects/{pk}/").content.decode()


def test_export_is_the_filtered_list_sanitised_and_audited(world):
    create_project(department=world.b, actor=world.user_b, code="B-002", name="=HYPERLINK(\"http://x\")",
                   start_year=2022, amount=Decimal("10"))
    response = _client(world.finance).get("/projects/export.xlsx?year=2022")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("部门", "项目编码", "项目名称") and len(rows) == 3
    names = {r[2] for r in rows[1:]}
    assert "=HYPERLINK(\"http://x\")" in names and all(c.data_type == "s" for c in sheet["C"][1:])
    assert AuditEvent.objects.filter(kind="export", detail__contains="项目库").exists()
    own = openpyxl.load_workbook(io.BytesIO(_client(world.user_a).get("/projects/export.xlsx").content)).active
    assert [r[1] for r in own.iter_rows(min_row=2, values_only=True)] == [world.project.code]


def test_list_pages_make_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    for n in range(30):
        create_project(department=world.b, actor=None, code=f"B-{n:03d}", name=f"项目{n}", start_year=2022,
                       amount=Decimal(n), is_key=n % 3 == 0)
    for user in (world.finance, world.user_a):
        client = _client(user)
        for url in ("/projects/", "/projects/?key=1&sort=-amount", "/api/projects", f"/projects/{world.project.pk}/",
                    f"/api/projects/{world.project.pk}"):
            with django_assert_max_num_queries(14):
                assert client.get(url).status_code == 200


def test_pages_read_clean_for_every_role(world):
    """What the demo walk checks (no English, no raw values, no template residue) on every 项目库 page."""
    from tests.web.walk import Page, page_problems

    big = create_project(department=world.a, actor=world.user_a, code="2022-XC-010", name="重大宣传项目",
                         start_year=2022, end_year=None, amount=None, is_major=True)
    for user in (world.user_a, world.finance, world.admin):
        client = _client(user)
        for url in ("/projects/", "/projects/?key=1&sort=-amount", "/projects/new/", f"/projects/{big.pk}/",
                    f"/projects/{world.project.pk}/", f"/projects/{world.project.pk}/edit/"):
            response = client.get(url)
            assert response.status_code == 200, (user.username, url)
            parsed = Page()
            parsed.feed(response.content.decode())
            assert page_problems(" ".join(parsed.text)) == [], (user.username, url)
