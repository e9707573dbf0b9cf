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
from functools import lru_cache

from jixiao.figures import format as fmt
from jixiao.figures.rates import execution_rate as rate_of_budget
from jixiao.figures.rates import execution_rate_from, share
from jixiao.report import Evidence, Finding
from jixiao.review.engine import Context, rule
from jixiao.review.figures import Figure, figures
from jixiao.review.tables import Row, cell_evidence, tables

_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")


def shown_rate(ctx: Context) -> Decimal | None:
    """The stated rate, or spent/total when the report gives the figures but not the rate; without
    either, the 年度资金总额 row of the text's own 自评表 (see :func:`table_total_row`)."""
    rate = rate_of_budget(ctx.report.budget).shown
    if rate is not None:
        return rate
    row = table_total_row(ctx)
    if row is not None:
        stated = row.values.get("rate")
        return execution_rate_from(
            row.values["budget"].value, row.values["spent"].value, stated.value if stated is not None else None
        ).shown
    return None


_TOTAL_ROW = re.compile(r"^(?:年度)?(?:财政)?资金总额|^年度总金额|^合计|^总计")


def table_total_row(ctx: Context) -> Row | None:
    """The funds row of a 自评表 (年度资金总额 | 预算数 | 执行数 | 执行率) read from the text."""
    if ctx.document is None:
        return None
    for table in tables(ctx):
        for row in table.rows:
            budget, spent = row.values.get("budget"), row.values.get("spent")
            if budget is None or spent is None or budget.value <= 0:
                continue
            if _TOTAL_ROW.search(row.name.replace(" ", "")):
                return row
    return None


def _claim(ctx: Context) -> tuple[int, int] | None:
    """The clause claiming execution went as budgeted (不存在执行数偏离预算数较多的问题)."""
    if ctx.document is None:
        return None
    text = ctx.document.text
    for term in ctx.profile.strings("execution.no_deviation_claims"):
        at = text.find(term)
        if at < 0:
            continue
        start = max(text.rfind(ch, 0, at) for ch in "|，。；\n\t") + 1
        ends = [i for i in (text.find(ch, at) for ch in "|。；\n\t") if i >= 0]
        return start, min(ends) if ends else len(text)
    return None


def _rate_evidence(ctx: Context) -> list[Evidence]:
    evidence = ctx.evidence("budget.execution_rate") or ctx.evidence("budget.spent", "budget.total")
    if not evidence:
        row = table_total_row(ctx)
        if row is not None:
            evidence = [cell_evidence(ctx, row.labels[-1], *(v.cell for v in row.values.values()))]
    return evidence


def _unspent(ctx: Context) -> tuple[Decimal, Decimal] | None:
    """The executed amount and the amount left unspent, where the figures are known."""
    budget = ctx.report.budget
    if budget.total is not None and budget.spent is not None:
        return budget.spent, budget.total - budget.spent
    row = table_total_row(ctx)
    if row is not None:
        return row.values["spent"].value, row.values["budget"].value - row.values["spent"].value
    return None


def _sentences(ctx: Context) -> list[tuple[str, Evidence | None]]:
    """Sentences to search for an explanation, with evidence where the document is known."""
    if ctx.document is not None:
        text = ctx.document.text
        return [(text[start:end], None) for start, end in ctx.sentences]
    found: list[tuple[str, Evidence | None]] = []
    for item in (*ctx.report.problems, *ctx.report.measures):
        found.extend((m.group(), None) for m in _SENTENCE.finditer(item))
    return found


