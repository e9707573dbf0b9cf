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
    """The demo's reports as imported, before anyone submits: the full demo submits and publishes the seeds'
    2022 self-evaluations (信息公开), which locks their form."""
    from jixiao.web.audit.services import system_user
    from jixiao.web.common.actor import acting_as
    from jixiao.web.evaluation.flows import store_reports

    with acting_as(user=system_user(), source=demo.DEMO_SOURCE):
        demo.import_seeds()
        store_reports(demo.generated_reports(3, (2022,)))
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


def test_the_form_shows_levels_wide_boxes_downloads_first_and_what_is_missing(demo_world) -> None:
    """荔湾's report leaves 一级/二级指标 blank: the engine's assignment shows; a save that leaves two
    indicators without an actual value says so; the submitted form is locked under a banner."""
    import re

    from jixiao.web.accounts.models import User
    from jixiao.web.departments.models import Department

    liwan = Department.objects.get(name="中国共产党广州市荔湾区委员会宣传部")
    client = Client()
    client.force_login(User.objects.get(username="liwan"))
    url = f"/departments/{liwan.pk}/evaluation/2022/self/"
    response = client.get(url)
    html = response.content.decode()
    table = html.split('id="indicator-entry"', 1)[1].split("</table>", 1)[0]
    first = re.sub(r"<[^>]+>", "|", table.split('id="indicator-0"', 1)[1].split("</tr>", 1)[0])
    assert "产出指标" in first and "数量指标" in first and 'class="inferred"' in table
    assert html.index('id="downloads"') < html.index('id="indicator-entry"')  # downloads at the top
    assert 'id="score-items"' in html and html.count("自评表 XLSX") == 1
    for name in ("problems", "measures"):
        box = re.search(rf'<textarea name="{name}"[^>]*>', html).group(0)
        assert 'class="narrative"' in box and int(re.search(r'rows="(\d+)"', box).group(1)) >= 6
    assert "““" not in html and "“‘学习强国’全国平台刊发量”" not in table  # the name itself is shown as stored
    assert 'id="missing"' in html and "2 项指标未填写实际完成值或完成档次" in html
    # save as it is, with the owed reasons: accepted, and the message says what is still missing
    form = response.context["form"]
    data = {name: ("" if form[name].value() is None else str(form[name].value())) for name in form.fields}
    data.update({f"ind-{row.position}-reason": "偏差原因：  详见说明。" for row in form.entry.indicators
                 if row.reason_required})
    data["problems"] = '部分项目  "绩效目标"　不够细化。\n\n'
    response = client.post(url, data, follow=True)
    page = response.content.decode()
    assert "已保存，但尚未填写完整：2 项指标未填写实际完成值或完成档次" in page
    assert "“反映重大主题社会宣传的覆盖面”" in page
    from jixiao.web.evaluation.selectors import self_evaluation

    entry = self_evaluation(liwan, 2022)
    assert entry.problems == ["部分项目 “绩效目标” 不够细化。"]  # spaces and quotes normalised
    assert any(r.deviation_reason == "偏差原因： 详见说明。" for r in entry.indicators)
    data["action"] = "submit"
    data["problems"] = entry.problems[0]
    data["version"] = str(entry.version)  # as the page shows it after the save (乐观锁)
    page = client.post(url, data, follow=True).content.decode()
    assert 'class="banner locked" id="submitted"' in page and "已锁定" in page and 'id="missing"' not in page
