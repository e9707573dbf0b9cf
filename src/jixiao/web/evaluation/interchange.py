"""Map between the database and ``PerformanceReport`` (数据库 ↔ 交换格式): the evaluation app's rows.

A department-year's report is its ``Budget`` (the budgets app maps that: ``budget_columns``,
``budget_data``) and the rows here: goals, key tasks and indicators kept in the report's order,
and the ``Evaluation`` with score, grade, narrative and evidence. ``assemble_report`` assembles it;
``flows.save_report`` writes it. A report saved and loaded again is equal to the original on
every field. Other apps read it through ``selectors.assemble_report``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models

from jixiao.errors import JixiaoError
from jixiao.extract.sections import sections_of_text
from jixiao.report import Budget as BudgetData
from jixiao.report import Conflict, Evidence, Goal, PerformanceReport, ReportSection, Source, Task
from jixiao.report import Evaluation as EvaluationData
from jixiao.report import Indicator as IndicatorData
from jixiao.web.budgets.models import Budget
from jixiao.web.budgets.selectors import budget_data
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.evaluation.models import Evaluation, Indicator, KeyTask, PerformanceGoal


class InterchangeError(JixiaoError):
    """A report that cannot be stored (no department or no year)."""


_INDICATOR_FIELDS = ("name", "level1", "level2", "op", "target", "target_text", "actual", "actual_text", "unit",
                     "weight", "score", "deviation_reason")
_TEXT_FIELDS = {"level1", "level2", "op", "target_text", "actual_text", "unit", "deviation_reason"}


def assemble_report(department: Department, fiscal_year: FiscalYear | int) -> PerformanceReport:
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
        budget=budget_data(budget) if budget else BudgetData(),
        evaluation=EvaluationData(
            score=evaluation.score if evaluation else None,
            grade=(evaluation.grade or None) if evaluation else None,
            framework=(evaluation.framework or None) if evaluation else None,
        ),
        goals=[Goal(text=g.text) for g in PerformanceGoal.objects.filter(**scope).order_by("position")],
        tasks=[Task(title=t.title, text=t.text) for t in KeyTask.objects.filter(**scope).order_by("position")],
        indicators=[indicator_data(i) for i in Indicator.objects.filter(**scope).order_by("position")],
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


def indicator_data(row: Indicator) -> IndicatorData:
    """A stored indicator as the report states it (``jixiao.report.Indicator``; "" columns are None)."""
    values = {name: getattr(row, name) for name in _INDICATOR_FIELDS}
    return IndicatorData(**{name: (None if value == "" and name in _TEXT_FIELDS else value)
                            for name, value in values.items()})


def sync_rows(model: type[models.Model], scope: dict[str, Any], rows: Sequence[dict[str, Any]]) -> None:
    """Make the alive rows of ``model`` in ``scope`` equal ``rows``, position by position.

    Rows are updated in place where they changed, created where new and soft-deleted where
    the report has fewer, so the history of each row reads as a list of real edits.
    """
    existing = list(model.objects.filter(**scope).order_by("position", "pk"))  # type: ignore[attr-defined]  # every concrete model passed has objects; type[Model] does not
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
            model.objects.create(**scope, position=position, **values)  # type: ignore[attr-defined]  # as above
    for row in existing[len(rows):]:
        row.delete()
