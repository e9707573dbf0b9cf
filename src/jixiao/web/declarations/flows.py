"""Writes that cross apps and start here (流程): saving a goal declaration (保存绩效目标申报).

The declaration's workflow row is this app's; the goals and indicators it declares are the
evaluation app's rows of the department-year (the same rows the year-end self-evaluation fills)
and the declared budget is the budgets app's, so one save writes all three in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from jixiao.report import Indicator as IndicatorData
from jixiao.web.budgets.services import FiscalYearClosed, declare_budget
from jixiao.web.common.locking import check_version
from jixiao.web.declarations.models import GoalDeclaration
from jixiao.web.declarations.selectors import declaration_parts
from jixiao.web.declarations.services import DeclarationLocked, DeclaredBudget, declaration_row
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.evaluation.services import save_declared_goals
from jixiao.web.indicators.services import LibraryChoice


@transaction.atomic
def save_declaration(*, department: Department, year: int, goals: Sequence[str],
                     indicators: Sequence[tuple[int | None, IndicatorData]], budget: DeclaredBudget | None = None,
                     version: int | None = None, links: Sequence[LibraryChoice] | None = None) -> GoalDeclaration:
    """Save the year's goals and indicators (保存绩效目标申报) while it is 草稿 or 已退回.

    ``version``: the declaration's as the user saw it; saved by someone else since → ``EditConflict``,
    nothing written (``None``: no check). ``links``: the form's 指标库 choice per indicator (see
    ``evaluation.services.save_declared_goals``).
    """
    fiscal_year, _ = FiscalYear.objects.get_or_create(year=year)
    if fiscal_year.is_closed:
        raise FiscalYearClosed(f"{year} 年度已结账，不能修改绩效目标")
    declaration = declaration_row(department, year)
    parts = declaration_parts(department, year)
    for part in parts[1:]:
        list(part.select_for_update())  # the rows it is made of, locked before the version is read
    check_version(version, *parts, what=f"{department.name} {year} 年度绩效目标")
    if declaration is None:
        declaration = GoalDeclaration.objects.create(department=department, fiscal_year=fiscal_year)
    if not declaration.editable:
        raise DeclarationLocked(f"{year} 年度绩效目标{declaration.get_status_display()}，不能修改")
    save_declared_goals(department=department, fiscal_year=fiscal_year, goals=goals, indicators=indicators,
                        links=links)
    if budget is not None:
        declare_budget(department=department, year=year, initial=budget.initial, basic=budget.basic,
                       project=budget.project)
    return declaration
