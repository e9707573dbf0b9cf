"""Reads of 项目绩效: one project-year's state, its report as the core reads it, monitoring, score,
and the cross-project views (finance bureau columns, the department's 项目支出, 结果应用 per project).

The project's performance year becomes a ``jixiao.report`` ``PerformanceReport`` of kind project
(``project_report``): the one shape the checks (``jixiao.declaration.check``), the scoring engine
(``jixiao.scoring``, framework 财预〔2020〕10号) and the 附件1 renderers read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from django.db.models import QuerySet

from jixiao.declaration import Problem, check_declaration
from jixiao.monitor import MonitoredBudget, MonitorRow, load_thresholds
from jixiao.monitor.core import row_for
from jixiao.monitor.indicators import Band, colour_of, load_bands, progress_percent
from jixiao.monitor.response import is_overdue, raised_warnings, response_deadline, warning_key
from jixiao.report import Budget as BudgetData
from jixiao.report import FundingRow, Goal, MonthlyAmount, PerformanceReport, ProjectFunds
from jixiao.report import Indicator as IndicatorData
from jixiao.report import Project as ProjectData
from jixiao.scoring import score_report
from jixiao.scoring.deviation import IndicatorAssessment, assess_indicators, missing_reasons
from jixiao.scoring.engine import ScoreResult
from jixiao.scoring.framework import Framework, load_framework
from jixiao.web.common.locking import version_of
from jixiao.web.departments.models import Department
from jixiao.web.monitoring.models import WarningResponse
from jixiao.web.projects.models import Project
from jixiao.web.projperf.models import (
    FUND_ROWS,
    GoalAdjustment,
    IndicatorProgress,
    ProjectGoal,
    ProjectGoalReview,
    ProjectIndicator,
    ProjectMonthly,
    ProjectYear,
)
from jixiao.web.results.extensions import ScoreCorrection, corrections_of

PROJECT_FRAMEWORK = "caiyu-2020-10"
"""The scoring framework of project self-evaluation (财预〔2020〕10号 附件1); declarations roll up to it."""


@cache
def project_framework() -> Framework:
    return load_framework(PROJECT_FRAMEWORK)


def project_year_of(project: Project, year: int) -> ProjectYear | None:
    return (ProjectYear.objects.filter(project=project, fiscal_year__year=year)
            .select_related("project__department", "fiscal_year", "submitted_by").first())


def parts_of(project: Project, year: int) -> tuple[QuerySet[Any], ...]:
    """The rows a project-year's declaration is made of (deleted ones included): its 乐观锁 version is theirs."""
    scope = {"project_year__project": project, "project_year__fiscal_year__year": year}
    return (ProjectYear.all_objects.filter(project=project, fiscal_year__year=year),
            ProjectGoal.all_objects.filter(**scope), ProjectIndicator.all_objects.filter(**scope))


def year_version(project: Project, year: int) -> int:
    return version_of(*parts_of(project, year))


def indicator_data(row: ProjectIndicator) -> IndicatorData:
    """A stored indicator as the core's plain data."""
    return IndicatorData(
        name=row.name, level1=row.level1 or None, level2=row.level2 or None, op=row.op or None,
        target=row.target, target_text=row.target_text or None, actual=row.actual,
        actual_text=row.actual_text or None, unit=row.unit or None, weight=row.weight,
        deviation_reason=row.deviation_reason or None)


def _budget_data(row: ProjectYear, monthly: Iterable[ProjectMonthly]) -> BudgetData:
    funds = ProjectFunds(**{name: FundingRow(initial=getattr(row, f"{prefix}_initial"),
                                             total=getattr(row, f"{prefix}_total"),
                                             spent=getattr(row, f"{prefix}_spent"))
                            for prefix, _, name in FUND_ROWS})
    return BudgetData(initial=row.initial, total=row.total, spent=row.spent, funds=funds,
                      monthly=[MonthlyAmount(month=m.month, spent=m.spent) for m in monthly])


def project_report(row: ProjectYear, *, goals: list[ProjectGoal] | None = None,
                   indicators: list[ProjectIndicator] | None = None) -> PerformanceReport:
    """The project-year as a ``jixiao.report/1`` report of kind project (项目支出绩效自评)."""
    project = row.project
    goals = goals if goals is not None else list(row.goals.all())
    indicators = indicators if indicators is not None else list(row.indicators.all())
    return PerformanceReport.model_validate({
        "schema": "jixiao.report/1", "kind": "project", "form": "table", "year": row.year,
        "department": project.department.name,
        "title": f"{project.name}项目支出绩效自评表",
        "project": ProjectData(name=project.name, code=project.code,
                               department_in_charge=project.department_in_charge or project.department.name,
                               implementer=project.implementer or None,
                               attribute="新增" if project.attribute == "new" else "延续",
                               period=_period(project)).model_dump(),
        "budget": _budget_data(row, row.monthly.all()).model_dump(),
        "goals": [Goal(text=g.text, actual=g.actual or None).model_dump() for g in goals],
        "indicators": [indicator_data(i).model_dump() for i in indicators],
        "problems": [line for line in row.problems.splitlines() if line.strip()],
        "measures": [line for line in row.measures.splitlines() if line.strip()],
    })


