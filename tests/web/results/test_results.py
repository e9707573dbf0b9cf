"""结果应用: grade history (the dashboard's scores), next year's treatment, rectification by who may write what."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from tests.web.versions import versioned

from jixiao.scoring import score_report
from jixiao.web.common.locking import as_version
from jixiao.web.dashboard.selectors import dashboard_data
from jixiao.web.departments.models import Region
from jixiao.web.evaluation.models import Evaluation, Indicator
from jixiao.web.evaluation.selectors import assemble_report
from jixiao.web.results.models import Rectification
from jixiao.web.results.selectors import rules_in_force

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _json(client: Client, method: str, url: str, body: dict | None = None):
    body = versioned(client, url, body or {}) if method == "patch" else body or {}
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


def test_history_is_the_dashboards_scores_and_grades_every_year(world) -> None:
    body = _client(world.finance).get(f"/api/departments/{world.a.pk}/results").json()
    for item in body["history"]:
        row = next(r for r in dashboard_data(user=world.finance, year=item["year"]).rows if r.department_id == world.a.pk)
        assert (Decimal(str(item["score"])), item["grade"], item["computed"]) == (row.score, row.grade, row.grade_computed)
    assert [h["year"] for h in body["history"]] == [2021, 2022]
    # a stated grade the core's full score contradicts does not decide: the evaluation page's score and grade do
    evaluation = Evaluation.objects.get(department=world.a, fiscal_year__year=2022)
    evaluation.score, evaluation.grade = Decimal("99.5"), "优"
    evaluation.save()
    result = score_report(assemble_report(world.a, 2022))
    assert result.complete and result.grade != "优"
    body = _client(world.finance).get(f"/api/departments/{world.a.pk}/results").json()
    assert body["history"][-1] == {"year": 2022, "score": float(result.total), "grade": result.grade, "computed": True,
                                   "execution_rate": body["history"][-1]["execution_rate"], "correction": None}
    page = _client(world.finance).get(f"/departments/{world.a.pk}/evaluation/2022/").content.decode()
    assert f"系统评分 <strong>{result.total:.2f}</strong> 分，等级 <strong>{result.grade}</strong>" in page
    # where the core cannot score in full (no indicators listed), the stated grade is shown as stated and decides
    Indicator.objects.filter(department=world.a, fiscal_year__year=2022).delete()
    evaluation.score, evaluation.grade = Decimal("72.5"), "中"
    evaluation.save()
    body = _client(world.finance).get(f"/api/departments/{world.a.pk}/results").json()
    assert body["history"][-1] == {"year": 2022, "score": 72.5, "grade": "中", "computed": False,
                                   "execution_rate": body["history"][-1]["execution_rate"], "correction": None}
    assert body["suggestion"]["treatment"] == "核减" and body["suggestion"]["year"] == 2023
    page = _client(world.finance).get(f"/departments/{world.a.pk}/evaluation/2022/").content.decode()
    assert "不是总分" in page and "报告自评分 <strong>72.50</strong> 分，等级 <strong>中</strong>" in page
    assert "看板与结果应用采用此评分" in page and "系统评分 <strong>" not in page
    basis = body["suggestion"]["basis"]
    assert "《财预〔2020〕10号 绩效评价结果应用》" in basis and ".toml" not in basis and body["suggestion"]["rule"] == "grades.中"
    sichuan = _client(world.finance).get(f"/api/departments/{world.a.pk}/results?rules=sichuan-2025").json()
    assert sichuan["suggestion"]["treatment"] == "压缩" and sichuan["rules"] == "sichuan-2025"


def test_rules_follow_the_departments_region_and_year(world) -> None:
    """A 广州 2022 department follows 财预〔2020〕10号; a 四川 department from 2025 on follows the 四川 file."""
    body = _client(world.finance).get(f"/api/departments/{world.a.pk}/results").json()
    assert body["rules"] == "caiyu-2020-10"
    sichuan = Region.objects.create(name="四川省")
    chengdu = Region.objects.create(name="成都市锦江区", parent=sichuan)
    world.a.region = chengdu
    world.a.save()
    assert _client(world.finance).get(f"/api/departments/{world.a.pk}/results").json()["rules"] == "caiyu-2020-10"
    assert rules_in_force(world.a, 2024).name == "caiyu-2020-10"  # before the 四川 file's year
    assert rules_in_force(world.a, 2025).name == "sichuan-2025"
    overview = {r["department_id"]: r for r in _client(world.finance).get("/api/results").json()}
    assert "财预〔2020〕10号" in overview[world.a.pk]["suggestion"]["basis"]
    page = _client(world.finance).get("/results/").content.decode()
    assert "按各部门所在地区和年度适用" in page and "domain.md" not in page and ".toml" not in page


def test_results_page_shows_history_chart_treatment_and_items(world) -> None:
    page = _client(world.finance).get(f"/departments/{world.a.pk}/results/").content.decode()
    assert 'id="chart-scores"' in page and "/static/vendor/echarts/echarts.min.js" in page
    assert 'id="scores-data"' in page and "jixiao/results.js" in page
    assert 'id="treatment-label"' in page and "依据《财预〔2020〕10号" in page
    assert world.rectification.problem in page and "未整改" in page
    assert 'id="new-rectification"' in page  # the finance bureau raises items
    assert "from-evaluation" not in page      # … but does not turn the department's own findings into items
    own = _client(world.user_a).get(f"/departments/{world.a.pk}/results/").content.decode()
    assert 'id="new-rectification"' not in own and "从 2022 年度自评问题生成" in own
    chosen = _client(world.finance).get(f"/departments/{world.a.pk}/results/?rules=dazhou-commerce").content.decode()
    assert "达州市商务局" in chosen


def test_finance_raises_an_item_through_the_page(world) -> None:
    client = _client(world.finance)
    url = f"/departments/{world.a.pk}/results/rectifications/new/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"year": "2022", "source": "finance_review", "problem": "结转结余偏高。",
                                 "feedback": "压减结转结余。", "deadline": "2023-06-30"})
    assert response.status_code == 302
    item = Rectification.objects.get(problem="结转结余偏高。")
    assert (item.department, item.fiscal_year.year, item.deadline, item.status) == (
        world.a, 2022, date(2023, 6, 30), Rectification.Status.OPEN)
    assert item.history.first().history_user == world.finance


@pytest.mark.parametrize(("data", "message"), [
    ({"year": "2022", "source": "finance_review", "problem": ""}, "这个字段是必填项"),
    ({"year": "2022", "source": "finance_review", "problem": "x", "deadline": "明年"}, "请输入有效日期"),
    ({"year": "1999", "source": "finance_review", "problem": "x"}, "选择一个有效的选项"),
])
def test_bad_items_get_a_chinese_message_not_a_500(world, data, message) -> None:
    before = Rectification.objects.count()
    response = _client(world.finance).post(f"/departments/{world.a.pk}/results/rectifications/new/", data)
    assert response.status_code == 200 and message in response.content.decode()
    assert Rectification.objects.count() == before


def test_only_the_finance_bureau_and_admin_raise_items(world) -> None:
    url = f"/departments/{world.a.pk}/results/rectifications/new/"
    data = {"year": "2022", "source": "finance_review", "problem": "部门自己提？"}
    assert _client(world.user_a).post(url, data).status_code == 403
    assert _client(world.user_b).post(url, data).status_code == 404
    api = f"/api/departments/{world.a.pk}/rectifications"
    assert _json(_client(world.user_a), "post", api, {"year": 2022, "problem": "x"}).status_code == 403
    assert _json(_client(world.user_b), "post", api, {"year": 2022, "problem": "x"}).status_code == 404
    assert not Rectification.objects.filter(problem__in=["部门自己提？", "x"]).exists()
    response = _json(_client(world.admin), "post", api, {"year": 2022, "problem": "管理员补录。", "deadline": "2023-03-31"})
    assert response.status_code == 200 and response.json()["deadline"] == "2023-03-31"
    assert _json(_client(world.finance), "post", api, {"year": 1999, "problem": "x"}).status_code == 404


def _version(world) -> int:
    """The item's version as its page shows it (乐观锁)."""
    return as_version(Rectification.objects.get(pk=world.rectification.pk).updated_at)