@lru_cache(maxsize=32)
def _any_of(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for "the sentence contains one of the terms" (a search per sentence instead of
    a loop over the terms)."""
    return re.compile("|".join(map(re.escape, terms)) or "(?!)")


def _sentence_spans(ctx: Context, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    if ctx.document is None:
        return []
    text = ctx.document.text
    pattern = _any_of(terms)
    return [(s, e) for s, e in ctx.sentences if pattern.search(text, s, e)]


def explanation(ctx: Context) -> tuple[bool, list[tuple[int, int]]]:
    """Whether the text explains unspent money; and the timing-only sentences it has instead."""
    unspent = _any_of(ctx.profile.strings("execution.unspent_terms"))
    causes = _any_of(ctx.profile.strings("execution.cause_terms"))
    timing = ctx.profile.strings("execution.timing_terms")
    for sentence, _ in _sentences(ctx):
        if unspent.search(sentence) and causes.search(sentence):
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
    evidence = _rate_evidence(ctx)
    message = f"预算执行率{fmt.percent(rate)}，低于{fmt.plain(line)}%"
    if rate < abnormal:
        message += f"（低于{fmt.plain(abnormal)}%，属执行异常）"
    amounts = _unspent(ctx)
    unspent = f"（{fmt.money(amounts[1])}万元）" if amounts is not None and amounts[1] > 0 else ""
    message += f"，{fmt.percent(Decimal(100) - rate)}的预算未执行{unspent}，报告未说明原因"
    claim = _claim(ctx)
    if claim is not None and ctx.document is not None:
        message += f"，反而称“{ctx.document.text[claim[0]:claim[1]]}”"
        evidence = [*evidence, ctx.span(*claim)]
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


# -- budget adjustments -------------------------------------------------------------------------

_ADJUSTMENT = re.compile(r"(?:调整)?(?:追加|调增|调减|追减|核减|调整增加|调整减少|调剂|调入|调出)(?:预算|资金|经费)?[^，。；\d]{0,12}$")
_GENERIC = re.compile(r"预算|资金|经费|金额|数额|财政|拨款|后|为|了|共|计|合计|共计|年中|年度|本年|当年|全年|调整")


def _adjustments(ctx: Context) -> list[Figure]:
    """Amounts stated as an adjustment (追加11.78万元, 调减5万元) with no purpose in the clause."""
    found = figures(ctx)
    result = []
    for figure in found.items:
        if not figure.money or figure.value == 0 or "调整后" in figure.label:
            continue
        match = _ADJUSTMENT.search(figure.label)
        if match is None:
            continue
        # what the money was added for, named between the verb and the amount: 追加疫情防控经费20万元
        named = _GENERIC.sub("", re.sub(r"^(?:调整)?(?:追加|调增|调减|追减|核减|调整增加|调整减少|调剂|调入|调出)", "",
                                        match.group()))
        if len(re.findall(r"[\u4e00-\u9fff]", named)) >= 2:
            continue
        result.append(figure)
    return result


@rule(
    "execution.adjustment_unexplained",
    title="预算调整未说明原因",
    severity="general",
    checks="文中写有预算追加、调增、调减（如“调整追加11.78万元”），而同一句、其后两段内都没有说明调整的用途或原因"
    "（因、由于、用于、主要是…，配置）。",
    basis="domain.md §2.2 预算调整率 [R]; §3.5 调减预算须按程序 [R 136号]; §7.2-8 偏差原因 [I]",
    example="“2022年预算收入69.06万元，其中年初预算57.28万元，调整追加11.78万元。”全文未说明追加原因。",
    needs_document=True,
)
def adjustment_unexplained(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    text = ctx.document.text
    found = figures(ctx)
    reasons = ctx.profile.strings("execution.adjustment_reason_terms")
    for figure in _adjustments(ctx):
        start, end = found.sentence_span(figure.start)
        paragraph = figure.paragraph
        last = min(paragraph + 2, len(found.paragraphs) - 1)
        after = text[end : found.paragraphs[last][1]]
        sentence = text[start:end]
        if any(term in sentence for term in reasons):
            continue
        if any(term in after for term in reasons) and re.search(r"追加|调增|调减|调整|核减", after):
            continue
        yield ctx.finding(
            f"“{figure.label.strip('，,：: ')}{figure.text}”未说明预算调整的原因和用途",
            [ctx.span(figure.label_start, figure.end)],
            "说明预算调整（追加、调减）的依据、用途和金额构成。",
        )


@rule(
    "execution.low_rate_all_met",
    title="执行率很低而产出指标全部完成",
    severity="hint",
    checks="预算执行率低于80%（配置的异常线），而所列产出指标（至少3项有指标值和完成值）全部达到指标值：资金大量未用而产出全部完成，"
    "自评结果值得核实。",
    basis="domain.md §7.2-5 自评分虚高、评分与完成不符 [V-2 S32; I]; §7.2-7 执行率 <80% 异常 [V-2 S33]",
    example="执行数10万元、预算数50万元（执行率20%），18项产出指标完成值全部等于目标值。",
)
def low_rate_all_met(ctx: Context) -> Iterator[Finding]:
    rate = shown_rate(ctx)
    line = ctx.profile.decimal("execution.abnormal_low")
    if rate is None or rate >= line:
        return
    outputs = output_indicators(ctx)
    if len(outputs) < 3 or not all(met for _, met, _ in outputs):
        return
    names = "、".join(name for name, _, _ in outputs[:5]) + ("等" if len(outputs) > 5 else "")
    yield ctx.finding(
        f"预算执行率仅{fmt.percent(rate)}，而{len(outputs)}项产出指标（{names}）全部达到指标值，资金执行与产出完成不相称",
        _rate_evidence(ctx) + [e for _, _, e in outputs[:3] if e is not None],
        "核实产出指标完成值的依据，或说明未执行资金对应的产出为何仍已完成。",
    )


def output_indicators(ctx: Context) -> list[tuple[str, bool, Evidence | None]]:
    """产出指标 with a target and an actual: (name, met, evidence); the extractor's, else the text's 自评表."""
    found: list[tuple[str, bool, Evidence | None]] = []
    for i, item in enumerate(ctx.report.indicators):
        if item.target is None or item.actual is None or not (item.level1 or "").startswith("产出"):
            continue
        met = item.actual <= item.target if item.op in ("<=", "<") else item.actual >= item.target
        evidence = ctx.evidence(f"indicators[{i}]")
        found.append((item.name, met, evidence[0] if evidence else None))
    if found or ctx.document is None:
        return found
    for table in tables(ctx):
        for row in table.rows:
            if any(re.search(r"效益|满意度", cell.text) for cell in row.labels):
                break
            target, actual = row.values.get("target"), row.values.get("actual")
            if target is None or actual is None:
                continue
            reverse = (target.op or "") in ("≤", "<", "不高于", "不超过")
            met = actual.value <= target.value if reverse else actual.value >= target.value
            found.append((row.name, met, cell_evidence(ctx, row.labels[-1], target.cell, actual.cell)))
    return found
