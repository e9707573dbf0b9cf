"""Writes of 项目绩效, each atomic and leaving history: the declaration (budget, goals, indicators) with
its submission and 目标审核, 目标调整 (old → new with the reason), monthly execution, indicator progress
at monitoring dates, warning responses and the year-end self-evaluation.

The review rule is the department one (``declarations.services.judge_review``); the checks are
``jixiao.declaration.check_declaration`` rolled up to the project framework; the warnings and their
responses are ``jixiao.monitor``'s and ``monitoring.services.record_warning_response``'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jixiao.errors import JixiaoError
from jixiao.figures.format import plain
from jixiao.monitor.indicators import load_bands
from jixiao.report import Indicator as IndicatorData
from jixiao.web.accounts.models import User
from jixiao.web.budgets.services import FiscalYearClosed
from jixiao.web.common.locking import check_version
from jixiao.web.declarations.services import (
    DeclarationInvalid,
    DeclarationLocked,
    DeclarationStateError,
    judge_review,
)
from jixiao.web.departments.models import FiscalYear
from jixiao.web.indicators.services import LibraryChoice, library_link, usual_industry
from jixiao.web.monitoring.models import WarningResponse
from jixiao.web.monitoring.services import record_warning_response
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
from jixiao.web.projperf.selectors import monitored_for, parts_of, scored, year_state

TEXT_MAX = 2000


class ProjectPerformanceInvalid(JixiaoError):
    """Input the 项目绩效 rules refuse: a missing reason, an unknown choice, a month out of range (422)."""


class SelfEvaluationIncomplete(JixiaoError):
    """The self-evaluation cannot be submitted yet: reasons owed or parts unscored (422)."""


@dataclass(frozen=True)
class ProjectBudget:
    """项目预算 (万元): 年初预算数 / 全年预算数 and the 附件1 funding rows' (``funds``: prefix → (年初, 全年))."""

    initial: Decimal | None
    total: Decimal | None = None
    funds: dict[str, tuple[Decimal | None, Decimal | None]] = field(default_factory=dict)


def _open_year(year: int) -> FiscalYear:
    fiscal_year, _ = FiscalYear.objects.get_or_create(year=year)
    if fiscal_year.is_closed:
        raise FiscalYearClosed(f"{year} 年度已结账，不能修改")
    return fiscal_year


def _row(project: Project, year: int) -> ProjectYear | None:
    return (ProjectYear.objects.select_for_update().filter(project=project, fiscal_year__year=year)
            .select_related("project__department", "fiscal_year").first())


def _existing(project: Project, year: int) -> ProjectYear:
    row = _row(project, year)
    if row is None:
        raise DeclarationStateError(f"{project.name} {year} 年度尚未申报绩效目标")
    return row


def _save_goals(row: ProjectYear, goals: Sequence[str]) -> None:
    kept = list(row.goals.all())
    texts = [t.strip() for t in goals if t.strip()]
    for position, text in enumerate(texts):
        if position < len(kept):
            goal = kept[position]
            if goal.text != text or goal.position != position:
                goal.text, goal.position = text, position
                goal.save()
        else:
            ProjectGoal.objects.create(project_year=row, position=position, text=text)
    for goal in kept[len(texts):]:
        goal.delete()


INDICATOR_FIELDS = ("level1", "level2", "name", "op", "target", "target_text", "unit", "weight")


def _library_values(row: ProjectYear, data: IndicatorData, choice: LibraryChoice) -> dict[str, object]:
    """The row's 指标库 link and 评(扣)分标准 (``indicators.services.resolve_choice``); a free-text row is
    proposed for review by the project's department, under the 行业 its other linked rows have."""
    department = row.project.department
    hint = usual_industry(ProjectIndicator.objects.filter(project_year__project__department=department))
    return library_link(choice=choice, item=data, department=department, industry_hint=hint)


