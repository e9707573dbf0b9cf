"""Writes of rectification (整改): each in one transaction, each leaving history.

Who writes what is declared on the callers (``permissions.py``): the finance bureau calls
``create_rectification`` (问题, 整改意见, 整改期限); the department ``answer_rectification``
(整改措施, 整改状态, 整改情况) and ``rectifications_from_evaluation``; the admin all.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from jixiao.errors import JixiaoError
from jixiao.web.common.locking import check_version
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.evaluation.models import Evaluation
from jixiao.web.results.models import Rectification


class RectificationNotFound(JixiaoError):
    """No such rectification item of the department (未找到整改事项)."""


class EvaluationYearNotFound(JixiaoError):
    """The department has no self-evaluation (or no fiscal year) for the year asked (无该年度自评)."""


class RectificationInvalid(JixiaoError):
    """The answer breaks a rule of rectification (整改情况未填写 …)."""


def _fiscal_year(year: int) -> FiscalYear:
    fiscal_year = FiscalYear.objects.filter(year=year).first()
    if fiscal_year is None:
        raise EvaluationYearNotFound(f"没有 {year} 预算年度")
    return fiscal_year


@transaction.atomic
def create_rectification(*, department: Department, year: int, problem: str, feedback: str = "",
                         deadline: date | None = None, source: str = Rectification.Source.FINANCE_REVIEW
                         ) -> Rectification:
    """Raise a rectification item (提出整改意见) on ``department`` for the evaluated ``year``."""
    if not problem.strip():
        raise RectificationInvalid("请填写问题")
    return Rectification.objects.create(department=department, fiscal_year=_fiscal_year(year), source=source,
                                        problem=problem.strip(), feedback=feedback.strip(), deadline=deadline)


@transaction.atomic
def answer_rectification(*, rectification: Rectification, measure: str, status: str, progress: str,
                         version: int | None = None) -> Rectification:
    """The department's answer (整改情况): measure, status and what was done; updated in place.

    ``version``: the item's as the user saw it; changed since → ``EditConflict`` (``None``: no check).
    """
    if status not in Rectification.Status.values:
        raise RectificationInvalid(f"整改状态应为 {'、'.join(Rectification.Status.labels)}")
    if status != Rectification.Status.OPEN and not progress.strip():
        raise RectificationInvalid(f"整改状态为“{Rectification.Status(status).label}”时请填写整改情况")
    row = Rectification.objects.select_for_update().get(pk=rectification.pk)
    check_version(version, row, what=f"整改事项“{row.problem[:20]}”")
    values = {"measure": measure.strip(), "status": status, "progress": progress.strip()}
    if any(getattr(row, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(row, name, value)
        row.save()  # one save, one history row with old → new of every changed field
    return row


@transaction.atomic
def rectifications_from_evaluation(*, department: Department, year: int) -> list[Rectification]:
    """Turn the year's self-evaluation problems and measures (存在问题/改进措施) into items (自评发现).

    Problems and measures pair by position; a measure beyond the last problem joins the last
    item. A problem already turned into an item is skipped, so a second click adds nothing.
    """
    evaluation = Evaluation.objects.filter(department=department, fiscal_year__year=year).select_related(
        "fiscal_year").first()
    if evaluation is None:
        raise EvaluationYearNotFound(f"{department.name} 没有 {year} 年度自评")
    problems = [str(p).strip() for p in evaluation.problems if str(p).strip()]
    measures = [str(m).strip() for m in evaluation.measures if str(m).strip()]
    if problems and len(measures) > len(problems):
        measures = [*measures[:len(problems) - 1], "\n".join(measures[len(problems) - 1:])]
    existing = set(Rectification.objects.filter(department=department, fiscal_year=evaluation.fiscal_year,
                                                source=Rectification.Source.SELF_EVALUATION)
                   .values_list("problem", flat=True))
    created = []
    for index, problem in enumerate(problems):
        if problem in existing:
            continue
        created.append(Rectification.objects.create(
            department=department, fiscal_year=evaluation.fiscal_year, source=Rectification.Source.SELF_EVALUATION,
            problem=problem, measure=measures[index] if index < len(measures) else ""))
    return created

