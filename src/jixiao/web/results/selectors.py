"""Reads of the use of results (结果应用): grade history, next year's treatment, rectification items.

Scores and grades come from the evaluation app's summary rows (``evaluation.selectors.year_scores``:
the core's scoring where complete, else stated, recomputed only when a row changed); the treatment from the core
(``jixiao.results``). Every query starts from the departments the user sees.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from jixiao.results import (
    GradeRecord,
    Suggestion,
    TreatmentRules,
    load_treatment_rules,
    rules_for,
    shipped_rules,
    suggest_treatment,
)
from jixiao.web.accounts.models import User
from jixiao.web.budgets.models import Budget
from jixiao.web.departments.models import Department
from jixiao.web.evaluation.models import Evaluation
from jixiao.web.evaluation.selectors import year_scores
from jixiao.web.results.extensions import ScoreCorrection, corrections_of  # filled by the 抽评 app
from jixiao.web.results.models import Rectification
from jixiao.web.results.services import RectificationNotFound


@dataclass
class YearResult:
    """One evaluated year (年度评价结果): score and grade, stated or computed by the core."""

    year: int
    score: Decimal | None
    grade: str | None
    computed: bool
    execution_rate: Decimal | None = None
    correction: ScoreCorrection | None = None
    """The finance bureau's 复核 correction of this year (抽评): ``score`` and ``grade`` are then the corrected ones."""


@dataclass
class DepartmentResults:
    """Everything of a department's 结果应用 page."""

    department: Department
    rules: TreatmentRules
    history: list[YearResult]
    suggestion: Suggestion
    rectifications: list[Rectification] = field(default_factory=list)
    evaluation_years: list[int] = field(default_factory=list)


@dataclass
class OverviewRow:
    """One line of the finance bureau's overview (结果应用总览)."""

    department_id: int
    department: str
    latest: YearResult | None
    suggestion: Suggestion
    open_rectifications: int
    overdue_rectifications: int


def rules_named(name: str | None) -> TreatmentRules | None:
    """The shipped rules ``name`` (a page's or the API's choice); None (by region and year) when not one."""
    return load_treatment_rules(name) if name and name in shipped_rules() else None


@functools.lru_cache(maxsize=256)
def _rules_for(regions: tuple[str, ...], year: int | None) -> TreatmentRules:
    return rules_for(regions, year)


def rules_in_force(department: Department, year: int | None) -> TreatmentRules:
    """The treatment rules for ``department``'s region in ``year`` (core ``rules_for``; default 财预〔2020〕10号)."""
    return _rules_for(tuple(department.region_names()), year)


def rule_choices() -> list[tuple[str, str]]:
    """(name, title) of every shipped rules file, for a chooser."""
    return [(name, load_treatment_rules(name).title) for name in shipped_rules()]


def rectifications_of(*, departments: QuerySet[Department]) -> QuerySet[Rectification]:
    """整改事项 of ``departments`` (already scoped by ``visible_to``), newest year first."""
    return Rectification.objects.filter(department__in=departments).select_related("department", "fiscal_year")


def _overdue(items: list[Rectification], today: date) -> int:
    # 整改不到位: not rectified by its deadline
    return sum(1 for r in items if r.status != Rectification.Status.DONE and r.deadline and r.deadline < today)


def _year_result(budget: Budget, scored: tuple[Decimal | None, str | None, bool] | None,
                 corrections: dict[int, ScoreCorrection] | None = None) -> YearResult:
    score, grade, computed = scored or (None, None, False)
    correction = (corrections or {}).get(budget.pk)
    if correction is not None:  # the 复核分 replaces the self-assessed score: 结果应用 applies the corrected grade
        score, grade = correction.score, correction.grade
    return YearResult(year=budget.fiscal_year.year, score=score, grade=grade, computed=computed,
                      execution_rate=budget.rate.shown, correction=correction)


def _records(history: list[YearResult]) -> list[GradeRecord]:
    return [GradeRecord(year=y.year, grade=y.grade, score=y.score, computed=y.computed) for y in history]


