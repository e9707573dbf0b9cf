"""The data a report's templates see (模板上下文), computed once for every output format.

Everything numeric comes from the ``PerformanceReport`` through :mod:`jixiao.figures` and is
handed to the templates already formatted: amounts to the cent, the execution rate (预算执行率,
the stated one, else spent/total), the parts of a budget split that are known (a ``None`` part
is left out, never shown as 0), indicator results compared with their targets by the one
achievement rule. The lines it compares against (the 90% execution line, the 130%
over-achievement line, the 预算执行率 weight) are the scoring framework's. The wording around
the figures lives in the Jinja2 templates, not here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from jixiao.figures import format as fmt
from jixiao.figures.achievement import assess_indicator
from jixiao.figures.labels import NATURES, SOURCES
from jixiao.figures.rates import ExecutionRate, execution_rate, share
from jixiao.report import SECTION_KEYS, PerformanceReport
from jixiao.scoring.framework import Framework, default_framework_for

LEVEL1_ORDER = ("产出指标", "效益指标", "满意度指标")

PENDING_HINTS: dict[str, str] = {
    "overview": "部门职责、机构设置和人员情况",
    "overview.duties": "部门主要职责",
    "overview.organisation": "内设机构和下属单位",
    "overview.staff": "人员编制和实有人数",
    "finance": "部门整体收支情况",
    "goals": "部门整体支出绩效目标",
    "tasks": "年度总体工作和重点工作任务",
    "management": "部门整体绩效管理情况",
    "conclusion": "自评结论",
    "task_completion": "各项工作任务绩效目标的完成情况",
    "task": "该项任务的完成情况",
    "project_spending": "重点任务项目支出的完成情况",
    "results": "主要工作成效",
    "problems": "存在的主要问题",
    "measures": "下一步改进措施",
}
"""What the officer is asked to write (待填写) where a section has no text, by section key."""


@dataclass(frozen=True)
class BudgetPart:
    """One known part of a budget split (按资金来源 / 按支出性质): its label and its amount in 万元 (formatted)."""

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
    """The shown 预算执行率 (``72.60%``): the stated one, else the computed one."""
    rate_value: Decimal | None
    rate_computed: bool
    """True when ``rate`` was computed from the amounts (系统计算) rather than stated (报告所述)."""
    rate_source: str | None
    """报告所述 / 系统计算."""
    line: str | None
    """The framework's explanation line for the rate (``90%``), if it has one."""
    below_line: bool
    """Whether the shown rate is below that line."""
    sources: list[BudgetPart]
    natures: list[BudgetPart]
    carryover: str | None
    project: str | None
    project_share: str | None
    """项目支出 as a share of 执行数, e.g. ``54.94%``."""
    basic: str | None
    execution: ExecutionRate = field(repr=False)


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


@dataclass(frozen=True)
class SectionView:
    """A section of the department's own text as the templates write it (章节).

    ``paragraphs`` are the department's words, one per line; ``empty`` is true when the section
    has neither text nor a sub-section, and then ``need`` says what the officer has to write
    (the template marks it 待填写, never as the department's words).
    """

    heading: str
    level: int
    key: str | None
    paragraphs: list[str]
    empty: bool
    need: str


@dataclass(frozen=True)
class Signature:
    """The 落款 closing the report: the organ's name and the 成文日期 (GB/T 9704-2012 7.3.5)."""

    organ: str | None
    date: str


@dataclass
class TemplateContext:
    """Everything the wording templates see."""

    report: PerformanceReport
    framework: Framework
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
    title: str = ""
    """The report's own title where it has one, else ``<部门><年度>部门整体支出绩效自评报告``."""
    sections: list[SectionView] = field(default_factory=list)
    """The department's own outline and text; empty for a report that has none (then the template writes one)."""
    signature: Signature | None = None
    sentences: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "extra"}
        data.update(self.extra)
        return data


def budget_figures(report: PerformanceReport, framework: Framework) -> BudgetFigures:
    budget = report.budget
    rate = execution_rate(budget)
    line = framework.explain_below
    sources = [BudgetPart(key, SOURCES[key], fmt.money(value)) for key, value in budget.by_source if value is not None]
    natures = [BudgetPart(key, NATURES[key], fmt.money(value)) for key, value in budget.by_nature if value is not None]
    return BudgetFigures(
        initial=fmt.money(budget.initial),
        total=fmt.money(budget.total),
        spent=fmt.money(budget.spent),
        rate=rate.text,
        rate_value=rate.shown,
        rate_computed=rate.source == "computed",
        rate_source=rate.source_label,
        line=None if line is None else f"{fmt.plain(line)}%",
        below_line=rate.below(line),
        sources=sources,
        natures=natures,
        carryover=fmt.money(budget.carryover),
        project=fmt.money(budget.by_nature.project),
        project_share=fmt.percent(share(budget.by_nature.project, budget.spent)),
        basic=fmt.money(budget.by_nature.basic),
        execution=rate,
    )


