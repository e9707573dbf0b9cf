"""The target advisor (绩效指标值设定建议): is this year's target too low, and what should it be?

From an indicator's history (targets and actuals of past years) it warns when

* this year's target is below last year's actual (目标低于上年实际完成值, domain.md §4.3), or
* last year's target was exceeded by the framework's over-achievement line (130 %) or more
  (上年目标设置偏低, §1.5, §7.2),

and proposes a target with its basis (取值依据, §4.2): 计划标准 (the plan's figure, or this
year's target where no plan figure is given), 历史标准 (last year's actual) or 行业标准 (an
industry figure). The proposal is the most demanding of the candidates — the highest for
正向 indicators, the lowest for 反向 — and a percentage is never proposed above 100.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from jixiao.figures.achievement import LOWER_IS_BETTER, completion, over_line
from jixiao.figures.format import percent
from jixiao.figures.format import plain as _fmt
from jixiao.report import Number, PerformanceReport
from jixiao.scoring.framework import default_framework_for

Basis = Literal["计划标准", "历史标准", "行业标准"]


class YearValue(BaseModel):
    """One past year of an indicator: its target (指标值) and actual (实际完成值)."""

    year: int
    target: Number | None = None
    actual: Number | None = None


class AdviceWarning(BaseModel):
    """One reason to doubt a target."""

    code: Literal["target_below_last_actual", "last_target_exceeded"]
    message: str


class Advice(BaseModel):
    """The advisor's answer for one indicator."""

    name: str
    op: str
    current_target: Number | None = None
    warnings: list[AdviceWarning] = Field(default_factory=list)
    proposed_target: Number | None = None
    basis: Basis | None = None
    candidates: dict[str, Number] = Field(default_factory=dict)
    explanation: str = ""


def _last_with_actual(history: Iterable[YearValue]) -> YearValue | None:
    known = [h for h in history if h.actual is not None]
    return max(known, key=lambda h: h.year) if known else None


def _warnings(op: str, current: Decimal | None, last: YearValue | None, line: Decimal) -> list[AdviceWarning]:
    found: list[AdviceWarning] = []
    if last is None or last.actual is None:
        return found
    lower = op in LOWER_IS_BETTER
    if current is not None and (current > last.actual if lower else current < last.actual):
        relation = "高于" if lower else "低于"
        found.append(AdviceWarning(code="target_below_last_actual",
                                   message=f"本年指标值 {_fmt(current)} {relation}上年（{last.year}年）实际完成值 {_fmt(last.actual)}"))
    if last.target is not None and last.target > 0:
        # 反向: bettering the ceiling by the same margin (actual ≤ (200 − line) % of target) counts alike
        exceeded = (last.actual * 100 <= (200 - line) * last.target if lower
                    else over_line(last.actual, last.target, line))
        if exceeded:
            found.append(AdviceWarning(code="last_target_exceeded",
                                       message=f"上年（{last.year}年）实际 {_fmt(last.actual)} 为指标值 {_fmt(last.target)} 的 "
                                               f"{percent(completion(last.actual, last.target))}，偏离超过 {_fmt(line - 100)}%，"
                                               "目标可能设置偏低"))
    return found


def advise(
    name: str,
    op: str,
    history: Iterable[YearValue],
    *,
    current_target: Decimal | None = None,
    plan: Decimal | None = None,
    industry: Decimal | None = None,
    unit: str | None = None,
    line: Decimal | None = None,
) -> Advice:
    """Check this year's target against the history and propose one with its basis."""
    history = list(history)
    line = line if line is not None else default_framework_for("project").over_achievement.line
    advice = Advice(name=name, op=op, current_target=current_target)
    if op == "qualitative":
        advice.explanation = "定性指标无数值目标，不作建议"
        return advice
    last = _last_with_actual(history)
    advice.warnings = _warnings(op, current_target, last, line)
    candidates: dict[str, Decimal] = {}
    planned = plan if plan is not None else current_target
    if planned is not None:
        candidates["计划标准"] = planned
    if last is not None and last.actual is not None:
        candidates["历史标准"] = last.actual
    if industry is not None:
        candidates["行业标准"] = industry
    advice.candidates = candidates
    if not candidates:
        advice.explanation = "无历史数据、计划标准或行业标准，无法建议"
        return advice
    lower = op in LOWER_IS_BETTER
    basis, proposed = (min if lower else max)(candidates.items(), key=lambda kv: kv[1])
    if unit == "%" and not lower and proposed > 100:
        proposed = Decimal(100)
    advice.proposed_target = proposed
    advice.basis = basis  # type: ignore[assignment]  # candidates' keys are the three Basis names (set above)
    listed = "、".join(f"{k} {_fmt(v)}" for k, v in candidates.items())
    direction = "取最低（反向指标）" if lower else "取最高（正向指标）"
    advice.explanation = f"候选值：{listed}；{direction}，建议指标值 {_fmt(proposed)}{unit or ''}，依据{basis}"
    return advice


def history_of(name: str, reports: Iterable[PerformanceReport]) -> list[YearValue]:
    """The targets and actuals of the indicator called ``name`` across past reports."""
    history = []
    for report in reports:
        for indicator in report.indicators:
            if indicator.name == name and report.year is not None:
                history.append(YearValue(year=report.year, target=indicator.target, actual=indicator.actual))
    return sorted(history, key=lambda h: h.year)


def advise_report(report: PerformanceReport, previous: Iterable[PerformanceReport], *,
                  industry: dict[str, Decimal] | None = None) -> list[Advice]:
    """Advice for every quantitative indicator of ``report``, from the same department's past reports."""
    past = [r for r in previous if r.year is not None and report.year is not None and r.year < report.year]
    return [
        advise(indicator.name, indicator.op or ">=", history_of(indicator.name, past),
               current_target=indicator.target, unit=indicator.unit,
               industry=(industry or {}).get(indicator.name))
        for indicator in report.indicators
        if indicator.op != "qualitative"
    ]