def _period(project: Project) -> str:
    end = project.end_year
    return f"{project.start_year}—{end} 年" if end and end != project.start_year else f"{project.start_year} 年"


@dataclass
class YearState:
    """What the project-year pages and the API show."""

    project: Project
    year: int
    row: ProjectYear  # unsaved (草稿) when nothing was declared yet
    goals: list[ProjectGoal]
    indicators: list[ProjectIndicator]
    monthly: dict[int, Decimal]
    problems: list[Problem]
    reviews: list[ProjectGoalReview]
    adjustments: list[GoalAdjustment]
    version: int = 0

    @property
    def blocking(self) -> list[Problem]:
        return [p for p in self.problems if p.blocking]

    def problems_of(self, index: int) -> list[Problem]:
        return [p for p in self.problems if p.indicator == index]

    @property
    def general_problems(self) -> list[Problem]:
        return [p for p in self.problems if p.indicator is None]

    @property
    def weight_total(self) -> Decimal:
        """分值合计 of the declared indicators plus 预算执行率's (the 附件1 table's 100)."""
        execution = project_framework().execution_part
        return sum((i.weight or Decimal(0) for i in self.indicators),
                   execution.weight if execution is not None else Decimal(0))

    @property
    def spent_so_far(self) -> Decimal:
        return sum(self.monthly.values(), Decimal(0))


def declaration_problems(row: ProjectYear, goals: list[ProjectGoal], indicators: list[ProjectIndicator]
                         ) -> list[Problem]:
    """The same checks as a department's declaration (``check_declaration``), rolled up to the project framework."""
    budget = BudgetData(initial=row.initial) if row.pk else None
    return check_declaration([Goal(text=g.text) for g in goals], [indicator_data(i) for i in indicators], budget,
                             framework=project_framework())


def year_state(*, project: Project, year: int) -> YearState:
    """A project's performance year (项目年度绩效) with its problems, reviews and adjustments."""
    row = project_year_of(project, year)
    if row is None:
        row = ProjectYear(project=project, status=ProjectYear.Status.DRAFT)
        return YearState(project, year, row, [], [], {}, declaration_problems(row, [], []), [], [],
                         version=year_version(project, year))
    goals = list(row.goals.all())
    indicators = list(row.indicators.all())
    monthly = {m.month: m.spent for m in row.monthly.all()}
    return YearState(project, year, row, goals, indicators, monthly, declaration_problems(row, goals, indicators),
                     list(row.reviews.select_related("reviewer")), list(row.adjustments.select_related("adjusted_by")),
                     version=year_version(project, year))


def review_queue(*, user: Any, status: str = "") -> QuerySet[ProjectYear]:
    """The project-years ``user`` sees (项目绩效目标审核队列): 已提交 first, then by year and project."""
    from django.db.models import Case, IntegerField, Value, When

    rows = (ProjectYear.objects.filter(project__department__in=Department.objects.visible_to(user))
            .select_related("project__department", "fiscal_year"))
    if status:
        rows = rows.filter(status=status)
    waiting = Case(When(status=ProjectYear.Status.SUBMITTED, then=Value(0)), default=Value(1),
                   output_field=IntegerField())
    return rows.annotate(waiting=waiting).order_by("waiting", "-fiscal_year__year", "project__department__name",
                                                   "project__code")


def performance_years(project: Project) -> list[ProjectYear]:
    return list(ProjectYear.objects.filter(project=project).select_related("fiscal_year").order_by("-fiscal_year__year"))


# -- monitoring ---------------------------------------------------------------------------------


def warning_label(project: Project) -> str:
    """How a project is named in its warnings' keys: its code (stable when the name is edited)."""
    return project.code


def monitored(row: ProjectYear) -> MonitoredBudget | None:
    """The project-year as the core monitors it; None without a 全年预算数."""
    if row.total is None:
        return None
    return MonitoredBudget(department=row.project.department.name, project=warning_label(row.project), year=row.year,
                           total=row.total, monthly=[MonthlyAmount(month=m.month, spent=m.spent)
                                                     for m in row.monthly.all()])


