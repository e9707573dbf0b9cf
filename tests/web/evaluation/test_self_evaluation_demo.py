"""The demo's departments open and save in the 年终自评 form (real imported data: qualitative
indicators, missing targets and actuals, stated scores), never a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from jixiao.web import demo
from jixiao.web.budgets.models import Budget
from jixiao.web.evaluation.models import Evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world(db) -> list[Budget]:
    demo.load(departments=3, years=(2022,))
    demo.create_accounts()
    return list(Budget.objects.select_related("department", "fiscal_year"))


def test_every_demo_department_opens_and_saves_with_the_reasons_it_owes(demo_world) -> None:
    from jixiao.web.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="admin"))
    seeds = {a.department for a in demo.DEMO_ACCOUNTS if a.department}
    assert seeds <= {b.department.name for b in demo_world}
    owed_by: dict[str, int] = {}
    for budget in demo_world:
        url = f"/departments/{budget.department_id}/evaluation/{budget.fiscal_year.year}/self/"
        response = client.get(url)
        assert response.status_code == 200, (budget.department.name, response.status_code)
        form = response.context["form"]
        data = {name: ("" if form[name].value() is None else str(form[name].value())) for name in form.fields}
        owed = [row for row in form.entry.indicators if row.reason_required and not row.deviation_reason]
        owed_by[budget.department.name] = len(owed)
        response = client.post(url, data)
        if owed:  # posting back unchanged is refused, naming what is owed
            assert response.status_code == 200 and "须填写偏差原因分析" in response.content.decode(), budget
            data.update({f"ind-{row.position}-reason": "偏差原因：详见说明。" for row in owed})
            response = client.post(url, data)
        assert response.status_code == 302, (budget.department.name, response.content.decode()[:2000])
        evaluation = Evaluation.objects.get(department=budget.department, fiscal_year=budget.fiscal_year)
        assert evaluation.score is not None and evaluation.grade and evaluation.framework
    # 荔湾's three indicators over 130% (舆情日报 432/200 …) owe a reason; 增城's report has no indicator table
    assert owed_by["中国共产党广州市荔湾区委员会宣传部"] == 3
    assert owed_by["中国共产党广州市增城区委员会宣传部"] == 0
