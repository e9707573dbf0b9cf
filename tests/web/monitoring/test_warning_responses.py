"""预警响应: the department answers its warnings (继续执行 / 调剂 / 取消) within 10 working days; the bureau watches."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client

from jixiao.web.monitoring.demo import load_demo_responses
from jixiao.web.monitoring.models import WarningResponse
from jixiao.web.monitoring.selectors import monitoring_board, monitoring_for
from jixiao.web.monitoring.services import InvalidResponse, UnknownWarning, record_warning_response

pytestmark = pytest.mark.django_db
OCTOBER = "execution_below_checkpoint:10"
"""Both departments of the world are below 80 % at the end of October 2022 (deadline 2022-11-14)."""


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _page(user, on: str) -> str:
    return _client(user).get("/monitoring/", {"year": 2022, "on": on}).content.decode()


def _respond(client: Client, world, *, key: str = OCTOBER, action: str = "调剂", reason: str = "资金调剂用于急需项目",
             department=None, on: str = "2022-11-10", version: int | None = None):
    """Post the page's form as the page does: with the version of the response it shows (0: none yet)."""
    if version is None:
        shown = WarningResponse.objects.filter(department=department or world.a, warning_key=key).first()
        version = shown.version if shown else 0
    return client.post(f"/departments/{(department or world.a).pk}/monitoring/2022/responses/",
                       {"warning_key": key, "action": action, "reason": reason, "on": on, "version": version},
                       follow=True)


def test_unanswered_warnings_show_their_deadline_then_overdue(world) -> None:
    result = monitoring_for(user=world.finance, year=2022, on=date(2022, 11, 10))
    assert {w.department for w in result.warnings} == {world.a.name, world.b.name}
    page = _page(world.user_a, "2022-11-10")
    assert "待响应（截止 2022-11-14）" in page and "已逾期" not in page
    assert "10 个工作日内响应（继续执行、调剂、取消），逾期暂停执行" in page
    page = _page(world.user_a, "2022-11-15")
    assert "已逾期（截止 2022-11-14，暂停执行）" in page and "1 条已逾期未响应" in page


def test_the_department_records_and_then_edits_its_response(world) -> None:
    page = _respond(_client(world.user_a), world).content.decode()
    assert "已记录预警响应" in page and "已响应：调剂" in page and "资金调剂用于急需项目" in page and "dept_a" in page
    response = WarningResponse.objects.get(department=world.a)
    assert (response.warning_key, response.action, response.responded_by) == (OCTOBER, "调剂", world.user_a)
    assert str(response.deadline) == "2022-11-14" and "1–10月预算执行率" in response.message
    # the same warning seen a week later is the same one: editing updates the row in place
    _respond(_client(world.user_a), world, action="取消", reason="项目终止", on="2022-11-20")
    assert WarningResponse.objects.filter(department=world.a).count() == 1
    latest = WarningResponse.objects.get(department=world.a).history.first()
    assert latest.history_type == "~" and latest.history_user == world.user_a
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(latest.prev_record).changes}
    assert changes["action"] == ("调剂", "取消") and changes["reason"] == ("资金调剂用于急需项目", "项目终止")
    assert "已响应：取消" in _page(world.user_a, "2022-11-20")


def test_finance_sees_every_response_overdue_first_and_cannot_answer(world) -> None:
    _respond(_client(world.user_a), world)
    page = _page(world.finance, "2022-11-30")
    table = page[page.index('id="warnings"'):]
    assert table.index(world.b.name) < table.index(world.a.name)  # B is overdue and unanswered: first
    assert 'class="overdue"' in table and "已响应：调剂" in table and "资金调剂用于急需项目" in table
    assert "提交响应" not in table  # no form for the bureau
    before = WarningResponse.history.count()
    assert _respond(_client(world.finance), world).status_code == 403
    assert _respond(_client(world.finance), world, department=world.b).status_code == 403
    assert WarningResponse.history.count() == before