def monitored_for(department: Department, year: int) -> list[MonitoredBudget]:
    """Every project-year of ``department`` in ``year`` as monitoring reads it (for the warning responses)."""
    rows = (ProjectYear.objects.filter(project__department=department, fiscal_year__year=year)
            .select_related("project__department", "fiscal_year").prefetch_related("monthly"))
    return [b for b in (monitored(r) for r in rows) if b is not None]


@dataclass(frozen=True)
class IndicatorWatch:
    """An indicator at the latest monitoring date: its progress, colour and what was said about it."""

    indicator: ProjectIndicator
    latest: IndicatorProgress | None
    percent: Decimal | None
    colour: Band | None
    history: list[IndicatorProgress]


@dataclass(frozen=True)
class ProjectWarning:
    key: str
    message: str
    month: int
    deadline: date
    overdue: bool
    response: WarningResponse | None


@dataclass
class Monitoring:
    """双监控 of one project-year on a date: execution against 序时进度, indicators by colour, warnings."""

    on: date
    row: MonitorRow | None
    indicators: list[IndicatorWatch]
    warnings: list[ProjectWarning] = field(default_factory=list)

    @property
    def red(self) -> int:
        return sum(1 for w in self.indicators if w.colour is not None and w.colour.key == "red")


def watch(indicator: ProjectIndicator, history: list[IndicatorProgress], on: date | None = None) -> IndicatorWatch:
    """The indicator's latest progress (on or before ``on``) and its colour by the shipped rule."""
    seen = [p for p in history if on is None or p.on <= on]
    latest = max(seen, key=lambda p: p.on) if seen else None
    percent = progress_percent(indicator.op, indicator.target, latest.value) if latest else None
    colour = colour_of(percent, level=latest.value_text if latest else None) if latest else None
    return IndicatorWatch(indicator, latest, percent, colour, sorted(seen, key=lambda p: p.on))


def monitoring_of(state: YearState, *, on: date) -> Monitoring:
    """The project-year monitored on ``on`` by the core (序时进度, thresholds) and the colour rule."""
    row = state.row
    budget = monitored(row) if row.pk else None
    history: dict[int, list[IndicatorProgress]] = {}
    for p in IndicatorProgress.objects.filter(indicator__in=state.indicators):
        history.setdefault(p.indicator_id, []).append(p)
    watches = [watch(i, history.get(i.pk, []), on) for i in state.indicators]
    if budget is None:
        return Monitoring(on, None, watches)
    thresholds = load_thresholds()
    responses = {r.warning_key: r for r in WarningResponse.objects.filter(
        department=state.project.department, fiscal_year__year=state.year)}
    warnings = []
    rules = thresholds.response
    for w in raised_warnings([budget], year=state.year, on=on, thresholds=thresholds):
        if w.project is None:
            continue
        key, month = warning_key(w), w.month or 0
        deadline = response_deadline(month=month, year=state.year, rules=rules) if rules else on
        response = responses.get(key)
        warnings.append(ProjectWarning(key, w.message, month, deadline, response is None and is_overdue(deadline, on),
                                       response))
    return Monitoring(on, row_for(budget, on), watches, warnings)


# -- self-evaluation -----------------------------------------------------------------------------


@dataclass
class Scored:
    """The engine's reading of a project-year: the score with every point explained, the reasons owed."""

    report: PerformanceReport
    result: ScoreResult
    assessments: list[IndicatorAssessment]
    missing: dict[int, str]

    @property
    def weight_total(self) -> Decimal:
        return sum((i.weight for i in self.result.items), Decimal(0))


def scored(state: YearState) -> Scored:
    """Score the project-year by 财预〔2020〕10号 (``jixiao.scoring``) and say which indicators owe a 偏差原因."""
    report = project_report(state.row, goals=state.goals, indicators=state.indicators)
    framework = project_framework()
    return Scored(report, score_report(report, framework), assess_indicators(report, framework),
                  missing_reasons(report, framework))


# -- across projects -----------------------------------------------------------------------------


