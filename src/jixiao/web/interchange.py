"""Map between the database and ``PerformanceReport`` (数据库 ↔ 交换格式), both ways.

``save_report`` stores a report relationally under its department and year, in one
transaction, updating rows in place (so that history shows what changed) and soft-deleting
rows the new report no longer has. ``load_report`` assembles the report back. A report saved
and loaded again is equal to the original on every field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models, transaction

from jixiao.errors import JixiaoError
from jixiao.extract.sections import sections_of_text
from jixiao.report import (
    Budget as BudgetData,
)
from jixiao.report import (
    ByNature,
    BySource,
    Conflict,
    Evidence,
    Goal,
    MonthlyAmount,
    PerformanceReport,
    ReportSection,
    Source,
    Task,
)
from jixiao.report import (
    Evaluation as EvaluationData,
)
from jixiao.report import (
    Indicator as IndicatorData,
)
from jixiao.web.budgets.models import Budget, MonthlyExecution
from jixiao.web.departments.models import Department, FiscalYear, Region
from jixiao.web.documents.models import SourceDocument
from jixiao.web.evaluation.models import Evaluation, Indicator, KeyTask, PerformanceGoal


class InterchangeError(JixiaoError):
    """A report that cannot be stored (no department or no year)."""


# Report field name → Budget column, where they differ.
_BY_SOURCE_COLUMNS = {"general_public": "general_public", "government_fund": "government_fund",
                      "state_capital": "state_capital", "other": "other_funds"}
_INDICATOR_FIELDS = ("name", "level1", "level2", "op", "target", "target_text", "actual", "actual_text", "unit",
                     "weight", "score", "deviation_reason")
_TEXT_FIELDS = {"level1", "level2", "op", "target_text", "actual_text", "unit", "deviation_reason"}


@transaction.atomic
def save_report(report: PerformanceReport, *, document: SourceDocument | None = None) -> Evaluation:
    """Store ``report`` under its department and year; returns the evaluation row."""
    if not report.department or report.year is None:
        raise InterchangeError("报告缺少部门名称或年度，无法入库")
    department = _department(report.department, report.region)
    fiscal_year, _ = FiscalYear.objects.get_or_create(year=report.year)
    _save_budget(report.budget, department, fiscal_year)
    scope = {"department": department, "fiscal_year": fiscal_year}
    _sync_rows(PerformanceGoal, scope, [{"text": goal.text} for goal in report.goals])
    _sync_rows(KeyTask, scope, [{"title": task.title, "text": task.text} for task in report.tasks])
    _sync_rows(Indicator, scope, [indicator_columns(item) for item in report.indicators])
    evaluation = Evaluation.objects.filter(**scope).first() or Evaluation(**scope)
    for name, value in evaluation_columns(report).items():
        setattr(evaluation, name, value)
    if document is not None:
        evaluation.source_document = document
    evaluation.save()
    return evaluation


def load_report(department: Department, fiscal_year: FiscalYear | int) -> PerformanceReport:
    """Assemble the stored report of ``department`` for ``fiscal_year``."""
    if isinstance(fiscal_year, int):
        fiscal_year = FiscalYear.objects.get(year=fiscal_year)
    scope = {"department": department, "fiscal_year": fiscal_year}
    evaluation = Evaluation.objects.filter(**scope).first()
    budget = Budget.objects.filter(**scope).first()
    return PerformanceReport(
        department=department.name,
        region=department.region.name if department.region else None,
        year=fiscal_year.year,
        kind=evaluation.kind if evaluation else None,
        budget=_budget_data(budget) if budget else BudgetData(),
        evaluation=EvaluationData(
            score=evaluation.score if evaluation else None,
            grade=(evaluation.grade or None) if evaluation else None,
            framework=(evaluation.framework or None) if evaluation else None,
        ),
        goals=[Goal(text=g.text) for g in PerformanceGoal.objects.filter(**scope).order_by("position")],
        tasks=[Task(title=t.title, text=t.text) for t in KeyTask.objects.filter(**scope).order_by("position")],
        indicators=[_indicator_data(i) for i in Indicator.objects.filter(**scope).order_by("position")],
        problems=list(evaluation.problems) if evaluation else [],
        measures=list(evaluation.measures) if evaluation else [],
        sections=_sections(evaluation),
        evidence={p: [Evidence.model_validate(e) for e in spans] for p, spans in (evaluation.evidence or {}).items()}
        if evaluation else {},
        conflicts=[Conflict.model_validate(c) for c in evaluation.conflicts] if evaluation else [],
        warnings=list(evaluation.warnings) if evaluation else [],
        source=Source.model_validate(evaluation.source) if evaluation and evaluation.source else None,
    )


def _sections(evaluation: Evaluation | None) -> list[ReportSection]:
    """The stored sections; for a report stored before they were kept, read again from its source document's text."""
    if evaluation is None:
        return []
    if evaluation.sections:
        return [ReportSection.model_validate(item) for item in evaluation.sections]
    document = evaluation.source_document
    return sections_of_text(document.extracted_text) if document is not None and document.extracted_text else []


