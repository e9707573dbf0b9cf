"""绩效管理工作考核 (yearly assessment of a department's performance-management work), without Django.

A framework file (``rules/assessment-*.toml``, source named or marked 地方实践) lists the items, their
points (分值), their rule in words (依据) and the deadlines; ``assess_department`` scores one department's
year from plain facts the system already holds (declarations, goal-review grades, monthly entries,
warning responses, the self-evaluation, indicators, rectifications, 复核 adjustments). Every item is a
line: 得分 / 分值 / 依据 with the facts it counted, so every point is explained.

The 超额完成 line of 目标设置质量 is not repeated here: ``jixiao.figures.achievement.assess`` decides it with
the scoring framework's line (130%).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from jixiao.datafiles import read_named_toml, shipped_files, validated
from jixiao.errors import JixiaoError
from jixiao.figures import format as fmt
from jixiao.figures.achievement import assess
from jixiao.figures.rounding import ratio, round_places
from jixiao.scoring.framework import Framework

DEFAULT_FRAMEWORK = "assessment-local"
ItemKey = Literal["declaration_on_time", "goal_review", "monthly_on_time", "warnings_answered",
                  "self_evaluation_on_time", "target_quality", "rectification_on_time", "review_adjustments"]
HUNDRED = Decimal(100)


class AssessmentFrameworkError(JixiaoError):
    """An assessment framework file cannot be read or is invalid (考核框架无效)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class YearDate(_Frozen):
    month_day: str = Field(alias="date", pattern=r"^\d{2}-\d{2}$")
    """MM-DD (``date`` in the file)."""
    year_offset: int = 0

    def on(self, year: int) -> date:
        month, day = (int(p) for p in self.month_day.split("-"))
        return date(year + self.year_offset, month, day)


class Deadlines(_Frozen):
    """截止日期 of the framework (all inclusive)."""

    declaration: YearDate
    monthly_day: int = Field(ge=1, le=28)
    self_evaluation: YearDate

    def monthly(self, year: int, month: int) -> date:
        """The last day to enter ``month``'s execution: ``monthly_day`` of the next month."""
        return date(year + 1, 1, self.monthly_day) if month == 12 else date(year, month + 1, self.monthly_day)


class GradeBand(_Frozen):
    grade: str
    min: Decimal


class Item(_Frozen):
    key: ItemKey
    title: str
    points: Decimal = Field(gt=0)
    basis: str = Field(min_length=1)
    late_share: Decimal = Decimal(50)
    grade_shares: dict[str, Decimal] = Field(default_factory=dict)
    tolerance: Decimal = Decimal(10)
    zero_at: Decimal = Decimal(50)
    per_point: Decimal = Decimal(1)


class AssessmentFramework(_Frozen):
    """One 考核框架 file."""

    name: str
    title: str
    version: str
    source: str = Field(min_length=1)
    total: Decimal
    deadlines: Deadlines
    grades: tuple[GradeBand, ...]
    items: tuple[Item, ...]

    def grade(self, total: Decimal) -> str:
        for band in sorted(self.grades, key=lambda b: b.min, reverse=True):
            if total >= band.min:
                return band.grade
        return self.grades[-1].grade


def shipped_assessment_frameworks() -> dict[str, Path]:
    return {n: p for n, p in shipped_files("jixiao.oversight", "rules").items() if n.startswith("assessment-")}


def load_assessment_framework(name_or_path: str | Path = DEFAULT_FRAMEWORK) -> AssessmentFramework:
    """The shipped framework ``name_or_path``, else the file at that path (one-line error otherwise)."""
    path, data = read_named_toml(name_or_path, shipped=shipped_assessment_frameworks(),
                                 error=AssessmentFrameworkError, what="考核框架")
    framework = validated(AssessmentFramework, data, path=path, error=AssessmentFrameworkError, what="考核框架")
    points = sum((i.points for i in framework.items), Decimal(0))
    if points != framework.total:
        raise AssessmentFrameworkError(f"{path}：考核框架无效（各项分值合计 {fmt.plain(points)}，"
                                       f"应为总分 {fmt.plain(framework.total)}）")
    if len({i.key for i in framework.items}) != len(framework.items):
        raise AssessmentFrameworkError(f"{path}：考核框架无效（考核项重复）")
    return framework