def department_results(*, department: Department, rules: TreatmentRules | None = None,
                       today: date | None = None) -> DepartmentResults:
    """Grade history of every year, next year's suggested treatment and the rectification items (结果应用)."""
    budgets = list(Budget.objects.filter(department=department).select_related("department", "fiscal_year")
                   .order_by("fiscal_year__year"))
    evaluations = {e.fiscal_year_id: e for e in Evaluation.objects.filter(department=department)}
    scores = year_scores(departments=Department.objects.filter(pk=department.pk))
    corrections = corrections_of(departments=Department.objects.filter(pk=department.pk))
    history = [_year_result(b, scores.get(b.pk), corrections) for b in budgets]
    items = list(rectifications_of(departments=Department.objects.filter(pk=department.pk)))
    graded = [y.year for y in history if y.grade]
    rules = rules or rules_in_force(department, graded[-1] if graded else None)
    suggestion = suggest_treatment(_records(history), rules=rules, unrectified=_overdue(items, today or date.today()))
    # years whose self-evaluation names problems (存在的主要问题) that can become items
    years = sorted(b.fiscal_year.year for b in budgets if (e := evaluations.get(b.fiscal_year_id)) and e.problems)
    return DepartmentResults(department=department, rules=rules, history=history, suggestion=suggestion,
                             rectifications=items, evaluation_years=years)


def results_overview(*, user: User, rules: TreatmentRules | None = None, today: date | None = None
                     ) -> list[OverviewRow]:
    """Every visible department's latest grade, suggested treatment and open items (结果应用总览).

    Without ``rules`` each department's follow its region and its latest year (``rules_in_force``).
    """
    today = today or date.today()
    visible = Department.objects.visible_to(user)
    latest: dict[int, Budget] = {}
    for budget in Budget.objects.filter(department__in=visible).select_related("department", "fiscal_year"):
        if budget.department_id not in latest or budget.fiscal_year.year > latest[budget.department_id].fiscal_year.year:
            latest[budget.department_id] = budget
    scores = year_scores(departments=visible)
    corrections = corrections_of(departments=visible)
    items: dict[int, list[Rectification]] = defaultdict(list)
    for item in Rectification.objects.filter(department__in=visible).exclude(status=Rectification.Status.DONE):
        items[item.department_id].append(item)
    rows = []
    for department in visible.select_related("region__parent__parent").order_by("name"):
        budget = latest.get(department.pk)
        # only the latest year: a grade is always found there (stated or computed), so earlier ones do not count
        result = _year_result(budget, scores.get(budget.pk), corrections) if budget else None
        in_force = rules or rules_in_force(department, result.year if result else None)
        suggestion = suggest_treatment(_records([result] if result else []), rules=in_force,
                                       unrectified=_overdue(items[department.pk], today))
        rows.append(OverviewRow(department_id=department.pk, department=department.name, latest=result,
                                suggestion=suggestion, open_rectifications=len(items[department.pk]),
                                overdue_rectifications=_overdue(items[department.pk], today)))
    return rows


def rectification_of(*, department: Department, rectification_id: int) -> Rectification:
    """The item ``rectification_id`` of ``department`` (already resolved by the permissions)."""
    row = (Rectification.objects.filter(department=department, pk=rectification_id)
           .select_related("department", "fiscal_year").first())
    if row is None:
        raise RectificationNotFound("整改事项不存在")
    return row


def evaluated_years(*, department: Department) -> list[int]:
    """The years the department has a budget for (the years an item can be raised on)."""
    return sorted(set(Budget.objects.filter(department=department).values_list("fiscal_year__year", flat=True)))


OVERVIEW_FILTERS = ("grade", "year", "q", "overdue")
"""The overview's filters (page and ``/api/results``): 等级, 评价年度, 部门名称 contains, 有逾期整改 (``1``)."""
OVERVIEW_SORTS = {
    "department": lambda r: r.department,
    "year": lambda r: r.latest.year if r.latest else None,
    "score": lambda r: r.latest.score if r.latest and r.latest.score is not None else None,
    "grade": lambda r: "优良中差".find(r.latest.grade) if r.latest and r.latest.grade in ("优", "良", "中", "差") else None,
    "open": lambda r: r.open_rectifications,
    "overdue": lambda r: r.overdue_rectifications,
}
"""Columns the overview sorts by (等级 from 优 to 差)."""


def filter_overview(rows: list[OverviewRow], *, grade: str = "", year: str = "", q: str = "",
                    overdue: str = "") -> list[OverviewRow]:
    """The overview's rows that match every filter given (an empty filter matches all)."""
    if grade:
        rows = [r for r in rows if r.latest is not None and r.latest.grade == grade]
    if year:
        rows = [r for r in rows if r.latest is not None and str(r.latest.year) == year]
    if q:
        rows = [r for r in rows if q in r.department]
    if overdue == "1":
        rows = [r for r in rows if r.overdue_rectifications]
    return rows
