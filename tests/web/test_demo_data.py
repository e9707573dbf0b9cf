"""The demo's data: the seeds really imported (documents stored), generated departments, accounts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.web import demo
from jixiao.web.accounts.models import Role, User
from jixiao.web.budgets.models import Budget
from jixiao.web.documents.models import SourceDocument

pytestmark = pytest.mark.django_db


def test_demo_load_imports_the_seeds_and_generates_departments() -> None:
    assert demo.load(departments=4, years=(2021, 2022)) == 2 + 4 * 2
    documents = SourceDocument.objects.order_by("original_name")
    assert [d.format for d in documents] == ["txt", "txt"]
    assert all(d.evaluations.exists() for d in documents)
    liwan = Budget.objects.get(department__name="中国共产党广州市荔湾区委员会宣传部")
    assert (liwan.total, liwan.spent, liwan.carryover) == (Decimal("3663.27"), Decimal("2659.40"), Decimal("80.67"))
    assert Budget.objects.filter(fiscal_year__year=2021).count() == 4
    assert Budget.objects.get(pk=Budget.objects.filter(fiscal_year__year=2022).last().pk).monthly.count() == 12


def test_demo_accounts_cover_every_role() -> None:
    demo.load(departments=1, years=(2022,))
    demo.create_accounts()
    roles = {u.username: (u.role, u.department.name if u.department else None) for u in User.objects.all()}
    assert roles["caizheng"] == (Role.FINANCE, None)
    assert roles["admin"][0] == Role.ADMIN and User.objects.get(username="admin").is_superuser
    assert roles["liwan"] == (Role.DEPARTMENT, "中国共产党广州市荔湾区委员会宣传部")
    assert User.objects.get(username="zengcheng").check_password("jixiao-zengcheng-2022")


def test_demo_seed_departments_have_months_that_add_up_to_their_year() -> None:
    demo.load(departments=1, years=(2021, 2022))
    for name in ("中国共产党广州市荔湾区委员会宣传部", "中国共产党广州市增城区委员会宣传部"):
        budget = Budget.objects.get(department__name=name)
        months = list(budget.monthly.values_list("month", "spent"))
        assert [m for m, _ in months] == list(range(1, 13))
        assert sum((s for _, s in months), Decimal(0)) == budget.spent
    # the years before the latest are closed (决算 done); the latest stays open for its self-evaluation
    from jixiao.web.departments.models import FiscalYear
    assert dict(FiscalYear.objects.values_list("year", "is_closed")) == {2021: True, 2022: False}
