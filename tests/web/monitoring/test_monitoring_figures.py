"""双监控 on the demo's kind of data: a response without a user, months not entered, a closed year."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from jixiao.web.budgets.models import MonthlyExecution
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.monitoring.demo import load_demo_responses
from jixiao.web.monitoring.selectors import monitoring_board

pytestmark = pytest.mark.django_db


def _page(user, **query) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/monitoring/", query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_response_recorded_without_a_user_is_shown_not_a_500(world) -> None:
    (answered,) = load_demo_responses()  # the demo answers one warning with user=None
    assert answered.responded_by is None and answered.responder == "—"
    page = _page(world.finance, year=2022, on="2022-12-31")
    assert "已响应：调剂" in page and "+00:00" not in page


def test_months_not_entered_are_shown_as_not_entered_not_zero(world) -> None:
    MonthlyExecution.objects.filter(budget__department=world.a, budget__fiscal_year__year=2022).delete()
    page = _page(world.finance, year=2022, on="2022-12-31")
    table = page[page.index('id="monitoring"'):page.index('id="warnings"')]
    row = table[table.index(world.a.name):]
    row = row[:row.index("</tr>")]
    assert row.count("未填报</span>") == 2 and ">0.00<" not in row and ">0.00%<" not in row  # 累计执行数, 执行进度


def test_a_closed_year_has_no_overdue_warning(world) -> None:
    board = monitoring_board(user=world.finance, year=2022, on=date(2022, 12, 31))
    assert board.overdue_count >= 1 and not board.year_closed  # open: past the deadline is overdue
    FiscalYear.objects.filter(year=2022).update(is_closed=True)
    board = monitoring_board(user=world.finance, year=2022, on=date(2022, 12, 31))
    assert board.year_closed and board.items and board.overdue_count == 0
    page = _page(world.finance, year=2022, on="2022-12-31")
    assert "已逾期" not in page and "未响应（年度已结账）" in page


def test_thresholds_and_sources_are_named_for_a_reader(world) -> None:
    page = _page(world.finance, year=2022)
    assert "四川省 2025 年绩效运行监控预警阈值" in page and "川财绩〔2025〕10号" in page
    for developer in ("sichuan-2025", "domain.md", "二手摘要", "S23", ".toml"):
        assert developer not in page, developer


def test_thresholds_of_another_province_are_said_to_be_applied_by_reference(world) -> None:
    Department.objects.create(name="广州市某区无预算局")  # seen, but no budget that year: not monitored, not counted
    page = _page(world.finance, year=2022)
    assert "2 个部门所在地区或年度未见公布的预警阈值，参照此标准" in page  # 广州 2022 under 四川 2025 thresholds
