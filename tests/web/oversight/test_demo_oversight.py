"""The demo's 抽评 and 考核: a drawn 2022 sample naming both seed departments, one 复核调整, a 2022 考核."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.oversight.sampling import draw_sample, load_sampling_rule
from jixiao.web import demo
from jixiao.web.departments.models import Department
from jixiao.web.oversight.demo import DEMO_ADJUSTMENT, SEED_DEPARTMENTS
from jixiao.web.oversight.models import SampleDraw, ScoreAdjustment
from jixiao.web.oversight.selectors import assessment_results, candidates, score_corrections

pytestmark = pytest.mark.django_db


def test_the_demo_draws_2022_with_both_seed_departments_and_adjusts_one() -> None:
    demo.load(departments=6, years=(2021, 2022))
    demo.create_accounts()  # and the declarations that come with the accounts, as ``jixiao demo`` makes them
    draw = SampleDraw.objects.get(fiscal_year__year=2022, is_current=True)
    drawn = {i.department.name for i in draw.items.filter(kind="department")}
    assert set(SEED_DEPARTMENTS) <= drawn
    # the stored seed repeats the stored draw
    again = draw_sample([r.candidate for r in candidates(year=2022)], load_sampling_rule(), draw.seed)
    assert sorted(again.keys) == sorted(draw.items.values_list("key", flat=True))
    adjustment = ScoreAdjustment.objects.get()
    assert adjustment.item.department.name == SEED_DEPARTMENTS[0] and adjustment.points == DEMO_ADJUSTMENT[0]
    liwan = Department.objects.get(name=SEED_DEPARTMENTS[0])
    corrected = score_corrections(departments=Department.objects.filter(pk=liwan.pk))
    (correction,) = corrected.values()
    assert correction.score == correction.self_score + Decimal(-3)
    # the demo's system-made draw and adjustment (no user) show on the pages
    from django.test import Client

    from jixiao.web.accounts.models import Role, User

    client = Client()
    client.force_login(User.objects.create_user("demo_finance", role=Role.FINANCE))
    page = client.get(f"/oversight/sampling/items/{adjustment.item_id}/")
    assert page.status_code == 200 and "系统" in page.content.decode() and DEMO_ADJUSTMENT[1] in page.content.decode()
    assert client.get("/oversight/sampling/?year=2022").status_code == 200
    results = {r.department: r for r in assessment_results(year=2022, departments=Department.objects.all())}
    assert set(SEED_DEPARTMENTS) <= set(results)
    review = {line.key: line for line in results[SEED_DEPARTMENTS[0]].lines}["review_adjustments"]
    assert review.score == Decimal(7) and "调减自评分 3 分" in review.detail
    # the demo's records are dated as their year ran (declared before it, entered monthly, evaluated next
    # spring), so the 考核 of 2022 tells the departments apart and every line says what it counted
    grades = {r.grade for r in results.values()}
    assert len(grades) > 1, grades
    framework = {i.key: i.basis for i in results[SEED_DEPARTMENTS[0]].framework.items}
    for result in results.values():
        for line in result.lines:
            assert line.basis == framework[line.key] and line.detail, (result.department, line.key)
        lines = {line.key: line for line in result.lines}
        assert lines["monthly_on_time"].detail == "12 个月中按时填报 12 个", result.department
        assert "2023-03-15 提交，未超过截止日期 2023-04-30" in lines["self_evaluation_on_time"].detail
    declared = [r for r in results.values() if {ln.key: ln for ln in r.lines}["declaration_on_time"].score]
    assert declared and all("2021-12-10 提交，未超过截止日期 2021-12-31" in {ln.key: ln for ln in r.lines}[
        "declaration_on_time"].detail for r in declared)
    ranking = client.get("/oversight/assessment/?year=2022").content.decode()
    assert all(basis in ranking for basis in framework.values())
