"""Target checks (绩效目标与指标): targets set too low, unreported or unquantifiable, vague goals.

Operates on the report's indicators (三级指标: target, actual, unit), goals (绩效目标) and tasks
(重点工作任务 with their 完成情况). Whether an indicator is met or over-achieved is the shared rule
of :mod:`jixiao.figures.achievement`, with the scoring framework's 130% line; the length of a
"vague" completion comes from the profile.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.figures import format as fmt
from jixiao.figures.achievement import assess_indicator, completion
from jixiao.indicators.checks import far_exceeded
from jixiao.report import Evidence, Finding, Indicator
from jixiao.review.engine import Context, rule
from jixiao.review.tables import cell_evidence, tables

_DIGIT = re.compile(r"\d|[一二三四五六七八九十百千万]+[个项次场期篇人家所件条]")


def _quantitative(indicator: Indicator) -> bool:
    return indicator.op != "qualitative"


def _target_text(indicator: Indicator) -> str:
    return fmt.stated(indicator.target_text, indicator.op, indicator.target, indicator.unit)


@rule(
    "targets.over_achievement",
    title="实际完成值远超指标值（目标设置偏低）",
    severity="general",
    checks="正向指标实际完成值达到指标值的130%（评分框架 over_achievement.line）及以上，且未说明偏差原因。",
    basis="domain.md §1.5 广西 130% 规则 [V-2 S5]; 财预〔2020〕10号 高于指标值较多要分析原因 [R]; §7.2-1",
    example="舆情日报数量 ≥200期，实际432期，完成216%。",
)
def over_achievement(ctx: Context) -> Iterator[Finding]:
    line = ctx.framework.over_achievement.line
    for i, item in enumerate(ctx.report.indicators):
        if item.deviation_reason and item.deviation_reason.strip():
            continue
        if item.target is None or item.actual is None or assess_indicator(item, ctx.framework).status != "over":
            continue
        yield ctx.finding(
            f"指标“{item.name}”指标值{_target_text(item)}，实际完成{item.actual_text or fmt.plain(item.actual)}，"
            f"完成{fmt.percent(completion(item.actual, item.target))}，达到指标值的{fmt.plain(line)}%以上，目标设置偏低",
            ctx.evidence(f"indicators[{i}].target", f"indicators[{i}].actual", f"indicators[{i}]"),
            "说明超额完成的原因；下一年度按实际能力合理设定指标值，必要时按偏离度调减该指标得分。",
        )


@rule(
    "targets.no_actual",
    title="指标未报告实际完成值",
    severity="serious",
    checks="申报了指标值的定量指标，报告中找不到对应的实际完成值。",
    basis="domain.md §1.3 单位自评须比较实际值与指标值 [R]; §1.7 偏差原因 [R]",
    example="“市民对文明城市建设满意度85%以上”，全文未报告满意度结果。",
)
def no_actual(ctx: Context) -> Iterator[Finding]:
    for i, item in enumerate(ctx.report.indicators):
        if not _quantitative(item) or item.target is None:
            continue
        if item.actual is not None or (item.actual_text and item.actual_text.strip()):
            continue
        yield ctx.finding(
            f"指标“{item.name}”申报了指标值{_target_text(item)}，但报告未给出实际完成值",
            ctx.evidence(f"indicators[{i}].target", f"indicators[{i}]"),
            "补充该指标的实际完成值及其依据（如满意度调查结果、统计数据），未完成的说明原因。",
        )


@rule(
    "targets.unquantified",
    title="定量指标缺少数值或计量单位（不可量化）",
    severity="serious",
    checks="非定性指标须有指标值和计量单位。",
    basis="domain.md §1.5 计量单位为必录项 [V-2 S7]; §7.2-2 指标不可量化",
    example="“宣传覆盖面明显提高”没有数值；“征订数量≥79”没有单位。",
)
def unquantified(ctx: Context) -> Iterator[Finding]:
    for i, item in enumerate(ctx.report.indicators):
        if not _quantitative(item):
            continue
        missing = [label for value, label in ((item.target, "指标值"), (item.unit, "计量单位")) if value is None]
        if not missing:
            continue
        yield ctx.finding(
            f"指标“{item.name}”缺少{'和'.join(missing)}，无法衡量完成程度",
            ctx.evidence(f"indicators[{i}].target", f"indicators[{i}]"),
            "为该指标设定明确的数值和计量单位，或按定性指标列明分级标准。",
        )


@rule(
    "targets.unmet_without_reason",
    title="未完成指标未说明偏差原因",
    severity="serious",
    checks="正向指标实际值低于指标值（反向指标高于指标值），且没有偏差原因分析。",
    basis="domain.md §1.7 偏差原因分析 [R 10号]; §7.2-8; §7.3 unmet indicator without reason → 严重",
    example="培训人次 ≥1500，实际1200，无偏差原因。",
)
def unmet_without_reason(ctx: Context) -> Iterator[Finding]:
    for i, item in enumerate(ctx.report.indicators):
        if item.target is None or item.actual is None or (item.deviation_reason or "").strip():
            continue
        if not _quantitative(item) or assess_indicator(item, ctx.framework).status != "unmet":
            continue
        yield ctx.finding(
            f"指标“{item.name}”指标值{_target_text(item)}，实际{item.actual_text or fmt.plain(item.actual)}，未完成且未说明偏差原因",
            ctx.evidence(f"indicators[{i}].target", f"indicators[{i}].actual", f"indicators[{i}]"),
            "补充偏差原因分析（经费、制度、人员、硬件条件或其他）及改进措施。",
        )


@rule(
    "targets.qualitative_goal",
    title="绩效目标全为定性表述，无可衡量的指标",
    severity="general",
    checks="报告列出绩效目标，但目标中没有任何数字，全文也没有带指标值的绩效指标。",
    basis="domain.md §4.3 目标须可衡量; §7.2-2 不可衡量目标 [V-2 S33]",
    example="“坚定文化自信，增强我区文化软实力”，全文无指标值。",
)
def qualitative_goal(ctx: Context) -> Iterator[Finding]:
    report = ctx.report
    if not report.goals or any(item.target is not None for item in report.indicators):
        return
    if any(_DIGIT.search(goal.text) for goal in report.goals):
        return
    yield ctx.finding(
        f"报告所列{len(report.goals)}项绩效目标均为定性表述，未设定产出、效益、满意度等可衡量的指标值",
        ctx.evidence(*(f"goals[{i}]" for i in range(len(report.goals)))),
        "按产出（数量、质量、时效、成本）、效益、满意度设定带数值和单位的绩效指标，并逐项报告完成值。",
    )


@rule(
    "targets.vague_completion",
    title="重点任务完成情况表述空泛",
    severity="hint",
    checks="某项重点任务的完成情况很短（配置字数以内）且没有任何数字或佐证。",
    basis="domain.md §7.2-10 佐证不足 [V-2 S33]; §7.2-8 表述空泛 [I]",
    example="“完成情况：按要求完成相关工作。”",
)
def vague_completion(ctx: Context) -> Iterator[Finding]:
    limit = int(ctx.profile.get("targets.vague_completion_max_chars"))
    for i, task in enumerate(ctx.report.tasks):
        text = task.text.replace(task.title, "").strip() if task.title else task.text.strip()
        if not text or len(text) > limit or _DIGIT.search(text):
            continue
        yield ctx.finding(
            f"重点任务“{_short(task.title)}”的完成情况仅写“{text}”，没有完成数量或佐证",
            ctx.evidence(f"tasks[{i}]"),
            "写明完成的具体内容、数量和佐证材料（文件、台账、验收记录等）。",
        )


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit] + "…"



_REVERSE_NAME = re.compile(r"(?:发生|事故|投诉|差错|失业|受害|成灾|超支|违规|伤亡|死亡|火灾|病死|损坏|返工|退回|逾期)率|控制在")
_SKIP_NAME = re.compile(r"成本|时间|时效|完成时限|日期|资金|经费|金额|预算")


def _direction(op: str | None, name: str) -> str | None:
    """``up`` (higher is better), ``down``, or None when the row does not say."""
    if op in (">=", ">", "≥", "不低于", "不少于", "=", "＝"):
        return "up"
    if op in ("<=", "<", "≤", "不高于", "不超过"):
        return "down"
    if op == "qualitative" or _SKIP_NAME.search(name):
        return None
    return "down" if _REVERSE_NAME.search(name) else "up"


_Scored = tuple[str, Decimal, Decimal, Decimal, Decimal, str | None, list[Evidence], str, str]


def _scored_rows(ctx: Context) -> Iterator[_Scored]:
    """(name, target, actual, weight, score, op, evidence) of the extracted indicators, then of the text's 自评表."""
    seen: set[str] = set()
    for i, item in enumerate(ctx.report.indicators):
        if None in (item.target, item.actual, item.weight, item.score):
            continue
        assert item.target is not None and item.actual is not None and item.weight is not None
        assert item.score is not None
        seen.add(item.name)
        evidence = ctx.evidence(f"indicators[{i}].score", f"indicators[{i}]")
        shown = (_target_text(item), item.actual_text or fmt.plain(item.actual))
        yield item.name, item.target, item.actual, item.weight, item.score, item.op, evidence, *shown
    if ctx.document is None:
        return
    for table in tables(ctx):
        for row in table.rows:
            values = row.values
            cells = [values.get(k) for k in ("target", "actual", "weight", "score")]
            if any(c is None for c in cells) or row.name in seen:
                continue
            target, actual, weight, score = cells
            assert target is not None and actual is not None and weight is not None and score is not None
            if target.unit != actual.unit and None not in (target.unit, actual.unit):
                continue
            evidence = [cell_evidence(ctx, row.labels[-1], *(c.cell for c in (target, actual, weight, score)))]
            shown = (target.cell.text, actual.cell.text)
            yield row.name, target.value, actual.value, weight.value, score.value, target.op, evidence, *shown


