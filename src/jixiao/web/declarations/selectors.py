"""Reads of goal declarations (绩效目标申报查询): one department-year's state, the review queue."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Case, IntegerField, QuerySet, Value, When

from jixiao.declaration import Problem, ReviewScheme, check_declaration, load_review_scheme
from jixiao.report import Budget as BudgetData
from jixiao.report import Goal
from jixiao.report import Indicator as IndicatorData
from jixiao.web.accounts.models import User
from jixiao.web.budgets.models import Budget
from jixiao.web.budgets.selectors import budget_data
from jixiao.web.common.locking import version_of
from jixiao.web.declarations.models import GoalDeclaration, GoalReview
from jixiao.web.departments.models import Department
from jixiao.web.evaluation.models import Indicator, PerformanceGoal
from jixiao.web.evaluation.selectors import indicator_data


@dataclass
class DeclarationState:
    """What a declaration page or the API shows: the workflow row, the rows declared, their problems."""

    department: Department
    year: int
    declaration: GoalDeclaration  # unsaved (草稿) when nothing was declared yet
    goals: list[PerformanceGoal]
    indicators: list[Indicator]
    budget: Budget | None
    problems: list[Problem]
    reviews: list[GoalReview]
    scheme: ReviewScheme = field(default_factory=load_review_scheme)
    version: int = 0
    """乐观锁版本 (``declaration_version``): sent back with the form and the API's PUT."""

    @property
    def blocking(self) -> list[Problem]:
        return [p for p in self.problems if p.blocking]

    def problems_of(self, index: int) -> list[Problem]:
        return [p for p in self.problems if p.indicator == index]

    @property
    def general_problems(self) -> list[Problem]:
        return [p for p in self.problems if p.indicator is None]


def declared_data(goals: list[PerformanceGoal], indicators: list[Indicator], budget: Budget | None
                  ) -> tuple[list[Goal], list[IndicatorData], BudgetData | None]:
    """The stored rows as the core's plain data (the shape ``check_declaration`` takes)."""
    return ([Goal(text=g.text) for g in goals], [indicator_data(i) for i in indicators],
            budget_data(budget) if budget is not None else None)


def declaration_parts(department: Department, year: int) -> tuple[QuerySet, ...]:
    """The rows a year's declaration is made of (deleted ones included): its version (乐观锁) is theirs."""
    scope = {"department": department, "fiscal_year__year": year}
    return (GoalDeclaration.all_objects.filter(**scope), PerformanceGoal.all_objects.filter(**scope),
            Indicator.all_objects.filter(**scope), Budget.all_objects.filter(**scope))


def declaration_version(department: Department, year: int) -> int:
    return version_of(*declaration_parts(department, year))


def declaration_state(*, department: Department, year: int) -> DeclarationState:
    """The department's declaration of ``year`` (年度绩效目标申报) with its problems and review history."""
    scope = {"department": department, "fiscal_year__year": year}
    declaration = (GoalDeclaration.objects.filter(**scope).select_related("submitted_by").first()
                   or GoalDeclaration(department=department, status=GoalDeclaration.Status.DRAFT))
    goals = list(PerformanceGoal.objects.filter(**scope).order_by("position", "pk"))
    indicators = list(Indicator.objects.filter(**scope).order_by("position", "pk"))
    budget = Budget.objects.filter(**scope).first()
    problems = check_declaration(*declared_data(goals, indicators, budget))
    reviews = list(declaration.reviews.select_related("reviewer")) if declaration.pk else []
    return DeclarationState(department, year, declaration, goals, indicators, budget, problems, reviews,
                            version=declaration_version(department, year))


def declaration_queue(*, user: User, status: str | None = None) -> QuerySet[GoalDeclaration]:
    """The declarations ``user`` sees (目标审核队列): submitted ones first, then by year and department."""
    visible = Department.objects.visible_to(user)
    rows = GoalDeclaration.objects.filter(department__in=visible).select_related("department", "fiscal_year")
    if status:
        rows = rows.filter(status=status)
    waiting = Case(When(status=GoalDeclaration.Status.SUBMITTED, then=Value(0)), default=Value(1),
                   output_field=IntegerField())
    return rows.annotate(waiting=waiting).order_by("waiting", "-fiscal_year__year", "department__name")


@dataclass(frozen=True)
class QueueRow:
    """One line of the declarations list: a stored declaration, or a department-year with data and no row yet (草稿)."""

    department: Department
    year: int
    status: str
    status_label: str
    submitted_at: datetime | None = None
    stored: bool = True

    @property
    def department_id(self) -> int:
        return self.department.pk


DECLARATION_FILTERS = ("status", "year", "department")
"""The list's filters (page and ``/api/declarations``): 状态, 年度, 部门 (id)."""


def declaration_list(*, user: User, status: str = "", year: str = "", department: str = "") -> list[QueueRow]:
    """目标申报/审核列表: the stored declarations ``user`` sees, 已提交 first, then by year and department.

    A department user also sees, as 草稿, every year its departments have goals, indicators or a
    budget of but no declaration row yet — the drafts a report or a budget left behind.
    """
    from jixiao.web.common.listing import as_number

    year_number, department_id = as_number(year), as_number(department)
    rows = declaration_queue(user=user, status=status or None)
    if year_number is not None:
        rows = rows.filter(fiscal_year__year=year_number)
    if department_id is not None:
        rows = rows.filter(department_id=department_id)
    listed = [QueueRow(d.department, d.fiscal_year.year, d.status, d.get_status_display(), d.submitted_at)
              for d in rows]
    if user.sees_all_departments or status not in ("", GoalDeclaration.Status.DRAFT):
        return listed
    visible = Department.objects.visible_to(user)
    if department_id is not None:
        visible = visible.filter(pk=department_id)
    stored = {(r.department.pk, r.year) for r in listed} | set(
        GoalDeclaration.objects.filter(department__in=visible).values_list("department_id", "fiscal_year__year"))
    found: set[tuple[int, int]] = set()
    for model in (PerformanceGoal, Indicator, Budget):
        found |= set(model.objects.filter(department__in=visible).values_list("department_id", "fiscal_year__year"))
    if year_number is not None:
        found = {(d, y) for d, y in found if y == year_number}
    departments = {d.pk: d for d in visible.filter(pk__in={d for d, _ in found})}
    drafts = [QueueRow(departments[d], y, GoalDeclaration.Status.DRAFT, "草稿（未提交）", None, stored=False)
              for d, y in sorted(found - stored, key=lambda k: (-k[1], departments[k[0]].name))]
    waiting = [r for r in listed if r.status == GoalDeclaration.Status.SUBMITTED]
    return waiting + sorted([r for r in listed if r not in waiting] + drafts,
                            key=lambda r: (-r.year, r.department.name))


def next_declaration_years(*, user: User) -> list[tuple[Department, int]]:
    """Each of the user's own departments with the year its next declaration is for (新建申报):
    the year after the latest it has a budget, goals or a declaration of."""
    if user.sees_all_departments:
        return []
    visible = list(Department.objects.visible_to(user).order_by("name"))
    latest: dict[int, int] = {}
    for model in (PerformanceGoal, Budget, GoalDeclaration):
        for pk, year in model.objects.filter(department__in=visible).values_list("department_id", "fiscal_year__year"):
            latest[pk] = max(latest.get(pk, 0), year)
    return [(d, latest[d.pk] + 1) for d in visible if d.pk in latest]
