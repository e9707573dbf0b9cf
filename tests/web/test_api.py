"""The JSON API (/api/): what each endpoint returns, the core's figures unchanged, the one write."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.test import Client
from tests.web.versions import versioned

from jixiao.review import review_text
from jixiao.scoring import score_report
from jixiao.web.budgets.models import MonthlyExecution
from jixiao.web.departments.models import FiscalYear
from jixiao.web.evaluation.selectors import assemble_report

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _put(client: Client, url: str, body: dict) -> object:
    return client.put(url, data=json.dumps(versioned(client, url, body)), content_type="application/json")


def test_anonymous_gets_401(client, world) -> None:
    assert client.get("/api/departments").status_code == 401
    assert client.get(f"/api/departments/{world.a.pk}/budgets/2022").status_code == 401


def test_openapi_document_and_docs_without_cdn(world) -> None:
    client = _client(world.user_a)
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"].startswith("jixiao")
    assert "/api/departments/{department_id}/budgets/{year}/monthly/{month}" in schema["paths"]
    page = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page


def test_department_list_is_scoped(world) -> None:
    names = {d["name"] for d in _client(world.user_a).get("/api/departments").json()}
    assert names == {world.a.name}
    names = {d["name"] for d in _client(world.finance).get("/api/departments").json()}
    assert names == {world.a.name, world.b.name}


def test_budget_with_monthly_execution_as_numbers(world) -> None:
    data = _client(world.user_a).get(f"/api/departments/{world.a.pk}/budgets/2022").json()
    budget = world.a.budgets.get(fiscal_year__year=2022)
    assert data["year"] == 2022
    assert isinstance(data["total"], (int, float)) and Decimal(str(data["total"])) == budget.total
    assert [m["month"] for m in data["monthly"]] == list(range(1, 13))
    assert sum(Decimal(str(m["spent"])) for m in data["monthly"]) == sum(m.spent for m in budget.monthly.all())
    years = [b["year"] for b in _client(world.user_a).get(f"/api/departments/{world.a.pk}/budgets").json()]
    assert years == [2021, 2022]


def test_report_is_exactly_the_interchange_json(world) -> None:
    response = _client(world.user_a).get(f"/api/departments/{world.a.pk}/reports/2022")
    expected = assemble_report(world.a, FiscalYear.objects.get(year=2022)).to_json_data()
    assert response.json() == expected
    assert response.json()["schema"] == "jixiao.report/1"
    assert isinstance(response.json()["budget"]["total"], (int, float))


def test_score_is_the_core_score(world) -> None:
    data = _client(world.finance).get(f"/api/departments/{world.b.pk}/scores/2022").json()
    expected = score_report(assemble_report(world.b, 2022)).to_json_data()
    assert data == expected
    assert data["grade"] in {"优", "良", "中", "差"} and data["items"] and "reason" in data["items"][0]


def test_missing_year_is_404(world) -> None:
    client = _client(world.user_a)
    assert client.get(f"/api/departments/{world.a.pk}/reports/1999").status_code == 404
    assert client.get(f"/api/departments/{world.a.pk}/budgets/1999").status_code == 404


def test_monitoring_rows_are_scoped(world) -> None:
    data = _client(world.user_a).get("/api/monitoring", {"year": 2022, "on": "2022-06-30"}).json()
    assert {r["department"] for r in data["rows"]} == {world.a.name}
    assert data["time_progress"] == 50
    data = _client(world.finance).get("/api/monitoring", {"year": 2022, "on": "2022-06-30"}).json()
    assert {r["department"] for r in data["rows"]} == {world.a.name, world.b.name}
    assert all(w["department"] in {world.a.name, world.b.name} for w in data["warnings"])


def test_progress_points_come_from_the_core(world) -> None:
    data = _client(world.user_a).get(f"/api/departments/{world.a.pk}/budgets/2022/progress").json()
    assert [p["time_progress"] for p in data["points"]][5] == 50
    assert data["points"][-1]["time_progress"] == 100
    budget = world.a.budgets.get(fiscal_year__year=2022)
    spent = sum(m.spent for m in budget.monthly.all())
    assert Decimal(str(data["points"][-1]["spent"])) == spent


def test_review_findings_of_a_stored_document(world) -> None:
    document = world.documents[world.a.pk]
    data = _client(world.user_a).get(f"/api/documents/{document.pk}/findings").json()
    _, expected = review_text(document.extracted_text)
    assert data == [f.model_dump(mode="json") for f in expected]
    assert data and {"rule", "severity", "message", "evidence"} <= set(data[0])
    listed = {d["id"] for d in _client(world.user_a).get("/api/documents").json()}
    assert listed == {document.pk}
    listed = {d["id"] for d in _client(world.finance).get("/api/documents").json()}
    assert listed == {d.pk for d in world.documents.values()} | {world.orphan_document.pk}


def test_department_user_records_monthly_execution(world) -> None:
    url = f"/api/departments/{world.a.pk}/budgets/2022/monthly/3"
    response = _put(_client(world.user_a), url, {"spent": "123.45"})
    assert response.status_code == 200, response.content
    assert response.json() == {"department_id": world.a.pk, "year": 2022, "month": 3, "spent": 123.45,
                               "created": False, "version": response.json()["version"]}
    row = MonthlyExecution.objects.get(budget__department=world.a, budget__fiscal_year__year=2022, month=3)
    assert row.spent == Decimal("123.45")


def test_finance_and_other_departments_cannot_write(world) -> None:
    url = f"/api/departments/{world.a.pk}/budgets/2022/monthly/3"
    before = MonthlyExecution.objects.get(budget__department=world.a, budget__fiscal_year__year=2022, month=3).spent
    assert _put(_client(world.finance), url, {"spent": "1.00"}).status_code == 403
    assert _put(_client(world.user_b), url, {"spent": "1.00"}).status_code == 404
    after = MonthlyExecution.objects.get(budget__department=world.a, budget__fiscal_year__year=2022, month=3).spent
    assert after == before
    assert _put(_client(world.admin), url, {"spent": "2.00"}).status_code == 200


def test_bad_writes_are_refused(world) -> None:
    client = _client(world.user_a)
    base = f"/api/departments/{world.a.pk}/budgets"
    assert _put(client, f"{base}/2022/monthly/13", {"spent": "1"}).status_code == 404
    assert _put(client, f"{base}/2022/monthly/4", {"spent": "-1"}).status_code == 422
    assert _put(client, f"{base}/2022/monthly/4", {"spent": "1.234"}).status_code == 422
    assert _put(client, f"{base}/1999/monthly/4", {"spent": "1"}).status_code == 404
    FiscalYear.objects.filter(year=2021).update(is_closed=True)
    assert _put(client, f"{base}/2021/monthly/4", {"spent": "1"}).status_code == 409


def test_writes_need_the_csrf_token(world) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user_a)
    url = f"/api/departments/{world.a.pk}/budgets/2022/monthly/5"
    assert _put(client, url, {"spent": "9.00"}).status_code == 403
    client.get("/api/docs")  # any page that renders a token sets the cookie
    token = client.cookies["csrftoken"].value
    response = client.put(url, data=json.dumps(versioned(client, url, {"spent": "9.00"})), content_type="application/json",
                          headers={"X-CSRFToken": token})
    assert response.status_code == 200, response.content


def test_dashboard_data_for_the_finance_bureau_only(world) -> None:
    assert _client(world.user_a).get("/api/dashboard").status_code == 403
    data = _client(world.finance).get("/api/dashboard", {"year": 2022}).json()
    assert data["year"] == 2022 and data["years"] == [2021, 2022]
    assert {r["department"] for r in data["rows"]} == {world.a.name, world.b.name}
    rates = [r["execution_rate"] for r in data["rows"]]
    assert rates == sorted(rates, reverse=True)
    assert sum(data["grades"].values()) == 2
    assert [m["month"] for m in data["monthly"]] == list(range(1, 13))
    assert [y["year"] for y in data["year_over_year"]] == [2021, 2022]