def test_department_answers_its_own_item_and_history_keeps_old_to_new(world) -> None:
    client = _client(world.user_a)
    url = f"/departments/{world.a.pk}/results/rectifications/{world.rectification.pk}/"
    assert 'id="answer-form"' in client.get(url).content.decode()
    response = client.post(url, {"measure": "按月调度支出。", "status": "in_progress", "progress": "已完成 6 成。",
                                 "version": _version(world)})
    assert response.status_code == 302
    item = Rectification.objects.get(pk=world.rectification.pk)
    assert (item.status, item.progress, item.measure) == ("in_progress", "已完成 6 成。", "按月调度支出。")
    latest = item.history.first()
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(latest.prev_record).changes}
    assert latest.history_user == world.user_a and changes["status"] == ("open", "in_progress")
    page = client.get(url).content.decode()
    assert "整改状态</b>：未整改 → 整改中" in page  # the item's own history, in Chinese


def test_an_answer_that_breaks_a_rule_is_refused_with_a_message(world) -> None:
    url = f"/departments/{world.a.pk}/results/rectifications/{world.rectification.pk}/"
    response = _client(world.user_a).post(url, {"measure": "", "status": "done", "progress": "",
                                                "version": _version(world)})
    assert response.status_code == 200 and "请填写整改情况" in response.content.decode()
    assert Rectification.objects.get(pk=world.rectification.pk).status == "open"
    api = f"/api/departments/{world.a.pk}/rectifications/{world.rectification.pk}"
    assert _json(_client(world.user_a), "patch", api, {"status": "done"}).status_code == 422
    assert _json(_client(world.user_a), "patch", api, {"status": "finished", "progress": "x"}).status_code == 422