def test_another_department_can_neither_answer_nor_see(world) -> None:
    _respond(_client(world.user_a), world)
    assert _respond(_client(world.user_b), world).status_code == 404
    page = _page(world.user_b, "2022-11-30")
    assert world.a.name not in page and "资金调剂用于急需项目" not in page
    anonymous = _client().post(f"/departments/{world.a.pk}/monitoring/2022/responses/", {"warning_key": OCTOBER})
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]


def test_bad_responses_are_refused_with_a_message(world) -> None:
    page = _respond(_client(world.user_a), world, action="不处理").content.decode()
    assert "响应措施：" in page and "不处理" in page  # Django's 「选择一个有效的选项」 names the bad value
    page = _respond(_client(world.user_a), world, reason="   ").content.decode()
    assert "理由：这个字段是必填项。" in page
    assert _respond(_client(world.user_a), world, key="execution_below_checkpoint:6").status_code == 404
    assert _respond(_client(world.user_a), world, key="nonsense").status_code == 404
    assert not WarningResponse.objects.exists()
    with pytest.raises(InvalidResponse):
        record_warning_response(department=world.a, year=2022, key=OCTOBER, action="暂缓", reason="x", user=world.user_a)
    with pytest.raises(UnknownWarning):  # no budget that year, so no warning
        record_warning_response(department=world.a, year=2030, key=OCTOBER, action="调剂", reason="x", user=world.user_a)
    assert not WarningResponse.objects.exists()


def test_an_earlier_answered_warning_stays_listed(world) -> None:
    april = monitoring_for(user=world.finance, year=2022, on=date(2022, 4, 30)).warnings
    assert april, "the world has an April 2022 warning"
    department = world.a if april[0].department == world.a.name else world.b
    user = world.user_a if department == world.a else world.user_b
    record_warning_response(department=department, year=2022, key="execution_below_checkpoint:4", action="继续执行",
                            reason="下半年集中支付", user=user)
    board = monitoring_board(user=world.finance, year=2022, on=date(2022, 11, 30))
    earlier = [i for i in board.items if i.key == "execution_below_checkpoint:4"]
    assert len(earlier) == 1 and not earlier[0].current and earlier[0].response.action == "继续执行"
    assert "2022-11-30 已不在预警中" in _page(world.finance, "2022-11-30")


def test_api_lists_scoped_responses_and_records_one(world) -> None:
    url = f"/api/departments/{world.a.pk}/monitoring/2022/responses"
    body = json.dumps({"warning_key": OCTOBER, "action": "继续执行", "reason": "年底集中支付", "version": 0})
    response = _client(world.user_a).post(url, data=body, content_type="application/json")
    assert response.status_code == 200
    out = response.json()
    assert (out["action"], out["responded_by"], out["deadline"], out["late"]) == ("继续执行", "dept_a", "2022-11-14", True)
    assert _client(world.finance).post(url, data=body, content_type="application/json").status_code == 403
    assert _client(world.user_b).post(url, data=body, content_type="application/json").status_code == 404
    bad = json.dumps({"warning_key": OCTOBER, "action": "暂缓", "reason": "x", "version": 0})
    assert _client(world.user_a).post(url, data=bad, content_type="application/json").status_code == 422
    unknown = json.dumps({"warning_key": "behind_time:3", "action": "调剂", "reason": "x", "version": 0})
    assert _client(world.user_a).post(url, data=unknown, content_type="application/json").status_code == 404
    listed = _client(world.finance).get("/api/monitoring/responses", {"year": 2022}).json()
    assert [(r["department"], r["warning_key"]) for r in listed] == [(world.a.name, OCTOBER)]
    assert _client(world.user_b).get("/api/monitoring/responses").json() == []
    assert _client(world.finance).get("/api/monitoring/responses", {"year": 2021}).json() == []
    assert _client().get("/api/monitoring/responses").status_code == 401


def test_demo_answers_one_warning_in_time_and_leaves_the_others(world) -> None:
    answered = load_demo_responses()
    assert len(answered) == 1 and answered[0].action == "调剂" and not answered[0].late
    board = monitoring_board(user=world.finance, year=2022, on=date(2022, 12, 31))
    assert sum(1 for i in board.items if not i.pending) == 1
    assert board.overdue_count == len(board.items) - 1 >= 1  # the warnings of the year left unanswered
