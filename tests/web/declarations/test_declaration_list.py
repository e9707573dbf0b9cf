"""目标申报 for a department user on the demo's data: its drafts are listed, the next year starts clean,
problems appear after a save next to their field; the list and the API take the same filters."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from jixiao.web import demo
from jixiao.web.accounts.models import User
from jixiao.web.declarations.models import GoalDeclaration
from jixiao.web.departments.models import Department

pytestmark = pytest.mark.django_db

LIWAN = "中国共产党广州市荔湾区委员会宣传部"


@pytest.fixture
def demo_world(db) -> None:
    demo.load(departments=3, years=(2022,))
    demo.create_accounts()


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _queue_rows(html: str) -> list[str]:
    body = html.split('id="queue"', 1)[1].split("</table>", 1)[0].split("<tbody>", 1)[1]
    return [re.sub(r"<[^>]+>|\s+", " ", row).strip() for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def test_department_user_sees_its_drafts_and_starts_the_next_year(demo_world) -> None:
    liwan = Department.objects.get(name=LIWAN)
    assert not GoalDeclaration.objects.filter(department=liwan).exists()  # the report left goals, no declaration row
    client = _client("liwan")
    html = client.get("/declarations/").content.decode()
    rows = _queue_rows(html)
    assert any(LIWAN in r and "2022" in r and "草稿" in r and "继续填写" in r for r in rows), rows
    assert "没有符合条件的申报" not in html
    assert f'href="/departments/{liwan.pk}/declaration/2023/"' in html and "新建 2023 年度绩效目标申报" in html
    # the API says the same, with the same filters
    api = client.get("/api/declarations?year=2022").json()
    assert [(d["department"], d["year"], d["status"]) for d in api] == [(LIWAN, 2022, "draft")]
    assert client.get("/api/declarations?year=2021").json() == []
    assert client.get("/api/declarations?status=submitted").json() == []
    # the finance bureau's queue: stored declarations only, filtered by year and department
    finance = _client("caizheng")
    everything = finance.get("/api/declarations").json()
    assert everything and LIWAN not in {d["department"] for d in everything}
    one = everything[0]
    narrowed = finance.get(f"/api/declarations?department={one['department_id']}&year={one['year']}").json()
    assert narrowed == [one]
    html = finance.get(f"/declarations/?department={one['department_id']}").content.decode()
    assert len(_queue_rows(html)) == 1 and one["department"] in _queue_rows(html)[0]
    assert finance.get("/declarations/?year=99999999999999999999&department=x").status_code == 200


def test_a_new_declaration_opens_without_errors_then_shows_them_beside_the_field(demo_world) -> None:
    liwan = Department.objects.get(name=LIWAN)
    client = _client("liwan")
    url = f"/departments/{liwan.pk}/declaration/2023/"
    html = client.get(url).content.decode()
    assert 'id="declaration-form"' in html and 'id="fresh-note"' in html
    assert "【须修改】" not in html and "未填写年度绩效目标" not in html and 'id="blocking-count"' not in html
    version = re.search(r'name="version" value="(\d*)"', html)
    data = {"goals": "", "initial": "", "basic": "", "project": "", "action": "save",
            "version": version.group(1) if version else "",
            "ind-TOTAL_FORMS": "0", "ind-INITIAL_FORMS": "0", "ind-MIN_NUM_FORMS": "0", "ind-MAX_NUM_FORMS": "1000"}
    html = client.post(url, data, follow=True).content.decode()
    assert 'id="fresh-note"' not in html and 'id="blocking-count"' in html
    # each problem under its own field: the goals' under the goals box, the counts' above the indicator table
    goals_at = html.index('name="goals"')
    table_at = html.index('id="indicator-table"')
    missing_goals = html.index('data-field="goals">【须修改】未填写年度绩效目标')
    part_missing = html.index('data-field="indicators">【须修改】产出指标下至少应设1个三级指标')
    assert goals_at < missing_goals < table_at and part_missing < table_at
    assert 'id="general-problems"' not in html
