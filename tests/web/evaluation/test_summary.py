"""The dashboard's summary rows (看板汇总): same figures as scoring on request, fresh after every write."""

from __future__ import annotations

import calendar
import re
from dataclasses import asdict
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.forms.models import model_to_dict
from django.template import Context, Template
from django.test import Client

from jixiao import synthetic
from jixiao.figures.rounding import ratio
from jixiao.monitor.progress import execution_progress, time_progress
from jixiao.report import MonthlyAmount
from jixiao.scoring import default_framework_for, score_report
from jixiao.web.budgets.models import Budget
from jixiao.web.budgets.services import record_monthly_execution
from jixiao.web.dashboard.selectors import DepartmentRow, dashboard_data
from jixiao.web.dashboard.templatetags.board_table import board_rows
from jixiao.web.departments.models import Department
from jixiao.web.evaluation import summary
from jixiao.web.evaluation.flows import save_report
from jixiao.web.evaluation.models import DepartmentYearSummary, Evaluation, Indicator
from jixiao.web.evaluation.selectors import assemble_report

pytestmark = pytest.mark.django_db


def _reference(user, year: int) -> dict:
    """The dashboard as it was computed before the summary: every budget scored by the core on the spot."""
    visible = Department.objects.visible_to(user)
    budgets = list(Budget.objects.filter(department__in=visible).select_related("department__region", "fiscal_year")
                   .order_by("department__name", "fiscal_year__year"))
    evaluations = {(e.department_id, e.fiscal_year.year): e for e in Evaluation.objects.filter(department__in=visible)}

    def scored(b):
        e = evaluations.get((b.department_id, b.fiscal_year.year))
        result = score_report(assemble_report(b.department, b.fiscal_year))
        if result.complete:  # the evaluation page's score and grade
            return result.total, result.grade, True
        if e is not None and e.grade:
            return e.score, e.grade, False
        if e is not None and e.score is not None:
            return e.score, default_framework_for(e.kind).grade(e.score), True
        return result.total, result.grade, True

    scores = {b.pk: scored(b) for b in budgets}
    current = [b for b in budgets if b.fiscal_year.year == year]
    rows = [{"department_id": b.department_id, "department": b.department.name,
             "short_name": b.department.short_name or b.department.name,
             "region": b.department.region.name if b.department.region else None, "total": b.total, "spent": b.spent,
             "execution_rate": b.execution_rate if b.execution_rate is not None else b.computed_execution_rate,
             "score": scores[b.pk][0], "grade": scores[b.pk][1], "grade_computed": scores[b.pk][2]} for b in current]
    rows.sort(key=lambda r: (r["execution_rate"] is None, -(r["execution_rate"] or 0)))
    with_months = [b for b in current if b.total and b.monthly.exists()]
    months = [MonthlyAmount(month=m.month, spent=m.spent) for b in with_months for m in b.monthly.all()]
    total = sum((b.total for b in with_months), Decimal(0))
    last = max((m.month for m in months), default=0)
    monthly = [{"month": m, "execution": execution_progress(months, total, m) if total and m <= last else None,
                "time_progress": time_progress(date(year, m, calendar.monthrange(year, m)[1]))} for m in range(1, 13)]
    years = sorted({b.fiscal_year.year for b in budgets})
    by_year = []
    for y in years:
        of_year = [b for b in budgets if b.fiscal_year.year == y and b.total and b.spent is not None]
        t = sum((b.total for b in of_year), Decimal(0))
        s = sum((b.spent for b in of_year), Decimal(0))
        ys = [scores[b.pk][0] for b in budgets if b.fiscal_year.year == y and scores[b.pk][0] is not None]
        by_year.append({"year": y, "departments": len(of_year), "total": t, "spent": s,
                        "execution_rate": ratio(s * 100, t, 2) if t else None,
                        "average_score": ratio(sum(ys, Decimal(0)), Decimal(len(ys)), 2) if ys else None})
    return {"rows": rows, "monthly": monthly, "year_over_year": by_year}


def _same_as_reference(user, year: int) -> dict:
    board = asdict(dashboard_data(user=user, year=year))
    expected = _reference(user, year)
    for key in ("rows", "monthly", "year_over_year"):
        # repr: the same Decimals to the last place, not only equal values
        assert repr(board[key]) == repr(expected[key]), key
    return board


