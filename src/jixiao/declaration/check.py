"""Checks of a declared set of goals and indicators (绩效目标申报校验), as they will be scored.

Plain data in (``jixiao.report.Goal``, ``Indicator``, ``Budget``), a list of ``Problem`` out.
A blocking problem (阻断) prevents submission; the others are warnings (提示) shown beside the
rows. The weights must roll up to the scoring framework's parts (the same file the year-end
self-evaluation is scored with), so a declaration that passes is one the scoring engine
reads without a weight warning. Where the review engine already expresses a check
(``targets.unquantified``, ``targets.qualitative_goal``) it is run, not copied.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from jixiao.declaration.scheme import DeclarationRules, load_declaration_rules
from jixiao.figures.format import plain
from jixiao.report import Budget, Evidence, Goal, Indicator, PerformanceReport
from jixiao.review.engine import run_rules
from jixiao.review.profile import default_profile
from jixiao.scoring.framework import QUANTITATIVE_OPS, Framework, Part, load_framework
from jixiao.text.quoting import quoted

ZERO = Decimal(0)
TOLERANCE = Decimal("0.01")


@dataclass(frozen=True)
class Problem:
    """One problem of a declaration: which rule, the Chinese message, the row it concerns."""

    code: str
    message: str
    blocking: bool
    indicator: int | None = None  # index into the declared indicators
    goal: int | None = None  # index into the declared goals

    @property
    def label(self) -> str:
        return "须修改" if self.blocking else "提示"


def blocking(problems: list[Problem]) -> list[Problem]:
    """The problems that prevent submission."""
    return [p for p in problems if p.blocking]


def _name(item: Indicator, index: int) -> str:
    return f"第{index + 1}行指标{quoted(item.name)}" if item.name.strip() else f"第{index + 1}行指标"


def _part_of(item: Indicator, parts: list[Part]) -> Part | None:
    if not item.level1:
        return None
    return next((p for p in parts if p.matches_level1(item.level1)), None)


def check_declaration(
    goals: list[Goal],
    indicators: list[Indicator],
    budget: Budget | None = None,
    *,
    rules: DeclarationRules | None = None,
    framework: Framework | None = None,
) -> list[Problem]:
    """Every problem of the declaration, blocking ones first, then in row order."""
    rules = rules or load_declaration_rules()
    framework = framework or load_framework(rules.framework)
    parts = [p for p in framework.parts if p.kind == "indicators"]
    problems: list[Problem] = []
    if not any(g.text.strip() for g in goals):
        problems.append(Problem("goals.missing", "未填写年度绩效目标", True))
    problems += _row_problems(indicators, parts, rules)
    problems += _reused_review_rules(goals, indicators)
    problems += _count_problems(indicators, parts, rules)
    problems += _weight_problems(indicators, parts, framework)
    if budget is not None:
        problems += _budget_problems(budget)
    problems.sort(key=lambda p: (not p.blocking, p.indicator if p.indicator is not None else -1))
    return problems


def _row_problems(indicators: list[Indicator], parts: list[Part], rules: DeclarationRules) -> list[Problem]:
    problems: list[Problem] = []
    names = "、".join(p.name for p in parts)
    seen: dict[str, int] = {}
    for i, item in enumerate(indicators):
        label = _name(item, i)
        if not item.name.strip():
            problems.append(Problem("indicator.name", f"{label}未填写三级指标名称", True, i))
        elif item.name.strip() in seen:
            problems.append(Problem("indicator.duplicate",
                                    f"{label}与第{seen[item.name.strip()] + 1}行重名", False, i))
        seen.setdefault(item.name.strip(), i)
        part = _part_of(item, parts)
        if part is None:
            problems.append(Problem("indicator.level1", f"{label}的一级指标应为{names}之一", True, i))
        elif item.level2 and item.level2 not in rules.level2.get(part.name, (item.level2,)):
            allowed = "、".join(rules.level2[part.name])
            problems.append(Problem("indicator.level2",
                                    f"{label}的二级指标“{item.level2}”不在{part.name}的常用二级指标（{allowed}）内",
                                    False, i))
        elif not item.level2:
            problems.append(Problem("indicator.level2", f"{label}未填写二级指标", False, i))
        if item.op is None:
            problems.append(Problem("indicator.op", f"{label}未选择计算符号", True, i))
        elif item.op == "qualitative":
            if not (item.target_text or "").strip():
                problems.append(Problem("indicator.qualitative_value",
                                        f"{label}为定性指标，须写明指标值（如“效果明显”“达成预期”）", True, i))
            problems.append(Problem("indicator.qualitative",
                                    f"{label}为定性指标：须可分级或可核验（达成/部分达成/未达成），定量为主、定性为辅",
                                    False, i))
        if item.weight is None:
            problems.append(Problem("indicator.weight", f"{label}未填写分值", True, i))
        elif item.weight <= 0:
            problems.append(Problem("indicator.weight", f"{label}的分值应大于0", True, i))
        for word in rules.input_words:
            if word in item.name:
                problems.append(Problem("indicator.input",
                                        f"{label}含“{word}”，像是投入（财力、人力、物力）而非产出或效益："
                                        "投入数量不能作为绩效目标", False, i))
                break
    return problems


def _reused_review_rules(goals: list[Goal], indicators: list[Indicator]) -> list[Problem]:
    """``targets.unquantified`` (blocking here) and ``targets.qualitative_goal`` (a warning), run as rules."""
    # Each indicator gets a one-character evidence span at its index, so a finding says which row.
    evidence = {f"indicators[{i}]": [Evidence(start=i, end=i + 1, text=item.name or "-")]
                for i, item in enumerate(indicators)}
    report = PerformanceReport(goals=goals, indicators=indicators, evidence=evidence)
    problems = []
    for finding in run_rules(report, None, default_profile(),
                             only=["targets.unquantified", "targets.qualitative_goal"]):
        row = finding.evidence[0].start if finding.rule == "targets.unquantified" and finding.evidence else None
        if row is not None and indicators[row].op is None:
            continue  # a missing operator is reported once, as such
        problems.append(Problem(finding.rule, finding.message, finding.rule == "targets.unquantified", row))
    return problems


def _count_problems(indicators: list[Indicator], parts: list[Part], rules: DeclarationRules) -> list[Problem]:
    problems = []
    if len(indicators) < rules.min_indicators:
        problems.append(Problem("indicators.count",
                                f"绩效指标共{len(indicators)}个，至少应设{rules.min_indicators}个", True))
    present = {p.name for item in indicators if (p := _part_of(item, parts)) is not None}
    for required in rules.required_parts:
        if required.part not in present:
            problems.append(Problem("indicators.part_missing", f"{required.part}下至少应设1个三级指标",
                                    required.blocking))
    quantitative = sum(1 for item in indicators if item.op in QUANTITATIVE_OPS)
    qualitative = sum(1 for item in indicators if item.op == "qualitative")
    if qualitative > quantitative:
        problems.append(Problem("indicators.mostly_qualitative",
                                f"定性指标{qualitative}个多于定量指标{quantitative}个：应定量为主、定性为辅", False))
    return problems


def _weight_problems(indicators: list[Indicator], parts: list[Part], framework: Framework) -> list[Problem]:
    """The 三级 weights under each 一级 (and 二级, where the framework splits it) equal its 分值."""
    members: dict[str, list[Indicator]] = defaultdict(list)
    for item in indicators:
        part = _part_of(item, parts)
        if part is not None:
            members[part.name].append(item)
    pools = {p.name: p.weight for p in parts}
    for part in parts:  # 10号: a part without indicators hands its weight to its `if_empty` part
        if not members[part.name] and part.if_empty and members[part.if_empty]:
            pools[part.if_empty] += pools[part.name]
            pools[part.name] = ZERO
    problems = []
    for part in parts:
        rows = members[part.name]
        if not rows or any(r.weight is None for r in rows):
            continue
        total = sum((r.weight for r in rows if r.weight is not None), ZERO)
        if abs(total - pools[part.name]) > TOLERANCE:
            moved = "（含未设指标部分转入的分值）" if pools[part.name] != part.weight else ""
            problems.append(Problem("weights.part",
                                    f"{part.name}下三级指标分值合计{plain(total)}，应等于{plain(pools[part.name])}"
                                    f"{moved}，依据{framework.title}", True))
        for child in part.children:
            child_total = sum((r.weight for r in rows if r.level2 == child.name and r.weight is not None), ZERO)
            if abs(child_total - child.weight) > TOLERANCE:
                problems.append(Problem("weights.child",
                                        f"{part.name}·{child.name}下分值合计{plain(child_total)}，"
                                        f"应等于{plain(child.weight)}", True))
    return problems


def _budget_problems(budget: Budget) -> list[Problem]:
    basic, project, initial = budget.by_nature.basic, budget.by_nature.project, budget.initial
    if initial is None:
        return [Problem("budget.initial", "未填写年初预算数：绩效目标须与预算资金相匹配", False)]
    if basic is not None and project is not None and abs(basic + project - initial) > TOLERANCE:
        return [Problem("budget.by_nature", f"基本支出{basic}万元与项目支出{project}万元之和"
                        f"{basic + project}万元，不等于年初预算数{initial}万元", False)]
    return []
