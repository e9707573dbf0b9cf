"""Reads of goal declarations (绩效目标申报查询): one department-year's state, the review queue."""

from __future__ import annotations

from dataclasses import dataclass, field

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