@rule(
    "targets.full_score_unmet",
    title="指标未完成却得满分",
    severity="serious",
    checks="自评表中一行的实际完成值未达到指标值（正向指标低于、反向指标高于；方向取自指标值的≥≤，未写时按指标名称判断，"
    "成本、时效、金额类不判断），而得分等于分值。",
    basis="domain.md §1.5 未达到指标值按完成比例计分 [R; V-2 S4]; §7.2-5 自评分虚高 [V-2 S32]",
    example="“群众满意度 ≥95% | 90% | 分值10 | 得分10”。",
)
def full_score_unmet(ctx: Context) -> Iterator[Finding]:
    tolerance = ctx.profile.decimal("money.tolerance")
    for name, target, actual, weight, score, op, evidence, target_text, actual_text in _scored_rows(ctx):
        direction = _direction(op, name)
        if direction is None or weight <= 0 or score < weight - tolerance:
            continue
        unmet = actual < target if direction == "up" else actual > target
        if not unmet:
            continue
        relation = "低于" if direction == "up" else "高于"
        yield ctx.finding(
            f"指标“{name}”实际完成值{actual_text}{relation}指标值{target_text}，未达到目标，"
            f"却得满分{score.normalize():f}分（分值{weight.normalize():f}分）",
            evidence,
            "按完成比例重新计分（完成值 ÷ 指标值 × 分值），并补充偏差原因分析。",
        )