@dataclass(frozen=True)
class Submission:
    """A thing submitted by a deadline (申报、自评): when, or None when never."""

    submitted: date | None


@dataclass(frozen=True)
class WarningFact:
    """A warning raised (预警) with its response deadline and the day it was answered (None: not answered)."""

    deadline: date
    answered: date | None


@dataclass(frozen=True)
class IndicatorFact:
    """A declared indicator's values for 目标设置质量."""

    op: str | None
    target: Decimal | None
    actual: Decimal | None
    actual_text: str | None = None


@dataclass(frozen=True)
class RectificationFact:
    deadline: date | None
    done: date | None
    """The day it was marked 已整改 (None: not done)."""


@dataclass
class AssessmentFacts:
    """What the system holds about one department's year (考核依据的数据), as plain values."""

    department: str
    year: int
    declaration: Submission | None = None
    goal_review_grade: str | None = None
    monthly_entered: dict[int, date] = field(default_factory=dict)
    """月份 → the day its execution was first entered."""
    warnings: list[WarningFact] = field(default_factory=list)
    self_evaluation: Submission | None = None
    indicators: list[IndicatorFact] = field(default_factory=list)
    rectifications: list[RectificationFact] = field(default_factory=list)
    review_adjustments: list[Decimal] | None = None
    """Points of the 复核 adjustments when the year was sampled (抽评); None when it was not."""


@dataclass(frozen=True)
class AssessmentLine:
    """One item: 得分 / 分值 / 依据, and what was counted (说明)."""

    key: str
    title: str
    score: Decimal
    points: Decimal
    basis: str
    detail: str


@dataclass(frozen=True)
class AssessmentResult:
    department: str
    year: int
    framework: AssessmentFramework
    lines: tuple[AssessmentLine, ...]
    total: Decimal
    grade: str


def _share(points: Decimal, percent: Decimal) -> Decimal:
    return round_places(points * percent / HUNDRED)


def _submission(item: Item, fact: Submission | None, deadline: date, what: str) -> tuple[Decimal, str]:
    if fact is None or fact.submitted is None:
        return Decimal(0), f"未提交{what}（截止日期 {deadline:%Y-%m-%d}）"
    if fact.submitted <= deadline:
        return item.points, f"{fact.submitted:%Y-%m-%d} 提交，未超过截止日期 {deadline:%Y-%m-%d}"
    return (_share(item.points, item.late_share),
            f"{fact.submitted:%Y-%m-%d} 提交，晚于截止日期 {deadline:%Y-%m-%d}，得分值的 {fmt.plain(item.late_share)}%")


def _fraction(item: Item, good: int, of: int) -> Decimal:
    return round_places(item.points * good / of) if of else item.points