def _save_indicators(row: ProjectYear, indicators: Sequence[tuple[int | None, IndicatorData]],
                     links: Sequence[LibraryChoice] | None = None) -> None:
    kept = {i.pk: i for i in row.indicators.all()}
    by_name = {i.name: i for i in kept.values()}
    used: set[int] = set()
    for position, (pk, data) in enumerate(indicators):
        indicator = kept.get(pk) if pk is not None else None
        if indicator is None or indicator.pk in used:
            indicator = by_name.get(data.name)
            if indicator is not None and indicator.pk in used:
                indicator = None
        values: dict[str, object] = {"level1": data.level1 or "", "level2": data.level2 or "", "name": data.name, "op": data.op or "",
                  "target": data.target, "target_text": data.target_text or "", "unit": data.unit or "",
                  "weight": data.weight, "position": position}
        if links is not None:
            values.update(_library_values(row, data, links[position]))
        if indicator is None:
            indicator = ProjectIndicator.objects.create(project_year=row, **values)
        elif any(getattr(indicator, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(indicator, k, v)
            indicator.save()
        used.add(indicator.pk)
    for pk, indicator in kept.items():
        if pk not in used:
            indicator.delete()


BUDGETED = (Project.Status.APPROVED, Project.Status.IN_PROGRESS, Project.Status.COMPLETED)
"""已立项 / 执行中 / 已完成: the project passed the budget gate (事前评估 where required), so it has a budget."""


def require_budgeted(project: Project) -> None:
    """Only a project past the budget gate (已立项 …) declares a budget and goals; the others are refused (409)."""
    if project.status not in BUDGETED:
        raise DeclarationStateError(f"项目“{project.name}”{project.get_status_display()}，尚未立项，"
                                    "不能申报预算和绩效目标")


@transaction.atomic
def save_project_declaration(*, project: Project, year: int, goals: Sequence[str],
                             indicators: Sequence[tuple[int | None, IndicatorData]], budget: ProjectBudget,
                             version: int | None = None, links: Sequence[LibraryChoice] | None = None) -> ProjectYear:
    """Save the project's budget, 年度总体目标 and indicators of ``year`` (项目绩效目标申报) while 草稿 or 已退回.

    ``version``: the project-year's as the user saw it; saved by someone else since → ``EditConflict``.
    """
    fiscal_year = _open_year(year)
    require_budgeted(project)
    row = _row(project, year)
    for part in parts_of(project, year)[1:]:
        list(part.select_for_update())
    check_version(version, *parts_of(project, year), what=f"{project.name} {year} 年度绩效目标")
    if row is None:
        row = ProjectYear.objects.create(project=project, fiscal_year=fiscal_year)
    if not row.editable:
        raise DeclarationLocked(f"{year} 年度绩效目标{row.get_status_display()}，不能修改（可做目标调整）")
    row.initial, row.total = budget.initial, budget.total
    for prefix, _, _ in FUND_ROWS:
        initial, total = budget.funds.get(prefix, (None, None))
        setattr(row, f"{prefix}_initial", initial)
        setattr(row, f"{prefix}_total", total)
    if row.total is None:
        row.total = row.initial
    row.save()
    _save_goals(row, goals)
    _save_indicators(row, indicators, links)
    return row


@transaction.atomic
def submit_project_declaration(*, project: Project, year: int, user: User) -> ProjectYear:
    """提交项目绩效目标: only with no blocking problem (the department checks); editing is then locked."""
    row = _existing(project, year)
    require_budgeted(project)
    if not row.editable:
        raise DeclarationLocked(f"{year} 年度绩效目标{row.get_status_display()}，不能再次提交")
    problems = year_state(project=project, year=year).blocking
    if problems:
        raise DeclarationInvalid(problems)
    row.status, row.submitted_at, row.submitted_by = ProjectYear.Status.SUBMITTED, timezone.now(), user
    row.save()
    return row


@transaction.atomic
def review_project_declaration(*, project: Project, year: int, reviewer: User, grades: dict[str, str],
                               overall: str, comment: str = "") -> ProjectGoalReview:
    """目标审核 of a submitted project declaration by the same scheme and rule as a department's."""
    row = _existing(project, year)
    if row.status != ProjectYear.Status.SUBMITTED:
        raise DeclarationStateError(f"{project.name} {year} 年度绩效目标未提交，不能审核")
    verdict = judge_review(grades=grades, overall=overall, comment=comment)
    review = ProjectGoalReview.objects.create(project_year=row, reviewer=reviewer, **verdict.fields)
    row.status = ProjectYear.Status.APPROVED if verdict.approves else ProjectYear.Status.RETURNED
    row.save()
    return review


@transaction.atomic
def reopen_project_declaration(*, project: Project, year: int) -> ProjectYear:
    """Take a returned project declaration back to draft (退回后重新编辑)."""
    row = _existing(project, year)
    if row.status != ProjectYear.Status.RETURNED:
        raise DeclarationStateError(f"{year} 年度绩效目标未被退回，无需重新编辑")
    row.status = ProjectYear.Status.DRAFT
    row.save()
    return row


def _text(value: Decimal | None) -> str:
    return "（空）" if value is None else plain(value)


@transaction.atomic
def adjust_goals(*, project: Project, year: int, reason: str, user: User | None, total: Decimal | None = None,
                 targets: dict[int, Decimal | str] | None = None) -> list[GoalAdjustment]:
    """目标调整 of an approved declaration during the year: the 全年预算数 and/or indicator targets, each
    change recorded old → new with ``reason``; nothing changed → nothing recorded."""
    row = _existing(project, year)
    _open_year(year)
    reason = reason.strip()
    if row.status != ProjectYear.Status.APPROVED:
        raise DeclarationStateError("只有审核通过的绩效目标才做目标调整；草稿或退回的请直接修改")
    if not reason:
        raise ProjectPerformanceInvalid("请填写调整原因")
    if len(reason) > TEXT_MAX:
        raise ProjectPerformanceInvalid(f"调整原因不超过 {TEXT_MAX} 字")
    made = []
    if total is not None and total != row.total:
        if total < 0:
            raise ProjectPerformanceInvalid("全年预算数不能为负数")
        made.append(GoalAdjustment(project_year=row, subject="全年预算数（万元）", old=_text(row.total),
                                   new=_text(total), reason=reason, adjusted_by=user))
        row.total = total
        row.save()
    indicators = {i.pk: i for i in row.indicators.all()}
    for pk, value in (targets or {}).items():
        indicator = indicators.get(pk)
        if indicator is None:
            raise ProjectPerformanceInvalid("没有这个指标")
        if indicator.op == "qualitative":
            new_text = str(value).strip()
            if new_text and new_text != indicator.target_text:
                made.append(GoalAdjustment(project_year=row, subject=f"指标“{indicator.name}”指标值",
                                           old=indicator.target_text, new=new_text, reason=reason, adjusted_by=user))
                indicator.target_text = new_text
                indicator.save()
            continue
        number = value if isinstance(value, Decimal) else None
        if number is None:
            raise ProjectPerformanceInvalid(f"指标“{indicator.name}”的指标值应为数字")
        if number != indicator.target:
            made.append(GoalAdjustment(project_year=row, subject=f"指标“{indicator.name}”指标值",
                                       old=_text(indicator.target), new=_text(number), reason=reason,
                                       adjusted_by=user))
            indicator.target = number
            indicator.save()
    for adjustment in made:
        adjustment.save()
    return made


@transaction.atomic
def record_monthly(*, project: Project, year: int, amounts: dict[int, Decimal | None]) -> ProjectYear:
    """月度执行数 of the project (万元 per month); a blank month removes its figure."""
    _open_year(year)
    row = _existing(project, year)
    existing = {m.month: m for m in row.monthly.all()}
    for month, spent in amounts.items():
        if not 1 <= month <= 12:
            raise ProjectPerformanceInvalid("月份应为 1–12")
        if spent is not None and spent < 0:
            raise ProjectPerformanceInvalid(f"{month}月执行数不能为负数")
        stored = existing.get(month)
        if spent is None:
            if stored is not None:
                stored.delete()
        elif stored is None:
            ProjectMonthly.objects.create(project_year=row, month=month, spent=spent)
        elif stored.spent != spent:
            stored.spent = spent
            stored.save()
    return row


@transaction.atomic
def record_progress(*, indicator: ProjectIndicator, on: date, value: Decimal | None = None, value_text: str = "",
                    cause: str = "", reason: str = "", feasibility: str = "") -> IndicatorProgress:
    """An indicator's progress at a monitoring date (当前完成值, 偏差原因, 完成目标可能性); the same date again
    updates it in place, so history keeps old → new."""
    bands = load_bands()
    row = indicator.project_year
    _open_year(row.fiscal_year.year)
    if on.year != row.fiscal_year.year:
        raise ProjectPerformanceInvalid(f"监控时点应在 {row.fiscal_year.year} 年内")
    if cause and cause not in bands.causes:
        raise ProjectPerformanceInvalid(f"偏差原因类别应为 {'、'.join(bands.causes)} 之一")
    if feasibility and feasibility not in bands.feasibility:
        raise ProjectPerformanceInvalid(f"完成目标可能性应为 {'、'.join(bands.feasibility)} 之一")
    if indicator.op == "qualitative":
        if value_text and value_text not in bands.qualitative:
            raise ProjectPerformanceInvalid(f"定性指标的完成情况应为 {'、'.join(bands.qualitative)} 之一")
        value = None
    elif value is None:
        raise ProjectPerformanceInvalid(f"请填写指标“{indicator.name}”的当前完成值")
    if len(reason) > TEXT_MAX:
        raise ProjectPerformanceInvalid(f"偏差原因不超过 {TEXT_MAX} 字")
    progress = IndicatorProgress.objects.select_for_update().filter(indicator=indicator, on=on).first()
    values = {"value": value, "value_text": value_text.strip(), "cause": cause, "reason": reason.strip(),
              "feasibility": feasibility}
    if progress is None:
        return IndicatorProgress.objects.create(indicator=indicator, on=on, **values)
    for k, v in values.items():
        setattr(progress, k, v)
    progress.save()
    return progress


def respond_to_warning(*, project: Project, year: int, key: str, action: str, reason: str, user: User | None,
                       at: datetime | None = None, version: int | None = None) -> tuple[WarningResponse, bool]:
    """预警响应 to one of the project's warnings: the department machinery over its projects' budgets."""
    if not key.endswith(f":{project.code}"):
        from jixiao.web.monitoring.services import UnknownWarning

        raise UnknownWarning(f"{project.name} {year} 年度没有这条预警")
    return record_warning_response(department=project.department, year=year, key=key, action=action, reason=reason,
                                   user=user, at=at, version=version,
                                   budgets=monitored_for(project.department, year))


@dataclass(frozen=True)
class Actual:
    """One indicator's year-end entry: 实际完成值 (number or 定性 text) and 偏差原因分析及改进措施."""

    indicator_id: int
    actual: Decimal | None
    actual_text: str = ""
    deviation_reason: str = ""


@transaction.atomic
def save_self_evaluation(*, project: Project, year: int, spent: Decimal | None, actuals: Sequence[Actual],
                         problems: str = "", measures: str = "", version: int | None = None,
                         funds_spent: dict[str, Decimal | None] | None = None,
                         goal_actuals: Sequence[str] | None = None) -> ProjectYear:
    """年终自评 entries: 全年执行数 (and by funding row), each indicator's actual value and 偏差原因, each
    goal's 实际完成情况, the problems and measures."""
    _open_year(year)
    row = _existing(project, year)
    check_version(version, *parts_of(project, year), what=f"{project.name} {year} 年度自评")
    if row.evaluation_status == ProjectYear.EvaluationStatus.SUBMITTED:
        raise DeclarationLocked(f"{project.name} {year} 年度自评已提交，不能修改")
    if row.status != ProjectYear.Status.APPROVED:
        raise DeclarationStateError("绩效目标审核通过后才能自评")
    if spent is not None and spent < 0:
        raise ProjectPerformanceInvalid("全年执行数不能为负数")
    for text in (problems, measures):
        if len(text) > TEXT_MAX * 5:
            raise ProjectPerformanceInvalid(f"问题与措施各不超过 {TEXT_MAX * 5} 字")
    indicators = {i.pk: i for i in row.indicators.all()}
    for entry in actuals:
        indicator = indicators.get(entry.indicator_id)
        if indicator is None:
            raise ProjectPerformanceInvalid("没有这个指标")
        if len(entry.deviation_reason) > TEXT_MAX:
            raise ProjectPerformanceInvalid(f"指标“{indicator.name}”的偏差原因不超过 {TEXT_MAX} 字")
        values = {"actual": None if indicator.op == "qualitative" else entry.actual,
                  "actual_text": entry.actual_text.strip(), "deviation_reason": entry.deviation_reason.strip()}
        if any(getattr(indicator, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(indicator, k, v)
            indicator.save()
    for prefix, _, _ in FUND_ROWS:
        if funds_spent is not None:
            setattr(row, f"{prefix}_spent", funds_spent.get(prefix))
    if goal_actuals is not None:
        for goal, text in zip(row.goals.all(), [*goal_actuals, *[""] * row.goals.count()], strict=False):
            if goal.actual != text.strip():
                goal.actual = text.strip()
                goal.save()
    row.spent, row.problems, row.measures = spent, problems.strip(), measures.strip()
    if row.evaluation_status == ProjectYear.EvaluationStatus.NONE:
        row.evaluation_status = ProjectYear.EvaluationStatus.DRAFT
    row.save()
    return row


@transaction.atomic
def submit_self_evaluation(*, project: Project, year: int) -> ProjectYear:
    """提交年终自评: every owed 偏差原因 written and every part scored; the engine's score and grade are stored."""
    row = _existing(project, year)
    if row.evaluation_status == ProjectYear.EvaluationStatus.SUBMITTED:
        raise DeclarationLocked(f"{project.name} {year} 年度自评已提交")
    if row.status != ProjectYear.Status.APPROVED:
        raise DeclarationStateError("绩效目标审核通过后才能自评")
    result = scored(year_state(project=project, year=year))
    owed = list(result.missing.values())
    if row.spent is None:
        owed.insert(0, "未填写全年执行数")
    if not result.result.complete:
        owed.append(result.result.summary())
    if owed:
        raise SelfEvaluationIncomplete("自评尚不能提交：" + "；".join(owed))
    row.score, row.grade = result.result.total, result.result.grade
    row.framework = result.result.framework
    row.evaluation_status, row.evaluated_at = ProjectYear.EvaluationStatus.SUBMITTED, timezone.now()
    row.save()
    return row


@transaction.atomic
def reopen_self_evaluation(*, project: Project, year: int) -> ProjectYear:
    """退回自评 (administrators): back to 填报中, score kept until resubmitted."""
    row = _existing(project, year)
    if row.evaluation_status != ProjectYear.EvaluationStatus.SUBMITTED:
        raise DeclarationStateError("自评未提交，无需退回")
    row.evaluation_status = ProjectYear.EvaluationStatus.DRAFT
    row.save()
    return row
