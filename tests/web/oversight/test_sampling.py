"""抽评 in the web app: the draw stored and repeatable, redraws kept, items in the 复核 queue with their reason,
复核调整 correcting the grade that 结果应用 uses, and a department seeing only its own."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.test import Client

from jixiao.oversight.sampling import draw_sample, load_sampling_rule
from jixiao.web.departments.models import Department
from jixiao.web.evaluation.models import Evaluation
from jixiao.web.evaluation.selectors import year_scores
from jixiao.web.oversight.models import SampledItem, SampleDraw, ScoreAdjustment
from jixiao.web.oversight.selectors import candidates
from jixiao.web.oversight.services import AdjustmentRejected, OversightNotAllowed, add_adjustment, draw_year
from jixiao.web.results.selectors import department_results

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _link_reports(world) -> None:
    """A's and B's 2022 self-evaluations come with their report files (the seed texts: 复核 finds serious problems)."""
    for department in (world.a, world.b):
        Evaluation.objects.filter(department=department, fiscal_year__year=2022).update(
            source_document=world.documents[department.pk])


def test_the_draw_stores_rule_seed_population_and_reasons_and_repeats(world):
    _link_reports(world)
    draw = draw_year(year=2022, rule=load_sampling_rule(), user=world.finance, seed=77)
    assert draw.seed == 77 and draw.rule_name == "sampling-local" and draw.rule["share"]["minimum"] == 3
    assert {p["key"] for p in draw.population} == {r.candidate.key for r in candidates(year=2022)}
    items = {i.department_id: i for i in draw.items.all()}
    assert set(items) == {world.a.pk, world.b.pk}
    assert all(i.reason == "必抽：复核发现严重问题" and i.forced and i.severity == "serious" for i in items.values())
    assert items[world.a.pk].document == world.documents[world.a.pk]
    scores = year_scores(departments=Department.objects.filter(pk=world.a.pk))
    assert items[world.a.pk].self_score == scores[items[world.a.pk].budget_id][0]
    # the stored rule, seed and population give the same items again (the audit of a draw)
    again = draw_sample([r.candidate for r in candidates(year=2022)], load_sampling_rule(), draw.seed)
    assert sorted(again.keys) == sorted(i.key for i in draw.items.all())


def test_a_redraw_supersedes_and_keeps_the_earlier_draw(world):
    first = draw_year(year=2022, rule=load_sampling_rule(), user=world.finance, seed=1)
    second = draw_year(year=2022, rule=load_sampling_rule(), user=world.finance, seed=2)
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert SampleDraw.objects.filter(fiscal_year__year=2022).count() == 2
    item = first.items.first()
    with pytest.raises(AdjustmentRejected, match="重新抽取取代"):
        add_adjustment(item=item, points=Decimal(-1), reason="迟到的调整", user=world.finance)
    page = _client(world.finance).get("/oversight/sampling/?year=2022").content.decode()
    assert "抽取记录" in page and "已取代" in page and str(second.seed) in page


def test_only_the_finance_bureau_draws_and_adjusts(world):
    with pytest.raises(OversightNotAllowed):
        draw_year(year=2022, rule=load_sampling_rule(), user=world.user_a)
    response = _client(world.user_a).post("/oversight/sampling/", {"year": "2022", "rule": "sampling-local"})
    assert response.status_code == 403 and not SampleDraw.objects.exists()
    draw = draw_year(year=2022, rule=load_sampling_rule(), user=world.finance, seed=3)
    item = draw.items.get(department=world.a)
    with pytest.raises(OversightNotAllowed):
        add_adjustment(item=item, points=Decimal(-1), reason="x", user=world.user_a)
    assert _client(world.user_a).post(f"/oversight/sampling/items/{item.pk}/",
                                      {"points": "-1", "reason": "x"}).status_code == 403


def test_the_draw_page_draws_and_lists_the_items_with_their_reason(world):
    _link_reports(world)
    client = _client(world.finance)
    response = client.post("/oversight/sampling/", {"year": "2022", "rule": "sampling-local", "seed": "5"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "随机种子" in page and ">5<" in page and "必抽：复核发现严重问题" in page and world.a.name in page


def test_an_adjustment_corrects_the_grade_that_results_apply(world):
    _link_reports(world)
    draw = draw_year(year=2022, rule=load_sampling_rule(), user=world.finance, seed=9)
    item = draw.items.get(department=world.a)
    before = department_results(department=world.a).history[-1]
    assert before.correction is None and before.score == item.self_score
    client = _client(world.finance)
    bad = client.post(f"/oversight/sampling/items/{item.pk}/", {"points": "-5", "reason": " "})
    assert bad.status_code == 400 and "调整分值须说明理由" in bad.content.decode()
    points = Decimal(int(item.self_score) - 55)  # down into 差 (below 60) whatever the self-assessed score
    response = client.post(f"/oversight/sampling/items/{item.pk}/", {"points": f"-{points}", "reason": "满意度无调查依据"})
    assert response.status_code == 302
    after = department_results(department=world.a).history[-1]
    assert after.score == item.self_score - points and after.grade == "差"
    assert after.correction.self_grade == item.self_grade and "满意度无调查依据" in after.correction.note
    results = _client(world.user_a).get(f"/departments/{world.a.pk}/results/").content.decode()
    assert "财政局抽评复核" in results and "满意度无调查依据" in results and "本部门以下自评被财政局抽评复核" in results
    overview = client.get("/results/").content.decode()
    assert "（复核）" in overview
    assert ScoreAdjustment.objects.get().adjusted_by == world.finance


def test_sampled_reports_carry_their_reason_into_the_review_queue_and_page(world):
    _link_reports(world)
    draw = draw_year(year=2022, rule=load_sampling_rule(), user=world.finance, seed=4)
    document = world.documents[world.a.pk]
    queue = _client(world.finance).get("/reviews/").content.decode()
    assert "抽评：必抽：复核发现严重问题" in queue
    page = _client(world.finance).get(f"/reviews/{document.pk}/").content.decode()
    item = draw.items.get(department=world.a)
    assert "本报告为 2022 年度抽评对象" in page and f"/oversight/sampling/items/{item.pk}/" in page
    assert "复核调整自评分" in page
    own = _client(world.user_a).get(f"/reviews/{document.pk}/").content.decode()
    assert "查看抽评结果" in own


def test_a_department_sees_only_its_own_items(world):
    draw = draw_year(year=2022, rule=load_sampling_rule(), user=world.finance, seed=6)
    page = _client(world.user_b).get("/oversight/sampling/?year=2022").content.decode()
    assert world.b.name in page and world.a.name not in page and "抽取记录" not in page
    a_item = draw.items.get(department=world.a)
    assert _client(world.user_b).get(f"/oversight/sampling/items/{a_item.pk}/").status_code == 404
    assert _client(world.user_b).get(f"/api/oversight/items/{a_item.pk}").status_code == 404
    listed = _client(world.user_b).get("/api/oversight/draws?year=2022").json()
    assert [i["department_id"] for d in listed for i in d["items"]] == [world.b.pk]
    assert listed[0]["population"] is None and listed[0]["strata"] == []


def test_the_api_draws_and_adjusts(world):
    client = _client(world.finance)
    made = client.post("/api/oversight/draws", data=json.dumps({"year": 2022, "seed": 11}),
                       content_type="application/json")
    assert made.status_code == 200, made.content
    body = made.json()
    assert body["seed"] == 11 and body["current"] and len(body["items"]) == 2 and body["population"] == 2
    item = next(i for i in body["items"] if i["department_id"] == world.a.pk)
    adjusted = client.post(f"/api/oversight/items/{item['id']}/adjustments",
                           data=json.dumps({"points": -2.5, "reason": "数据与决算不一致"}), content_type="application/json")
    assert adjusted.status_code == 200, adjusted.content
    out = adjusted.json()
    assert Decimal(str(out["score"])) == Decimal(str(item["self_score"])) - Decimal("2.5")
    assert out["adjustments"][0]["reason"] == "数据与决算不一致"
    refused = client.post(f"/api/oversight/items/{item['id']}/adjustments",
                          data=json.dumps({"points": 0, "reason": "x"}), content_type="application/json")
    assert refused.status_code == 422 and refused.json()["detail"] == "调整分值不能为 0"
    assert SampledItem.objects.count() == 2


def test_an_adjustment_is_withdrawn_on_the_review_page_and_kept_in_the_record(world):
    _link_reports(world)
    draw = draw_year(year=2022, rule=load_sampling_rule(), user=world.finance, seed=9)
    item = draw.items.get(department=world.a)
    adjustment = add_adjustment(item=item, points=Decimal(-5), reason="满意度无调查依据", user=world.finance)
    page = f"/oversight/sampling/items/{item.pk}/"
    assert _client(world.user_a).post(page, {"withdraw": str(adjustment.pk)}).status_code == 403
    assert 'name="withdraw"' not in _client(world.user_a).get(page).content.decode()
    client = _client(world.finance)
    assert f'name="withdraw" value="{adjustment.pk}"' in client.get(page).content.decode()
    response = client.post(page, {"withdraw": str(adjustment.pk)}, follow=True)
    body = response.content.decode()
    assert "已撤回复核调整（-5 分）" in body and "已撤销" in body and "满意度无调查依据" in body
    assert not ScoreAdjustment.objects.exists() and ScoreAdjustment.all_objects.get().deleted_at is not None
    assert department_results(department=world.a).history[-1].correction is None
    again = client.post(page, {"withdraw": str(adjustment.pk)}, follow=True).content.decode()
    assert "该复核调整不存在或已撤回" in again


def test_the_review_queue_shows_only_the_sampled_files_when_asked(world):
    Evaluation.objects.filter(department=world.a, fiscal_year__year=2022).update(
        source_document=world.documents[world.a.pk])  # only A's self-evaluation came with its file
    draw_year(year=2022, rule=load_sampling_rule(), user=world.finance, seed=4)
    client = _client(world.finance)
    every = client.get("/reviews/").content.decode()
    only = client.get("/reviews/?sampled=1").content.decode()
    a_name, b_name = (world.documents[d.pk].original_name for d in (world.a, world.b))
    assert a_name in every and b_name in every and "只看抽中" in every
    assert a_name in only and b_name not in only and 'name="sampled" value="1" checked' in only
    listed = client.get("/api/documents?sampled=true").json()
    assert [d["id"] for d in listed] == [world.documents[world.a.pk].pk]


def test_a_corrected_project_grade_is_what_the_project_results_apply(world):
    from jixiao.web.departments.models import FiscalYear
    from jixiao.web.projperf.models import ProjectYear
    from jixiao.web.projperf.selectors import project_results

    year = ProjectYear.objects.create(project=world.project, fiscal_year=FiscalYear.objects.get(year=2022),
                                      total=Decimal("120.00"), spent=Decimal("100.00"), score=Decimal("92.00"),
                                      grade="优", evaluation_status=ProjectYear.EvaluationStatus.SUBMITTED)
    draw = draw_year(year=2022, rule=load_sampling_rule(), user=world.finance, seed=8)
    item = draw.items.filter(kind=SampledItem.Kind.PROJECT).first() or SampledItem.objects.create(
        draw=draw, key=f"project:{year.pk}", kind="project", department=world.a, project_year=year,
        title=world.project.name, stratum="测试", reason="随机抽取", self_score=year.score, self_grade=year.grade)
    (before,) = project_results(department=world.a)
    assert before.grade == "优" and before.correction is None
    add_adjustment(item=item, points=Decimal(-40), reason="产出指标无佐证材料", user=world.finance)
    (after,) = project_results(department=world.a)
    assert after.score == Decimal("52.00") and after.grade == "差" and "产出指标无佐证材料" in after.correction.note
    assert after.treatment != before.treatment
    page = _client(world.user_a).get(f"/departments/{world.a.pk}/results/").content.decode()
    assert "产出指标无佐证材料" in page and "财政局抽评复核（自评分 92.00、优" in page
