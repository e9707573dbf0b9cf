"""Execution checks (预算执行): a low or abnormal execution rate, 优 with low execution, year-end piles.

Whether a low rate is *explained* is decided from the text: a sentence must speak of money
left unspent (未支付, 结余, 执行率偏低 …) and give a cause (因, 由于 …). A sentence that only
says *when* money was paid (年底较集中支付, 进度不均衡) is not an explanation of a low year-end
rate: money paid late in the year still counts as executed. Both word lists are in the profile.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.figures import format as fmt
from jixiao.figures.rates import execution_rate as rate_of_budget
from jixiao.figures.rates import share
from jixiao.report import Evidence, Finding
from jixiao.review.engine import Context, rule

_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")


def shown_rate(ctx: Context) -> Decimal | None:
    """The stated rate, or spent/total when the report gives the figures but not the rate."""
    return rate_of_budget(ctx.report.budget).shown


def _sentences(ctx: Context) -> list[tuple[str, Evidence | None]]:
    """Sentences to search for an explanation, with evidence where the document is known."""
    if ctx.document is not None:
        text = ctx.document.text
        return [(text[start:end], None) for start, end in ctx.sentences]
    found: list[tuple[str, Evidence | None]] = []
    for item in (*ctx.report.problems, *ctx.report.measures):
        found.extend((m.group(), None) for m in _SENTENCE.finditer(item))
    return found


def _sentence_spans(ctx: Context, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    if ctx.document is None:
        return []
    text = ctx.document.text
    return [(s, e) for s, e in ctx.sentences if any(term in text[s:e] for term in terms)]


def explanation(ctx: Context) -> tuple[bool, list[tuple[int, int]]]:
    """Whether the text explains unspent money; and the timing-only sentences it has instead."""
    unspent = ctx.profile.strings("execution.unspent_terms")
    causes = ctx.profile.strings("execution.cause_terms")
    timing = ctx.profile.strings("execution.timing_terms")
    for sentence, _ in _sentences(ctx):
        if any(term in sentence for term in unspent) and any(term in sentence for term in causes):
            # the stated figure itself (年末结转和结余80.67万元) is not a reason
            return True, []
    return False, _sentence_spans(ctx, timing)


@rule(
    "execution.low_rate",
    title="预算执行率偏低且未说明原因",
    severity="general",
    checks="执行率（未写明时按执行数÷预算数复算）低于90%（评分框架 explain_below）而全文没有说明未执行资金的原因；"
    "低于80%（配置的异常线）时升为严重。"
    "只说“年底较集中支付”等支出时点的，不算说明。",
    basis="domain.md §1.5 四川：执行率低于90%须说明原因 [V S10]; §1.7; §7.2-7 <80% 异常 [V-2 S33]",
    example="执行率72.60%，“存在的主要问题”只提年底较集中支付，未说明27.40%预算为何未执行。",
)
def low_rate(ctx: Context) -> Iterator[Finding]:
    rate = shown_rate(ctx)
    line = ctx.framework.explain_below
    if rate is None or line is None or rate >= line:
        return
    explained, timing = explanation(ctx)
    if explained:
        return
    abnormal = ctx.profile.decimal("execution.abnormal_low")
    evidence = ctx.evidence("budget.execution_rate") or ctx.evidence("budget.spent", "budget.total")
    message = f"预算执行率{fmt.percent(rate)}，低于{fmt.plain(line)}%"
    if rate < abnormal:
        message += f"（低于{fmt.plain(abnormal)}%，属执行异常）"
    message += f"，{fmt.percent(Decimal(100) - rate)}的预算未执行，报告未说明原因"
    if timing and ctx.document is not None:
        said = ctx.document.text[timing[0][0] : timing[0][1]]
        term = next(t for t in ctx.profile.strings("execution.timing_terms") if t in said)
        message += f"；文中“{term}”只说支出时点，不能说明年末为何有资金未执行"
        evidence = evidence + [ctx.span(s, e) for s, e in timing[:2]]
    yield ctx.finding(
        message,
        evidence,
        "说明未执行资金的具体项目、金额和原因（如项目延期、政策调整、资金收回），以及下一步措施。",
        severity="serious" if rate < abnormal else None,
    )


@rule(
    "execution.over_execution",
    title="预算执行率超过异常上限",
    severity="serious",
    checks="执行率高于120%（配置）。",
    basis="domain.md §7.2-7 >120% 异常 [V-2 S33]",
    example="执行率135%。",
)
def over_execution(ctx: Context) -> Iterator[Finding]:
    rate = shown_rate(ctx)
    line = ctx.profile.decimal("execution.abnormal_high")
    if rate is None or rate <= line:
        return
    yield ctx.finding(
        f"预算执行率{fmt.percent(rate)}，超过{fmt.plain(line)}%，属执行异常（超预算支出或预算数口径有误）",
        ctx.evidence("budget.execution_rate"),
        "核对预算数是否为调整后全年预算数，说明超预算支出的依据。",
    )


@rule(
    "execution.excellent_with_low_rate",
    title="等级为“优”而预算执行率偏低",
    severity="general",
    checks="自评等级为优（或自评分≥90），而执行率低于90%（评分框架 explain_below）。",
    basis="domain.md §7.2-5 优 (≥90) while 预算执行率 is low [I]",
    example="执行率72.60%，自评等级“优”。",
)
def excellent_with_low_rate(ctx: Context) -> Iterator[Finding]:
    report = ctx.report
    rate = shown_rate(ctx)
    line = ctx.framework.explain_below
    excellent = report.evaluation.grade == "优" or (
        report.evaluation.grade is None and report.evaluation.score is not None
        and ctx.framework.grade(report.evaluation.score) == "优"
    )
    if rate is None or line is None or rate >= line or not excellent:
        return
    yield ctx.finding(
        f"自评等级为“优”，但预算执行率仅{fmt.percent(rate)}（低于{fmt.plain(line)}%），自评结果可能偏高",
        ctx.evidence("evaluation.grade", "evaluation.score", "budget.execution_rate"),
        "按执行率复核预算执行部分的得分，说明评为“优”的依据。",
    )


@rule(
    "execution.year_end_concentration",
    title="年底集中支出",
    severity="general",
    checks="有月度执行数时，12月支出占全年超过20%（配置）或第四季度超过40%（配置）。",
    basis="domain.md §7.2-7 年底突击支出 [V-2 S32]; §3.3 执行进度与序时进度",
    example="12月支出354.76万元，占全年864.45万元的41.04%。",
)
def year_end_concentration(ctx: Context) -> Iterator[Finding]:
    monthly = ctx.report.budget.monthly
    if len(monthly) < 12:
        return
    total = sum((item.spent for item in monthly), Decimal(0))
    if total <= 0:
        return
    december = sum((item.spent for item in monthly if item.month == 12), Decimal(0))
    q4 = sum((item.spent for item in monthly if item.month >= 10), Decimal(0))
    dec_max = ctx.profile.decimal("execution.december_share_max")
    q4_max = ctx.profile.decimal("execution.q4_share_max")
    if december / total <= dec_max and q4 / total <= q4_max:
        return
    yield ctx.finding(
        f"12月支出{fmt.money(december)}万元，占全年{fmt.money(total)}万元的{fmt.percent(share(december, total))}；"
        f"第四季度占{fmt.percent(share(q4, total))}，支出集中在年底",
        ctx.evidence("budget.monthly"),
        "按序时进度均衡执行预算，说明年底集中支出的原因。",
    )
