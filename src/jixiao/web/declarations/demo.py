"""Demo declarations (演示申报): generated departments' goals in each state of the review flow.

The first generated department's latest year waits in the finance bureau's queue (已提交), the
second was approved (优), the third returned with a comment (中). Each goes through the real
services (submit validates, review follows the scheme), submitted by the demo admin (the generated departments have no user of their own) and
reviewed by the demo finance account, so it runs once the accounts exist.
"""

from __future__ import annotations

from django.db import transaction

from jixiao import synthetic
from jixiao.web.accounts.models import Role, User
from jixiao.web.budgets.models import Budget
from jixiao.web.common.demo_dates import demo_moment
from jixiao.web.declarations.models import GoalDeclaration, GoalReview
from jixiao.web.declarations.services import review_declaration, submit_declaration
from jixiao.web.departments.models import Department

DIMENSIONS = ("completeness", "relevance", "appropriateness", "feasibility")
REVIEWS = (None, ("优", "目标明确，指标细化量化，与预算相匹配。"),
           ("中", "满意度指标偏少，部分指标值低于上年实际完成值，请修改后重新报送。"))


@transaction.atomic
def load_declarations(*, count: int = 3) -> int:
    """Give up to ``count`` generated departments a declaration of their latest year; returns how many."""
    reviewer = User.objects.filter(role=Role.FINANCE).order_by("pk").first()
    submitter = User.objects.filter(role=Role.ADMIN).order_by("pk").first()
    names = [synthetic.department(i).name for i in range(count)]
    made = 0
    for name, review in zip(names, REVIEWS, strict=False):
        department = Department.objects.filter(name=name).first()
        budget = Budget.objects.filter(department=department).order_by("-fiscal_year__year").first()
        if department is None or budget is None or submitter is None or (review is not None and reviewer is None):
            continue
        year = budget.fiscal_year.year
        GoalDeclaration.objects.get_or_create(department=department, fiscal_year=budget.fiscal_year)
        submit_declaration(department=department, year=year, user=submitter)
        if review is not None and reviewer is not None:  # (a review without a reviewer was skipped above)
            grade, comment = review
            review_declaration(department=department, year=year, reviewer=reviewer,
                               grades=dict.fromkeys(DIMENSIONS, grade), overall=grade, comment=comment)
        # declared with the budget before the year, reviewed soon after (not on the day the demo was loaded)
        declared = demo_moment("declaration", year)
        GoalDeclaration.objects.filter(department=department, fiscal_year=budget.fiscal_year).update(
            created_at=declared, submitted_at=declared)
        GoalReview.objects.filter(declaration__department=department, declaration__fiscal_year=budget.fiscal_year
                                  ).update(created_at=demo_moment("goal_review", year))
        made += 1
    return made