def test_finance_cannot_change_the_departments_answer_nor_the_department_the_bureaus_fields(world) -> None:
    url = f"/departments/{world.a.pk}/results/rectifications/{world.rectification.pk}/"
    api = f"/api/departments/{world.a.pk}/rectifications/{world.rectification.pk}"
    answer = {"measure": "m", "status": "done", "progress": "p"}
    assert _client(world.finance).get(url).status_code == 200  # reads it …
    assert 'id="answer-form"' not in _client(world.finance).get(url).content.decode()
    assert _client(world.finance).post(url, answer).status_code == 403  # … answers nothing
    assert _json(_client(world.finance), "patch", api, answer).status_code == 403
    # the department's answer has no deadline, problem or 整改意见: sending them is refused
    response = _json(_client(world.user_a), "patch", api, {**answer, "deadline": "2030-01-01"})
    assert response.status_code == 422
    assert _client(world.user_b).post(url, answer).status_code == 404
    assert _json(_client(world.user_b), "patch", api, answer).status_code == 404
    item = Rectification.objects.get(pk=world.rectification.pk)
    assert (item.status, item.deadline, item.measure) == ("open", None, "")
    assert _json(_client(world.admin), "patch", api, answer).status_code == 200


def test_an_item_of_another_department_is_not_found_under_this_ones_path(world) -> None:
    other = Rectification.objects.create(department=world.b, fiscal_year=world.rectification.fiscal_year, problem="B 的问题")
    assert _client(world.admin).get(f"/departments/{world.a.pk}/results/rectifications/{other.pk}/").status_code == 404
    response = _json(_client(world.admin), "patch", f"/api/departments/{world.a.pk}/rectifications/{other.pk}",
                     {"status": "open"})
    assert response.status_code == 404


def test_self_evaluation_problems_become_items_with_one_click(world) -> None:
    evaluation = Evaluation.objects.get(department=world.a, fiscal_year__year=2022)
    client = _client(world.user_a)
    url = f"/departments/{world.a.pk}/results/from-evaluation/2022/"
    assert client.post(url).status_code == 302
    items = list(Rectification.objects.filter(department=world.a, source="self_evaluation").order_by("pk"))
    assert [i.problem for i in items] == evaluation.problems
    assert [i.measure for i in items] == evaluation.measures
    client.post(url)  # a second click adds nothing
    assert Rectification.objects.filter(department=world.a, source="self_evaluation").count() == len(items)
    assert _client(world.finance).post(url).status_code == 403
    assert _client(world.user_b).post(url).status_code == 404
    assert client.get(url).status_code == 405
    assert _client(world.user_a).post(f"/departments/{world.a.pk}/results/from-evaluation/2019/").status_code == 404
    api = _json(_client(world.user_a), "post", f"/api/departments/{world.a.pk}/rectifications/from-evaluation/2021")
    assert api.status_code == 200 and len(api.json()) == len(evaluation.problems)


