"""项目绩效 API: the same flow as the pages, the statuses of refusals, and what another department gets."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from tests.web.projperf.conftest import approved_project

from jixiao.web.projperf.demo import DIMENSIONS, declared_indicators, fill_project

pytestmark = pytest.mark.django_db
YEAR = 2022


def _send(client, method, url, data):
    return getattr(client, method)(url, data=json.dumps(data), content_type="application/json")


def test_declare_review_monitor_and_evaluate_through_the_api(world, client):
    project = approved_project(world)
    base = f"/api/projects/{project.pk}/performance/{YEAR}"
    client.force_login(world.user_a)
    state = client.get(base).json()
    assert state["status"] == "draft" and state["indicators"] == []
    indicators = [dict(d.model_dump(mode="json", exclude_none=True), id=None) for _, d in declared_indicators(project)]
    payload = {"goals": ["完成年度任务"], "indicators": indicators, "version": state["version"],
               "budget": {"initial": 80, "total": 80, "current": {"initial": 80, "total": 80}}}
    response = _send(client, "put", base, payload)
    assert response.status_code == 200, response.content
    assert response.json()["budget"]["current"]["total"] == 80
    assert _send(client, "put", base, payload).status_code == 409  # stale version
    assert client.post(base + "/submit").json()["status"] == "submitted"
    review = {"grades": dict.fromkeys(DIMENSIONS, "优"), "overall": "优", "comment": ""}
    assert _send(client, "post", base + "/review", review).status_code == 403
    client.force_login(world.finance)
    assert _send(client, "put", base + "/monthly", {"months": {"1": 5}}).status_code == 403
    assert _send(client, "post", base + "/review", review).json()["status"] == "approved"
    client.force_login(world.user_a)
    assert _send(client, "put", base + "/monthly", {"months": {"1": 5, "2": 5, "13": 1}}).status_code == 422
    assert _send(client, "put", base + "/monthly", {"months": {"1": 5, "2": 5}}).json()["monthly"] == {"1": 5, "2": 5}
    first = client.get(base).json()["indicators"][0]
    watched = _send(client, "post", base + "/progress", {"indicator_id": first["id"], "on": f"{YEAR}-03-31",
                                                          "value": 5}).json()
    assert watched["indicators"][0]["colour"] == "red" and watched["indicators"][0]["percent"] == 25
    adjusted = _send(client, "post", base + "/adjustments", {"reason": "任务调减", "targets": {str(first["id"]): "10"}})
    assert adjusted.json()["adjustments"][0]["old"] == "20"
    score = client.get(base + "/score").json()
    assert score["weight_total"] == 100 and score["total"] < 100  # no actual values yet
    state = client.get(base).json()
    actuals = [{"indicator_id": i["id"], "actual": i["target"], "actual_text": "达成" if i["op"] == "qualitative" else ""}
               for i in state["indicators"]]
    result = _send(client, "put", base + "/evaluation", {"spent": 80, "actuals": actuals, "version": state["version"],
                                                         "submit": True})
    assert result.status_code == 200, result.content
    body = result.json()
    assert body["total"] == 100 and body["grade"] == "优"
    assert client.get(base).json()["score"] == 100


def test_other_department_and_missing_year(world, client):
    project = approved_project(world)
    fill_project(project, YEAR, index=0, submitter=world.user_a, reviewer=world.finance)
    base = f"/api/projects/{project.pk}/performance/{YEAR}"
    client.force_login(world.user_b)
    for path in ("", "/monitoring", "/score"):
        assert client.get(base + path).status_code == 404
    assert _send(client, "put", base + "/monthly", {"months": {"1": 1}}).status_code == 404
    assert all(r["project_id"] != project.pk for r in client.get("/api/project-performance").json())
    client.force_login(world.user_a)
    assert client.get(f"/api/projects/{project.pk}/performance/2030/score").status_code == 422
    assert Decimal(str(client.get(base + "/score").json()["total"])) > 0
