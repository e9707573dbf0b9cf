"""The finance bureau's dashboard figures (财政局看板), scoped to what the user may see.

Rates and grades come from the core (``monitor.progress``, ``scoring``); this module only
gathers stored rows and hands them over.
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from jixiao.monitor.progress import execution_progress, time_progress
from jixiao.report import MonthlyAmount
from jixiao.scoring import default_framework_for, score_report
from jixiao.scoring.arith import ratio
from jixiao.web.accounts.models import User
from jixiao.web.budgets.models import Budget
from jixiao.web.budgets.selectors import budgets_with_monthly
from jixiao.web.departments.models import Department
from jixiao.web.evaluation.models import Evaluation
from jixiao.web.interchange import load_report

GRADES = ("优", "良", "中", "差")


@dataclass
class DepartmentRow:
    """One line of the dashboard table (部门执行与评价)."""

    department_id: int
    department: str
    short_name: str
    region: str | None
    total: Decimal | None
    spent: Decimal | None
    execution_rate: Decimal | None  # 预算执行率 (stated, else computed)
    score: Decimal | None           # 自评分 (stated, else the core's)
    grade: str | None               # 评价等级 (stated, else by the framework's bands)
    grade_computed: bool = False


@dataclass
class Dashboard:
    year: int | None
    years: list[int]
    rows: list[DepartmentRow] = field(default_factory=list)
    grades: dict[str, int] = field(default_factory=dict)
    monthly: list[dict[str, object]] = field(default_factory=list)
    year_over_year: list[dict[str, object]] = field(default_factory=list)


def _rate(budget: Budget) -> Decimal | None:
    return budget.execution_rate if budget.execution_rate is not None else budget.computed_execution_rate


def _score_and_grade(budget: Budget, evaluation: Evaluation | None) -> tuple[Decimal | None, str | None, bool]:
    """The stated score and grade; what is missing comes from the core scoring (自动评分)."""
    if evaluation is not None and evaluation.grade:
        return evaluation.score, evaluation.grade, False
    if evaluation is not None and evaluation.score is not None:
        return evaluation.score, default_framework_for(evaluation.kind).grade(evaluation.score), True
    result = score_report(load_report(budget.department, budget.fiscal_year))
    return result.total, result.grade, True


score_and_grade = _score_and_grade
"""The one rule of a year's score and grade (stated, else the core's), for other apps (结果应用)."""


def dashboard_data(*, user: User, year: int | None = None) -> Dashboard:
    """Every figure of the dashboard for ``year`` (default: the latest), over the visible departments."""
    visible = Department.objects.visible_to(user)
    budgets = list(budgets_with_monthly(departments=visible).select_related("department__region"))
    years = sorted({b.fiscal_year.year for b in budgets})
    if year is None or year not in years:
        year = years[-1] if years else None
    board = Dashboard(year=year, years=years)
    evaluations = {(e.department_id, e.fiscal_year.year): e
                   for e in Evaluation.objects.filter(department__in=visible).select_related("fiscal_year")}

    scored = {(b.department_id, b.fiscal_year.year): _score_and_grade(
        b, evaluations.get((b.department_id, b.fiscal_year.year))) for b in budgets}
    current = [b for b in budgets if b.fiscal_year.year == year]
    for budget in current:
        score, grade, computed = scored[(budget.department_id, year)]
        board.rows.append(DepartmentRow(
            department_id=budget.department_id, department=budget.department.name,
            short_name=budget.department.short_name or budget.department.name,
            region=budget.department.region.name if budget.department.region else None,
            total=budget.total, spent=budget.spent, execution_rate=_rate(budget), score=score, grade=grade,
            grade_computed=computed,
        ))
    board.rows.sort(key=lambda r: (r.execution_rate is None, -(r.execution_rate or 0)))
    counts = Counter(r.grade for r in board.rows if r.grade)
    board.grades = {g: counts.get(g, 0) for g in GRADES}

    # 月度执行与序时进度: all visible departments with monthly records, taken together
    with_months = [b for b in current if b.total and b.monthly.all()]
    months = [MonthlyAmount(month=m.month, spent=m.spent) for b in with_months for m in b.monthly.all()]
    total = sum((b.total for b in with_months), Decimal(0))
    last = max((m.month for m in months), default=0)
    for month in range(1, 13):
        end = date(year or 2000, month, calendar.monthrange(year or 2000, month)[1])
        board.monthly.append({
            "month": month,
            "execution": execution_progress(months, total, month) if total and month <= last else None,
            "time_progress": time_progress(end),
        })

    # 历年对比: overall execution rate and average score by year
    for each_year in years:
        of_year = [b for b in budgets if b.fiscal_year.year == each_year and b.total and b.spent is not None]
        total_y = sum((b.total for b in of_year), Decimal(0))
        spent_y = sum((b.spent for b in of_year), Decimal(0))
        scores = [score for (_, y), (score, _, _) in scored.items() if y == each_year and score is not None]
        board.year_over_year.append({
            "year": each_year,
            "departments": len(of_year),
            "total": total_y,
            "spent": spent_y,
            "execution_rate": ratio(spent_y * 100, total_y, 2) if total_y else None,
            "average_score": ratio(sum(scores, Decimal(0)), Decimal(len(scores)), 2) if scores else None,
        })
    return board
