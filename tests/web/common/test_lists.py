"""Long lists (列表): server-side pagination, sorting and filters kept in the URL, on the demo's data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.test import Client
from tests.web.conftest import rows_for_a_module

from jixiao.web import demo
from jixiao.web.accounts.models import User
from jixiao.web.budgets.models import Budget

pytestmark = pytest.mark.django_db


def _demo() -> None:
    demo.load(departments=12, years=(2021, 2022))
    demo.create_accounts()


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[None]:
    """The demo's data once for the module's tests, which only read it."""
    with rows_for_a_module(django_db_blocker, tmp_path_factory.mktemp("media"), _demo):
        yield


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _rows(html: str, table: str) -> list[str]:
    body = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0].split("<tbody>", 1)[1]
    return re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)


def _cells(row: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_home_list_pages_sorts_and_filters_in_the_url(demo_world) -> None:
    client = _client("caizheng")
    budgets = Budget.objects.count()
    assert budgets > 25
    html = client.get("/").content.decode()
    assert len(_rows(html, "budgets")) == 25 and f"共 {budgets} 条" in html
    assert 'href="?page=2"' in html
    second = client.get("/?page=2").content.decode()
    assert len(_rows(second, "budgets")) == min(25, budgets - 25)
    # 执行率 descending, within 2021, page 1: the rates go down; the page links keep sort and year
    html = client.get("/?year=2021&sort=-rate").content.decode()
    rates = [Decimal(_cells(r)[5].rstrip("%")) for r in _rows(html, "budgets")]
    years = {_cells(r)[2] for r in _rows(html, "budgets")}
    assert years == {"2021"} and rates == sorted(rates, reverse=True) and len(rates) > 5
    # the sort header of 执行率 now reverses it and keeps the year filter
    assert re.search(r'href="\?year=2021&amp;sort=rate"', html)
    # a name filter narrows to one department's years
    html = client.get("/?q=荔湾区委员会").content.decode()
    names = {_cells(r)[0] for r in _rows(html, "budgets")}
    assert names == {"中国共产党广州市荔湾区委员会宣传部"}
    # a department user sees only its own rows, with the same controls
    html = _client("liwan").get("/").content.decode()
    assert {_cells(r)[0] for r in _rows(html, "budgets")} == {"中国共产党广州市荔湾区委员会宣传部"}
    # a nonsense sort or page falls back, never 500
    assert client.get("/?sort=drop table&page=999").status_code == 200


def test_monitoring_warnings_page_filter_by_status_and_department(demo_world) -> None:
    client = _client("caizheng")
    html = client.get("/monitoring/?year=2021").content.decode()
    warnings = html.split('id="warnings"', 1)[1]
    total = int(re.search(r"共 (\d+) 条", warnings).group(1))
    assert total > 25 and len(_rows(html, "warnings")) == 25 and "wpage=2" in warnings
    page2 = client.get("/monitoring/?year=2021&wpage=2").content.decode()
    assert _rows(page2, "warnings") != _rows(html, "warnings")
    # the 状态 filter splits the warnings: 逾期未响应 + 未到期待响应 + 响应已记录 = all of them
    counts = {}
    for status in ("overdue", "pending", "answered"):
        part = client.get(f"/monitoring/?year=2021&status={status}").content.decode().split('id="warnings"', 1)[1]
        found = re.search(r"共 (\d+) 条", part)
        counts[status] = int(found.group(1)) if found else 0
        if not found:
            assert "没有符合筛选条件的预警" in part
    assert sum(counts.values()) == total and counts["pending"] > 0
    # one department: both tables show only it
    row = _rows(html, "monitoring")[0]
    name = _cells(row)[0]
    pk = re.search(rf'<option value="(\d+)">{re.escape(name)}</option>', html).group(1)
    one = client.get(f"/monitoring/?year=2021&department={pk}").content.decode()
    assert {_cells(r)[0] for r in _rows(one, "monitoring")} == {name}
    assert {_cells(r)[0] for r in _rows(one, "warnings")} <= {name, "没有符合筛选条件的预警。"}
    # the departments' table sorts by 差值 server-side
    gaps = [Decimal(_cells(r)[6]) for r in _rows(client.get("/monitoring/?year=2021&sort=gap").content.decode(),
                                                  "monitoring") if _cells(r)[6] != "—"]
    assert gaps == sorted(gaps)


def test_results_overview_filters_and_sorts_on_page_and_api(demo_world) -> None:
    client = _client("caizheng")
    api = client.get("/api/results").json()
    grades = {r["latest"]["grade"] for r in api if r["latest"]}
    grade = sorted(grades)[0]
    only = client.get(f"/api/results?grade={grade}").json()
    assert only and {r["latest"]["grade"] for r in only} == {grade} and len(only) < len(api)
    html = client.get(f"/results/?grade={grade}&sort=-score").content.decode()
    rows = [_cells(r) for r in _rows(html, "results-overview")]
    assert {c[0] for c in rows} == {r["department"] for r in only}
    scores = [Decimal(c[2]) for c in rows]
    assert scores == sorted(scores, reverse=True)
    assert all(c[3].rstrip("*") == grade for c in rows)
    overdue = client.get("/api/results?overdue=true").json()
    assert overdue and all(r["overdue_rectifications"] for r in overdue)
    html = client.get("/results/?overdue=1").content.decode()
    assert {_cells(r)[0] for r in _rows(html, "results-overview")} == {r["department"] for r in overdue}
    assert client.get("/api/results?q=荔湾区委员会").json()[0]["department"] == "中国共产党广州市荔湾区委员会宣传部"


def test_review_queue_and_api_documents_take_the_same_filters(demo_world) -> None:
    client = _client("caizheng")
    every = client.get("/api/documents").json()
    assert len(every) >= 2
    with_year = [d for d in every if d.get("year")]
    year = with_year[0]["year"]
    narrowed = client.get(f"/api/documents?year={year}").json()
    assert narrowed and {d["year"] for d in narrowed} == {year}
    html = client.get(f"/reviews/?year={year}&sort=name").content.decode()
    names = [_cells(r)[0] for r in _rows(html, "documents")]
    assert sorted(names) == sorted(d["original_name"] for d in narrowed) and names == sorted(names)
    pending = client.get("/api/documents?status=pending").json()
    html = client.get("/reviews/?status=pending").content.decode()
    assert len(_rows(html, "documents")) == len(pending) or "没有符合筛选条件的文件" in html


def test_api_departments_and_monitoring_narrow_as_the_pages_do(demo_world) -> None:
    client = _client("caizheng")
    liwan = client.get("/api/departments?q=荔湾区委员会").json()
    assert [d["name"] for d in liwan] == ["中国共产党广州市荔湾区委员会宣传部"]
    result = client.get(f"/api/monitoring?year=2022&department={liwan[0]['id']}").json()
    everyone = client.get("/api/monitoring?year=2022").json()
    assert len(everyone["rows"]) > 1 and {r["department"] for r in result["rows"]} == {liwan[0]["name"]}
    assert client.get("/api/monitoring?year=2021&department=999999999999999999999").status_code in (200, 422)