def _department(name: str, region_name: str | None) -> Department:
    region = None
    if region_name:
        region = Region.objects.filter(name=region_name).first() or Region.objects.create(name=region_name)
    department = Department.objects.filter(name=name).first()
    if department is None:
        return Department.objects.create(name=name, region=region)
    if region is not None and department.region_id != region.pk:
        department.region = region
        department.save(update_fields=["region", "updated_at"])
    return department


def _save_budget(data: BudgetData, department: Department, fiscal_year: FiscalYear) -> Budget:
    budget = Budget.objects.filter(department=department, fiscal_year=fiscal_year).first()
    budget = budget or Budget(department=department, fiscal_year=fiscal_year)
    for name, value in budget_columns(data).items():
        setattr(budget, name, value)
    budget.save()
    if not data.monthly:
        return budget  # a report that states no months (a published one) leaves the entered months alone
    existing = {row.month: row for row in MonthlyExecution.objects.filter(budget=budget)}
    for item in data.monthly:
        row = existing.pop(item.month, None) or MonthlyExecution(budget=budget, month=item.month)
        if row.pk is None or row.spent != item.spent:
            row.spent = item.spent
            row.save()
    for row in existing.values():
        row.delete()
    return budget


def _budget_data(budget: Budget) -> BudgetData:
    return BudgetData(
        initial=budget.initial,
        total=budget.total,
        spent=budget.spent,
        execution_rate=budget.execution_rate,
        by_source=BySource(**{name: getattr(budget, column) for name, column in _BY_SOURCE_COLUMNS.items()}),
        by_nature=ByNature(basic=budget.basic, project=budget.project),
        carryover=budget.carryover,
        monthly=[MonthlyAmount(month=m.month, spent=m.spent) for m in budget.monthly.order_by("month")],
    )


def budget_columns(data: BudgetData) -> dict[str, Any]:
    """The ``Budget`` columns of a report's budget (months aside)."""
    columns = {name: getattr(data, name) for name in ("initial", "total", "spent", "execution_rate", "carryover")}
    columns.update({column: getattr(data.by_source, name) for name, column in _BY_SOURCE_COLUMNS.items()})
    columns.update(basic=data.by_nature.basic, project=data.by_nature.project)
    return columns


def evaluation_columns(report: PerformanceReport) -> dict[str, Any]:
    """The ``Evaluation`` columns of a report (its source document aside)."""
    return {
        "kind": report.kind or Evaluation.Kind.DEPARTMENT_OVERALL,
        "score": report.evaluation.score,
        "grade": report.evaluation.grade or "",
        "framework": report.evaluation.framework or "",
        "problems": list(report.problems),
        "measures": list(report.measures),
        "sections": [section.model_dump(mode="json") for section in report.sections],
        "evidence": {path: [e.model_dump(mode="json") for e in spans] for path, spans in report.evidence.items()},
        "conflicts": [c.model_dump(mode="json") for c in report.conflicts],
        "warnings": list(report.warnings),
        "source": report.source.model_dump(mode="json") if report.source else None,
    }


def indicator_columns(item: IndicatorData) -> dict[str, Any]:
    """The ``Indicator`` columns of a report's indicator (text columns hold "" for none)."""
    row = {name: getattr(item, name) for name in _INDICATOR_FIELDS}
    return {name: ("" if value is None and name in _TEXT_FIELDS else value) for name, value in row.items()}


def _indicator_data(row: Indicator) -> IndicatorData:
    values = {name: getattr(row, name) for name in _INDICATOR_FIELDS}
    return IndicatorData(**{name: (None if value == "" and name in _TEXT_FIELDS else value)
                            for name, value in values.items()})


def _sync_rows(model: type[models.Model], scope: dict[str, Any], rows: Sequence[dict[str, Any]]) -> None:
    """Make the alive rows of ``model`` in ``scope`` equal ``rows``, position by position.

    Rows are updated in place where they changed, created where new and soft-deleted where
    the report has fewer, so the history of each row reads as a list of real edits.
    """
    existing = list(model.objects.filter(**scope).order_by("position", "pk"))  # type: ignore[attr-defined]
    for position, values in enumerate(rows):
        if position < len(existing):
            row = existing[position]
            changed = [name for name, value in values.items() if getattr(row, name) != value]
            if changed or row.position != position:
                for name in changed:
                    setattr(row, name, values[name])
                row.position = position
                row.save()
        else:
            model.objects.create(**scope, position=position, **values)  # type: ignore[attr-defined]
    for row in existing[len(rows):]:
        row.delete()
