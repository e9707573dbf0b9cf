"""Optimistic locking (乐观锁): the second of two writers who read the same version is refused.

Before: two sessions opened the same self-evaluation and saved one after the other — both 200,
the first edit gone; the page form did the same; 20 simultaneous monthly PUTs were all 200 and the
last one won. Each test below failed that way (second save 200 / 20 × 200) before the version check.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client

from jixiao.web.budgets.models import MonthlyExecution
from jixiao.web.evaluation.models import Evaluation, Indicator

YEAR = 2022
REASONS = {2: "目标设置偏低。", 6: "样本偏少。", 8: "项目延期。"}


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api(world) -> str:
    return f"/api/departments/{world.a.pk}/self-evaluation/{YEAR}"


def _page(world) -> str:
    return f"/departments/{world.a.pk}/evaluation/{YEAR}/self/"


def _form(client: Client, world) -> dict[str, str]:
    """The form as the page renders it (hidden version included), with the reasons owed filled in."""
    form = client.get(_page(world)).context["form"]
    data = {name: "" if form[name].value() is None else str(form[name].value()) for name in form.fields}
    return {**data, **{f"ind-{p}-reason": text for p, text in REASONS.items()}}


@pytest.mark.django_db
def test_two_sessions_on_the_api_the_second_gets_409_with_what_changed(world) -> None:
    first, second = _login(world.user_a), _login(world.admin)
    seen_first, seen_second = first.get(_api(world)).json(), second.get(_api(world)).json()
    assert seen_first["version"] == seen_second["version"] > 0
    reasons = [{"position": p, "deviation_reason": r} for p, r in REASONS.items()]
    body = {"version": seen_first["version"], "indicators": reasons, "measures": ["第一人的措施"]}
    response = first.put(_api(world), json.dumps(body), content_type="application/json")
    assert response.status_code == 200 and response.json()["version"] > seen_first["version"]
    body = {"version": seen_second["version"], "indicators": reasons, "measures": ["第二人的措施"]}
    response = second.put(_api(world), json.dumps(body), content_type="application/json")
    assert response.status_code == 409
    data = response.json()
    assert "已被他人修改" in data["detail"] and data["version"] == first.get(_api(world)).json()["version"]
    assert any("dept_a" in line and "下一步改进措施" in line for line in data["changes"]), data["changes"]
    assert Evaluation.objects.get(department=world.a, fiscal_year__year=YEAR).measures == ["第一人的措施"]
    # reloaded, the second writer may save on top of what they now see
    body["version"] = data["version"]
    assert second.put(_api(world), json.dumps(body), content_type="application/json").status_code == 200


@pytest.mark.django_db
def test_a_put_without_version_is_refused(world) -> None:
    response = _login(world.user_a).put(_api(world), json.dumps({"measures": ["x"]}), content_type="application/json")
    assert response.status_code == 422 and "version" in response.json()["detail"]


@pytest.mark.django_db
def test_two_sessions_on_the_page_the_second_sees_a_form_error_and_keeps_what_was_typed(world) -> None:
    first, second = _login(world.user_a), _login(world.admin)
    data_first, data_second = _form(first, world), _form(second, world)
    assert data_first["version"] == data_second["version"]
    data_first["ind-1-actual"] = "401"
    assert first.post(_page(world), data_first).status_code == 302
    data_second["ind-1-actual"] = "399"
    data_second["measures"] = "第二人写的措施"
    response = second.post(_page(world), data_second)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="edit-conflict"' in body and "已被他人修改" in body and "本次修改未保存" in body
    assert re.search(r"dept_a 于 [\d\- :]+ 修改了绩效指标“[^”]+”的实际完成值", body), body[body.find("edit-conflict"):][:800]
    assert "第二人写的措施" in body and 'value="399"' in body  # nothing typed is lost
    assert Indicator.objects.get(department=world.a, fiscal_year__year=YEAR, position=1).actual == Decimal(401)


@pytest.mark.django_db
def test_the_monthly_page_form_refuses_a_stale_version_naming_the_change(world) -> None:
    url = f"/departments/{world.a.pk}/budgets/{YEAR}/monthly/"
    page = _login(world.user_a).get(f"/departments/{world.a.pk}/?year={YEAR}").content.decode()
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    assert _login(world.admin).post(url, {"month": "3", "spent": "10.00", "version": version}).status_code == 302
    response = _login(world.user_a).post(url, {"month": "4", "spent": "20.00", "version": version}, follow=True)
    body = response.content.decode()
    assert "已被他人修改" in body and "您填写的4月支出 20.00 万元未保存" in body and "boss" in body
    rows = MonthlyExecution.objects.filter(budget__department=world.a, budget__fiscal_year__year=YEAR)
    assert rows.get(month=3).spent == Decimal("10.00") and rows.get(month=4).spent != Decimal("20.00")


@contextmanager
def _shared_database(tmp_path: Path) -> Iterator[None]:
    """Threads that share the committed test database as gunicorn's threads share the real one.

    PostgreSQL: the test database itself. SQLite: the test database is in memory, where
    connections lock whole tables instead of waiting; it is copied to a file (WAL, BEGIN IMMEDIATE,
    timeout — the production settings) and the threads' new connections open that file.
    """
    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "threads.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    saved = connections.settings["default"]["NAME"]
    connections.settings["default"]["NAME"] = str(path)
    try:
        yield
    finally:
        connections.settings["default"]["NAME"] = saved


def _in_a_thread(function: Callable[[], Any]) -> Any:
    """``function``'s result, run on a connection of its own (the threads' database)."""
    result: list[Any] = []

    def run() -> None:
        try:
            result.append(function())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return result[0]


def test_twenty_simultaneous_monthly_puts_one_wins_the_others_get_409(threaded_world, tmp_path) -> None:
    """Real threads, each with its own connection and session, on SQLite and on PostgreSQL."""
    world = threaded_world
    budget = f"/api/departments/{world.a.pk}/budgets/{YEAR}"
    clients = [_login(world.user_a) for _ in range(20)]  # twenty sessions, stored before the threads start
    version = next(m["version"] for m in clients[0].get(budget).json()["monthly"] if m["month"] == 3)
    with _shared_database(tmp_path):
        _twenty_puts(world, clients, version)


def _twenty_puts(world: Any, clients: list[Client], version: int) -> None:
    url = f"/api/departments/{world.a.pk}/budgets/{YEAR}/monthly/3"
    start = threading.Barrier(len(clients))
    answers: dict[int, int] = {}

    def put(index: int, client: Client) -> None:
        try:
            start.wait()
            body = json.dumps({"spent": f"{100 + index}.00", "version": version})
            answers[index] = client.put(url, body, content_type="application/json").status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=put, args=(i, c)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers.values()) == [200] + [409] * 19, answers
    winner = next(i for i, status in answers.items() if status == 200)

    def stored() -> tuple[Decimal, int]:
        row = MonthlyExecution.objects.get(budget__department=world.a, budget__fiscal_year__year=YEAR, month=3)
        return row.spent, row.history.filter(history_type="~").count()

    spent, writes = _in_a_thread(stored)
    assert spent == Decimal(f"{100 + winner}.00")
    assert writes == 1  # one change, not twenty


@pytest.mark.django_db
def test_a_rectification_answer_over_a_newer_one_is_refused_on_the_api_and_the_page(world) -> None:
    api = f"/api/departments/{world.a.pk}/rectifications/{world.rectification.pk}"
    page = f"/departments/{world.a.pk}/results/rectifications/{world.rectification.pk}/"
    first, second = _login(world.user_a), _login(world.admin)
    seen = next(r for r in first.get(f"/api/departments/{world.a.pk}/rectifications").json()
                if r["id"] == world.rectification.pk)["version"]
    form = second.get(page).context["form"]
    assert form["version"].value() == seen
    answer = {"measure": "按月调度。", "status": "in_progress", "progress": "已完成一半。", "version": seen}
    assert first.patch(api, json.dumps(answer), content_type="application/json").status_code == 200
    response = first.patch(api, json.dumps({**answer, "progress": "重复提交"}), content_type="application/json")
    assert response.status_code == 409 and any("整改情况" in line for line in response.json()["changes"])
    body = second.post(page, {"measure": "另一措施", "status": "done", "progress": "已完成。", "version": seen})
    text = body.content.decode()
    assert body.status_code == 200 and 'id="edit-conflict"' in text and "另一措施" in text
    world.rectification.refresh_from_db()
    assert world.rectification.progress == "已完成一半。"


@pytest.mark.django_db
def test_a_declaration_saved_over_a_newer_one_is_refused_on_the_api(world) -> None:
    api = f"/api/departments/{world.a.pk}/declarations/{YEAR}"
    first, second = _login(world.user_a), _login(world.admin)
    seen = first.get(api).json()
    assert second.get(api).json()["version"] == seen["version"]
    indicators = [{key: row[key] for key in ("id", "level1", "level2", "name", "op", "target", "unit", "weight")}
                  for row in seen["indicators"]]
    body = {"goals": ["第一人的目标"], "indicators": indicators, "version": seen["version"]}
    assert first.put(api, json.dumps(body), content_type="application/json").status_code == 200
    response = second.put(api, json.dumps({**body, "goals": ["第二人的目标"]}), content_type="application/json")
    assert response.status_code == 409 and "年度绩效目标已被他人修改" in response.json()["detail"]
    assert first.get(api).json()["goals"] == ["第一人的目标"]


@pytest.mark.django_db
def test_two_reviewers_saving_the_same_review_the_second_is_refused(world) -> None:
    document = world.documents[world.a.pk]
    api, page = f"/api/documents/{document.pk}/review", f"/reviews/{document.pk}/decision/"
    first, second = _login(world.finance), _login(world.admin)
    seen = first.get(api).json()["version"]
    assert second.get(f"/reviews/{document.pk}/").context["form"]["version"].value() == seen
    body = {"status": "rectify", "opinion": "第一位复核人员的意见。", "version": seen}
    assert first.put(api, json.dumps(body), content_type="application/json").status_code == 200
    response = second.post(page, {"status": "passed", "opinion": "第二位的意见。", "version": str(seen)})
    text = response.content.decode()
    assert response.status_code == 409 and 'id="edit-conflict"' in text and "第二位的意见。" in text
    assert "复核意见" in text and "finance 于" in text
    response = second.put(api, json.dumps({**body, "opinion": "改"}), content_type="application/json")
    assert response.status_code == 409
    assert first.get(api).json()["opinion"] == "第一位复核人员的意见。"


@pytest.mark.django_db
def test_two_responses_to_the_same_warning_the_second_is_refused_on_the_api_and_the_page(world) -> None:
    """Before: a second response to a warning (预警响应) silently replaced the first one's reason."""
    from jixiao.web.monitoring.models import WarningResponse

    key = "execution_below_checkpoint:10"
    api = f"/api/departments/{world.a.pk}/monitoring/2022/responses"
    page = f"/departments/{world.a.pk}/monitoring/2022/responses/"
    first, second = _login(world.user_a), _login(world.admin)
    body = {"warning_key": key, "action": "调剂", "reason": "第一人的理由", "version": 0}
    made = first.post(api, json.dumps(body), content_type="application/json")
    assert made.status_code == 200
    again = second.post(api, json.dumps({**body, "reason": "第二人的理由"}), content_type="application/json")
    assert again.status_code == 409 and again.json()["version"] == made.json()["version"]
    shown = second.post(page, {"warning_key": key, "action": "取消", "reason": "页面上的理由", "on": "2022-11-10",
                               "version": 0}, follow=True).content.decode()
    assert "已被他人修改" in shown and "页面上的理由" in shown  # what was typed is named, not lost in silence
    assert WarningResponse.objects.get(department=world.a, warning_key=key).reason == "第一人的理由"
    # with the version it was shown, the change goes through
    newer = {**body, "reason": "看过之后的理由", "version": made.json()["version"]}
    assert second.post(api, json.dumps(newer), content_type="application/json").status_code == 200
    assert WarningResponse.objects.get(department=world.a, warning_key=key).reason == "看过之后的理由"