@rule(
    "targets.low_against_library",
    title="目标偏低（对照指标库历史与同类）",
    severity="general",
    checks="对照指标库检查过的指标（有本部门历年实际、同类中位数等依据），实际完成值达到指标值的130%"
           "（评分框架 over_achievement.line）及以上（反向指标 70% 及以下）：列出依据，提示下年按实际能力设定。",
    basis="domain.md §1.5 广西 130% 规则 [V-2 S5]; §4.2 取值依据 计划/历史/行业标准 [R]; 种子报告「部分指标预期值设置较低」",
    example="舆情日报数量 ≥200期，实际432期（216%）；依据：上年实际 432期；同类 8 个部门指标值中位数 365期。",
)
def low_against_library(ctx: Context) -> Iterator[Finding]:
    if not ctx.target_basis:
        return
    line = ctx.framework.over_achievement.line
    for i, item in enumerate(ctx.report.indicators):
        basis = ctx.target_basis.get(i)
        if not basis or not _quantitative(item) or not far_exceeded(item.op or ">=", item.target, item.actual, line):
            continue
        assert item.target is not None and item.actual is not None  # far_exceeded needs both
        yield ctx.finding(
            f"指标“{item.name}”指标值{_target_text(item)}，实际完成{item.actual_text or fmt.plain(item.actual)}"
            f"（{fmt.percent(completion(item.actual, item.target))}），目标偏低；依据：{basis}",
            ctx.evidence(f"indicators[{i}].target", f"indicators[{i}].actual", f"indicators[{i}]"),
            "下一年度参照本部门历年实际和同类指标值设定指标值（见依据中的建议目标）。",
        )