def _line(item: Item, facts: AssessmentFacts, framework: AssessmentFramework, on: date,
          scoring: Framework) -> tuple[Decimal, str]:
    d, year = framework.deadlines, facts.year
    if item.key == "declaration_on_time":
        return _submission(item, facts.declaration, d.declaration.on(year), "绩效目标申报")
    if item.key == "self_evaluation_on_time":
        return _submission(item, facts.self_evaluation, d.self_evaluation.on(year), "年度自评")
    if item.key == "goal_review":
        grade = facts.goal_review_grade
        if not grade:
            return Decimal(0), "绩效目标未经财政审核（无审核等级）"
        share = item.grade_shares.get(grade, Decimal(0))
        return _share(item.points, share), f"审核等级为{grade}，得分值的 {fmt.plain(share)}%"
    if item.key == "monthly_on_time":
        late = [m for m, day in sorted(facts.monthly_entered.items()) if day > d.monthly(year, m)]
        missing = [m for m in range(1, 13) if m not in facts.monthly_entered]
        good = 12 - len(late) - len(missing)
        parts = [f"12 个月中按时填报 {good} 个"]
        if late:
            parts.append("逾期填报：" + "、".join(f"{m}月" for m in late))
        if missing:
            parts.append("未填报：" + "、".join(f"{m}月" for m in missing))
        return _fraction(item, good, 12), "；".join(parts)
    if item.key == "warnings_answered":
        if not facts.warnings:
            return item.points, "本年度无预警"
        in_time = sum(1 for w in facts.warnings if w.answered is not None and w.answered <= w.deadline)
        after = sum(1 for w in facts.warnings if w.answered is not None and w.answered > w.deadline)
        unanswered = len(facts.warnings) - in_time - after
        return (_fraction(item, in_time, len(facts.warnings)),
                f"预警 {len(facts.warnings)} 条：按期响应 {in_time} 条，逾期响应 {after} 条，未响应 {unanswered} 条")
    if item.key == "target_quality":
        judged = [assess(i.op, i.target, i.actual, i.actual_text, scoring) for i in facts.indicators
                  if i.target is not None and i.actual is not None]
        if not judged:
            return Decimal(0), "没有填报目标值和完成值的定量指标，无法评价目标设置质量"
        over = sum(1 for a in judged if a.status == "over")
        share = ratio(Decimal(over) * 100, Decimal(len(judged)))
        line = fmt.plain(scoring.over_achievement.line)
        if share <= item.tolerance:
            score = item.points
        elif share >= item.zero_at:
            score = Decimal(0)
        else:
            score = round_places(item.points * (item.zero_at - share) / (item.zero_at - item.tolerance))
        return score, (f"定量指标 {len(judged)} 个，超额完成（≥{line}%）{over} 个，占 {fmt.plain(share)}%"
                       f"（不超过 {fmt.plain(item.tolerance)}% 得满分，达到 {fmt.plain(item.zero_at)}% 不得分）")
    if item.key == "rectification_on_time":
        due = [r for r in facts.rectifications if r.deadline is not None and r.deadline <= on]
        if not due:
            return item.points, "没有到期的整改事项"
        good = sum(1 for r in due if r.done is not None and r.deadline is not None and r.done <= r.deadline)
        return _fraction(item, good, len(due)), f"到期整改事项 {len(due)} 项，按期完成 {good} 项"
    # review_adjustments
    if facts.review_adjustments is None:
        return item.points, "本年度未被抽评"
    deducted = -sum((p for p in facts.review_adjustments if p < 0), Decimal(0))
    if not deducted:
        return item.points, "被抽评，复核未调减自评分"
    score = max(Decimal(0), item.points - round_places(deducted * item.per_point))
    return score, f"被抽评，复核调减自评分 {fmt.plain(deducted)} 分，扣 {fmt.plain(item.points - score)} 分"


def assess_department(facts: AssessmentFacts, framework: AssessmentFramework, *, on: date,
                      scoring: Framework) -> AssessmentResult:
    """Score ``facts`` by ``framework`` as of ``on`` (rectifications due by then); ``scoring`` gives the 130% line."""
    lines = []
    for item in framework.items:
        score, detail = _line(item, facts, framework, on, scoring)
        lines.append(AssessmentLine(item.key, item.title, score, item.points, item.basis, detail))
    total = round_places(sum((line.score for line in lines), Decimal(0)))
    return AssessmentResult(facts.department, facts.year, framework, tuple(lines), total, framework.grade(total))


def rank(results: Sequence[AssessmentResult]) -> list[tuple[int, AssessmentResult]]:
    """Results by total, highest first, with their rank (equal totals share a rank, 并列)."""
    ordered = sorted(results, key=lambda r: (-r.total, r.department))
    ranked: list[tuple[int, AssessmentResult]] = []
    for index, result in enumerate(ordered, start=1):
        place = ranked[-1][0] if ranked and ranked[-1][1].total == result.total else index
        ranked.append((place, result))
    return ranked