def indicator_views(report: PerformanceReport, framework: Framework) -> list[IndicatorView]:
    views = []
    for number, indicator in enumerate(report.indicators, start=1):
        unit = indicator.unit
        views.append(
            IndicatorView(
                number=number,
                name=indicator.name,
                level1=indicator.level1 or "",
                level2=indicator.level2 or "",
                target=fmt.stated(indicator.target_text, indicator.op, indicator.target, unit),
                # the actual value is printed without the operator: it is a result, not a bound
                actual=fmt.stated(indicator.actual_text, None, indicator.actual, unit),
                weight=fmt.score(indicator.weight),
                score=fmt.score(indicator.score),
                status=assess_indicator(indicator, framework).label,
                deviation_reason=indicator.deviation_reason,
            )
        )
    return views


def section_views(report: PerformanceReport) -> list[SectionView]:
    """The report's sections for the templates: paragraphs split, empty ones marked with what they need."""
    sections = report.sections
    views = []
    for index, section in enumerate(sections):
        paragraphs = [line.strip() for line in section.text.splitlines() if line.strip()]
        following = sections[index + 1] if index + 1 < len(sections) else None
        has_children = following is not None and following.level > section.level
        key = section.key
        need = PENDING_HINTS.get(key or "", SECTION_KEYS.get(key or "", "")) or "本部分内容"
        views.append(SectionView(heading=section.heading, level=section.level, key=key, paragraphs=paragraphs,
                                 empty=not paragraphs and not has_children, need=need))
    return views


def _default_title(report: PerformanceReport, department: str, year_label: str) -> str:
    """``<部门><年度>部门整体支出绩效自评报告``; for a project ``<项目名称><年度>项目支出绩效自评报告``."""
    if report.kind == "project":
        name = report.project.name if report.project and report.project.name else department
        return f"{name}{year_label}项目支出绩效自评报告"
    return f"{department}{year_label}部门整体支出绩效自评报告"


def build(report: PerformanceReport, framework: Framework | None = None, *,
          signed_on: date | None = None) -> TemplateContext:
    """The template context of ``report`` under ``framework`` (default: the one for its kind).

    ``signed_on`` is the 成文日期 of the 落款 (default: today). Sentences are added by
    :mod:`jixiao.render.sentences`.
    """
    framework = framework or default_framework_for(report.kind)
    views = indicator_views(report, framework)
    counts = {"total": len(views)}
    for status in ("完成", "超额完成", "未完成", "未填报"):
        counts[status] = sum(1 for view in views if view.status == status)
    counts["达成"] = counts["完成"] + counts["超额完成"]
    levels: dict[str, int] = {}
    for view in views:
        if view.level1:
            levels[view.level1] = levels.get(view.level1, 0) + 1
    ordered = sorted(levels.items(), key=lambda item: (LEVEL1_ORDER.index(item[0]) if item[0] in LEVEL1_ORDER else 99))
    year_label = f"{report.year}年度" if report.year else "本年度"
    department = report.department or "本部门"
    return TemplateContext(
        report=report,
        framework=framework,
        department=department,
        region=report.region,
        year=report.year,
        year_label=f"{report.year}年度" if report.year else "本年度",
        budget=budget_figures(report, framework),
        score=fmt.score(report.evaluation.score),
        grade=report.evaluation.grade,
        goals=[goal.text.strip() for goal in report.goals if goal.text.strip()],
        tasks=[{"title": task.title.strip(), "text": task.text.strip()} for task in report.tasks],
        indicators=views,
        indicator_counts=counts,
        level1_counts=ordered,
        problems=list(report.problems),
        measures=list(report.measures),
        # a 自评表's own title (…绩效自评表) is not the report's: the report is titled by the outline
        title=("" if report.form == "table" else (report.title or "").strip())
        or _default_title(report, department, year_label),
        sections=section_views(report),
        signature=Signature(organ=report.department or (report.project.implementer if report.project else None),
                            date=fmt.signed_date(signed_on or date.today())),
    )
