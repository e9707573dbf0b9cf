"""Writes of goal declaration and review (绩效目标申报与审核): each atomic, each leaving history.

Saving a declaration writes other apps' rows too, so it is a flow (``flows.save_declaration``);
submitting, reviewing and reopening change only this app's workflow row.

草稿/已退回 → (save goals and indicators) → submit (no blocking problem) → 已提交 → review by the
finance bureau → 已通过 or 已退回 as the grade's consequence in the review scheme says →
(a returned one) edited and submitted again. Rows are updated in place, removed ones are
soft-deleted, so the history of every goal and indicator reads old → new.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from jixiao.declaration import Problem, load_review_scheme
from jixiao.errors import JixiaoError
from jixiao.web.accounts.models import User
from jixiao.web.declarations.models import GoalDeclaration, GoalReview
from jixiao.web.declarations.selectors import declaration_state
from jixiao.web.departments.models import Department


class DeclarationLocked(JixiaoError):
    """The declaration is submitted or approved (已提交/已通过): its goals no longer change (409)."""


class DeclarationStateError(JixiaoError):
    """The declaration is not in the state this step needs, e.g. reviewing a draft (409)."""


class DeclarationInvalid(JixiaoError):
    """Submission refused: the declaration has blocking problems (422)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("绩效目标申报有须修改的问题，不能提交：" + "；".join(p.message for p in problems))


class InvalidReview(JixiaoError):
    """A review with a missing or unknown grade (422)."""


@dataclass(frozen=True)
class DeclaredBudget:
    """申报预算: 年初预算数 and its split into 基本支出 / 项目支出, in 万元."""

    initial: Decimal | None
    basic: Decimal | None = None
    project: Decimal | None = None


def declaration_row(department: Department, year: int, *, lock: bool = True) -> GoalDeclaration | None:
    """The workflow row of the department's declaration of ``year`` (locked for update), or None."""
    rows = GoalDeclaration.objects.filter(department=department, fiscal_year__year=year)
    return (rows.select_for_update() if lock else rows).first()


@transaction.atomic
def submit_declaration(*, department: Department, year: int, user: User) -> GoalDeclaration:
    """Submit the declaration for review (提交绩效目标): only with no blocking problem; editing is then locked."""
    declaration = declaration_row(department, year)
    if declaration is None:
        raise DeclarationStateError(f"{year} 年度尚未填报绩效目标")
    if not declaration.editable:
        raise DeclarationLocked(f"{year} 年度绩效目标{declaration.get_status_display()}，不能再次提交")
    problems = declaration_state(department=department, year=year).blocking
    if problems:
        raise DeclarationInvalid(problems)
    declaration.status = GoalDeclaration.Status.SUBMITTED
    declaration.submitted_at = timezone.now()
    declaration.submitted_by = user
    declaration.save()
    return declaration


@transaction.atomic
def review_declaration(*, department: Department, year: int, reviewer: User, grades: dict[str, str],
                       overall: str, comment: str = "") -> GoalReview:
    """Review a submitted declaration (目标审核): a grade per dimension and overall; the overall grade's
    consequence in the scheme approves it (已通过) or returns it (已退回)."""
    declaration = declaration_row(department, year)
    if declaration is None or declaration.status != GoalDeclaration.Status.SUBMITTED:
        raise DeclarationStateError(f"{year} 年度绩效目标未提交，不能审核")
    verdict = judge_review(grades=grades, overall=overall, comment=comment)
    review = GoalReview.objects.create(declaration=declaration, reviewer=reviewer, **verdict.fields)
    declaration.status = GoalDeclaration.Status.APPROVED if verdict.approves else GoalDeclaration.Status.RETURNED
    declaration.save()
    return review


@dataclass(frozen=True)
class ReviewVerdict:
    """A checked 目标审核: the fields of a ``ReviewRecord`` and whether the grade approves."""

    fields: dict[str, Any]
    approves: bool


def judge_review(*, grades: dict[str, str], overall: str, comment: str = "") -> ReviewVerdict:
    """Check a review against the scheme (every dimension graded, known grades) and give its consequence:
    the one rule of 目标审核 for department and project declarations alike."""
    scheme = load_review_scheme()
    allowed = "、".join(scheme.grade_names)
    for dimension in scheme.dimensions:
        if grades.get(dimension.key) not in scheme.grade_names:
            raise InvalidReview(f"{dimension.name}的审核等级应为{allowed}之一")
    unknown = set(grades) - {d.key for d in scheme.dimensions}
    if unknown:
        raise InvalidReview(f"没有这个审核维度：{'、'.join(sorted(unknown))}")
    if overall not in scheme.grade_names:
        raise InvalidReview(f"审核结果应为{allowed}之一")
    grade = scheme.grade(overall)
    return ReviewVerdict(fields={
        "scheme": scheme.name, "grades": {d.key: grades[d.key] for d in scheme.dimensions}, "overall": overall,
        "consequence": grade.consequence, "decision": grade.decision, "comment": comment.strip()},
        approves=grade.approves)


@transaction.atomic
def reopen_declaration(*, department: Department, year: int) -> GoalDeclaration:
    """Take a returned declaration back to draft (退回后重新编辑)."""
    declaration = declaration_row(department, year)
    if declaration is None or declaration.status != GoalDeclaration.Status.RETURNED:
        raise DeclarationStateError(f"{year} 年度绩效目标未被退回，无需重新编辑")
    declaration.status = GoalDeclaration.Status.DRAFT
    declaration.save()
    return declaration
