"""How a report's indicators map to a framework's parts (指标归类与权重分配).

The rule, documented in docs/scoring.md:

1. **Part.** An indicator whose 一级指标 names a part (its name or an alias) belongs to it.
   Otherwise the part is inferred from the indicator's name: the first part, in the file's
   order, one of whose ``keywords`` occurs in the name (满意度 → 满意度指标); otherwise the
   framework's ``default_part`` (产出指标). The explanation says which way it was decided.
2. **Weight.** An indicator that states its weight (分值) keeps it. Within a part (or, where
   the framework splits the part into children, within the child its 二级指标 names), the
   indicators without a weight share what is left of the weight equally, to the cent;
   the first ones take the leftover cents. A part with no indicator at all hands its weight
   to the part named by its ``if_empty`` (10号: without 满意度 its 10 goes to 产出) when that
   part has indicators without a stated weight; otherwise its points are not counted (the
   report's own weights are kept as stated) and a warning says so.
3. **Fixed indicators** of the framework fill in what a same-named report indicator lacks
   (op, target, unit, weight); one the report lacks is scored 0 as 未填报.
4. **二级指标.** A stated 二级指标 is kept; otherwise the part's ``second_levels`` name it (the
   only one, or the first whose keyword occurs in the name), with a note; else it stays empty.
5. The 预算执行率 part becomes one item: 执行数 / 全年预算数 when both are stated, else the
   stated 执行率.

Where stated weights do not roll up (a part's indicators ≠ the part, or the whole ≠ the
total), the report is still scored as stated and a warning says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from jixiao.figures.achievement import is_qualitative
from jixiao.figures.rates import execution_rate
from jixiao.figures.rounding import CENT
from jixiao.report import Indicator, PerformanceReport
from jixiao.scoring.framework import FixedIndicator, Framework, Part


@dataclass(frozen=True)
class Resolved:
    """An indicator ready to score: its part, operator and weight decided."""

    name: str
    level1: str
    level2: str | None
    op: str  # ">=", ">", "=", "<", "<=", "qualitative", "execution_rate", "missing_op"
    target: Decimal | None
    actual: Decimal | None
    unit: str | None
    weight: Decimal
    actual_text: str | None = None
    stated_score: Decimal | None = None
    notes: tuple[str, ...] = ()
    index: int | None = None
    """Position of the report indicator this item scores; ``None`` for framework placeholders and 预算执行率."""


def part_of(indicator: Indicator, framework: Framework) -> tuple[Part, str | None]:
    """The part an indicator belongs to, and a note when it was inferred rather than stated."""
    parts = [p for p in framework.parts if p.kind == "indicators"]
    if indicator.level1:
        for part in parts:
            if part.matches_level1(indicator.level1):
                return part, None
    for part in parts:
        for keyword in part.keywords:
            if keyword in indicator.name:
                return part, f"一级指标由名称推断：名称含“{keyword}”，归入{part.name}"
    default = framework.part(framework.default_part)
    if indicator.level1:
        return default, f"一级指标“{indicator.level1}”不在框架内，归入{default.name}"
    return default, f"未注明一级指标，名称无归类关键词，归入{default.name}"


def equal_shares(total: Decimal, count: int) -> list[Decimal]:
    """``total`` split into ``count`` shares to the cent; the first ones take the leftover cents."""
    cents = int((total / CENT).to_integral_value())
    base, extra = divmod(cents, count)
    return [Decimal(base + (1 if i < extra else 0)) * CENT for i in range(count)]


def _op_of(indicator: Indicator) -> str:
    if indicator.op is not None:
        return indicator.op
    if is_qualitative(None, indicator.target, indicator.actual, indicator.actual_text, indicator.target_text):
        return "qualitative"
    return "missing_op"


def _merge_fixed(indicator: Indicator, fixed: FixedIndicator | None) -> Indicator:
    if fixed is None:
        return indicator
    return indicator.model_copy(update={
        "op": indicator.op or fixed.op,
        "target": indicator.target if indicator.target is not None else fixed.target,
        "unit": indicator.unit or fixed.unit,
        "weight": indicator.weight if indicator.weight is not None else fixed.weight,
        "level2": indicator.level2 or fixed.level2,
    })


def resolve(report: PerformanceReport, framework: Framework) -> tuple[list[Resolved], list[str]]:
    """The report's indicators (and the execution-rate part) ready to score, with warnings."""
    resolved, warnings, _ = resolve_parts(report, framework)
    return resolved, warnings


