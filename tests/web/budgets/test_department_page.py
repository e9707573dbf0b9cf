"""The department page (部门页面): execution chart, monthly table, the monthly entry form."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from jixiao.web.budgets.models import MonthlyExecution
from jixiao.web.common.locking import version_of
from jixiao.web.departments.models import FiscalYear

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _entry(world, month: str, spent: str) -> dict[str, str]:
    """The form's fields as the page renders them now: the month, the amount and the year's version."""
    rows = MonthlyExecution.all_objects.filter(budget__department=world.a, budget__fiscal_year__year=2022)
    return {"month": month, "spent": spent, "version": str(version_of(rows))}


def _row(world, month: int = 3) -> MonthlyExecution:
    return MonthlyExecution.objects.get(budget__department=world.a, budget__fiscal_year__year=2022, month=month)


def test_own_user_sees_the_form_and_finance_does_not(world) -> None:
    own = _client(world.user_a).get(f"/departments/{world.a.pk}/").content.decode()
    assert 'id="monthly-form"' in own and 'id="monthly"' in own
    finance = _client(world.finance).get(f"/departments/{world.a.pk}/").content.decode()
    assert 'id="monthly-form"' not in finance and "只读" in finance


def test_entering_a_month_saves_it_with_history(world) -> None:
    url = f"/departments/{world.a.pk}/budgets/2022/monthly/"
    old = _row(world).spent
    response = _client(world.user_a).post(url, _entry(world, "3", "456.78"), follow=True)
    assert response.status_code == 200
    assert "已保存：2022年3月支出 456.78 万元" in response.content.decode()
    row = _row(world)
    assert row.spent == Decimal("456.78")
    latest = row.history.first()
    assert latest.history_user == world.user_a and latest.prev_record.spent == old


def test_finance_and_other_department_cannot_enter(world) -> None:
    url = f"/departments/{world.a.pk}/budgets/2022/monthly/"
    old = _row(world).spent
    assert _client(world.finance).post(url, _entry(world, "3", "1.00")).status_code == 403
    assert _client(world.user_b).post(url, _entry(world, "3", "1.00")).status_code == 404
    assert _row(world).spent == old


def test_bad_input_and_closed_year_are_refused_with_a_message(world) -> None:
    client = _client(world.user_a)
    old = _row(world).spent
    page = client.post(f"/departments/{world.a.pk}/budgets/2022/monthly/", _entry(world, "3", "-5"),
                       follow=True).content.decode()
    assert "确保该值大于或等于0" in page or "大于或等于" in page
    FiscalYear.objects.filter(year=2022).update(is_closed=True)
    page = client.post(f"/departments/{world.a.pk}/budgets/2022/monthly/", _entry(world, "3", "5"),
                       follow=True).content.decode()
    assert "年度已结账" in page
    assert _row(world).spent == old
    assert client.post(f"/departments/{world.a.pk}/budgets/1999/monthly/", _entry(world, "3", "5")
                       ).status_code == 404


def test_the_months_are_set_beside_the_year_s_figure_and_a_difference_is_shown(world) -> None:
    """全年执行数 is the year's figure; twelve months that do not add up to it are pointed out, not merged."""
    budget = world.a.budgets.get(fiscal_year__year=2022)
    months = {m.month: m.spent for m in budget.monthly.all()}
    page = _client(world.user_a).get(f"/departments/{world.a.pk}/?year=2022").content.decode()
    total = sum(months.values(), Decimal(0))
    assert f"累计执行 {total:,.2f} 万元" in page
    assert set(months) == set(range(1, 13)) and total == budget.spent  # the generator is consistent
    assert 'id="monthly-mismatch"' not in page
    _client(world.user_a).post(f"/departments/{world.a.pk}/budgets/2022/monthly/",
                               _entry(world, "3", str(months.get(3, Decimal(0)) + Decimal("59.40"))))
    page = _client(world.user_a).get(f"/departments/{world.a.pk}/?year=2022").content.decode()
    budget.refresh_from_db()
    difference = sum((m.spent for m in budget.monthly.all()), Decimal(0)) - budget.spent
    assert difference != 0 and 'id="monthly-mismatch"' in page and f"相差 {difference:,.2f} 万元" in page


def test_months_not_entered_show_as_not_entered_and_the_chart_says_why(world) -> None:
    budget = world.a.budgets.get(fiscal_year__year=2022)
    MonthlyExecution.objects.filter(budget=budget, month__gt=6).delete()
    page = _client(world.user_a).get(f"/departments/{world.a.pk}/?year=2022").content.decode()
    table = page[page.index('id="monthly"'):page.index("</table>", page.index('id="monthly"'))]
    assert table.count("<th class") == 12 and table.count("未填报") == 6
    MonthlyExecution.objects.filter(budget=budget).delete()
    page = _client(world.user_a).get(f"/departments/{world.a.pk}/?year=2022").content.decode()
    assert 'id="chart-empty"' in page and "尚未录入月度执行数（未填报）" in page and 'id="chart-progress"' not in page
