"""Demo 项目绩效 (演示数据): budgets, monthly execution, indicator progress, a warning with its response and a
finished self-evaluation for the demo projects, all through the real services.

Each fundable project (已立项 / 执行中 / 已完成) of the departments gets one year: its budget with the
附件1 funding rows, goals and six indicators (分值 90 + 预算执行率 10), approved by the demo finance
account with the review scheme; twelve months of execution; indicator progress at the end of June
and July (136号's 1–7月 round); a response to its first warning; the year-end actuals with the
deviation reasons the engine asks for, submitted so the engine's score and grade are stored.
The projects differ by their index: execution from 72 % to 99 %, one indicator short of its target.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jixiao.figures.rounding import ratio
from jixiao.report import Indicator as IndicatorData
from jixiao.web.accounts.models import Role, User
from jixiao.web.departments.models import Department
from jixiao.web.projects.models import Project
from jixiao.web.projperf.models import ProjectYear
from jixiao.web.projperf.selectors import monitoring_of, year_state
from jixiao.web.projperf.services import (
    Actual,
    ProjectBudget,
    record_monthly,
    record_progress,
    respond_to_warning,
    review_project_declaration,
    save_project_declaration,
    save_self_evaluation,
    submit_project_declaration,
    submit_self_evaluation,
)

FUNDABLE = (Project.Status.APPROVED, Project.Status.IN_PROGRESS, Project.Status.COMPLETED)
DIMENSIONS = ("completeness", "relevance", "appropriateness", "feasibility")
RATES = (Decimal("0.99"), Decimal("0.93"), Decimal("0.86"), Decimal("0.72"))
"""全年执行率 of the demo projects by index (the last one low: a red execution warning in the year)."""

# (一级, 二级, 三级 name pattern, op, target, unit, weight, actual share of target at year end)
INDICATORS = (
    ("产出指标", "数量指标", "完成{short}任务数", ">=", Decimal(20), "项", Decimal(20), Decimal("1.00")),
    ("产出指标", "质量指标", "验收合格率", ">=", Decimal(95), "%", Decimal(15), Decimal("1.02")),
    ("产出指标", "时效指标", "按期完成率", ">=", Decimal(100), "%", Decimal(15), Decimal("0.90")),
    ("效益指标", "社会效益", "受益群众人数", ">=", Decimal(5000), "人", Decimal(20), Decimal("1.05")),
    ("效益指标", "可持续影响", "长效机制建立", "qualitative", None, "", Decimal(10), None),
    ("满意度指标", "服务对象满意度", "服务对象满意度", ">=", Decimal(90), "%", Decimal(10), Decimal("1.03")),
)


def _short(name: str) -> str:
    return name.removesuffix("经费").removesuffix("项目")[:8] or name[:8]


def _money(value: Decimal) -> Decimal:
    return ratio(value, Decimal(1), 2)


def declared_indicators(project: Project) -> list[tuple[int | None, IndicatorData]]:
    """The demo's six indicators of ``project`` (产出 50, 效益 30, 满意度 10)."""
    out: list[tuple[int | None, IndicatorData]] = []
    for level1, level2, name, op, target, unit, weight, _ in INDICATORS:
        out.append((None, IndicatorData(
            name=name.format(short=_short(project.name)), level1=level1, level2=level2, op=op, target=target,
            target_text="建立并运行" if op == "qualitative" else None, unit=unit or None, weight=weight)))
    return out


def monthly_amounts(total: Decimal, rate: Decimal) -> dict[int, Decimal | None]:
    """Twelve months adding up to ``total × rate`` exactly, slow in spring and fast in autumn."""
    spent = _money(total * rate)
    shares = (2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14)
    whole = sum(shares)
    months = {m: _money(spent * s / whole) for m, s in zip(range(1, 13), shares, strict=True)}
    months[12] = spent - sum((v for k, v in months.items() if k < 12), Decimal(0))
    return {m: v for m, v in months.items()}


