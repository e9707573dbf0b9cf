"""The finance bureau's dashboard (财政局看板): page, chart data, sortable table, Excel export."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.test import Client

from jixiao.scoring import default_framework_for
from jixiao.web.dashboard.selectors import dashboard_data
from jixiao.web.evaluation.models import Evaluation, Indicator

pytestmark = pytest.mark.django_db

STATIC = Path(__file__).resolve().parents[3] / "src/jixiao/web/static"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_dashboard_page_loads_local_echarts_only(world) -> None:
    page = _client(world.finance).get("/dashboard/").content.decode()
    assert "/static/vendor/echarts/echarts.min.js" in page
    assert "https://" not in page and "http://" not in page
    assert 'id="chart-execution"' in page and 'id="board-table"' in page
    assert world.a.name in page and world.b.name in page
    assert (STATIC / "vendor/echarts/echarts.min.js").stat().st_size > 500_000
    assert (STATIC / "vendor/echarts/LICENSE").exists() and (STATIC / "vendor/echarts/NOTICE").exists()
    served = _client(world.finance).get("/static/vendor/echarts/echarts.min.js")
    assert served.status_code == 200


def test_table_rows_are_sorted_by_execution_rate_with_sortable_values(world) -> None:
    board = dashboard_data(user=world.finance, year=2022)
    rates = [r.execution_rate for r in board.rows]
    assert rates == sorted(rates, reverse=True)
    page = _client(world.finance).get("/dashboard/?year=2022").content.decode()
    assert f'data-value="{board.rows[0].total}"' in page


def test_grade_is_computed_by_the_framework_when_not_stated(world) -> None:
    Indicator.objects.filter(department=world.a, fiscal_year__year=2022).delete()  # the core cannot score in full
    evaluation = Evaluation.objects.get(department=world.a, fiscal_year__year=2022)
    evaluation.grade = ""
    evaluation.score = Decimal("85.50")
    evaluation.save()
    row = next(r for r in dashboard_data(user=world.finance, year=2022).rows if r.department_id == world.a.pk)
    assert row.grade == default_framework_for(evaluation.kind).grade(Decimal("85.50"))
    assert row.grade_computed


def test_year_over_year_is_spent_over_budget(world) -> None:
    board = dashboard_data(user=world.finance)
    assert board.year == 2022
    item = next(y for y in board.year_over_year if y["year"] == 2021)
    budgets = [b for d in (world.a, world.b) for b in d.budgets.filter(fiscal_year__year=2021)]
    assert item["total"] == sum(b.total for b in budgets)
    assert item["spent"] == sum(b.spent for b in budgets)


def test_excel_export_holds_numbers(world) -> None:
    response = _client(world.finance).get("/dashboard/export.xlsx?year=2022")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["部门执行与评价"]
    header = [c.value for c in sheet[1]]
    assert header[0] == "部门" and "执行率（%）" in header
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    budget = world.a.budgets.get(fiscal_year__year=2022)
    assert isinstance(rows[world.a.name][2], float)
    assert Decimal(str(rows[world.a.name][2])) == budget.total
    assert [r[0] for r in book["历年对比"].iter_rows(min_row=2, values_only=True)] == [2021, 2022]


def test_department_page_has_the_progress_chart(world) -> None:
    page = _client(world.user_a).get(f"/departments/{world.a.pk}/?year=2021").content.decode()
    assert f"/api/departments/{world.a.pk}/budgets/2021/progress" in page
    assert "序时进度" in page and 'id="chart-progress"' in page


def test_navigation_shows_each_role_its_pages(world) -> None:
    finance = _client(world.finance).get("/").content.decode()
    assert "财政局看板" in finance
    own = _client(world.user_a).get("/").content.decode()
    assert "财政局看板" not in own and f"/departments/{world.a.pk}/" in own


def test_the_board_carries_the_90_line_and_the_years_time_progress(world) -> None:
    """The execution chart's reference lines come with the data: the framework's 90% line, 序时进度 of the year."""
    from datetime import date

    from jixiao.monitor.progress import time_progress
    from jixiao.scoring.framework import default_framework_for

    data = _client(world.finance).get("/api/dashboard?year=2022").json()
    assert data["lines"]["explain_below"] == float(default_framework_for(None).explain_below) == 90
    expected = time_progress(min(date.today(), date(2022, 12, 31)))
    assert data["lines"]["time_progress"] == float(expected) == 100  # 2022 has ended
    rates = [r["execution_rate"] for r in data["rows"] if r["execution_rate"] is not None]
    assert rates == sorted(rates, reverse=True)  # the bars come sorted
