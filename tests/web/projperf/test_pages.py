"""项目绩效 pages as the department officer and the finance bureau: declare, review, adjust, monitor,
self-evaluate and download the 附件1 自评表 whose 分值 sum to 100 and whose 总分 is the engine's."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from tests.web.projperf.conftest import approved_project
from tests.web.projperf.form_xlsx import form_totals

from jixiao.web.projperf.demo import DIMENSIONS, fill_project
from jixiao.web.projperf.models import ProjectYear
from jixiao.web.projperf.selectors import scored, year_state

pytestmark = pytest.mark.django_db
YEAR = 2022


def _login(client, user):
    client.force_login(user)
    return client


def _declaration_post(version: int, project) -> dict[str, str]:
    rows = [("产出指标", "数量指标", "宣传活动场次", ">=", "20", "场", "25"),
            ("产出指标", "质量指标", "活动合格率", ">=", "95", "%", "25"),
            ("效益指标", "社会效益", "受众人数", ">=", "5000", "人", "30"),
            ("满意度指标", "服务对象满意度", "群众满意度", ">=", "90", "%", "10")]
    data = {"goals": "完成年度主题宣传任务", "initial": "80", "total": "80", "current_initial": "72",
            "current_total": "72", "carried_initial": "8", "carried_total": "8", "version": str(version),
            "ind-TOTAL_FORMS": str(len(rows)), "ind-INITIAL_FORMS": "0", "action": "submit"}
    for i, (l1, l2, name, op, value, unit, weight) in enumerate(rows):
        data.update({f"ind-{i}-level1": l1, f"ind-{i}-level2": l2, f"ind-{i}-name": name, f"ind-{i}-op": op,
                     f"ind-{i}-value": value, f"ind-{i}-unit": unit, f"ind-{i}-weight": weight})
    return data


def test_declare_review_adjust_monitor_and_evaluate_through_the_pages(world, client):
    project = approved_project(world)
    _login(client, world.user_a)
    page = reverse("project-goals", args=[project.pk, YEAR])
    response = client.get(page)
    assert response.status_code == 200 and "fresh-note" in response.content.decode()
    response = client.post(page, _declaration_post(year_state(project=project, year=YEAR).version, project),
                           follow=True)
    assert "已提交财政局审核" in response.content.decode()
    row = ProjectYear.objects.get(project=project)
    assert row.status == ProjectYear.Status.SUBMITTED and row.carried_total == Decimal(8)
    assert client.get(reverse("project-goals-review", args=[project.pk, YEAR])).status_code == 403
    client.logout()
    _login(client, world.finance)
    assert client.post(page, {}).status_code == 403  # the finance bureau does not edit
    queue = client.get(reverse("project-declarations")).content.decode()
    assert project.name in queue
    review = {f"grade_{d}": "优" for d in DIMENSIONS} | {"overall": "优", "comment": "同意"}
    response = client.post(reverse("project-goals-review", args=[project.pk, YEAR]), review, follow=True)
    assert "审核结果：优" in response.content.decode()
    client.logout()
    _login(client, world.user_a)
    indicator = row.indicators.get(name="受众人数")
    response = client.post(reverse("project-adjust", args=[project.pk, YEAR]),
                           {"reason": "活动规模压缩", f"target_{indicator.pk}": "4000"}, follow=True)
    html = response.content.decode()
    assert "已记录 1 项目标调整" in html and "活动规模压缩" in html
    monitoring = reverse("project-monitoring", args=[project.pk, YEAR])
    client.post(monitoring, {"step": "monthly", **{f"m{m}": "2" for m in range(1, 7)}})
    client.post(monitoring, {"step": "progress", "indicator": str(indicator.pk), "on": f"{YEAR}-06-30",
                             "value": "1000", "cause": "经费保障", "reason": "资金晚到", "feasibility": "有可能"})
    html = client.get(monitoring + f"?on={YEAR}-06-30").content.decode()
    assert "progress-red" in html and "15.00%" in html and "资金晚到" in html
    state = year_state(project=project, year=YEAR)
    evaluation = reverse("project-evaluation", args=[project.pk, YEAR])
    data = {"spent": "76", "current_spent": "68", "carried_spent": "8", "version": str(state.version),
            "act-TOTAL_FORMS": str(len(state.indicators)), "act-INITIAL_FORMS": str(len(state.indicators)),
            "action": "submit"}
    actual = {"宣传活动场次": "20", "活动合格率": "98", "受众人数": "3000", "群众满意度": "93"}
    for i, ind in enumerate(state.indicators):
        data[f"act-{i}-id"] = str(ind.pk)
        data[f"act-{i}-actual"] = actual[ind.name]
    response = client.post(evaluation, data, follow=True)
    assert "受众人数" in response.content.decode() and "须填写偏差原因" in response.content.decode()
    assert ProjectYear.objects.get(pk=row.pk).evaluation_status == ProjectYear.EvaluationStatus.DRAFT
    state = year_state(project=project, year=YEAR)
    data["version"] = str(state.version)
    data[f"act-{[i.name for i in state.indicators].index('受众人数')}-deviation_reason"] = "场地受限，受众少于计划"
    response = client.post(evaluation, data, follow=True)
    assert "自评已提交" in response.content.decode()
    row.refresh_from_db()
    engine = scored(year_state(project=project, year=YEAR)).result
    assert row.score == engine.total and row.grade == engine.grade
    download = client.get(reverse("project-evaluation-download", args=[project.pk, YEAR, "form.xlsx"]))
    assert download.status_code == 200
    weights, total, text = form_totals(download.content)
    assert project.name in text and weights == Decimal(100) and total == engine.total
    docx = client.get(reverse("project-evaluation-download", args=[project.pk, YEAR, "report.docx"]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"


def test_other_department_sees_nothing(world, client):
    project = approved_project(world)
    fill_project(project, YEAR, index=0, submitter=world.user_a, reviewer=world.finance)
    _login(client, world.user_b)
    for name in ("project-goals", "project-monitoring", "project-evaluation"):
        assert client.get(reverse(name, args=[project.pk, YEAR])).status_code == 404
    assert client.get(reverse("project-evaluation-download", args=[project.pk, YEAR, "form.xlsx"])).status_code == 404
    assert project.name not in client.get(reverse("project-declarations")).content.decode()
