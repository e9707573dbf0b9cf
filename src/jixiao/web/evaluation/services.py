"""Writes to the department-year's goals, indicators and self-evaluation (绩效目标与年终自评).

``save_declared_goals`` writes what a goal declaration sets (the declarations app's flow calls it).
``save_self_evaluation`` (年终自评填报) writes actuals, 偏差原因, narrative, then the core's score:

One transaction: the stored report with the entered values applied is checked by the core
(``missing_reasons``: a reason is owed where an indicator is unmet or at/above the 130% line) and
scored (``score_report``) before anything is written; a failed check raises and nothing changes.
Then each changed row is saved once, in place (django-simple-history keeps who and old → new),
with the engine's score of the row, and the total, grade and framework go on ``Evaluation``, so
the board and the downloads show the new figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypedDict

from django.db import models, transaction
from django.utils import timezone

from jixiao.errors import JixiaoError
from jixiao.report import Indicator as IndicatorData
from jixiao.report import PerformanceReport
from jixiao.scoring import (
    ScoreResult,
    assess_indicators,
    default_framework_for,
    missing_reasons,
    qualitative_levels,
    score_report,
)
from jixiao.text.quoting import quoted
from jixiao.web.budgets.models import Budget
from jixiao.web.budgets.services import BudgetNotFound, FiscalYearClosed
from jixiao.web.common.locking import check_version
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.evaluation.interchange import assemble_report, sync_rows
from jixiao.web.evaluation.models import Evaluation, Indicator, KeyTask, PerformanceGoal
from jixiao.web.evaluation.selectors import self_evaluation_parts
from jixiao.web.indicators.services import LibraryChoice, library_link, usual_industry

DECLARED_FIELDS = ("level1", "level2", "name", "op", "target", "target_text", "unit", "weight")
"""What a declaration sets on an indicator; actual values and scores belong to the self-evaluation."""
_TEXT = {"level1", "level2", "op", "target_text", "unit"}

ACTUAL_PLACES = 4
"""Decimals an actual value keeps: the ``QuantityField`` it is stored in (15 digits, 4 places)."""
ACTUAL_LIMIT = Decimal(10) ** 11


@transaction.atomic(savepoint=False)
def save_declared_goals(*, department: Department, fiscal_year: FiscalYear, goals: Sequence[str],
                        indicators: Sequence[tuple[int | None, IndicatorData]],
                        links: Sequence[LibraryChoice] | None = None) -> None:
    """Write the declared goals (by position) and indicators (by id, else 三级指标 name) of the year (申报目标).

    Rows are updated in place and the ones no longer declared soft-deleted, so the same
    declaration saved twice changes nothing. No savepoint: it is a step of ``save_declaration``.
    ``links`` (one per indicator, from the declaration form's picker) link each row to the 指标库 and
    keep its 评(扣)分标准; a free-text row is proposed for review. ``None`` leaves the links alone.
    """
    scope: dict[str, object] = {"department": department, "fiscal_year": fiscal_year}
    sync_rows(PerformanceGoal, scope, [{"text": text.strip()} for text in goals if text.strip()])
    _sync_indicators(scope, indicators, links)


def _library_values(department: Department, item: IndicatorData, choice: LibraryChoice) -> dict[str, object]:
    return library_link(choice=choice, item=item, department=department,
                        industry_hint=usual_industry(Indicator.objects.filter(department=department)))


def _declared_values(item: IndicatorData) -> dict[str, object]:
    return {name: ("" if getattr(item, name) is None and name in _TEXT else getattr(item, name))
            for name in DECLARED_FIELDS}


def _sync_indicators(scope: dict[str, object], items: Sequence[tuple[int | None, IndicatorData]],
                     links: Sequence[LibraryChoice] | None = None) -> None:
    """Match each item to a row by id, else by name (三级指标名称) among the unclaimed rows; update in place,
    create the new ones, soft-delete the rows no item claims."""
    existing = {row.pk: row for row in Indicator.objects.filter(**scope)}
    claimed = {pk for pk, _ in items if pk in existing}
    by_name = {row.name: row for pk, row in existing.items() if pk not in claimed}
    kept: set[int] = set()
    for position, (pk, item) in enumerate(items):
        row = existing.get(pk) if pk is not None else None
        if row is None:
            row = by_name.pop(item.name, None)
        values = {**_declared_values(item), "position": position}
        if links is not None:
            values.update(_library_values(scope["department"], item, links[position]))  # type: ignore[arg-type]  # the scope's department is a Department
        if row is None or row.pk in kept:
            row = Indicator.objects.create(**scope, **values)
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
        kept.add(row.pk)
    for pk, row in existing.items():
        if pk not in kept:
            row.delete()


class SelfEvaluationInvalid(JixiaoError):
    """The self-evaluation breaks a rule (缺少偏差原因、无效档次 …); nothing was saved.

    ``indicators`` maps an indicator's position to its message, ``missing_reason`` says which of
    them are a 偏差原因 owed (the others are a bad value), ``fields`` maps a part of the entry
    (``indicators``, ``tasks``) to its message; ``str(exc)`` joins them all.
    """

    def __init__(self, *, indicators: Mapping[int, str] | None = None, missing_reason: set[int] | None = None,
                 fields: Mapping[str, str] | None = None) -> None:
        self.indicators = dict(indicators or {})
        self.missing_reason = set(missing_reason or ())
        self.fields = dict(fields or {})
        super().__init__("；".join([*self.indicators.values(), *self.fields.values()]))


class SelfEvaluationLocked(JixiaoError):
    """The self-evaluation was submitted (已提交): it no longer changes until an admin sends it back."""


class IndicatorEntry(TypedDict, total=False):
    """What a department enters for one indicator; a key left out keeps the stored value."""

    actual: Decimal | None
    """实际完成值 of a quantitative indicator."""
    level: str | None
    """达成 / 部分达成 / 未达成 of a qualitative indicator."""
    deviation_reason: str
    """偏差原因分析及改进措施."""


@dataclass(frozen=True)
class SelfEvaluationSaved:
    evaluation: Evaluation
    score: ScoreResult
    changed: int
    """How many rows changed (indicators, tasks, the evaluation's narrative)."""


def _save_changed(row: models.Model, values: Mapping[str, object]) -> bool:
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, values[name])
    if changed or row.pk is None:
        row.save()
        return True
    return False


def _lines(values: Sequence[str]) -> list[str]:
    return [v.strip() for v in values if v and v.strip()]


@transaction.atomic
def save_self_evaluation(*, department: Department, year: int,
                         indicators: Mapping[int, IndicatorEntry] | None = None,
                         tasks: Mapping[int, str] | None = None,
                         problems: Sequence[str] | None = None,
                         measures: Sequence[str] | None = None,
                         submit: bool = False, version: int | None = None) -> SelfEvaluationSaved:
    """Save the year-end self-evaluation (年终自评填报) and store the core's score, grade and framework.

    ``indicators`` and ``tasks`` are keyed by position in the year's list (0-based);
    ``problems`` / ``measures`` (存在的主要问题 / 下一步改进措施) replace the stored lists when given.
    ``submit=True`` also submits it (提交): from then on it is locked (``SelfEvaluationLocked``).
    ``version`` is the one the user saw (``SelfEvaluation.version``): saved by someone else since →
    ``EditConflict``, nothing written (``None``: no check, for internal callers).
    """
    budget = (Budget.objects.select_for_update().select_related("fiscal_year")
              .filter(department=department, fiscal_year__year=year).first())
    if budget is None:
        raise BudgetNotFound(f"{department.name} {year} 年度没有预算，无法填报自评")
    fiscal_year = budget.fiscal_year
    if fiscal_year.is_closed:
        raise FiscalYearClosed(f"{year} 年度已结账，不能修改自评")
    scope = {"department": department, "fiscal_year": fiscal_year}
    evaluation = Evaluation.objects.select_for_update().filter(**scope).first() or Evaluation(**scope)
    if evaluation.status == Evaluation.Status.SUBMITTED:
        raise SelfEvaluationLocked(f"{year} 年度自评已提交，不能再修改；如需修改请由管理员退回")
    report = assemble_report(department, fiscal_year)
    framework = default_framework_for(report.kind)
    kinds = {a.index: a for a in assess_indicators(report, framework)}
    rows = list(Indicator.objects.select_for_update().filter(**scope).order_by("position", "pk"))
    task_rows = list(KeyTask.objects.select_for_update().filter(**scope).order_by("position", "pk"))
    check_version(version, *self_evaluation_parts(department, year), what=f"{department.name} {year} 年度自评")
    errors: dict[int, str] = {}
    pending: dict[int, dict[str, object]] = {}
    for position, entry in (indicators or {}).items():
        if not 0 <= position < len(rows):
            raise SelfEvaluationInvalid(fields={"indicators": f"第 {position + 1} 项指标不存在"})
        values, error = _indicator_values(rows[position], entry, kinds[position].kind, kinds[position].level,
                                          qualitative_levels(framework))
        if error:
            errors[position] = error
        pending[position] = values
    for position in tasks or {}:
        if not 0 <= position < len(task_rows):
            raise SelfEvaluationInvalid(fields={"tasks": f"第 {position + 1} 项重点任务不存在"})
    narrative: dict[str, object] = {}
    if problems is not None:
        narrative["problems"] = _lines(problems)
    if measures is not None:
        narrative["measures"] = _lines(measures)

    # the report as it will be, checked and scored by the core before anything is written
    candidate = _candidate(report, pending, {p: t.strip() for p, t in (tasks or {}).items()}, narrative)
    missing = {i: m for i, m in missing_reasons(candidate, framework).items() if i not in errors}
    if errors or missing:
        raise SelfEvaluationInvalid(indicators=dict(sorted({**errors, **missing}.items())), missing_reason=set(missing))
    # the engine's score of each row goes on it, so the 自评表 prints what the total sums
    for assessment in assess_indicators(candidate, framework):
        pending.setdefault(assessment.index, {})["score"] = assessment.item.score
    score = score_report(_candidate(candidate, pending, {}, {}), framework)

    changed = sum(_save_changed(rows[p], values) for p, values in pending.items())
    changed += sum(_save_changed(task_rows[p], {"text": t.strip()}) for p, t in (tasks or {}).items())
    narrative.update(score=score.total, grade=score.grade, framework=score.framework)
    if submit:
        narrative.update(status=Evaluation.Status.SUBMITTED, submitted_at=timezone.now())
    changed += _save_changed(evaluation, narrative)
    return SelfEvaluationSaved(evaluation=evaluation, score=score, changed=changed)


def _candidate(report: PerformanceReport, indicators: Mapping[int, Mapping[str, object]], tasks: Mapping[int, str],
               narrative: Mapping[str, object]) -> PerformanceReport:
    """``report`` with the pending changes applied (text columns stored as "" are ``None`` in the report)."""
    def data(values: Mapping[str, object]) -> dict[str, object]:
        return {k: (None if v == "" else v) for k, v in values.items()}

    return report.model_copy(update={
        "indicators": [item.model_copy(update=data(indicators.get(i, {}))) for i, item in enumerate(report.indicators)],
        "tasks": [task.model_copy(update={"text": tasks[i]}) if i in tasks else task
                  for i, task in enumerate(report.tasks)],
        **{k: v for k, v in narrative.items() if k in ("problems", "measures")},
    })


def _indicator_values(row: Indicator, entry: IndicatorEntry, kind: str, level: str | None,
                      levels: list[str]) -> tuple[dict[str, object], str | None]:
    """The columns ``entry`` changes on ``row``, or the message of why it cannot."""
    values: dict[str, object] = {}
    if "deviation_reason" in entry:
        values["deviation_reason"] = (entry["deviation_reason"] or "").strip()
    if kind == "qualitative":
        if entry.get("actual") is not None:
            return {}, f"指标{quoted(row.name)}为定性指标，应选择完成档次（{'、'.join(levels)}），不填数值"
        if "level" in entry and (entry["level"] or None) != level:
            new = entry["level"] or None
            if new is not None and new not in levels:
                return {}, f"指标{quoted(row.name)}的完成档次“{new}”无效，应为{'、'.join(levels)}之一"
            # the stated score belonged to the old level; the new level's default applies
            values.update(actual_text=new or "", score=None)
    else:
        if entry.get("level"):
            return {}, f"指标{quoted(row.name)}为定量指标，应填写实际完成值（数值）"
        actual = entry.get("actual")
        if actual is not None and (actual.as_tuple().exponent < -ACTUAL_PLACES  # type: ignore[operator]  # a finite Decimal's exponent is an int
                                   or abs(actual) >= ACTUAL_LIMIT):
            return {}, f"指标{quoted(row.name)}的实际完成值 {actual} 超出范围（最多 {ACTUAL_PLACES} 位小数）"
        if "actual" in entry and actual != row.actual:
            # the stated text (e.g. “432期”) describes the old value and the report prints it first
            values.update(actual=actual, actual_text="")
    return values, None
