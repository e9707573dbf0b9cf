"""The scoring engine (自评计分): one function per operator, and the report's total and grade.

Formulas (domain.md §1.5; vendor rules PERF_T_WARNSET, S4/S5), A = actual, T = target,
w = weight, every score rounded half-up to the framework's places from the exact ratio:

* 正向 ``>=`` / ``>``: ``A >= T`` → w; else ``w × A / T``. Full marks is the cap.
* 反向 ``<=`` / ``<``: ``A <= T`` → w; ``T < A < 2T`` → ``w × (2T − A) / T``; ``A >= 2T`` → 0.
* 等于 ``=``: ``T = 0``: ``A <= 0`` → w, else 0; ``T > 0``: as 正向.
* 定性: the level the actual text names (达成 / 部分达成 / 未达成); the report's own score is
  kept when it lies inside that level's band, else the band's default share.
* 预算执行率: ``w × min(执行数 / 全年预算数, 1)``.

Met / over-achieved (:mod:`jixiao.figures.achievement`), the execution rate and its points
(:mod:`jixiao.figures.rates`) and the rounding (:mod:`jixiao.figures.rounding`) are the shared
rules the renderer and the review use too; this module adds the scores and their explanations.
* A negative actual counts as 0 (S5); a missing actual scores 0.
* ``A >= line × T`` (130%) is flagged; where the framework says ``reduce``, the score becomes
  ``w × (1 − factor × (A − T) / T)``, not below 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pydantic import BaseModel, Field

from jixiao.figures.achievement import completion, met, over_line, qualitative_band
from jixiao.figures.format import percent, plain
from jixiao.figures.format import score as fmt_score
from jixiao.figures.rates import computed_rate, execution_points
from jixiao.figures.rounding import ratio
from jixiao.report import Number, PerformanceReport
from jixiao.scoring.framework import Framework, default_framework_for
from jixiao.scoring.mapping import Resolved, resolve_parts

ZERO = Decimal(0)


class ScoreItem(BaseModel):
    """One scored row of the 自评表: weight, score, points lost and why (扣分原因)."""

    name: str
    level1: str
    level2: str | None = None
    op: str
    target: Number | None = None
    actual: Number | None = None
    unit: str | None = None
    weight: Number
    score: Number
    lost: Number
    stated: Number | None = Field(None, description="the report's own score for this row (自评得分), if stated")
    reason: str = Field(description="得分说明，中文")
    flags: list[str] = Field(default_factory=list)


class ScoreResult(BaseModel):
    """A report's score (自评得分): total, grade and every item."""

    total: Number
    grade: str
    framework: str
    items: list[ScoreItem]
    warnings: list[str] = Field(default_factory=list)
    stated_total: Number | None = Field(None, description="the report's own total (自评分), if stated")
    uncounted: list[str] = Field(
        default_factory=list,
        description="parts whose points are not counted because the report lists no indicator in them "
        "(then ``total`` is a partial score, not the report's score)",
    )

    @property
    def complete(self) -> bool:
        """Whether ``total`` is the report's score: every part of the framework was scored."""
        return not self.uncounted

    @property
    def scorable(self) -> bool:
        """Whether the report lists any indicator the framework's parts could score (一项绩效指标也没有则无法评分)."""
        return any(item.op != "execution_rate" for item in self.items)

    def summary(self) -> str:
        """One line for a person: ``总分 57.26，等级 差`` — or why there is no total (部分得分 …，不是总分)."""
        if self.complete:
            return f"总分 {fmt_score(self.total)}，等级 {self.grade}"
        parts = "、".join(self.uncounted)
        if not self.scorable:
            return (f"无法评分：报告未列绩效指标（{parts}），仅能计算预算执行率得分 {fmt_score(self.total)}，"
                    f"不是总分")
        return f"部分得分 {fmt_score(self.total)}（{parts}未列指标，其分值未计入），不是总分"

    def to_json_data(self) -> dict[str, object]:
        data: dict[str, object] = self.model_dump(mode="json")
        data["complete"] = self.complete
        return data


@dataclass(frozen=True)
class Outcome:
    """What an operator function returns: the score, the reason, the flags."""

    score: Decimal
    reason: str
    flags: tuple[str, ...] = field(default_factory=tuple)


def _full(weight: Decimal, places: int) -> Decimal:
    return ratio(weight, Decimal(1), places)