def with_performance(projects: QuerySet[Project]) -> QuerySet[Project]:
    """``projects`` annotated, in the same query, from each one's latest performance year:
    ``perf_year``, ``perf_execution`` (全年执行数 — or the months so far — ÷ 全年预算数 × 100, unrounded:
    the page rounds it with ``jixiao.figures``) and ``perf_red`` (indicators whose latest progress is in the
    colour rule's red band: the band's bounds and 定性 levels read from the same TOML as ``colour_of``)."""
    from django.db.models import Count, DecimalField, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum, Value
    from django.db.models.functions import Coalesce

    bands = load_bands()
    red = bands.band("red")
    red_levels = [level for level, key in bands.qualitative.items() if key == red.key]
    latest = ProjectYear.objects.filter(project=OuterRef("pk")).order_by("-fiscal_year__year")
    # .order_by(): the models' default orderings join projects_project, which would shadow the outer one
    months = (ProjectMonthly.objects.filter(project_year=OuterRef("pk")).order_by().values("project_year")
              .annotate(s=Sum("spent")).values("s"))
    money = DecimalField(max_digits=20, decimal_places=6)
    years = (ProjectYear.objects.filter(pk=OuterRef("perf_row")).order_by()
             .annotate(done=Coalesce(F("spent"), Subquery(months[:1]), output_field=money))
             .filter(total__gt=0)
             .annotate(rate=ExpressionWrapper(F("done") * Value(Decimal("100.0")) / F("total"), output_field=money)))
    progress = IndicatorProgress.objects.filter(indicator=OuterRef("pk")).order_by("-on", "-pk")
    high = red.high if red.high is not None else Decimal(10) ** 9
    reds = (ProjectIndicator.objects.filter(project_year=OuterRef("perf_row")).order_by()
            .annotate(v=Subquery(progress.values("value")[:1]), vt=Subquery(progress.values("value_text")[:1]))
            .filter(Q(op__in=(">=", ">", "="), target__gt=0, v__lt=F("target") * high / Decimal("100.0"))
                    | (Q(op__in=("<", "<="), v__gt=0) & Q(v__gt=F("target") * Decimal("100.0") / high))
                    | Q(op="qualitative", vt__in=red_levels))
            .values("project_year").annotate(c=Count("pk")).values("c"))
    return (projects.annotate(perf_row=Subquery(latest.values("pk")[:1]),
                              perf_year=Subquery(latest.values("fiscal_year__year")[:1]))
            .annotate(perf_execution=Subquery(years.values("rate")[:1], output_field=money),
                      perf_red=Coalesce(Subquery(reds[:1]), Value(0))))


def execution_shown(value: Any) -> str:
    """A row's 执行率 as the list shows it (two places, by ``jixiao.figures``), ``—`` without a budget."""
    from jixiao.figures.format import percent
    from jixiao.figures.rounding import ratio

    return "—" if value is None else percent(ratio(Decimal(str(value)), Decimal(1), 2)) or "—"


def execution_cell(value: Any) -> Decimal | None:
    """A row's 执行率 in the 项目库 export: the list's figure (percent, two places by ``jixiao.figures``) as a
    number, ``None`` (an empty cell) without a budget."""
    from jixiao.figures.rounding import ratio

    return None if value is None else ratio(Decimal(str(value)), Decimal(1), 2)


def red_cell(value: Any) -> int | None:
    """A row's 红色指标数 in the 项目库 export (empty when the project has no performance year)."""
    return None if value is None else int(value)


@dataclass(frozen=True)
class ProjectSpending:
    """The department's 项目支出 against the sum of its projects' 全年执行数 (one home for this comparison)."""

    department_figure: Decimal | None
    projects_total: Decimal
    projects: list[tuple[Project, Decimal | None]]
    missing: list[Project]

    @property
    def difference(self) -> Decimal | None:
        return None if self.department_figure is None else self.department_figure - self.projects_total

    @property
    def listed_projects(self) -> list[Project]:
        return [p for p, _ in self.projects]

    @property
    def agrees(self) -> bool:
        return self.difference is not None and abs(self.difference) < Decimal("0.01")

    @property
    def explanation(self) -> str:
        """One Chinese line: they agree, or by how much they differ and the likely why."""
        from jixiao.figures.format import money

        if not self.projects and not self.missing:
            return "本年度没有已立项项目的执行数。"
        if self.department_figure is None:
            return f"部门预算未填项目支出；各项目全年执行数合计 {money(self.projects_total, grouped=True)} 万元。"
        if self.agrees:
            return f"部门项目支出 {money(self.department_figure, grouped=True)} 万元，等于各项目全年执行数之和。"
        why = []
        if self.missing:
            why.append(f"{len(self.missing)} 个已立项项目未填报全年执行数（{'、'.join(p.name for p in self.missing[:3])}"
                       f"{'等' if len(self.missing) > 3 else ''}）")
        diff = self.difference or Decimal(0)
        why.append("部门项目支出中含未在项目库登记的项目" if diff > 0 else "项目执行数中含非本部门预算安排的资金")
        return (f"部门项目支出 {money(self.department_figure, grouped=True)} 万元，各项目全年执行数合计 {money(self.projects_total, grouped=True)} 万元，"
                f"相差 {money(abs(diff), grouped=True)} 万元：可能是{'；'.join(why)}。")


