"""考核 in the web app: facts from what the system holds, the ranking page and API, a department's own result,
the Excel export read back, and the 结果应用 row."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client
from django.utils import timezone

from jixiao.oversight.sampling import load_sampling_rule
from jixiao.web.budgets.models import MonthlyExecution
from jixiao.web.departments.models import Department
from jixiao.web.oversight.selectors import assessment_facts, assessment_results
from jixiao.web.oversight.services import add_adjustment, draw_year
from jixiao.web.results.models import Rectification

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _lines(result) -> dict[str, object]:
    return {line.key: line for line in result.lines}


def test_facts_come_from_the_stored_records(world):
    # A entered March of 2022 on 2022-04-05 (in time), the rest later; a rectification due in 2022 done in time
    march = MonthlyExecution.objects.get(budget__department=world.a, budget__fiscal_year__year=2022, month=3)
    MonthlyExecution.objects.filter(pk=march.pk).update(created_at=timezone.make_aware(datetime(2022, 4, 5, 9)))
    item = Rectification.objects.create(department=world.a, fiscal_year=world.rectification.fiscal_year,
                                        problem="进度偏慢。", deadline=date(2022, 6, 30))
    item.status = Rectification.Status.DONE
    item.save()
    facts = {f.department: f for f in assessment_facts(year=2022, departments=Department.objects.all())}
    a = facts[world.a.name]
    assert a.monthly_entered[3] == date(2022, 4, 5)
    assert a.declaration is not None and a.declaration.submitted is None  # the world's declaration is a draft
    assert a.indicators and a.review_adjustments is None
    assert [r.deadline for r in a.rectifications] == [date(2022, 6, 30)]
    result = {r.department: r for r in assessment_results(year=2022, departments=Department.objects.all())}[world.a.name]
    lines = _lines(result)
    assert "按时填报 1 个" in lines["monthly_on_time"].detail
    assert lines["declaration_on_time"].score == 0 and "未提交绩效目标申报" in lines["declaration_on_time"].detail
    # done today, after its 2022 deadline: not in time
    assert lines["rectification_on_time"].detail == "到期整改事项 1 项，按期完成 0 项"
    assert result.total == sum(line.score for line in result.lines)


def test_a_review_deduction_costs_points_in_the_assessment(world):
    draw = draw_year(year=2022, rule=load_sampling_rule(), user=world.finance, seed=2)
    add_adjustment(item=draw.items.get(department=world.a), points=Decimal(-4), reason="评分与完成不符",
                   user=world.finance)
    result = assessment_results(year=2022, departments=Department.objects.filter(pk=world.a.pk))[0]
    line = _lines(result)["review_adjustments"]
    assert line.score == Decimal(6) and "调减自评分 4 分" in line.detail


def test_the_ranking_page_explains_every_line_and_departments_see_their_own(world):
    page = _client(world.finance).get("/oversight/assessment/?year=2022").content.decode()
    assert world.a.name in page and world.b.name in page and "展开每项得分" in page
    for title in ("绩效目标按时申报", "月度执行数按时填报", "目标设置质量", "抽评复核调整"):
        assert title in page
    assert "地方实践" in page
    own = _client(world.user_a).get("/oversight/assessment/?year=2022")
    assert own.status_code == 302 and own["Location"] == f"/oversight/assessment/{world.a.pk}/?year=2022"
    mine = _client(world.user_a).get(own["Location"]).content.decode()
    assert "考核得分" in mine and world.b.name not in mine
    assert _client(world.user_b).get(f"/oversight/assessment/{world.a.pk}/").status_code == 404


def test_the_export_opens_and_reads_back(world):
    response = _client(world.finance).get("/oversight/assessment/export.xlsx?year=2022")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    ranking, lines = book.worksheets
    assert ranking.title == "2022年度考核排名"
    rows = list(ranking.iter_rows(min_row=1, max_row=3, values_only=True))
    assert rows[0] == ("名次", "部门", "得分", "等级")
    results = {r.department: r for r in assessment_results(year=2022, departments=Department.objects.all())}
    for place, name, score, grade in rows[1:]:
        assert isinstance(place, int) and Decimal(str(score)) == results[name].total and grade == results[name].grade
    details = list(lines.iter_rows(min_row=2, values_only=True))
    assert len(details) == 2 * len(results[world.a.name].lines)
    assert all(d[4] and d[5] for d in details)  # every line with its basis and what it counted


def test_the_api_ranks_for_the_finance_bureau_and_not_for_a_department(world):
    ranked = _client(world.finance).get("/api/oversight/assessment?year=2022").json()
    assert {r["department_id"] for r in ranked} == {world.a.pk, world.b.pk}
    assert all(r["rank"] in (1, 2) and len(r["lines"]) == 8 for r in ranked)
    own = _client(world.user_a).get("/api/oversight/assessment?year=2022").json()
    assert [(r["department_id"], r["rank"]) for r in own] == [(world.a.pk, None)]
    one = _client(world.user_a).get(f"/api/departments/{world.a.pk}/assessment?year=2022").json()
    assert one["lines"][0]["title"] == "绩效目标按时申报" and one["framework_source"].startswith("地方实践")


def test_the_result_feeds_the_results_row(world):
    overview = _client(world.finance).get("/results/").content.decode()
    assert "管理工作考核" in overview
    result = assessment_results(year=2022, departments=Department.objects.filter(pk=world.a.pk))[0]
    page = _client(world.user_a).get(f"/departments/{world.a.pk}/results/").content.decode()
    assert "2022 年度绩效管理工作考核" in page and result.grade in page