def _over_achieved(actual: Decimal, target: Decimal, weight: Decimal, framework: Framework, unit: str | None) -> Outcome:
    """Full marks, or the deviation reduction, for ``A >= T`` with ``T > 0``."""
    places = framework.rounding.places
    rule = framework.over_achievement
    if not over_line(actual, target, rule.line):
        return Outcome(_full(weight, places), f"已完成指标值（实际 {plain(actual, unit)}，目标 {plain(target, unit)}），得满分")
    flag = f"超额完成：实际为目标的 {percent(completion(actual, target))}，达到 {plain(rule.line)}% 线，需分析原因（目标是否偏低）"
    if not rule.reduce:
        return Outcome(_full(weight, places), f"已完成指标值；{flag}", ("over_achievement",))
    # 10号: 目标明显偏低的，按偏离度适度调减分值 — points lost = w × factor × (A − T) / T
    numerator = weight * (target - rule.factor * (actual - target))
    score = max(ratio(numerator, target, places), ZERO)
    return Outcome(score, f"{flag}；按偏离度调减：{plain(weight)} × (1 − {plain(rule.factor)} × 偏离度)",
                   ("over_achievement", "reduced"))


def score_positive(actual: Decimal, target: Decimal, weight: Decimal, framework: Framework,
                   unit: str | None = None) -> Outcome:
    """正向 (≥, >): proportional below the target, full marks at or above it."""
    places = framework.rounding.places
    if target <= 0:
        if met(">=", actual, target):
            return Outcome(_full(weight, places), f"指标值为 {plain(target, unit)}，实际 {plain(actual, unit)} 已达到，得满分")
        return Outcome(ZERO, f"指标值为 {plain(target, unit)}，实际 {plain(actual, unit)} 未达到，不得分")
    if met(">=", actual, target):
        return _over_achieved(actual, target, weight, framework, unit)
    score = ratio(actual * weight, target, places)
    return Outcome(score, f"未完成指标值：实际 {plain(actual, unit)} / 目标 {plain(target, unit)}，"
                          f"按比例得 {plain(weight)} × {plain(actual)} / {plain(target)}", ("below_target",))


def score_negative(actual: Decimal, target: Decimal, weight: Decimal, framework: Framework,
                   unit: str | None = None) -> Outcome:
    """反向 (≤, <): full marks up to the target, falling linearly to 0 at twice the target."""
    places = framework.rounding.places
    if met("<=", actual, target):
        return Outcome(_full(weight, places), f"控制在指标值内（实际 {plain(actual, unit)}，上限 {plain(target, unit)}），得满分")
    if target <= 0:
        return Outcome(ZERO, f"指标值为 {plain(target, unit)}，实际 {plain(actual, unit)} 超出，不得分", ("above_target",))
    if actual >= 2 * target:
        return Outcome(ZERO, f"实际 {plain(actual, unit)} 达到上限 {plain(target, unit)} 的两倍及以上，不得分", ("above_target",))
    score = ratio((2 * target - actual) * weight, target, places)
    over = ratio((actual - target) * 100, target)
    return Outcome(score, f"超出指标值 {percent(over)}（实际 {plain(actual, unit)}，上限 {plain(target, unit)}），"
                          f"按 {plain(weight)} × (1 − 超出比例) 计分", ("above_target",))


def score_equal(actual: Decimal, target: Decimal, weight: Decimal, framework: Framework,
                unit: str | None = None) -> Outcome:
    """等于 (=): with target 0 only ``A <= 0`` scores; otherwise as 正向 (vendor rule)."""
    if target == 0:
        if met("=", actual, target):
            return Outcome(_full(weight, framework.rounding.places), "指标值为 0，实际为 0，得满分")
        return Outcome(ZERO, f"指标值为 0，实际 {plain(actual, unit)} 不为 0，不得分", ("not_equal",))
    return score_positive(actual, target, weight, framework, unit)


