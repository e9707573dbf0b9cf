"""The stored self-evaluation as the core reads it (自评报告查询)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.http import Http404

from jixiao.report import PerformanceReport, Task
from jixiao.scoring import (
    ScoreResult,
    assess_indicators,
    default_framework_for,
    qualitative_levels,
    score_report,
)
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.evaluation.models import Evaluation
from jixiao.web.interchange import load_report


def stored_report(department: Department, year: int) -> PerformanceReport:
    """The department's report of ``year`` assembled from the database; 404 when there is none."""
    fiscal_year = FiscalYear.objects.filter(year=year).first()
    if fiscal_year is None or not department.budgets.filter(fiscal_year=fiscal_year).exists():
        raise Http404("该年度没有报告")
    return load_report(department, fiscal_year)


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


def self_evaluation(department: Department, year: int, report: PerformanceReport | None = None) -> SelfEvaluation:
    """The stored self-evaluation with each indicator's engine score and 偏差原因 duty; 404 when none."""
    report = report or stored_report(department, year)
    framework = default_framework_for(report.kind)
    rows = []
    for assessment in assess_indicators(report, framework):
        indicator, item = report.indicators[assessment.index], assessment.item
        rows.append(IndicatorEntryView(
            position=assessment.index, name=indicator.name, level1=indicator.level1 or "",
            level2=indicator.level2 or "", op=item.op, kind=assessment.kind, target=indicator.target,
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
                          submitted_at=evaluation.submitted_at if evaluation else None)