def resolve_parts(report: PerformanceReport, framework: Framework) -> tuple[list[Resolved], list[str], list[str]]:
    """As :func:`resolve`, and the parts whose points are not counted (未计入: no indicator took them)."""
    warnings: list[str] = []
    uncounted: list[str] = []
    members: dict[str, list[tuple[Indicator, str | None, int | None]]] = {p.name: [] for p in framework.parts}
    fixed_by_name = {x.name: x for p in framework.parts for x in p.indicators}
    seen_fixed: set[str] = set()
    for index, indicator in enumerate(report.indicators):
        fixed = fixed_by_name.get(indicator.name)
        if fixed is not None:
            seen_fixed.add(fixed.name)
        part, note = part_of(indicator, framework)
        members[part.name].append((_merge_fixed(indicator, fixed), note, index))
    for part in framework.parts:
        for fixed in part.indicators:
            if fixed.name not in seen_fixed:
                placeholder = Indicator.model_validate({
                    "name": fixed.name, "level1": part.name, "level2": fixed.level2, "op": fixed.op,
                    "target": fixed.target, "unit": fixed.unit, "weight": fixed.weight})
                members[part.name].append((placeholder, "框架规定的指标，报告未填报", None))

    pools = {p.name: p.weight for p in framework.parts}
    for part in framework.parts:
        if part.kind != "indicators" or members[part.name]:
            continue
        receiver = part.if_empty
        # only indicators without a stated weight can take the points; stated weights stay as stated
        if receiver and any(ind.weight is None for ind, _, _ in members[receiver]):
            pools[receiver] += pools[part.name]
            warnings.append(f"未设{part.name}，其 {part.weight} 分并入{receiver}")
        else:
            warnings.append(f"未设{part.name}，其 {part.weight} 分未计入")
            uncounted.append(part.name)
        pools[part.name] = Decimal(0)

    resolved: list[Resolved] = []
    for part in framework.parts:
        if part.kind == "execution_rate":
            resolved.append(_execution_item(report, part, pools[part.name]))
            continue
        resolved.extend(_part_items(part, members[part.name], pools[part.name], warnings))
    stated_total = sum((r.weight for r in resolved), Decimal(0))
    if stated_total != framework.total:
        warnings.append(f"权重合计 {stated_total}，不等于框架总分 {framework.total}")
    return resolved, warnings, uncounted


def _child_of(part: Part, level2: str | None) -> str | None:
    """The child (二级指标) of ``part`` a 二级 text names, ignoring a trailing 指标."""
    if not level2:
        return None
    wanted = level2.strip().removesuffix("指标")
    for child in part.children:
        if child.name.removesuffix("指标") == wanted:
            return child.name
    return None


def _groups(part: Part, items: list[tuple[Indicator, str | None, int | None]], pool: Decimal,
            warnings: list[str]) -> list[tuple[str, list[int], Decimal]]:
    """Indicator groups that share a weight: the part, or each of its children (二级指标).

    A child without indicators, and points handed to this part by an empty one, go to the
    indicators whose 二级 names no child; failing those, to the first group with an
    unweighted indicator; failing that they are not counted.
    """
    if not part.children:
        return [(part.name, list(range(len(items))), pool)]
    members: dict[str, list[int]] = {c.name: [] for c in part.children}
    loose: list[int] = []
    for i, (indicator, _, _) in enumerate(items):
        named = _child_of(part, indicator.level2)
        (members[named] if named else loose).append(i)
    spare = pool - part.weight
    groups: list[tuple[str, list[int], Decimal]] = []
    for child in part.children:
        if members[child.name]:
            groups.append((f"{part.name}/{child.name}", members[child.name], child.weight))
        else:
            spare += child.weight
    if loose:
        groups.append((part.name, loose, spare))
    elif spare:
        for k, (name, indices, weight) in enumerate(groups):
            if any(items[i][0].weight is None for i in indices):
                groups[k] = (name, indices, weight + spare)
                break
        else:
            warnings.append(f"{part.name}有二级指标未设三级指标，其 {spare} 分未计入")
    return groups


def _part_items(
    part: Part, items: list[tuple[Indicator, str | None, int | None]], pool: Decimal, warnings: list[str]
) -> list[Resolved]:
    shares: dict[int, tuple[Decimal, str]] = {}
    for name, indices, weight in _groups(part, items, pool, warnings):
        stated_sum = sum((items[i][0].weight or Decimal(0) for i in indices), Decimal(0))
        unweighted = [i for i in indices if items[i][0].weight is None]
        if unweighted:
            left = max(weight - stated_sum, Decimal(0))
            explained = f"未注明分值，{name}剩余 {left} 分由 {len(unweighted)} 项平均分配"
            for i, share in zip(unweighted, equal_shares(left, len(unweighted)), strict=True):
                shares[i] = (share, explained)
        elif indices and stated_sum != weight:
            warnings.append(f"{name}的指标权重合计 {stated_sum}，不等于其分值 {weight}")
    out: list[Resolved] = []
    for i, (indicator, note, index) in enumerate(items):
        notes = [note] if note else []
        level2 = indicator.level2
        if not level2:
            inferred = part.second_level_of(indicator.name)
            if inferred is not None:
                level2, level2_note = inferred
                notes.append(level2_note)
        weight = indicator.weight if indicator.weight is not None else Decimal(0)
        if i in shares:
            weight, share_note = shares[i]
            notes.append(share_note)
        out.append(Resolved(
            name=indicator.name, level1=part.name, level2=level2, op=_op_of(indicator),
            target=indicator.target, actual=indicator.actual, unit=indicator.unit, weight=weight,
            actual_text=indicator.actual_text, stated_score=indicator.score, notes=tuple(notes), index=index,
        ))
    return out


def _execution_item(report: PerformanceReport, part: Part, weight: Decimal) -> Resolved:
    budget = report.budget
    rate = execution_rate(budget)
    base = Resolved(name=part.name, level1=part.name, level2=None, op="execution_rate", target=None,
                    actual=None, unit=None, weight=weight)
    # the score reckons from the amounts where they are known, else from the stated rate
    if rate.computed is not None:
        return replace(base, target=budget.total, actual=budget.spent, unit="万元",
                       notes=("执行率 = 执行数 / 全年预算数",))
    if rate.stated is not None:
        return replace(base, target=Decimal(100), actual=rate.stated, unit="%",
                       notes=("采用报告所述执行率",))
    return base