def score_qualitative(actual_text: str | None, stated: Decimal | None, weight: Decimal,
                      framework: Framework) -> Outcome:
    """定性: the band the actual text names; the stated score if inside it, else the band's default."""
    places = framework.rounding.places
    band = qualitative_band(actual_text, framework)
    if band is None:
        return Outcome(ZERO, f"定性指标完成情况“{actual_text or ''}”未注明达成档次，不得分", ("missing_actual",))
    low, high = weight * band.low / 100, weight * band.high / 100
    top = band.high == 100
    if stated is not None and low <= stated and (stated <= high if top else stated < high):
        return Outcome(ratio(stated, Decimal(1), places),
                       f"定性指标“{band.label}”档（{plain(band.low)}%–{plain(band.high)}%），采用自评分 {plain(stated)}")
    score = ratio(weight * band.default, Decimal(100), places)
    flags: tuple[str, ...] = ()
    note = ""
    if stated is not None:
        flags = ("score_outside_band",)
        note = f"；自评分 {plain(stated)} 不在该档区间内，改按默认"
    return Outcome(score, f"定性指标“{band.label}”档（{plain(band.low)}%–{plain(band.high)}%），"
                          f"按该档默认 {plain(band.default)}% 计分{note}", flags)


def score_execution(item: Resolved, framework: Framework) -> Outcome:
    """预算执行率: ``w × min(执行数 / 预算数, 1)``; below the part's line an explanation is due."""
    places = framework.rounding.places
    rate = computed_rate(item.target, max(item.actual, ZERO) if item.actual is not None else None)
    if item.actual is None or item.target is None or rate is None:
        return Outcome(ZERO, "未填报预算数或执行数，预算执行率不得分", ("missing_actual",))
    score = execution_points(item.actual, item.target, item.weight, places)
    flags: tuple[str, ...] = ()
    reason = f"预算执行率 {percent(rate)}，得 {plain(item.weight)} × min(执行率, 100%)"
    part = framework.part(item.level1)
    if part.explain_below is not None and rate < part.explain_below:
        flags = ("execution_below_line",)
        reason += f"；低于 {plain(part.explain_below)}%，需说明原因"
    return Outcome(score, reason, flags)


def score_resolved(item: Resolved, framework: Framework) -> Outcome:
    """Dispatch one resolved indicator to its operator function."""
    if item.op == "execution_rate":
        return score_execution(item, framework)
    if item.op == "qualitative":
        return score_qualitative(item.actual_text, item.stated_score, item.weight, framework)
    if item.actual is None:
        return Outcome(ZERO, "未填报实际完成值，不得分", ("missing_actual",))
    if item.target is None:
        return Outcome(ZERO, "未填报指标值，无法比较，不得分", ("missing_target",))
    flags: tuple[str, ...] = ()
    actual, prefix = item.actual, ""
    if actual < 0:
        actual, prefix, flags = ZERO, f"实际完成值为负数（{plain(item.actual)}），按 0 计；", ("negative_actual",)
    op = item.op
    if op == "missing_op":
        op, prefix, flags = ">=", prefix + "未注明计算符号，按正向（≥）计分；", (*flags, "missing_op")
    if op in (">=", ">"):
        outcome = score_positive(actual, item.target, item.weight, framework, item.unit)
    elif op in ("<=", "<"):
        outcome = score_negative(actual, item.target, item.weight, framework, item.unit)
    else:
        outcome = score_equal(actual, item.target, item.weight, framework, item.unit)
    return Outcome(outcome.score, prefix + outcome.reason, (*flags, *outcome.flags))


def score_item(item: Resolved, framework: Framework) -> ScoreItem:
    """One resolved indicator as a scored row of the 自评表, with its explanation and flags."""
    outcome = score_resolved(item, framework)
    score = ratio(outcome.score, Decimal(1), framework.rounding.places)  # 0 prints as 0.00
    flags = list(outcome.flags)
    if item.op in (">=", ">", "=", "<", "<=") and not (item.unit or "").strip():
        flags.append("missing_unit")
    reason = "；".join([*item.notes, outcome.reason])
    return ScoreItem(
        name=item.name, level1=item.level1, level2=item.level2, op=item.op, target=item.target,
        actual=item.actual, unit=item.unit, weight=item.weight, score=score,
        lost=item.weight - score, stated=item.stated_score, reason=reason, flags=flags,
    )


def score_report(report: PerformanceReport, framework: Framework | None = None) -> ScoreResult:
    """Score a report by ``framework`` (default: the one for its kind) and explain every point."""
    framework = framework or default_framework_for(report.kind)
    resolved, warnings, uncounted = resolve_parts(report, framework)
    items = [score_item(item, framework) for item in resolved]
    total = sum((i.score for i in items), ZERO)
    return ScoreResult(total=total, grade=framework.grade(total), framework=framework.label,
                       items=items, warnings=warnings, stated_total=report.evaluation.score, uncounted=uncounted)