@pytest.fixture
def bigger_world(world):
    for index in range(2, 6):
        for year in (2021, 2022):
            save_report(synthetic.report(index, year))
    stated = Evaluation.objects.get(department__name=synthetic.department(2).name, fiscal_year__year=2022)
    stated.score, stated.grade = Decimal("91.2500"), "优"
    stated.save()
    score_only = Evaluation.objects.get(department__name=synthetic.department(3).name, fiscal_year__year=2022)
    score_only.score = Decimal("77.5000")
    score_only.save()
    return world


def test_figures_are_those_of_scoring_on_request(bigger_world) -> None:
    for year in (2021, 2022):
        _same_as_reference(bigger_world.finance, year)
        _same_as_reference(bigger_world.user_a, year)
    assert DepartmentYearSummary.objects.count() == Budget.objects.count()


def test_a_fresh_board_scores_nothing(bigger_world, monkeypatch) -> None:
    dashboard_data(user=bigger_world.finance)
    assert summary.refresh(departments=Department.objects.all()) == 0

    def fail(*args, **kwargs):
        raise AssertionError("scored on a fresh board")

    monkeypatch.setattr(summary, "score_report", fail)
    assert dashboard_data(user=bigger_world.finance).rows


def test_monthly_entry_through_the_service_shows_on_the_board(world) -> None:
    before = dashboard_data(user=world.finance, year=2022).monthly
    record_monthly_execution(department=world.a, year=2022, month=3, spent=Decimal("12345.67"))
    board = _same_as_reference(world.finance, 2022)
    assert board["monthly"][2]["execution"] != before[2]["execution"]


