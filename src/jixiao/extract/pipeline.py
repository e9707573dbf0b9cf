"""Text → :class:`~jixiao.report.PerformanceReport` (报告抽取): the order of the extraction steps.

Normalise and outline the text once (:func:`jixiao.text.parse_document`), let each step add
candidates and evidence to one :class:`~jixiao.extract.facts.Facts`, resolve conflicts, and
build the report. Text that shows none of a report's marks (title, year, budget) is refused
with :class:`ExtractError`.
"""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.errors import JixiaoError
from jixiao.extract.budget import extract_budget
from jixiao.extract.evaluation import extract_evaluation
from jixiao.extract.facts import Facts
from jixiao.extract.genre import refusal_reason
from jixiao.extract.header import extract_header
from jixiao.extract.indicators import extract_indicators
from jixiao.extract.narrative import extract_goals, extract_measures, extract_problems, extract_tasks
from jixiao.extract.sections import extract_sections
from jixiao.figures.labels import label as figure_label
from jixiao.report import (
    Budget,
    ByNature,
    BySource,
    Evaluation,
    FundingRow,
    PerformanceReport,
    Project,
    ProjectFunds,
    Source,
)
from jixiao.text.document import Document, parse_document

_MAX_CHARS = 5_000_000
INTERNAL_ERROR = "抽取时发生内部错误"


class ExtractError(JixiaoError):
    """The text is not a performance report (不是绩效自评报告) or cannot be read as one."""


def extract_report(
    text: str, *, page_starts: Sequence[int] = (), source: Source | None = None
) -> PerformanceReport:
    """Read a 绩效自评报告 from its text; every value carries evidence in original offsets."""
    return extract_document(text, page_starts=page_starts, source=source)[1]


def extract_document(
    text: str, *, page_starts: Sequence[int] = (), source: Source | None = None
) -> tuple[Document, PerformanceReport]:
    """The parsed document and its report, for callers that go on with the text (the review's text rules).

    Refuses empty or oversized text, and turns an internal error into ``ExtractError``, so that
    a batch goes on with the next file.
    """
    if not isinstance(text, str):
        raise ExtractError("输入不是文本")
    if not text.strip():
        raise ExtractError("文本为空")
    if len(text) > _MAX_CHARS:
        raise ExtractError(f"文本过长（{len(text)}字），超过{_MAX_CHARS}字上限")
    try:
        document = parse_document(text, page_starts)
        return document, report_from_document(document, source=source)
    except ExtractError:
        raise
    except (ValueError, ArithmeticError, LookupError, TypeError) as error:
        # a batch import must go on with the next file; the fuzz tests make sure this stays unused
        raise ExtractError(f"{INTERNAL_ERROR}：{type(error).__name__}") from error


def report_from_document(document: Document, *, source: Source | None = None) -> PerformanceReport:
    """The report of an already parsed document (the review reuses the document)."""
    facts = Facts(document)
    identity = extract_header(facts)
    extract_budget(facts)
    extract_evaluation(facts)
    year = facts.resolve("year")
    budget = Budget(
        initial=facts.resolve("budget.initial"),
        total=facts.resolve("budget.total"),
        spent=facts.resolve("budget.spent"),
        execution_rate=facts.resolve("budget.execution_rate"),
        by_source=BySource(
            **{name: facts.resolve(f"budget.by_source.{name}") for name in BySource.model_fields}
        ),
        by_nature=ByNature(
            **{name: facts.resolve(f"budget.by_nature.{name}") for name in ByNature.model_fields}
        ),
        carryover=facts.resolve("budget.carryover"),
        funds=ProjectFunds(**{
            name: FundingRow(**{column: facts.resolve(f"budget.funds.{name}.{column}") for column in FundingRow.model_fields})
            for name in ProjectFunds.model_fields
        }),
    )
    department = facts.resolve("department")
    has_budget = any(value is not None for value in (budget.total, budget.spent, budget.execution_rate))
    reason = refusal_reason(identity, has_identity=department is not None or year is not None, has_budget=has_budget)
    if reason is not None:
        raise ExtractError(reason)
    kind = facts.resolve("kind")
    report = PerformanceReport(
        title=facts.resolve("title"),
        department=department,
        region=facts.resolve("region"),
        year=year,
        kind=kind,
        form=facts.resolve("form"),
        project=_project(facts) if kind == "project" else None,
        budget=budget,
        evaluation=Evaluation(
            score=facts.resolve("evaluation.score"), grade=facts.resolve("evaluation.grade")
        ),
        goals=extract_goals(facts),
        tasks=extract_tasks(facts),
        indicators=extract_indicators(facts),
        problems=extract_problems(facts),
        measures=extract_measures(facts),
        sections=extract_sections(facts),
        source=source,
    )
    _warn_missing(report, facts)
    report.evidence = facts.evidence
    report.conflicts = facts.conflicts
    report.warnings = _unique(facts.warnings)
    return report


def _project(facts: Facts) -> Project:
    return Project(**{name: facts.resolve(f"project.{name}") for name in Project.model_fields})


def _warn_missing(report: PerformanceReport, facts: Facts) -> None:
    for value, label in (
        (report.department, figure_label("department")),
        (report.year, figure_label("year")),
        (report.budget.total, figure_label("budget.total")),
        (report.budget.spent, figure_label("budget.spent")),
        (report.budget.execution_rate, figure_label("budget.execution_rate")),
        (report.evaluation.score, figure_label("evaluation.score")),
        (report.evaluation.grade, figure_label("evaluation.grade")),
    ):
        if value is None and not any(label in warning for warning in facts.warnings):
            facts.warnings.append(f"未找到{label}")
    for issue in facts.document.outline.numbering_issues:
        facts.warnings.append(f"标题编号有误：“{issue.title}”应为第{issue.expected}项")


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
