"""The data a report's templates see (模板上下文), computed once for every output format.

Everything numeric is computed here from the ``PerformanceReport`` and handed to the
templates already formatted: amounts to the cent, the execution rate (预算执行率) computed
from spent/total when the report does not state it, the parts of a budget split that are
known (a ``None`` part is left out, never shown as 0), indicator results compared with their
targets. The wording around the figures lives in the Jinja2 templates, not here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jixiao.render import numbers
from jixiao.report import Indicator, PerformanceReport

SOURCE_LABELS = {
    "general_public": "一般公共预算财政拨款",
    "government_fund": "政府性基金预算财政拨款",
    "state_capital": "国有资本经营预算财政拨款",
    "other": "其他资金",
}
NATURE_LABELS = {"basic": "基本支出", "project": "项目支出"}
OP_SYMBOLS = {">=": "≥", "<=": "≤", ">": "＞", "<": "＜", "=": "＝", "qualitative": ""}
LEVEL1_ORDER = ("产出指标", "效益指标", "满意度指标")

# How far above target an indicator must go before the report calls it 超额完成; 10号 asks for an
# explanation "高于指标值较多", and 广西 practice sets the line at 130% (domain.md §1.7).
OVERACHIEVEMENT = Decimal("1.3")


@dataclass(frozen=True)
class Part:
    """One known part of a budget split: its label and its amount in 万元 (formatted)."""

    key: str
    label: str
    amount: str


@dataclass(frozen=True)
class BudgetFigures:
    """The budget figures of a report, formatted; ``None`` where the report does not state them."""

    initial: str | None
    total: str | None
    spent: str | None
    rate: str | None
    rate_value: Decimal | None
    rate_computed: bool
    sources: list[Part]
    natures: list[Part]
    carryover: str | None
    project: str | None
    project_share: str | None
    """项目支出 as a share of 执行数, e.g. ``54.94%``."""
    basic: str | None


@dataclass(frozen=True)
class IndicatorView:
    """An indicator as the report and the 自评表 print it (指标完成情况)."""

    number: int
    name: str
    level1: str
    level2: str
    target: str
    actual: str
    weight: str | None
    score: str | None
    status: str
    """完成 | 超额完成 | 未完成 | 未填报"""
    deviation_reason: str | None


@dataclass
class Context:
    """Everything the wording templates see."""

    report: PerformanceReport
    department: str
    region: str | None
    year: int | None
    year_label: str
    """``2022年度``, or ``本年度`` when the report states no year."""
    budget: BudgetFigures
    score: str | None
    grade: str | None
    goals: list[str]
    tasks: list[dict[str, str]]
    indicators: list[IndicatorView]
    indicator_counts: dict[str, int]
    level1_counts: list[tuple[str, int]]
    problems: list[str]
    measures: list[str]
    sentences: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "extra"}
        data.update(self.extra)
        return data


def execution_rate(total: Decimal | None, spent: Decimal | None, stated: Decimal | None) -> tuple[Decimal | None, bool]:
    """预算执行率 in percent: the stated one, else spent/total × 100 to the cent; and whether it was computed."""
    if stated is not None:
        return stated, False
    if total is None or spent is None or total == 0:
        return None, False
    return (spent / total * 100).quantize(numbers.CENT, rounding=ROUND_HALF_UP), True


def _share(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or whole is None or whole == 0:
        return None
    return part / whole * 100


def budget_figures(report: PerformanceReport) -> BudgetFigures:
    budget = report.budget
    rate, computed = execution_rate(budget.total, budget.spent, budget.execution_rate)
    sources = [
        Part(key, SOURCE_LABELS[key], numbers.money(value) or "")
        for key, value in budget.by_source
        if value is not None
    ]
    natures = [
        Part(key, NATURE_LABELS[key], numbers.money(value) or "")
        for key, value in budget.by_nature
        if value is not None
    ]
    return BudgetFigures(
        initial=numbers.money(budget.initial),
        total=numbers.money(budget.total),
        spent=numbers.money(budget.spent),
        rate=numbers.percent(rate),
        rate_value=rate,
        rate_computed=computed,
        sources=sources,
        natures=natures,
        carryover=numbers.money(budget.carryover),
        project=numbers.money(budget.by_nature.project),
        project_share=numbers.percent(_share(budget.by_nature.project, budget.spent)),
        basic=numbers.money(budget.by_nature.basic),
    )


def _stated(text: str | None, op: str | None, value: Decimal | None, unit: str | None) -> str:
    if text:
        return text
    if value is None:
        return ""
    symbol = OP_SYMBOLS.get(op or "", "")
    return f"{symbol}{numbers.plain(value)}{unit or ''}"


def indicator_status(indicator: Indicator) -> str:
    """完成 / 超额完成 / 未完成 / 未填报, comparing the actual value with the target by the operator."""
    op, target, actual = indicator.op, indicator.target, indicator.actual
    if op == "qualitative" or (target is None and indicator.actual_text):
        text = indicator.actual_text or ""
        if not text:
            return "未填报"
        return "未完成" if text.startswith(("部分", "未")) else "完成"
    if actual is None or target is None:
        return "未填报"
    if op in ("<=", "<"):
        met = actual <= target if op == "<=" else actual < target
        return "完成" if met else "未完成"
    if op == "=":
        return "完成" if actual == target else "未完成"
    met = actual > target if op == ">" else actual >= target
    if not met:
        return "未完成"
    if target > 0 and actual >= target * OVERACHIEVEMENT:
        return "超额完成"
    return "完成"


def indicator_views(report: PerformanceReport) -> list[IndicatorView]:
    views = []
    for number, indicator in enumerate(report.indicators, start=1):
        unit = indicator.unit
        views.append(
            IndicatorView(
                number=number,
                name=indicator.name,
                level1=indicator.level1 or "",
                level2=indicator.level2 or "",
                target=_stated(indicator.target_text, indicator.op, indicator.target, unit),
                # the actual value is printed without the operator: it is a result, not a bound
                actual=_stated(indicator.actual_text, None, indicator.actual, unit),
                weight=numbers.score(indicator.weight),
                score=numbers.score(indicator.score),
                status=indicator_status(indicator),
                deviation_reason=indicator.deviation_reason,
            )
        )
    return views


def build(report: PerformanceReport) -> Context:
    """The template context of ``report``; sentences are added by :mod:`jixiao.render.sentences`."""
    views = indicator_views(report)
    counts = {"total": len(views)}
    for status in ("完成", "超额完成", "未完成", "未填报"):
        counts[status] = sum(1 for view in views if view.status == status)
    counts["达成"] = counts["完成"] + counts["超额完成"]
    levels: dict[str, int] = {}
    for view in views:
        if view.level1:
            levels[view.level1] = levels.get(view.level1, 0) + 1
    ordered = sorted(levels.items(), key=lambda item: (LEVEL1_ORDER.index(item[0]) if item[0] in LEVEL1_ORDER else 99))
    return Context(
        report=report,
        department=report.department or "本部门",
        region=report.region,
        year=report.year,
        year_label=f"{report.year}年度" if report.year else "本年度",
        budget=budget_figures(report),
        score=numbers.score(report.evaluation.score),
        grade=report.evaluation.grade,
        goals=[goal.text.strip() for goal in report.goals if goal.text.strip()],
        tasks=[{"title": task.title.strip(), "text": task.text.strip()} for task in report.tasks],
        indicators=views,
        indicator_counts=counts,
        level1_counts=ordered,
        problems=list(report.problems),
        measures=list(report.measures),
    )