def test_indicator_edited_in_the_admin_is_rescored(world) -> None:
    row = next(r for r in dashboard_data(user=world.finance, year=2022).rows if r.department_id == world.a.pk)
    indicator = Indicator.objects.filter(department=world.a, fiscal_year__year=2022, weight__gt=0, op=">=", actual__gt=0,
                                         target__gt=0).first()
    data = {k: ("" if v is None else v) for k, v in model_to_dict(indicator).items()}
    data.update(actual="0", actual_text="0")
    client = Client()
    client.force_login(world.admin)
    response = client.post(f"/admin/evaluation/indicator/{indicator.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    indicator.refresh_from_db()
    assert indicator.actual == 0
    board = _same_as_reference(world.finance, 2022)
    after = next(r for r in board["rows"] if r["department_id"] == world.a.pk)
    assert after["score"] == score_report(assemble_report(world.a, 2022)).total
    assert after["score"] != row.score


def test_stated_grade_then_its_soft_delete(world) -> None:
    core = score_report(assemble_report(world.a, 2022))
    evaluation = Evaluation.objects.get(department=world.a, fiscal_year__year=2022)
    evaluation.score, evaluation.grade = Decimal("60.0000"), "差"
    evaluation.save()
    row = next(r for r in dashboard_data(user=world.finance, year=2022).rows if r.department_id == world.a.pk)
    # the core scores A's report in full: its score and grade, not the stated 60 差 (as on the evaluation page)
    assert core.complete and (row.score, row.grade, row.grade_computed) == (core.total, core.grade, True)
    Indicator.objects.filter(department=world.a, fiscal_year__year=2022).delete()  # now the core cannot score in full
    row = next(r for r in dashboard_data(user=world.finance, year=2022).rows if r.department_id == world.a.pk)
    assert (row.score, row.grade, row.grade_computed) == (Decimal("60.0000"), "差", False)
    evaluation.delete()  # soft: the board falls back to the core's (partial) score
    _same_as_reference(world.finance, 2022)
    row = next(r for r in dashboard_data(user=world.finance, year=2022).rows if r.department_id == world.a.pk)
    assert row.grade_computed and row.score == score_report(assemble_report(world.a, 2022)).total


def test_soft_deleted_budget_leaves_the_board_and_comes_back_on_restore(world) -> None:
    budget = Budget.objects.get(department=world.b, fiscal_year__year=2022)
    dashboard_data(user=world.finance, year=2022)
    budget.delete()
    board = _same_as_reference(world.finance, 2022)
    assert world.b.pk not in [r["department_id"] for r in board["rows"]]
    budget.restore()
    board = _same_as_reference(world.finance, 2022)
    assert world.b.pk in [r["department_id"] for r in board["rows"]]


def test_a_write_during_a_recompute_is_not_lost(world) -> None:
    dashboard_data(user=world.finance)
    row = DepartmentYearSummary.objects.get(budget__department=world.a, budget__fiscal_year__year=2022)
    summary.mark_stale(budget_ids=[row.budget_id])
    row.refresh_from_db()
    seen = row.version
    summary.mark_stale(budget_ids=[row.budget_id])  # a writer commits after the reader read the version
    summary._recompute([(row.pk, row.budget_id, seen)])
    assert DepartmentYearSummary.objects.get(pk=row.pk).stale
    dashboard_data(user=world.finance)
    assert not DepartmentYearSummary.objects.filter(stale=True).exists()


def test_rows_missing_for_old_budgets_are_built_on_first_read(world) -> None:
    DepartmentYearSummary.objects.all().delete()
    _same_as_reference(world.finance, 2022)
    assert DepartmentYearSummary.objects.count() == Budget.objects.count()


def test_summary_is_derived_data_outside_history_and_admin() -> None:
    assert not hasattr(DepartmentYearSummary, "history")
    assert "HistoricalDepartmentYearSummary" not in {m.__name__ for m in apps.get_models()}
    assert DepartmentYearSummary not in admin.site._registry


OLD_LOOP = """{% for r in rows %}
    <tr>
      <td><a href="{% url 'department' r.department_id %}">{{ r.department }}</a></td>
      <td>{{ r.region|default:"—" }}</td>
      <td class="num" data-value="{{ r.total|default_if_none:''|stringformat:'s' }}">{{ r.total|wan }}</td>
      <td class="num" data-value="{{ r.spent|default_if_none:''|stringformat:'s' }}">{{ r.spent|wan }}</td>
      <td class="num" data-value="{{ r.execution_rate|default_if_none:''|stringformat:'s' }}">{{ r.execution_rate|rate }}</td>
      <td class="num" data-value="{{ r.score|default_if_none:''|stringformat:'s' }}">{{ r.score|score }}</td>
      <td>{{ r.grade|default:"—" }}{% if r.grade_computed %}*{% endif %}</td>
    </tr>
  {% empty %}
    <tr><td colspan="7">暂无数据。</td></tr>
  {% endfor %}"""


def test_table_body_is_what_the_template_loop_wrote(bigger_world) -> None:
    rows = dashboard_data(user=bigger_world.finance, year=2022).rows
    rows.append(DepartmentRow(department_id=99, department='A&B <"x">', short_name="A", region=None, total=None,
                              spent=Decimal("0.00"), execution_rate=None, score=None, grade=None))
    rows.append(DepartmentRow(department_id=98, department="C", short_name="C", region="R&D", total=Decimal("1.005"),
                              spent=Decimal("1.5000"), execution_rate=Decimal("99.9950"), score=Decimal("60"),
                              grade="差", grade_computed=True))
    for n, value in enumerate(["0", "-0.001", "-12.345", "12345678.905", "0.0050", "-0.0050", "7", "99.994999"]):
        rows.append(DepartmentRow(department_id=n, department="D", short_name="D", region="R", total=Decimal(value),
                                  spent=None, execution_rate=Decimal(value), score=Decimal(value), grade="优"))
    for case in (rows, []):
        expected = Template(OLD_LOOP).render(Context({"rows": case}))
        assert re.sub(r">\s+<", "><", expected.strip()) == re.sub(r">\s+<", "><", board_rows(case))


def test_api_gives_what_asdict_gave(bigger_world) -> None:
    board = dashboard_data(user=bigger_world.finance, year=2022)
    assert board.as_dict() == asdict(board)
    assert list(board.as_dict()) == list(asdict(board))


def test_a_repeated_board_is_served_from_the_cache_until_something_changes(world, django_assert_num_queries) -> None:
    first = dashboard_data(user=world.finance, year=2022)
    with django_assert_num_queries(3):  # missing rows, stale rows, generation
        again = dashboard_data(user=world.finance, year=2022)
    assert again == first
    again.rows.clear()  # a caller's change stays its own
    assert dashboard_data(user=world.finance, year=2022).rows == first.rows


def test_renames_show_at_once(world) -> None:
    dashboard_data(user=world.finance, year=2022)
    world.a.name = "改名后的部门"
    world.a.save()
    row = next(r for r in dashboard_data(user=world.finance, year=2022).rows if r.department_id == world.a.pk)
    assert row.department == "改名后的部门"
    region = world.a.region
    region.name = "改名后的地区"
    region.save()
    row = next(r for r in dashboard_data(user=world.finance, year=2022).rows if r.department_id == world.a.pk)
    assert row.region == "改名后的地区"
    _same_as_reference(world.finance, 2022)


def test_department_user_and_finance_get_their_own_boards(world) -> None:
    everyone = dashboard_data(user=world.finance, year=2022)
    own = dashboard_data(user=world.user_a, year=2022)
    assert {r.department_id for r in own.rows} == {world.a.pk}
    assert {r.department_id for r in everyone.rows} == {world.a.pk, world.b.pk}