def fill_project(project: Project, year: int, *, index: int, submitter: User, reviewer: User,
                 finish: bool = True) -> ProjectYear:
    """One project-year from declaration to (``finish``) a submitted self-evaluation."""
    amount = project.approved_amount or project.amount or Decimal(100)
    total = _money(amount / max(1, (project.end_year or project.start_year) - project.start_year + 1))
    carried = _money(total * Decimal("0.1")) if index % 2 else Decimal(0)
    budget = ProjectBudget(initial=total, total=total, funds={
        "current": (total - carried, total - carried), "carried": (carried, carried), "other": (Decimal(0), Decimal(0))})
    goals = [f"按计划完成{project.name}年度任务，资金使用规范、及时",
             "提升服务对象获得感，建立长效工作机制"]
    save_project_declaration(project=project, year=year, goals=goals, indicators=declared_indicators(project),
                             budget=budget)
    submit_project_declaration(project=project, year=year, user=submitter)
    review_project_declaration(project=project, year=year, reviewer=reviewer, grades=dict.fromkeys(DIMENSIONS, "优"),
                               overall="优", comment="目标明确，指标细化量化，与预算相匹配。")
    rate = RATES[index % len(RATES)]
    months = monthly_amounts(total, rate)
    record_monthly(project=project, year=year, amounts=months)
    state = year_state(project=project, year=year)
    for on, share in ((date(year, 6, 30), Decimal("0.45")), (date(year, 7, 31), Decimal("0.55"))):
        for n, (indicator, spec) in enumerate(zip(state.indicators, INDICATORS, strict=True)):
            lag = Decimal("0.5") if (index + n) % 5 == 0 else Decimal(1)  # one indicator behind: red
            if indicator.op == "qualitative":
                record_progress(indicator=indicator, on=on, value_text="部分达成", feasibility="有可能")
                continue
            value = _money((indicator.target or Decimal(0)) * (share * lag if spec[2] != "验收合格率" and
                                                               spec[2] != "服务对象满意度" else Decimal(1)))
            behind = lag < 1
            record_progress(indicator=indicator, on=on, value=value, cause="经费保障" if behind else "",
                            reason="资金拨付晚于计划，下半年加快实施" if behind else "",
                            feasibility="有可能" if behind else "确定能")
    watching = monitoring_of(state, on=date(year, 12, 31))
    if watching.warnings:
        first = watching.warnings[0]
        respond_to_warning(project=project, year=year, key=first.key, action="继续执行",
                           reason="上半年为项目前期招标阶段，合同已签订，下半年集中支付。", user=None,
                           at=timezone.make_aware(datetime(year, first.month, 28, 10, 0)) if first.month else None)
    if not finish:
        return state.row
    state = year_state(project=project, year=year)
    actuals = []
    for indicator, spec in zip(state.indicators, INDICATORS, strict=True):
        final = spec[7]
        if indicator.op == "qualitative" or final is None:
            actuals.append(Actual(indicator.pk, None, "达成"))
            continue
        value = _money((indicator.target or Decimal(0)) * final)
        reason = ""
        if final < 1:
            reason = "部分子项目受天气影响推迟验收，已于次年一季度完成；今后细化进度计划、按月调度。"
        if indicator.unit == "%" and value > 100:
            value = Decimal(100)
        actuals.append(Actual(indicator.pk, value, "", reason))
    spent = sum((v for v in months.values() if v is not None), Decimal(0))
    carried_spent = min(carried, spent)
    save_self_evaluation(project=project, year=year, spent=spent, actuals=actuals,
                         funds_spent={"current": spent - carried_spent, "carried": carried_spent, "other": Decimal(0)},
                         goal_actuals=["年度任务按计划完成，资金使用规范", "服务对象满意度较高，长效机制已建立"],
                         problems="部分子项目验收晚于计划\n上半年支出进度偏慢",
                         measures="细化项目实施进度计划，按月调度\n提前做好采购准备，均衡支出进度")
    return submit_self_evaluation(project=project, year=year)


SEED_DEPARTMENTS = ("中国共产党广州市荔湾区委员会宣传部", "中国共产党广州市增城区委员会宣传部")
"""The two seed departments: every fundable project of every year gets its 项目绩效."""


@transaction.atomic
def load_project_performance(*, generated: int = 4, per_generated: int = 2) -> int:
    """Fill the demo projects' performance years; returns how many project-years were made.

    Every fundable project of the two seed departments (each year it runs), and the latest year's
    first ``per_generated`` fundable projects of ``generated`` generated departments. Runs before the
    past years are closed (years closed refuse writes); the reviewer is the demo finance account when
    it exists, else the system account the demo writes under.
    """
    from jixiao.web.audit.services import system_user

    actor = system_user()
    reviewer = User.objects.filter(role=Role.FINANCE, is_active=True).order_by("pk").first() or actor
    from jixiao.web.budgets.models import Budget

    last = Budget.objects.order_by("-fiscal_year__year").values_list("fiscal_year__year", flat=True).first() or 0
    fundable = (Project.objects.filter(status__in=FUNDABLE, start_year__lte=last)  # years with budgets, not next year's
                .select_related("department").order_by("code", "pk"))
    chosen: list[Project] = list(fundable.filter(department__name__in=SEED_DEPARTMENTS))
    others = (Department.objects.filter(projects__status__in=FUNDABLE).exclude(name__in=SEED_DEPARTMENTS)
              .distinct().order_by("name")[:generated])
    for department in others:
        rows = fundable.filter(department=department)
        latest = rows.order_by("-start_year").values_list("start_year", flat=True).first()
        chosen += list(rows.filter(start_year=latest)[:per_generated])
    made = 0
    for index, project in enumerate(chosen):
        year = project.start_year
        if ProjectYear.all_objects.filter(project=project, fiscal_year__year=year).exists():
            continue
        fill_project(project, year, index=index, submitter=actor, reviewer=reviewer)
        made += 1
    return made