def test_more_measures_than_problems_join_the_last_item(world) -> None:
    evaluation = Evaluation.objects.get(department=world.a, fiscal_year__year=2022)
    evaluation.problems, evaluation.measures = ["问题一"], ["措施一", "措施二"]
    evaluation.save()
    _json(_client(world.user_a), "post", f"/api/departments/{world.a.pk}/rectifications/from-evaluation/2022")
    assert Rectification.objects.get(problem="问题一").measure == "措施一\n措施二"


def test_overview_lists_latest_grade_treatment_and_open_items_scoped(world) -> None:
    Rectification.objects.create(department=world.a, fiscal_year=world.rectification.fiscal_year, problem="已改",
                                 status=Rectification.Status.DONE, progress="done")
    rows = {r["department_id"]: r for r in _client(world.finance).get("/api/results").json()}
    assert set(rows) == {world.a.pk, world.b.pk}
    assert rows[world.a.pk]["open_rectifications"] == 1 and rows[world.b.pk]["open_rectifications"] == 0
    assert rows[world.a.pk]["latest"]["year"] == 2022 and rows[world.a.pk]["suggestion"]["treatment"]
    page = _client(world.finance).get("/results/").content.decode()
    assert world.a.name in page and world.b.name in page
    own = _client(world.user_a).get("/results/").content.decode()
    assert world.a.name in own and world.b.name not in own
    assert [r["department_id"] for r in _client(world.user_a).get("/api/results").json()] == [world.a.pk]


def test_an_item_not_rectified_by_its_deadline_withholds_next_years_budget(world) -> None:
    world.rectification.deadline = date.today() - timedelta(days=1)
    world.rectification.save()
    suggestion = _client(world.finance).get(f"/api/departments/{world.a.pk}/results").json()["suggestion"]
    assert suggestion["treatment"] == "调减或暂缓" and suggestion["rule"] == "unrectified"
    row = next(r for r in _client(world.finance).get("/api/results").json() if r["department_id"] == world.a.pk)
    assert row["overdue_rectifications"] == 1 and row["suggestion"]["treatment"] == "调减或暂缓"


def test_a_deleted_item_is_hidden_and_kept(world) -> None:
    world.rectification.delete()
    assert world.rectification.problem not in _client(world.finance).get(
        f"/departments/{world.a.pk}/results/").content.decode()
    assert Rectification.all_objects.filter(pk=world.rectification.pk).exists()
    assert world.rectification.history.first().deleted_at is not None


def test_anonymous_is_sent_to_login_and_gets_401(world) -> None:
    client = Client()
    assert client.get(f"/departments/{world.a.pk}/results/").status_code == 302
    assert client.get("/results/").status_code == 302
    assert client.get("/api/results").status_code == 401


def test_the_demo_has_rectification_items_in_every_status() -> None:
    from jixiao.web import demo

    demo.load(departments=4, years=(2021, 2022))
    items = Rectification.objects.all()
    assert items.filter(source="finance_review").count() == 6 and items.filter(source="self_evaluation").exists()
    assert {"open", "in_progress", "done"} <= set(items.values_list("status", flat=True))
    assert all(i.progress for i in items.exclude(status="open"))


def test_excel_export_holds_the_overview_and_the_items_scoped(world) -> None:
    import io

    from openpyxl import load_workbook

    def sheets(user):
        response = _client(user).get("/results/export.xlsx")
        assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
        book = load_workbook(io.BytesIO(response.content))
        return [list(r) for r in book["结果应用"].iter_rows(values_only=True)], \
            [list(r) for r in book["整改事项"].iter_rows(values_only=True)]

    overview, items = sheets(world.finance)
    assert {r[0] for r in overview[1:]} == {world.a.name, world.b.name}
    row = next(r for r in overview if r[0] == world.a.name)
    assert isinstance(row[2], float) and row[7] == 1
    assert items[1][:4] == [world.a.name, 2022, "财政复核", world.rectification.problem]
    overview, items = sheets(world.user_b)
    assert [r[0] for r in overview[1:]] == [world.b.name] and len(items) == 1
