"""Reads of the department-year's report (自评报告查询): the report as the core reads it, the
self-evaluation form's view of it, and the year's score and grade kept in the summary rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404

from jixiao.report import PerformanceReport, Task
from jixiao.scoring import (
    ScoreResult,
    assess_indicators,
    default_framework_for,
    qualitative_levels,
    score_report,
)
from jixiao.web.common.locking import version_of
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.evaluation import summary
from jixiao.web.evaluation.interchange import assemble_report as assemble_report
from jixiao.web.evaluation.interchange import indicator_data as indicator_data
from jixiao.web.evaluation.models import DepartmentYearSummary, Evaluation, Indicator, KeyTask

# ``assemble_report`` (the stored report, 数据库 → 交换格式) and ``indicator_data`` (one stored indicator
# as the report states it) are defined beside their write side in ``interchange.py``; this is their
# public name for other apps.


def stored_report(department: Department, year: int) -> PerformanceReport:
    """The department's report of ``year`` assembled from the database; 404 when there is none."""
    fiscal_year = FiscalYear.objects.filter(year=year).first()
    if fiscal_year is None or not department.budgets.filter(fiscal_year=fiscal_year).exists():
        raise Http404("该年度没有报告")
    return assemble_report(department, fiscal_year)


@dataclass(frozen=True)
class IndicatorEntryView:
    """One indicator as the 自评填报 form shows it: target, actual, the engine's score and duty."""

    position: int
    name: str
    level1: str
    level2: str
    op: str
    kind: str
    """``quantitative`` (a number) or ``qualitative`` (a level: 达成 / 部分达成 / 未达成)."""
    target: Decimal | None
    target_text: str
    unit: str
    weight: Decimal
    actual: Decimal | None
    actual_text: str
    level: str | None
    deviation_reason: str
    reason_required: str | None
    score: Decimal
    explanation: str
    levels_inferred: bool = False
    """一级/二级指标 the report left blank, as the scoring engine assigned them (shown marked 系统归类)."""


@dataclass(frozen=True)
class SelfEvaluation:
    """The year-end self-evaluation of a department (年终自评): indicators, narrative and the core's score."""

    report: PerformanceReport
    score: ScoreResult
    indicators: list[IndicatorEntryView]
    levels: list[str]
    tasks: list[Task]
    problems: list[str]
    measures: list[str]
    status: str
    """填报状态: ``draft`` or ``submitted`` (locked)."""
    submitted_at: datetime | None
    version: int = 0
    """乐观锁版本 (``self_evaluation_version``): sent back with the form and the API's PUT."""


def self_evaluation_parts(department: Department, year: int) -> tuple[QuerySet, ...]:
    """The rows a year's self-evaluation is made of (deleted ones included): its version is theirs."""
    scope = {"department": department, "fiscal_year__year": year}
    return (Evaluation.all_objects.filter(**scope), Indicator.all_objects.filter(**scope),
            KeyTask.all_objects.filter(**scope))


def self_evaluation_version(department: Department, year: int) -> int:
    return version_of(*self_evaluation_parts(department, year))


def self_evaluation(department: Department, year: int, report: PerformanceReport | None = None) -> SelfEvaluation:
    """The stored self-evaluation with each indicator's engine score and 偏差原因 duty; 404 when none."""
    report = report or stored_report(department, year)
    framework = default_framework_for(report.kind)
    rows = []
    for assessment in assess_indicators(report, framework):
        indicator, item = report.indicators[assessment.index], assessment.item
        rows.append(IndicatorEntryView(
            position=assessment.index, name=indicator.name, level1=indicator.level1 or item.level1 or "",
            level2=indicator.level2 or item.level2 or "", levels_inferred=not (indicator.level1 and indicator.level2),
            op=item.op, kind=assessment.kind, target=indicator.target,
            target_text=indicator.target_text or "", unit=indicator.unit or "", weight=item.weight,
            actual=indicator.actual, actual_text=indicator.actual_text or "", level=assessment.level,
            deviation_reason=indicator.deviation_reason or "", reason_required=assessment.reason_required,
            score=item.score, explanation=item.reason,
        ))
    evaluation = Evaluation.objects.filter(department=department, fiscal_year__year=year).first()
    return SelfEvaluation(report=report, score=score_report(report, framework), indicators=rows,
                          levels=qualitative_levels(framework), tasks=list(report.tasks),
                          problems=list(report.problems), measures=list(report.measures),
                          status=evaluation.status if evaluation else Evaluation.Status.DRAFT,
                          submitted_at=evaluation.submitted_at if evaluation else None,
                          version=self_evaluation_version(department, year))


def missing_entries(entry: SelfEvaluation) -> list[str]:
    """What the 年终自评 still lacks (尚未填写), one Chinese line each: indicators without an actual value
    or level, key tasks without their account, no problems or no measures."""
    from jixiao.text.quoting import quoted

    lines = []
    blank = [row for row in entry.indicators if (row.level if row.kind == "qualitative" else row.actual) is None]
    if blank:
        names = "、".join(quoted(row.name) for row in blank[:5]) + ("等" if len(blank) > 5 else "")
        lines.append(f"{len(blank)} 项指标未填写实际完成值或完成档次：{names}")
    tasks = [task for task in entry.tasks if not (task.text or "").strip()]
    if tasks:
        lines.append(f"{len(tasks)} 项重点工作任务未填写完成情况：" + "、".join(quoted(t.title) for t in tasks[:5]))
    if not any(p.strip() for p in entry.problems):
        lines.append("未填写存在的主要问题")
    if not any(m.strip() for m in entry.measures):
        lines.append("未填写下一步改进措施")
    return lines


def year_scores(*, departments: QuerySet[Department]) -> dict[int, tuple[Decimal | None, str | None, bool]]:
    """Budget id → (score, grade, computed) of ``departments``' years (年度评分与等级), from the summary rows.

    The one rule of a year's score and grade (``summary.score_and_grade``: the core's where it scores in full, else stated)
    for other apps (结果应用): stale rows are recomputed first, as for the board.
    """
    summary.refresh(departments=departments)
    rows = DepartmentYearSummary.objects.filter(department__in=departments).values_list(
        "budget_id", "score", "grade", "grade_computed")
    return {budget_id: (_decimal(score), grade or None, computed) for budget_id, score, grade, computed in rows}


def refresh_summaries(*, departments: QuerySet[Department]) -> int:
    """Create the missing and recompute the stale summary rows (看板汇总) of ``departments``; how many were recomputed."""
    return summary.refresh(departments=departments)


def summary_generation() -> tuple[int, int, int, object]:
    """The summary's generation (rows, versions, stale rows, last recompute): equal generations, equal figures."""
    return summary.generation()


def _decimal(text: str) -> Decimal | None:
    return Decimal(text) if text else None
