"""审计日志: every recorded change, who and old → new in Chinese, scoped by department, bounded queries."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from tests.web.versions import versioned

from jixiao import synthetic
from jixiao.web.audit.selectors import DEPARTMENT_OF, department_field, historical_models
from jixiao.web.departments.models import Region
from jixiao.web.evaluation.flows import save_report

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _patch_answer(world, user, progress="已修订指标。"):
    url = f"/api/departments/{world.a.pk}/rectifications/{world.rectification.pk}"
    body = versioned(_client(user), url, {"measure": "细化指标。", "status": "in_progress", "progress": progress})
    return _client(user).patch(url, data=json.dumps(body), content_type="application/json")


def test_an_api_write_shows_on_the_page_with_who_and_old_to_new(world) -> None:
    assert _patch_answer(world, world.user_a).status_code == 200
    page = _client(world.user_a).get("/audit/?kind=change").content.decode()
    first = page.split('class="audit-entry"')[1]  # newest first
    assert "dept_a" in first and "修改" in first and "整改事项" in first
    assert "整改状态</b>：未整改 → 整改中" in first and "整改情况</b>：— → 已修订指标。" in first
    assert world.a.name in first


def test_the_api_gives_the_same_log(world) -> None:
    _patch_answer(world, world.user_a)
    body = _client(world.user_a).get("/api/audit?kind=change").json()
    entry = body["entries"][0]
    assert entry["model"] == "results.rectification" and entry["user"] == "dept_a" and entry["type_label"] == "修改"
    changes = {c["label"]: (c["old"], c["new"]) for c in entry["changes"]}
    assert changes["整改状态"] == ("未整改", "整改中") and entry["department_id"] == world.a.pk
    assert body["count"] >= 1 and body["page"] == 1


def test_monthly_execution_belongs_to_its_budgets_department(world) -> None:
    _client(world.user_a).put(f"/api/departments/{world.a.pk}/budgets/2022/monthly/3",
                              data=json.dumps(versioned(_client(world.user_a), f"/api/departments/{world.a.pk}/budgets/2022/monthly/3", {"spent": "777.77"})), content_type="application/json")
    body = _client(world.user_a).get("/api/audit?model=budgets.monthlyexecution").json()
    entry = body["entries"][0]
    assert entry["department_id"] == world.a.pk and entry["model_label"] == "月度执行"
    assert any(c["label"] == "当月支出" and c["new"] == "777.77" for c in entry["changes"])
    assert all(e["department_id"] == world.a.pk for e in body["entries"])


def test_other_department_sees_nothing_of_a(world) -> None:
    _patch_answer(world, world.user_a)
    _client(world.user_b).put(f"/api/departments/{world.b.pk}/budgets/2022/monthly/3",
                              data=json.dumps(versioned(_client(world.user_b), f"/api/departments/{world.b.pk}/budgets/2022/monthly/3", {"spent": "1.00"})), content_type="application/json")
    page = _client(world.user_b).get("/audit/").content.decode()
    body = _client(world.user_b).get("/api/audit?kind=change").json()
    assert world.a.name not in page and world.a.name not in json.dumps(body, ensure_ascii=False)
    assert body["entries"] and {e["department_id"] for e in body["entries"]} == {world.b.pk}
    assert "已修订指标" not in page
    # asking for A's department by filter gives nothing either
    assert _client(world.user_b).get(f"/api/audit?department={world.a.pk}").json()["count"] == 0
    assert world.a.name not in _client(world.user_b).get(f"/audit/?department={world.a.pk}").content.decode()


def test_records_of_no_department_are_the_finance_bureaus_and_admins(world) -> None:
    Region.objects.create(name="测试新区")
    for user in (world.finance, world.admin):
        body = _client(user).get("/api/audit?model=departments.region").json()
        assert body["count"] >= 1 and body["entries"][0]["department_id"] is None
        assert _client(user).get("/api/audit?model=documents.sourcedocument").json()["count"] == 3  # with the orphan
    assert _client(world.user_a).get("/api/audit?model=departments.region").json()["count"] == 0
    assert _client(world.user_a).get("/api/audit?model=accounts.user").json()["count"] == 0
    assert _client(world.user_a).get("/api/audit?model=documents.sourcedocument").json()["count"] == 1


def test_a_password_is_never_shown(world) -> None:
    world.user_b.set_password("another-pw-123")
    world.user_b.save()
    body = _client(world.admin).get("/api/audit?model=accounts.user").json()
    changed = [c for e in body["entries"] for c in e["changes"] if c["field"] == "password"]
    assert changed and all(c["old"] in ("—", "（不显示）") and c["new"] == "（不显示）" for c in changed)
    assert world.user_b.password not in json.dumps(body)


def test_filters_by_department_model_and_user_and_pages(world) -> None:
    client = _client(world.finance)
    before = client.get(f"/api/audit?user={world.user_a.pk}&kind=change").json()["count"]  # the shared data's own
    _patch_answer(world, world.user_a)
    by_user = client.get(f"/api/audit?user={world.user_a.pk}&kind=change").json()
    assert by_user["count"] == before + 1 and by_user["entries"][0]["user_id"] == world.user_a.pk
    assert {e["user_id"] for e in by_user["entries"]} == {world.user_a.pk}
    by_department = client.get(f"/api/audit?department={world.b.pk}").json()
    assert by_department["count"] > 0 and {e["department_id"] for e in by_department["entries"]} == {world.b.pk}
    everything = client.get("/api/audit?kind=change").json()
    assert everything["pages"] > 1
    dates = [e["date"] for e in everything["entries"]]
    assert dates == sorted(dates, reverse=True)
    second = client.get("/api/audit?page=2").json()
    assert second["page"] == 2 and second["entries"][0] != everything["entries"][0]
    page = client.get(f"/audit/?department={world.a.pk}&model=results.rectification").content.decode()
    assert "整改事项" in page and "第 1 / 1 页" in page


def test_a_soft_delete_shows_as_deleted(world) -> None:
    world.rectification.delete()
    entry = _client(world.finance).get("/api/audit?model=results.rectification").json()["entries"][0]
    assert entry["type_label"] == "删除" and any(c["label"] == "删除时间" and c["old"] == "—" for c in entry["changes"])


def test_every_audited_model_maps_to_a_department_by_decision_or_by_its_field() -> None:
    for label, historical in historical_models().items():
        how = department_field(label, historical)
        assert label in DEPARTMENT_OF or how is not None, f"{label}: say in DEPARTMENT_OF how it maps to a department"
    assert DEPARTMENT_OF["budgets.monthlyexecution"] == "budget" and DEPARTMENT_OF["accounts.user"] is None


@pytest.mark.parametrize("extra", [0, 6])
def test_the_log_makes_a_bounded_number_of_queries(world, django_assert_max_num_queries, extra) -> None:
    for index in range(2, 2 + extra):
        save_report(synthetic.report(index, 2022))
    _patch_answer(world, world.user_a)
    for user in (world.finance, world.user_a):
        client = _client(user)
        # one UNION and its count, two per model on the page, users, departments, the filters
        with django_assert_max_num_queries(24):
            assert client.get("/audit/").status_code == 200
        with django_assert_max_num_queries(22):
            assert client.get("/api/audit").status_code == 200
        # one department's years, and the 考核 section's facts (one query per source, the year's 双监控 board):
        # grows with years, not departments
        with django_assert_max_num_queries(46):
            assert client.get(f"/departments/{world.a.pk}/results/").status_code == 200


def test_related_rows_print_by_name_but_another_departments_name_stays_a_number(world) -> None:
    entry = _client(world.user_a).get("/api/audit?model=results.rectification").json()["entries"][0]
    changes = {c["label"]: c["new"] for c in entry["changes"]}
    assert changes["部门"] == world.a.name and changes["评价年度"] == "2022年度"
    world.b.parent = world.a  # B becomes A's 下属单位: B's user now reads a change naming A
    world.b.save()
    body = _client(world.user_b).get("/api/audit?model=departments.department").json()
    parent = next(c for e in body["entries"] for c in e["changes"] if c["field"] == "parent")
    assert parent["new"] == f"#{world.a.pk}" and world.a.name not in json.dumps(body, ensure_ascii=False)
    assert _client(world.user_a).get("/api/audit?model=departments.department").json()["entries"][0]["changes"][0][
        "new"] == world.a.name  # A sees its own 下属单位's change with its own name


def test_a_goal_review_is_logged_under_the_reviewed_department(world) -> None:
    """目标审核 has no department of its own: it is found through its declaration."""
    from jixiao.web.declarations.models import GoalDeclaration

    GoalDeclaration.objects.filter(pk=world.declaration.pk).update(status="submitted")
    body = {"grades": {"completeness": "优", "relevance": "优", "appropriateness": "良", "feasibility": "优"},
            "overall": "中", "comment": "指标需细化"}
    response = _client(world.finance).post(f"/api/departments/{world.a.pk}/declarations/{world.year}/review",
                                           data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.content
    own = _client(world.user_a).get("/api/audit?model=declarations.goalreview").json()["entries"]
    assert len(own) == 1 and own[0]["department_id"] == world.a.pk
    assert _client(world.user_b).get("/api/audit?model=declarations.goalreview").json()["entries"] == []


def test_a_review_decision_is_logged_under_the_file_s_department(world) -> None:
    """复核意见 and its per-finding decisions are found through the file's department."""
    document = world.documents[world.a.pk]
    response = _client(world.finance).put(f"/api/documents/{document.pk}/review",
                                          data=json.dumps(versioned(_client(world.finance), f"/api/documents/{document.pk}/review", {"status": "in_review", "opinion": "复核中"})),
                                          content_type="application/json")
    assert response.status_code == 200, response.content
    own = _client(world.user_a).get("/api/audit?model=reviews.reviewrecord").json()["entries"]
    assert len(own) == 1 and own[0]["department_id"] == world.a.pk
    assert _client(world.user_b).get("/api/audit?model=reviews.reviewrecord").json()["entries"] == []
