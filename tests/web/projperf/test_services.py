"""项目绩效 services on a real database: declaration through the department checks and 目标审核, 目标调整,
monitoring (序时进度, colours, warnings with responses), the year-end score by the engine."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jixiao.scoring import score_report
from jixiao.web.declarations.services import DeclarationInvalid, DeclarationLocked, InvalidReview
from jixiao.web.monitoring.models import WarningResponse
from jixiao.web.projperf.demo import DIMENSIONS, declared_indicators, fill_project
from jixiao.web.projperf.models import ProjectYear
from jixiao.web.projperf.selectors import (
    monitoring_of,
    project_framework,
    project_report,
    project_results,
    project_spending,
    scored,
    year_state,
)
from jixiao.web.projperf.services import (
    ProjectBudget,
    ProjectPerformanceInvalid,
    SelfEvaluationIncomplete,
    adjust_goals,
    record_monthly,
    record_progress,
    review_project_declaration,
    save_project_declaration,
    submit_project_declaration,
    submit_self_evaluation,
)

pytestmark = pytest.mark.django_db
YEAR = 2022


def _declare(project, indicators=None):
    budget = ProjectBudget(Decimal("80.00"), Decimal("80.00"), {"current": (Decimal(72), Decimal(72)),
                                                                "carried": (Decimal(8), Decimal(8))})
    return save_project_declaration(project=project, year=YEAR, goals=["按计划完成年度宣传任务"],
                                    indicators=indicators if indicators is not None else declared_indicators(project),
                                    budget=budget)


def test_declaration_uses_the_department_checks_rolled_up_to_the_project_framework(world, project):
    _declare(project, indicators=declared_indicators(project)[:2])
    state = year_state(project=project, year=YEAR)
    codes = {p.code for p in state.blocking}
    assert "indicators.part_missing" in codes  # the same rule as a department declaration
    with pytest.raises(DeclarationInvalid):
        submit_project_declaration(project=project, year=YEAR, user=world.user_a)
    _declare(project)
    state = year_state(project=project, year=YEAR)
    assert not state.blocking and state.weight_total == Decimal(100)
    report = project_report(state.row)
    assert report.kind == "project" and report.project.code == "P-101"
    assert report.budget.funds.prior_carryover.initial == Decimal(8)


def test_review_flow_is_the_department_one_and_locks_then_adjustments_record_old_new(world, project):
    _declare(project)
    submit_project_declaration(project=project, year=YEAR, user=world.user_a)
    with pytest.raises(DeclarationLocked):
        _declare(project)
    with pytest.raises(InvalidReview):
        review_project_declaration(project=project, year=YEAR, reviewer=world.finance, grades={}, overall="优")
    review = review_project_declaration(project=project, year=YEAR, reviewer=world.finance,
                                        grades=dict.fromkeys(DIMENSIONS, "优"), overall="优")
    assert review.decision == "approve"
    row = ProjectYear.objects.get(project=project)
    assert row.status == ProjectYear.Status.APPROVED
    indicator = row.indicators.get(name="受益群众人数")
    with pytest.raises(ProjectPerformanceInvalid):
        adjust_goals(project=project, year=YEAR, reason=" ", user=world.user_a, total=Decimal(70))
    made = adjust_goals(project=project, year=YEAR, reason="市级资金压减", user=world.user_a, total=Decimal("70.00"),
                        targets={indicator.pk: Decimal(4000)})
    assert [(a.old, a.new) for a in made] == [("80", "70"), ("5000", "4000")]
    indicator.refresh_from_db()
    assert indicator.target == Decimal(4000)
    assert indicator.history.count() >= 2  # old → new kept


def test_monitoring_colours_warnings_and_a_response(world, project):
    _declare(project)
    submit_project_declaration(project=project, year=YEAR, user=world.user_a)
    review_project_declaration(project=project, year=YEAR, reviewer=world.finance,
                               grades=dict.fromkeys(DIMENSIONS, "良"), overall="良")
    record_monthly(project=project, year=YEAR, amounts={1: Decimal(1), 2: Decimal(1), 3: Decimal(2), 4: Decimal(3)})
    with pytest.raises(ProjectPerformanceInvalid):
        record_monthly(project=project, year=YEAR, amounts={13: Decimal(1)})
    state = year_state(project=project, year=YEAR)
    by_name = {i.name: i for i in state.indicators}
    record_progress(indicator=by_name["受益群众人数"], on=date(YEAR, 4, 30), value=Decimal(2000), cause="经费保障",
                    reason="资金未到位", feasibility="有可能")
    record_progress(indicator=by_name["验收合格率"], on=date(YEAR, 4, 30), value=Decimal(95))
    record_progress(indicator=by_name["长效机制建立"], on=date(YEAR, 4, 30), value_text="部分达成")
    with pytest.raises(ProjectPerformanceInvalid):
        record_progress(indicator=by_name["验收合格率"], on=date(YEAR, 4, 30), value=Decimal(95), cause="天气")
    watching = monitoring_of(year_state(project=project, year=YEAR), on=date(YEAR, 4, 30))
    colours = {w.indicator.name: w.colour.key if w.colour else None for w in watching.indicators}
    assert colours["受益群众人数"] == "red" and colours["验收合格率"] == "green"
    assert colours["长效机制建立"] == "yellow" and watching.red == 1
    assert watching.row is not None and watching.row.execution == Decimal("8.75")
    assert watching.row.time_progress == Decimal("33.33")
    warning = next(w for w in watching.warnings if w.key.startswith("execution_below_checkpoint"))
    from jixiao.web.projperf.services import respond_to_warning

    response, created = respond_to_warning(project=project, year=YEAR, key=warning.key, action="调剂",
                                           reason="调剂至其他项目", user=world.user_a)
    assert created and WarningResponse.objects.get(pk=response.pk).warning_key.endswith(":P-101")
    from tests.web.projperf.conftest import approved_project

    from jixiao.web.projects.models import Project
    from jixiao.web.projperf.selectors import execution_shown, with_performance

    other = approved_project(world, code="P-EMPTY")  # no performance year: no rate, no red indicator
    annotated = {p.pk: p for p in with_performance(Project.objects.filter(pk__in=[project.pk, other.pk]))}
    assert annotated[project.pk].perf_red == watching.red == 1 and annotated[project.pk].perf_year == YEAR
    assert execution_shown(annotated[project.pk].perf_execution) == "8.75%"
    assert annotated[other.pk].perf_execution is None and annotated[other.pk].perf_red == 0


def test_self_evaluation_refused_until_spent_and_reasons_are_in(world, project):
    fill_project(project, YEAR, index=0, submitter=world.user_a, reviewer=world.finance, finish=False)
    with pytest.raises(SelfEvaluationIncomplete, match="未填写全年执行数"):
        submit_self_evaluation(project=project, year=YEAR)
    state = year_state(project=project, year=YEAR)
    from jixiao.web.projperf.services import Actual, save_self_evaluation

    short = next(i for i in state.indicators if i.name == "按期完成率")
    save_self_evaluation(project=project, year=YEAR, spent=Decimal("79.20"), version=state.version,
                         actuals=[Actual(short.pk, Decimal(80))])
    with pytest.raises(SelfEvaluationIncomplete, match="按期完成率"):
        submit_self_evaluation(project=project, year=YEAR)
    assert ProjectYear.objects.get(project=project).evaluation_status == ProjectYear.EvaluationStatus.DRAFT


def test_finished_demo_project(world):
    from tests.web.projperf.conftest import approved_project

    project = approved_project(world, code="P-202")
    row = fill_project(project, YEAR, index=3, submitter=world.user_a, reviewer=world.finance)
    assert row.evaluation_status == ProjectYear.EvaluationStatus.SUBMITTED
    state = year_state(project=project, year=YEAR)
    result = scored(state)
    engine = score_report(project_report(state.row), project_framework())
    assert row.score == engine.total == result.result.total and row.grade == engine.grade
    assert result.weight_total == Decimal(100) and engine.complete
    assert not result.missing
    spending = project_spending(department=world.a, year=YEAR, stated=row.spent)
    assert spending.agrees and "等于" in spending.explanation
    other = project_spending(department=world.a, year=YEAR, stated=row.spent + Decimal(5))
    assert other.difference == Decimal(5) and "相差 5.00 万元" in other.explanation
    results = project_results(department=world.a)
    assert [r.grade for r in results] == [row.grade] and results[0].treatment


def test_a_project_not_yet_approved_declares_no_budget(world):
    from jixiao.web.declarations.services import DeclarationStateError
    from jixiao.web.projects.services import create_project

    reserve = create_project(department=world.a, actor=world.user_a, code="P-RES", name="储备项目", start_year=2022,
                             amount=Decimal("600.00"), attribute="new")
    with pytest.raises(DeclarationStateError, match="尚未立项"):
        _declare(reserve)
    assert not ProjectYear.objects.filter(project=reserve).exists()


def test_project_library_export_has_the_lists_execution_and_red_columns(world, project, client):
    """项目库导出: 执行率 and 红色指标数 as the list shows them (the same annotations), as numbers, sanitised."""
    import io

    import openpyxl
    from tests.web.projperf.conftest import approved_project

    _declare(project)
    submit_project_declaration(project=project, year=YEAR, user=world.user_a)
    review_project_declaration(project=project, year=YEAR, reviewer=world.finance,
                               grades=dict.fromkeys(DIMENSIONS, "良"), overall="良")
    record_monthly(project=project, year=YEAR, amounts={1: Decimal(1), 2: Decimal(1), 3: Decimal(2), 4: Decimal(3)})
    by_name = {i.name: i for i in year_state(project=project, year=YEAR).indicators}
    record_progress(indicator=by_name["受益群众人数"], on=date(YEAR, 4, 30), value=Decimal(2000), cause="经费保障",
                    reason="资金未到位", feasibility="有可能")
    other = approved_project(world, code="=P-EMPTY")  # no performance year; a formula-like code stays text
    client.force_login(world.finance)
    listed = client.get("/projects/").content.decode()
    assert "8.75%" in listed
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/projects/export.xlsx").content)).active
    header = [c.value for c in sheet[1]]
    assert header[-2:] == ["执行率（%）", "红色指标数"]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["P-101"][-2:] == (8.75, 1)
    assert rows[other.code][-2] is None and rows[other.code][-1] == 0
    assert sheet.cell(row=[r[1].value for r in sheet.iter_rows(min_row=1)].index(other.code) + 1,
                      column=2).data_type == "s"


def test_admin_list_shows_the_score_as_everywhere(world, project, client):
    """The admin's 项目年度 list writes the 自评分 by ``jixiao.figures`` (walk-demo: no four-place numbers)."""
    from jixiao.figures.format import score

    row = fill_project(project, YEAR, index=3, submitter=world.user_a, reviewer=world.finance)
    client.force_login(world.admin)
    body = client.get("/admin/projperf/projectyear/").content.decode()
    assert score(row.score) in body and f"{row.score:.4f}" not in body
