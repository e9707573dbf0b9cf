"""绩效目标申报与目标审核: services, API, pages, permissions and history of the declaration flow."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from tests.web.versions import versioned

from jixiao.report import Indicator as IndicatorData
from jixiao.web.budgets.models import Budget
from jixiao.web.declarations.flows import save_declaration
from jixiao.web.declarations.models import GoalDeclaration, GoalReview
from jixiao.web.declarations.selectors import declaration_version
from jixiao.web.declarations.services import (
    DeclarationInvalid,
    DeclarationLocked,
    DeclarationStateError,
    DeclaredBudget,
    InvalidReview,
    reopen_declaration,
    review_declaration,
    submit_declaration,
)
from jixiao.web.departments.models import Department
from jixiao.web.evaluation.models import Indicator, PerformanceGoal

pytestmark = pytest.mark.django_db

YEAR = 2022
GRADES = {"completeness": "中", "relevance": "良", "appropriateness": "中", "feasibility": "良"}


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _api(world: Any) -> str:
    return f"/api/departments/{world.a.pk}/declarations/{YEAR}"


def _page(world: Any) -> str:
    return f"/departments/{world.a.pk}/declaration/{YEAR}/"


def ind(name: str, level1: str, level2: str, weight: int, unit: str | None = "%", **more: Any) -> dict[str, Any]:
    return {"level1": level1, "level2": level2, "name": name, "op": ">=", "target": 90, "unit": unit,
            "weight": weight, **more}


def body(unit: str | None = "人次") -> dict[str, Any]:
    return {"goals": ["完成年度培训任务", "提升群众满意度"], "indicators": [
        ind("培训人次", "产出指标", "数量指标", 50, unit),
        ind("政策知晓率", "效益指标", "社会效益", 30),
        ind("服务对象满意度", "满意度指标", "服务对象满意度", 10)],
        "budget": {"initial": 1000, "basic": 400, "project": 600}}


def _put(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.put(url, data=json.dumps(versioned(client, url, data)), content_type="application/json")


def _rows(data: dict[str, Any]) -> list[tuple[int | None, IndicatorData]]:
    return [(item.pop("id", None), IndicatorData.model_validate(item)) for item in data["indicators"]]


def _save(world: Any, data: dict[str, Any] | None = None) -> GoalDeclaration:
    data = data or body()
    return save_declaration(department=world.a, year=YEAR, goals=data["goals"], indicators=_rows(data))


# -- services ---------------------------------------------------------------------------------------

def test_save_replaces_the_year_rows_in_place_and_soft_deletes_the_rest(world) -> None:
    before = list(Indicator.objects.filter(department=world.a, fiscal_year__year=YEAR).values_list("pk", flat=True))
    assert len(before) == 12  # the synthetic report's indicators
    _save(world)
    alive = Indicator.objects.filter(department=world.a, fiscal_year__year=YEAR)
    assert sorted(alive.values_list("name", flat=True)) == ["培训人次", "政策知晓率", "服务对象满意度"]
    # no synthetic name (教育…) matches a declared one: all 12 are soft-deleted, none removed
    assert Indicator.all_objects.filter(pk__in=before, deleted_at__isnull=False).count() == 12
    assert [g.text for g in PerformanceGoal.objects.filter(department=world.a, fiscal_year__year=YEAR)] == \
        ["完成年度培训任务", "提升群众满意度"]


def test_editing_by_id_keeps_the_row_and_its_history_old_to_new(world) -> None:
    _save(world)
    row = Indicator.objects.get(department=world.a, fiscal_year__year=YEAR, name="培训人次")
    data = body()
    data["indicators"][0].update(id=row.pk, name="培训总人次", target=350)
    _save(world, data)
    row.refresh_from_db()
    assert row.name == "培训总人次" and row.target == Decimal(350)
    latest = row.history.first()
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(latest.prev_record).changes}
    assert changes["name"] == ("培训人次", "培训总人次")


def test_the_same_save_twice_changes_nothing(world) -> None:
    _save(world)
    count = sum(m.history.count() for m in Indicator.objects.filter(department=world.a, fiscal_year__year=YEAR))
    _save(world)
    assert sum(m.history.count() for m in Indicator.objects.filter(department=world.a, fiscal_year__year=YEAR)) == count


def test_removed_rows_are_soft_deleted(world) -> None:
    _save(world)
    data = body()
    removed = data["indicators"].pop(1)
    _save(world, data)
    assert not Indicator.objects.filter(department=world.a, fiscal_year__year=YEAR, name=removed["name"]).exists()
    gone = Indicator.all_objects.get(department=world.a, fiscal_year__year=YEAR, name=removed["name"])
    assert gone.deleted_at is not None and gone.history.first().deleted_at is not None


def test_declared_budget_is_written_to_the_year_budget_with_history(world) -> None:
    budget = Budget.objects.get(department=world.a, fiscal_year__year=YEAR)
    old = budget.initial
    save_declaration(department=world.a, year=YEAR, goals=["g"], indicators=[],
                     budget=DeclaredBudget(Decimal("1000.00"), Decimal(400), Decimal(600)))
    budget.refresh_from_db()
    assert (budget.initial, budget.basic, budget.project) == (Decimal("1000.00"), Decimal(400), Decimal(600))
    assert budget.total is not None and budget.total != budget.initial  # an existing budget keeps its own total
    latest = budget.history.first()
    assert {c.field: c.old for c in latest.diff_against(latest.prev_record).changes}["initial"] == old


def test_submit_needs_no_blocking_problem_then_locks_editing(world) -> None:
    _save(world, body(unit=None))
    with pytest.raises(DeclarationInvalid) as raised:
        submit_declaration(department=world.a, year=YEAR, user=world.user_a)
    assert any("计量单位" in p.message for p in raised.value.problems)
    assert GoalDeclaration.objects.get(department=world.a).status == "draft"
    _save(world)
    declaration = submit_declaration(department=world.a, year=YEAR, user=world.user_a)
    assert declaration.status == "submitted" and declaration.submitted_by == world.user_a
    with pytest.raises(DeclarationLocked):
        _save(world)
    with pytest.raises(DeclarationLocked):
        submit_declaration(department=world.a, year=YEAR, user=world.user_a)


def test_review_follows_the_grade_consequence_and_keeps_every_round(world) -> None:
    _save(world)
    submit_declaration(department=world.a, year=YEAR, user=world.user_a)
    first = review_declaration(department=world.a, year=YEAR, reviewer=world.finance, grades=GRADES, overall="中",
                               comment="指标值偏低，请修改")
    assert (first.decision, first.consequence) == ("return", "修改后重新报送确认")
    assert GoalDeclaration.objects.get(department=world.a).status == "returned"
    with pytest.raises(DeclarationStateError):
        review_declaration(department=world.a, year=YEAR, reviewer=world.finance, grades=GRADES, overall="优")
    _save(world)  # editable again after return
    submit_declaration(department=world.a, year=YEAR, user=world.user_a)
    second = review_declaration(department=world.a, year=YEAR, reviewer=world.finance,
                                grades=dict.fromkeys(GRADES, "良"), overall="良")
    assert (second.decision, second.consequence) == ("approve", "部门修改后进入")
    declaration = GoalDeclaration.objects.get(department=world.a)
    assert declaration.status == "approved"
    assert list(declaration.reviews.values_list("overall", flat=True)) == ["良", "中"]
    assert [h.status for h in declaration.history.order_by("history_date")][-4:] == \
        ["submitted", "returned", "submitted", "approved"]


def test_poor_grade_returns_and_bad_grades_are_refused(world) -> None:
    _save(world)
    submit_declaration(department=world.a, year=YEAR, user=world.user_a)
    with pytest.raises(InvalidReview, match="完整性"):
        review_declaration(department=world.a, year=YEAR, reviewer=world.finance,
                           grades={**GRADES, "completeness": "甲"}, overall="优")
    with pytest.raises(InvalidReview, match="审核结果"):
        review_declaration(department=world.a, year=YEAR, reviewer=world.finance, grades=GRADES, overall="")
    review = review_declaration(department=world.a, year=YEAR, reviewer=world.finance, grades=GRADES, overall="差")
    assert (review.decision, review.consequence) == ("return", "不得进入预算安排")
    assert reopen_declaration(department=world.a, year=YEAR).status == "draft"
    with pytest.raises(DeclarationStateError):
        reopen_declaration(department=world.a, year=YEAR)


def test_reviewing_a_draft_is_refused(world) -> None:
    with pytest.raises(DeclarationStateError):
        review_declaration(department=world.a, year=YEAR, reviewer=world.finance, grades=GRADES, overall="优")
    assert not GoalReview.objects.exists()


# -- API --------------------------------------------------------------------------------------------

def test_api_flow_with_problems_submit_review(world) -> None:
    dept, finance = _client(world.user_a), _client(world.finance)
    response = _put(dept, _api(world), body(unit=None))
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "draft" and data["editable"] is True
    assert [(p["code"], p["indicator"]) for p in data["problems"] if p["blocking"]] == [("targets.unquantified", 0)]
    response = dept.post(_api(world) + "/submit")
    assert response.status_code == 422 and response.json()["problems"][0]["indicator"] == 0
    fixed = body()
    fixed["indicators"][0]["id"] = data["indicators"][0]["id"]
    assert _put(dept, _api(world), fixed).json()["indicators"][0]["unit"] == "人次"
    assert dept.post(_api(world) + "/submit").json()["status"] == "submitted"
    latest = GoalDeclaration.objects.get(department=world.a).history.first()
    assert latest.history_user == world.user_a and latest.status == "submitted"
    assert _put(dept, _api(world), fixed).status_code == 409
    review = {"grades": GRADES, "overall": "中", "comment": "请细化满意度指标"}
    assert dept.post(_api(world) + "/review", data=json.dumps(review), content_type="application/json"
                     ).status_code == 403
    response = finance.post(_api(world) + "/review", data=json.dumps(review), content_type="application/json")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "returned"
    assert data["reviews"][0]["comment"] == "请细化满意度指标"
    assert data["reviews"][0]["consequence"] == "修改后重新报送确认"
    assert finance.post(_api(world) + "/review", data=json.dumps(review), content_type="application/json"
                        ).status_code == 409
    assert dept.get(_api(world)).json()["reviews"][0]["grades"] == GRADES


def test_api_refuses_malformed_bodies_and_bad_grades(world) -> None:
    dept, finance = _client(world.user_a), _client(world.finance)
    bad = body()
    bad["indicators"][0]["weight"] = -5
    assert _put(dept, _api(world), bad).status_code == 422
    bad = body()
    bad["indicators"][0]["op"] = "≥≥"
    assert _put(dept, _api(world), bad).status_code == 422
    _put(dept, _api(world), body())
    dept.post(_api(world) + "/submit")
    review = {"grades": {**GRADES, "feasibility": "好"}, "overall": "优"}
    response = finance.post(_api(world) + "/review", data=json.dumps(review), content_type="application/json")
    assert response.status_code == 422 and "可行性" in response.json()["detail"]


def test_api_permissions(world) -> None:
    assert _client().get(_api(world)).status_code == 401
    assert _client(world.user_b).get(_api(world)).status_code == 404
    assert _put(_client(world.user_b), _api(world), body()).status_code == 404
    assert _put(_client(world.finance), _api(world), body()).status_code == 403
    assert _client(world.finance).post(_api(world) + "/submit").status_code == 403
    assert _client(world.finance).get(_api(world)).status_code == 200


def test_api_queue_submitted_first_scoped_and_filtered(world) -> None:
    other = GoalDeclaration.objects.create(department=world.b, fiscal_year=world.declaration.fiscal_year,
                                           status="submitted")
    rows = _client(world.finance).get("/api/declarations").json()
    assert [r["department"] for r in rows] == [world.b.name, world.a.name]
    GoalDeclaration.objects.filter(pk=other.pk).update(status="draft")
    GoalDeclaration.objects.filter(pk=world.declaration.pk).update(status="submitted")
    rows = _client(world.finance).get("/api/declarations").json()
    assert [r["department"] for r in rows] == [world.a.name, world.b.name]
    assert [r["status"] for r in _client(world.finance).get("/api/declarations?status=draft").json()] == ["draft"]
    # a department user: its own stored declaration, and as 草稿 its other year with a budget (2021)
    own = _client(world.user_b).get("/api/declarations").json()
    assert [(r["department"], r["year"], r["status"]) for r in own] == [(world.b.name, 2022, "draft"),
                                                                         (world.b.name, 2021, "draft")]


# -- pages ------------------------------------------------------------------------------------------

def form_data(rows: list[dict[str, Any]], action: str = "save", year: int = YEAR, **more: Any) -> dict[str, Any]:
    department = Department.objects.get(pk=GoalDeclaration.objects.filter(fiscal_year__year=YEAR).order_by("pk")[0].department_id)
    data = {"version": str(declaration_version(department, year)),  # as the page shows it now (乐观锁)
            "action": action, "goals": "完成年度培训任务\n提升群众满意度", "initial": "1000", "basic": "400",
            "project": "600", "ind-TOTAL_FORMS": str(len(rows)), "ind-INITIAL_FORMS": "0",
            "ind-MIN_NUM_FORMS": "0", "ind-MAX_NUM_FORMS": "1000", **more}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"ind-{i}-{key}"] = value
    return data


def page_rows(unit: str = "人次") -> list[dict[str, Any]]:
    return [{"level1": "产出指标", "level2": "数量指标", "name": "培训人次", "op": ">=", "value": "300", "unit": unit,
             "weight": "50"},
            {"level1": "效益指标", "level2": "社会效益", "name": "政策知晓率", "op": ">=", "value": "90", "unit": "%",
             "weight": "30"},
            {"level1": "满意度指标", "level2": "服务对象满意度", "name": "服务对象满意度", "op": ">=", "value": "85",
             "unit": "%", "weight": "10"}]


def test_page_shows_the_indicator_table_and_problems_beside_rows(world) -> None:
    dept = _client(world.user_a)
    response = dept.post(_page(world), form_data(page_rows(unit="")), follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and "已保存" in page
    assert "一级指标" in page and "计算符号" in page and "计量单位" in page and "分值" in page
    assert "指标“培训人次”缺少计量单位" in page and 'id="blocking-count"' in page
    response = dept.post(_page(world), form_data(page_rows(unit=""), action="submit"), follow=True)
    assert "未能提交" in response.content.decode()
    assert GoalDeclaration.objects.get(department=world.a).status == "draft"
    response = dept.post(_page(world), form_data(page_rows(), action="submit"), follow=True)
    page = response.content.decode()
    assert "已提交财政局审核" in page and 'id="declaration-form"' not in page
    assert GoalDeclaration.objects.get(department=world.a).status == "submitted"


def test_a_non_numeric_target_is_a_form_error_not_a_500(world) -> None:
    rows = page_rows()
    rows[0]["value"] = "三百"
    response = _client(world.user_a).post(_page(world), form_data(rows))
    assert response.status_code == 200
    assert "定量指标的指标值应为数字" in response.content.decode()
    assert not Indicator.objects.filter(department=world.a, name="培训人次").exists()


def test_page_permissions(world) -> None:
    assert _client(world.user_b).get(_page(world)).status_code == 404
    assert _client(world.user_b).post(_page(world), form_data(page_rows())).status_code == 404
    finance = _client(world.finance)
    page = finance.get(_page(world)).content.decode()
    assert 'id="declaration-form"' not in page and "只读" in page
    assert finance.post(_page(world), form_data(page_rows())).status_code == 403
    review = f"/departments/{world.a.pk}/declaration/{YEAR}/review/"
    assert _client(world.user_a).get(review).status_code == 403
    assert _client(world.user_b).get(review).status_code == 404
    assert _client().get(_page(world)).status_code == 302


def test_finance_reviews_through_the_form_and_the_department_reads_the_comment(world) -> None:
    _client(world.user_a).post(_page(world), form_data(page_rows(), action="submit"))
    finance = _client(world.finance)
    queue = finance.get("/declarations/").content.decode()
    assert world.a.name in queue and "审核" in queue
    review = f"/departments/{world.a.pk}/declaration/{YEAR}/review/"
    form = finance.get(review).content.decode()
    assert all(name in form for name in ("完整性", "相关性", "适当性", "可行性", "修改后重新报送确认"))
    response = finance.post(review, {"overall": "中"})  # dimensions missing
    assert response.status_code == 200 and GoalReview.objects.count() == 0
    data = {f"grade_{k}": v for k, v in GRADES.items()} | {"overall": "中", "comment": "满意度指标需细化"}
    response = finance.post(review, data, follow=True)
    assert "修改后重新报送确认" in response.content.decode()
    page = _client(world.user_a).get(_page(world)).content.decode()
    assert "满意度指标需细化" in page and 'id="declaration-form"' in page


def test_a_blank_budget_on_the_form_declares_no_budget(world) -> None:
    url = f"/departments/{world.a.pk}/declaration/2023/"
    _client(world.user_a).post(url, form_data(page_rows(), year=2023, initial="", basic="", project=""))
    assert Indicator.objects.filter(department=world.a, fiscal_year__year=2023).count() == 3
    assert not Budget.objects.filter(department=world.a, fiscal_year__year=2023).exists()
    _client(world.user_a).post(url, form_data(page_rows(), year=2023))
    assert Budget.objects.get(department=world.a, fiscal_year__year=2023).initial == Decimal(1000)


def test_department_page_links_to_the_declaration(world) -> None:
    page = _client(world.user_a).get(f"/departments/{world.a.pk}/").content.decode()
    assert f"/departments/{world.a.pk}/declaration/{YEAR}/" in page
    assert "目标申报" in page


def test_api_reopen_takes_a_returned_declaration_back_to_draft(world) -> None:
    dept = _client(world.user_a)
    assert dept.post(_api(world) + "/reopen").status_code == 409  # a draft is not returned
    _put(dept, _api(world), body())
    dept.post(_api(world) + "/submit")
    review = {"grades": GRADES, "overall": "差", "comment": "目标与资金不匹配"}
    _client(world.finance).post(_api(world) + "/review", data=json.dumps(review), content_type="application/json")
    assert _client(world.finance).post(_api(world) + "/reopen").status_code == 403
    data = dept.post(_api(world) + "/reopen").json()
    assert data["status"] == "draft" and data["reviews"][0]["consequence"] == "不得进入预算安排"


def test_demo_declarations_cover_the_queue_approval_and_return() -> None:
    from jixiao.web import demo

    demo.load(departments=3, years=(2022,))
    demo.create_accounts()
    states = dict(GoalDeclaration.objects.values_list("department__name", "status"))
    assert sorted(states.values()) == ["approved", "returned", "submitted"]
    assert GoalReview.objects.filter(overall="中", decision="return").count() == 1
    finance = _client(demo.User.objects.get(username="caizheng"))
    assert finance.get("/api/declarations").json()[0]["status"] == "submitted"


def test_the_page_queries_do_not_grow_with_the_rows(world) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(world.user_a)
    client.get(_page(world))  # the first request of a session also saves it (the idle timeout slides)
    with CaptureQueriesContext(connection) as twelve:
        assert client.get(_page(world)).status_code == 200
    _save(world)  # three rows instead of twelve
    with CaptureQueriesContext(connection) as three:
        assert client.get(_page(world)).status_code == 200
    assert len(twelve) == len(three) and len(three) <= 20, [q["sql"] for q in three.captured_queries]