def project_spending(*, department: Department, year: int, stated: Decimal | None) -> ProjectSpending:
    """The department's 项目支出 ``stated`` (its budget's) compared with its projects' 全年执行数 of ``year``."""
    from django.db.models import Q

    rows = (ProjectYear.objects.filter(project__department=department, fiscal_year__year=year)
            .select_related("project").order_by("project__code"))
    listed = [(r.project, r.spent) for r in rows]
    total = sum((s for _, s in listed if s is not None), Decimal(0))
    funded = ("approved", "in_progress", "completed")  # 已立项 / 执行中 / 已完成: budgeted, so they spend
    unreported = (Project.objects.filter(department=department, status__in=funded, start_year__lte=year)
                  .filter(Q(end_year__gte=year) | Q(end_year__isnull=True))
                  .exclude(pk__in=[p.pk for p, _ in listed]).order_by("code"))
    return ProjectSpending(stated, total, listed, [p for p, s in listed if s is None] + list(unreported))


def project_spending_lines(*, department: Department, year: int, stated: Decimal | None) -> list[str]:
    """The paragraphs of the department's report on its projects (各重点任务项目支出完成情况分析): one a
    project of ``year`` with 全年预算数 / 全年执行数 / 执行率 and grade, then their sum against the department's
    项目支出 ``stated`` with the difference explained (``project_spending``: one home for that comparison)."""
    from jixiao.figures import computed_rate
    from jixiao.figures.format import money, percent
    from jixiao.figures.format import score as score_text

    spending = project_spending(department=department, year=year, stated=stated)
    rows = (ProjectYear.objects.filter(project__department=department, fiscal_year__year=year)
            .select_related("project").order_by("project__code"))
    lines = []
    for number, row in enumerate(rows, start=1):
        rate = computed_rate(row.total, row.spent)
        parts = [f"全年预算数{money(row.total, grouped=True)}万元" if row.total is not None else "全年预算数未填报",
                 f"全年执行数{money(row.spent, grouped=True)}万元" if row.spent is not None else "全年执行数未填报"]
        if rate is not None:
            parts.append(f"执行率{percent(rate)}")
        if row.evaluation_status == ProjectYear.EvaluationStatus.SUBMITTED and row.grade:
            points = f"{score_text(row.score)}分，" if row.score is not None else ""
            parts.append(f"自评{points}等级{row.grade}")
        else:
            parts.append("尚未完成年终自评")
        lines.append(f"{number}.{row.project.name}（项目编码{row.project.code}）：{'，'.join(parts)}。")
    if not lines and not spending.missing:
        return []
    lines.append(spending.explanation)
    return lines


@dataclass(frozen=True)
class ProjectResult:
    """结果应用 of one project: its latest evaluated year's grade (the 复核 one when 抽评 corrected it) and
    next year's treatment."""

    project: Project
    year: int
    score: Decimal | None
    grade: str
    treatment: str
    text: str
    correction: ScoreCorrection | None = None
    """The finance bureau's 复核 correction (抽评): ``score`` and ``grade`` are then the corrected ones."""


def project_results(*, department: Department, rules: Any = None) -> list[ProjectResult]:
    """Each of the department's projects with a submitted 自评: grade → next year's treatment (from the rules data);
    a project-year the 抽评 corrected counts with its 复核分 and grade."""
    from jixiao.results import GradeRecord, suggest_treatment
    from jixiao.web.results.selectors import rules_in_force

    rows = (ProjectYear.objects.filter(project__department=department,
                                       evaluation_status=ProjectYear.EvaluationStatus.SUBMITTED)
            .exclude(grade="").select_related("project", "fiscal_year").order_by("project__code", "-fiscal_year__year"))
    corrections = corrections_of(departments=Department.objects.filter(pk=department.pk), kind="project")
    seen: set[int] = set()
    out = []
    for row in rows:
        if row.project_id in seen:
            continue
        seen.add(row.project_id)
        correction = corrections.get(row.pk)
        score, grade = (correction.score, correction.grade) if correction is not None else (row.score, row.grade)
        in_force = rules or rules_in_force(department, row.year + 1)
        suggestion = suggest_treatment([GradeRecord(year=row.year, grade=grade, score=score)], rules=in_force)
        out.append(ProjectResult(row.project, row.year, score, grade, suggestion.treatment or "—",
                                 suggestion.basis, correction))
    return out
