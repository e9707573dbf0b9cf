"""Arithmetic the text states (文中勾稽): parts against their total, counts against their lists.

These rules read the sentences themselves (:mod:`jixiao.review.totals`), so they work on any
phrasing and whatever the extractor filled. Where the extractor's own figures already give
the same fault (``arithmetic.by_nature_vs_spent`` on 基本支出 + 项目支出), the text rule stays
quiet so that the reader sees one finding per fault.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from jixiao.report import Evidence, Finding
from jixiao.review.engine import Context, rule
from jixiao.review.figures import EXPENDITURE, INCOME, Figure, figures
from jixiao.review.rates import agrees, rate_checks, ratio_agrees
from jixiao.review.tables import Row, cell_evidence, kind, tables
from jixiao.review.totals import (
    Group,
    all_groups,
    counted_lists,
    document_is_cut,
    enumerated_lists,
    ordinal_enumerations,
    tolerance,
)


def show(value: Decimal, places: int) -> str:
    """A computed figure at the precision the document writes (two decimals for 万元)."""
    quantum = Decimal(1).scaleb(-places)
    text = f"{value.quantize(quantum, rounding=ROUND_HALF_UP):f}"
    return text


def figure_text(figure: Figure) -> str:
    """A figure as the reader should see it: label and number as written."""
    return figure.said


def statement(ctx: Context, start: int, end: int) -> Evidence:
    """Evidence for a statement, trimmed of the punctuation around it."""
    assert ctx.document is not None
    text = ctx.document.text
    while start < end and text[start] in "，,、；;：:。 ":
        start += 1
    while end > start and text[end - 1] in "，,、；;：:。 ":
        end -= 1
    return ctx.span(start, end)


def _covered_by_extracted(ctx: Context, group: Group) -> bool:
    """Whether ``arithmetic.by_nature_vs_spent`` / ``by_source_vs_spent`` report these parts already."""
    budget = ctx.report.budget
    if budget.spent is None or not group.total.money:
        return False
    values = sorted(part.value for part in group.parts)
    for split in (
        [budget.by_nature.basic, budget.by_nature.project],
        [budget.by_source.general_public, budget.by_source.government_fund, budget.by_source.state_capital,
         budget.by_source.other],
    ):
        given = [v for v in split if v is not None]
        if len(given) < 2:
            continue
        nonzero = sorted(v for v in given if v != 0)
        if nonzero == [v for v in values if v != 0] and abs(sum(given, Decimal(0)) - budget.spent) > Decimal("0.01"):
            return True
    return False


def _adds_up(group: Group, tol: Decimal) -> bool:
    values = [part.value for part in group.parts]
    total = group.total.value
    if group.kind == "sum_after":
        # the run may start with figures that are not among the parts: any tail of two or more
        return any(abs(sum(values[i:], Decimal(0)) - total) <= tol for i in range(len(values) - 1))
    running = Decimal(0)
    for value in values:
        running += value
        if abs(running - total) <= tol:
            return True  # a trailing clause (结余结转0万元) need not be a part
    return False


def _equal_elsewhere(ctx: Context, group: Group, value: Decimal, tol: Decimal) -> Figure | None:
    """Another figure of the paragraph or the one before that the parts add up to."""
    found = figures(ctx)
    paragraph = found.paragraph_of(group.total.start)
    used = {group.total.index, *(part.index for part in group.parts)}
    for index in (paragraph, paragraph - 1):
        for other in found.by_paragraph.get(index, []):
            if other.index in used or other.unit != group.total.unit or other.delta or other.approx:
                continue
            if abs(other.value - value) <= tol:
                return other
    return None


def _unit_word(figure: Figure) -> str:
    return "万元" if figure.money else figure.unit


@rule(
    "arithmetic.stated_parts",
    title="所列分项之和与所述总数不符",
    severity="serious",
    checks="按原文句子复算“总数，其中A、B、C”“包括…”“A；B；…共计N”及“具体如下：1、2、3”列出的各分项之和，"
    "与所述总数比较（金额按所写精度、每项半个单位的容差；人数、个数精确）；分项之和恰等于文中另一数（如预算数）时一并指出。"
    "列举以“等”“主要”表示不全的、被截断的文本、分项只有一项的不判断。表格中逐栏核对：基本支出行 + 项目支出行 = 支出总额行，"
    "年度资金总额行 = 其中当年财政拨款、上年结转、其他资金各行之和。",
    basis="domain.md §7.2-6 数据不一致 [V-2 S34; I]; §6.2 收支情况按来源、性质分列 [V S35]",
    example="“2022年支出76.36万元，其中基本支出70.00万元，项目支出5.36万元”：分项合计75.36万元，相差1.00万元。",
    needs_document=True,
)
def stated_parts(ctx: Context) -> Iterator[Finding]:
    money_tolerance = ctx.profile.decimal("money.tolerance")
    for group in all_groups(ctx):
        if len(group.parts) < 2 or group.cut:
            continue
        tol = tolerance([group.total, *group.parts], money_tolerance)
        if _adds_up(group, tol):
            continue
        parts_sum = sum((part.value for part in group.parts), Decimal(0))
        if parts_sum < group.total.value and not group.complete:
            continue
        if _covered_by_extracted(ctx, group):
            continue
        places = max(f.places for f in (group.total, *group.parts)) if group.total.money else 0
        unit = _unit_word(group.total)
        listed = "、".join(figure_text(part) for part in group.parts)
        message = (
            f"“{figure_text(group.total)}”所列{len(group.parts)}个分项（{listed}）合计{show(parts_sum, places)}{unit}，"
            f"比所述总数{'多' if parts_sum > group.total.value else '少'}"
            f"{show(abs(parts_sum - group.total.value), places)}{unit}"
        )
        other = _equal_elsewhere(ctx, group, parts_sum, tol)
        if other is not None:
            message += f"，而恰等于文中的“{figure_text(other)}”"
        evidence = [statement(ctx, group.total.label_start, group.total.end)]
        evidence.append(statement(ctx, group.parts[0].label_start, group.parts[-1].end))
        if other is not None:
            evidence.append(statement(ctx, other.label_start, other.end))
        yield ctx.finding(
            message,
            evidence,
            "核对总数与各分项，更正错误的数字；分项不全的，写明其余部分或注明“等”。",
        )
    yield from _table_parts(ctx)


_ROW_TOTAL = re.compile(r"^(?:支出总额|支出合计|总支出|本年支出合计|支出总计|合计|总计)$")
_ROW_LEAD = re.compile(r"^(?:其中)?[:：、\s]*")


def _row_named(rows: list[Row], pattern: re.Pattern[str]) -> Row | None:
    named = [row for row in rows if pattern.search(_ROW_LEAD.sub("", row.name).rstrip(":："))]
    return named[0] if len(named) == 1 else None


_FUNDS_TOTAL = re.compile(r"^(?:年度)?(?:财政)?资金总额|^年度总金额|^合计$|^总计$")
_SOURCE_ROW = re.compile(r"财政拨款|上年结转|结转资金|其他资金|中央|省级|市级|县级|地方|自筹|专项|一般公共预算|政府性基金")


def _funds_rows(ctx: Context) -> Iterator[Finding]:
    """A 自评表's 年度资金总额 row against its 其中 rows (当年财政拨款、上年结转、其他资金), column by column."""
    money_tolerance = ctx.profile.decimal("money.tolerance")
    for table in tables(ctx):
        rows = table.rows
        for i, total in enumerate(rows[:-2]):
            if not _FUNDS_TOTAL.search(total.name.replace(" ", "").rstrip(":：")):
                continue
            parts: list[Row] = []
            for row in rows[i + 1 :]:
                name = _ROW_LEAD.sub("", row.name)
                if (not parts and not row.name.startswith("其中")) or not _SOURCE_ROW.search(name):
                    break
                parts.append(row)
            if len(parts) < 2:
                continue
            for role, cell in table.header:
                if kind(role) not in ("budget", "spent", "initial"):
                    continue
                values = [row.values.get(role) for row in (total, *parts)]
                if any(v is None for v in values):
                    continue
                t, *p = [v for v in values if v is not None]
                places = max(v.places for v in (t, *p))
                tol = max(money_tolerance, Decimal(5) / Decimal(10) ** (places + 1) * len(p))
                parts_sum = sum((v.value for v in p), Decimal(0))
                if abs(parts_sum - t.value) <= tol:
                    continue
                listed = "、".join(f"{_ROW_LEAD.sub('', row.name)}{v.cell.text}" for row, v in zip(parts, p, strict=True))
                yield ctx.finding(
                    f"表中“{cell.text}”一栏：{total.name}{t.cell.text}，其中{listed}合计{show(parts_sum, places)}，与总额不符",
                    [cell_evidence(ctx, total.labels[-1], t.cell),
                     *(cell_evidence(ctx, row.labels[-1], v.cell) for row, v in zip(parts, p, strict=True))],
                    "核对资金总额与各来源的金额，更正错误的数字。",
                )


def _table_parts(ctx: Context) -> Iterator[Finding]:
    """基本支出 + 项目支出 rows against the 支出总额 row, column by column; funds rows by source."""
    yield from _funds_rows(ctx)
    money_tolerance = ctx.profile.decimal("money.tolerance")
    for table in tables(ctx):
        total = _row_named(table.rows, _ROW_TOTAL)
        basic = _row_named(table.rows, re.compile(r"^基本支出$"))
        project = _row_named(table.rows, re.compile(r"^项目支出$"))
        if total is None or basic is None or project is None:
            continue
        for role, cell in table.header:
            t, b, p = total.values.get(role), basic.values.get(role), project.values.get(role)
            if t is None or b is None or p is None:
                continue
            places = max(t.places, b.places, p.places)
            tol = max(money_tolerance, Decimal(5) / Decimal(10) ** (places + 1) * 2)
            if abs(b.value + p.value - t.value) <= tol:
                continue
            yield ctx.finding(
                f"表中“{cell.text}”一栏：基本支出{b.cell.text}与项目支出{p.cell.text}之和为"
                f"{show(b.value + p.value, places)}，与{total.name}{t.cell.text}不符",
                [cell_evidence(ctx, total.labels[-1], t.cell), cell_evidence(ctx, basic.labels[-1], b.cell),
                 cell_evidence(ctx, project.labels[-1], p.cell)],
                "核对该栏的支出总额与基本支出、项目支出，更正错误的数字。",
            )


@rule(
    "arithmetic.count_vs_list",
    title="所述个数与列举项数不符",
    severity="general",
    checks="“内设机构12个，分别为：A、B…”“下设A、B…6个二级机构”“共4个项目，具体如下：1、2…”“分为七个方面，一是…”："
    "所述个数与列出的项数比较；以“等”结尾的列举少于所述个数、被截断的文本不判断。",
    basis="domain.md §7.1 报告须“数据准确” [V S40]; §6.2 机构设置及人员情况; §7.2-6 [I]",
    example="“内设股室5个，分别为：办公室、财务股、法规股、执法股”只列出4个。",
    needs_document=True,
)
def count_vs_list(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    for item in counted_lists(ctx):
        if item.cut or item.count in item.alternatives:
            continue
        named = len(item.items)
        if not item.complete and item.count >= named:
            continue
        names = "、".join(item.items) if len(item.items) <= 12 else "、".join(item.items[:12]) + "…"
        yield ctx.finding(
            f"文中称“{item.count_text}”，实际列出{named}个：{names}",
            [statement(ctx, item.start, item.end)],
            "核对个数与所列名称，补全遗漏的项或更正个数。",
        )
    found = figures(ctx)
    cut = document_is_cut(ctx)
    for listing in enumerated_lists(ctx, cut):
        if listing.cut:
            continue
        counts = [
            f for f in found.by_paragraph.get(listing.intro, [])
            if f.unit in ("个", "项", "类", "笔", "件") and not f.approx and f.depth == 0
        ]
        if len(counts) != 1 or counts[0].value == len(listing.items):
            continue
        count = counts[0]
        first = ctx.document.paragraphs[listing.items[0]]
        last = ctx.document.paragraphs[listing.items[-1]]
        yield ctx.finding(
            f"文中称“{figure_text(count)}”，其后只逐项列出{len(listing.items)}项",
            [statement(ctx, count.label_start, count.end), ctx.span(first[0], last[1])],
            "核对个数与逐项列举，补全遗漏的项或更正个数。",
        )
    for stated, seen, start, end, said in ordinal_enumerations(ctx):
        if seen in (stated, 0):
            continue
        yield ctx.finding(
            f"文中称“{said.rstrip('，,：:')}”，其后列出{seen}个（一是…）",
            [statement(ctx, start, min(end, start + 80))],
            "核对所述方面数与逐条列举，补全或更正。",
        )


@rule(
    "arithmetic.stated_rate",
    title="所述比率与其金额不符",
    severity="serious",
    checks="按原文复算比率：执行率（完成预算的Z%）= 执行数 ÷ 预算数；“A，完成…B的Z%” = A ÷ B；“X占Y的Z%” = X ÷ Y"
    "（Y取文中所述的同名总数，“占比”取X所属分项的总数）。按文中比率的位数四舍五入或截位比较（85.75%写作86%不报），"
    "金额也按所写精度取区间；句中另有一对金额能得出该比率的，不判断。",
    basis="domain.md §1.5 执行率 = 全年执行数 / 全年预算数; §7.2-6 执行率 ≠ 执行数/预算数 (recompute) [I]",
    example="“预算数100.00万元，执行数85.00万元，预算执行率95.00%”：85.00 ÷ 100.00 = 85.00%。",
    needs_document=True,
)
def stated_rate(ctx: Context) -> Iterator[Finding]:
    budget = ctx.report.budget
    for check in rate_checks(ctx):
        rate = check.rate
        places = _percent_places(rate)
        if agrees(rate.value, places, check.numerator, check.denominator):
            continue
        if (
            check.kind == "execution"
            and budget.execution_rate == rate.value
            and budget.spent == check.numerator.value
            and budget.total == check.denominator.value
        ):
            continue  # arithmetic.execution_rate reports the extracted figures already
        computed = show(check.computed, max(places, 2))
        message = (
            f"所述比率“{figure_text(rate)}”与其所依据的数字不符："
            f"{figure_text(check.numerator)} ÷ {figure_text(check.denominator)} = {computed}%"
        )
        evidence = [statement(ctx, min(check.numerator.label_start, check.denominator.label_start), rate.end)]
        yield ctx.finding(message, evidence, "核对比率及其所依据的两个数字，更正错误的一项。")
    yield from _table_rates(ctx)


def _table_rates(ctx: Context) -> Iterator[Finding]:
    """执行率 columns of a table row against its 预算数 and 执行数 columns."""
    for table in tables(ctx):
        for row in table.rows:
            for role, rate in row.values.items():
                if kind(role) != "rate":
                    continue
                suffix = role[len("rate"):]
                budget, spent = row.values.get("budget" + suffix), row.values.get("spent" + suffix)
                if budget is None or spent is None or rate.unit not in (None, "%"):
                    continue
                if ratio_agrees(rate.value, rate.places, spent.value, spent.places, budget.value, budget.places):
                    continue
                computed = show(spent.value / budget.value * 100, 2) if budget.value else "—"
                yield ctx.finding(
                    f"表中“{row.name}”一行的执行率{rate.cell.text}与其金额不符：执行数{spent.cell.text} ÷ "
                    f"预算数{budget.cell.text} = {computed}%",
                    [cell_evidence(ctx, row.labels[-1], *(v.cell for v in row.values.values()))],
                    "核对该行的预算数、执行数与执行率，更正错误的一项。",
                )


def _percent_places(figure: Figure) -> int:
    number = re.search(r"\d+(?:\.(\d+))?", figure.text)
    return len(number.group(1)) if number and number.group(1) else 0


# -- income, expenditure and carryover ---------------------------------------------------------

_INCOME = INCOME
_EXPENDITURE = EXPENDITURE
_OTHER_FUNDS = re.compile(r"其他资金(?:来源)?$|其他收入$")
_OPENING = re.compile(r"(?:年初|上年|期初)(?:结转(?:和|及|与)?结余|结余(?:和|及|与)?结转|结转|结余)(?:资金)?$")
_CLOSING = re.compile(r"(?<!年初)(?<!上年)(?<!期初)(?:结转(?:和|及|与)?结余|结余(?:和|及|与)?结转|结余资金|结转资金)$")


@dataclass(frozen=True)
class Balance:
    """Income (with other funds and opening carryover) less expenditure against the closing carryover."""

    income: Figure
    expenditure: Figure
    closing: Figure
    additions: tuple[Figure, ...]

    @property
    def expected(self) -> Decimal:
        return self.income.value + sum((f.value for f in self.additions), Decimal(0)) - self.expenditure.value


def balances(ctx: Context) -> list[Balance]:
    """Income–expenditure–carryover statements within a few paragraphs that do not balance."""
    cached = ctx.memo.get("balances")
    if cached is not None:
        return cached
    found = figures(ctx)
    parts = {part.index: group for group in all_groups(ctx) for part in group.parts}
    money_tolerance = ctx.profile.decimal("money.tolerance")
    result: list[Balance] = []
    for closing in found.items:
        if not closing.money or closing.depth or closing.delta or not _CLOSING.search(closing.head):
            continue
        window = [
            f for index in range(closing.paragraph - 3, closing.paragraph + 1)
            for f in found.by_paragraph.get(index, [])
            if f.money and f.depth == 0 and not f.delta and not f.approx and f.start < closing.start
        ]
        # 收入总计 and 支出总计 include the carryovers and balance by construction (决算 收支总表): the
        # balance is read on 本年收入 and 本年支出, the parts of those 总计 figures
        incomes = [f for f in window if _INCOME.search(f.head) and _usable_side(f, parts)]
        expenditures = [f for f in window if _EXPENDITURE.search(f.head) and _usable_side(f, parts)]
        if len(incomes) != 1 or len(expenditures) != 1:
            continue
        income, expenditure = incomes[0], expenditures[0]
        income_parts = {part.index for group in all_groups(ctx) if group.total is income for part in group.parts}
        others = [f for f in window if _OTHER_FUNDS.search(f.head) and f.index not in income_parts]
        openings = [f for f in window if _OPENING.search(f.head) and f.index not in income_parts]
        if len(others) > 1 or len(openings) > 1:
            continue
        tol = tolerance([income, expenditure, closing, *others, *openings], money_tolerance)
        candidates = [(), tuple(others), tuple(openings), tuple(others + openings)]
        if any(
            abs(Balance(income, expenditure, closing, extra).expected - closing.value) <= tol for extra in candidates
        ):
            continue
        result.append(Balance(income, expenditure, closing, tuple(others + openings)))
    ctx.memo["balances"] = result
    return result


def _usable_side(figure: Figure, parts: dict[int, Group]) -> bool:
    """An income or expenditure figure the balance can use: not a 总计, not a part of another figure
    unless of a 总计 (本年收入 within 收入总计)."""
    if "总计" in figure.label:
        return False
    group = parts.get(figure.index)
    return group is None or "总计" in group.total.label


@rule(
    "arithmetic.income_balance",
    title="收入、支出与结转结余不衔接",
    severity="general",
    checks="同一段落（或其前三段）中所述的收入（预算收入、收入合计）加其他资金来源、年初结转结余，减支出合计，"
    "应等于所述的结转结余（结余结转、年末结转和结余）；计与不计其他资金、年初结转的各种算法都对不上时报告。",
    basis="domain.md §2.2 结转结余率 [R]; §7.2-7 大额结转结余 [V-2 S32]; §7.2-6 数据不一致 [I]",
    example="“预算收入69.06万元…其他资金来源21.31万元…支出76.36万元…结余结转0万元”：90.37 − 76.36 = 14.01万元，而结余结转为0。",
    needs_document=True,
)
def income_balance(ctx: Context) -> Iterator[Finding]:
    for balance in balances(ctx):
        places = max(f.places for f in (balance.income, balance.expenditure, balance.closing, *balance.additions))
        available = balance.income.value + sum((f.value for f in balance.additions), Decimal(0))
        sources = "加".join(figure_text(f) for f in (balance.income, *balance.additions))
        if balance.additions:
            sources += f"，共{show(available, places)}万元"
        message = (
            f"{sources}，减{figure_text(balance.expenditure)}，应余{show(balance.expected, places)}万元，"
            f"与文中“{figure_text(balance.closing)}”不符"
        )
        evidence = [
            statement(ctx, f.label_start, f.end)
            for f in sorted((balance.income, *balance.additions, balance.expenditure, balance.closing),
                            key=lambda item: item.start)
        ]
        yield ctx.finding(
            message,
            evidence,
            "核对收入、支出与结转结余：说明收支差额的去向（结转下年、收回财政等），或更正有误的数字。",
        )


# -- a standard times a quantity ----------------------------------------------------------------

_STANDARD = re.compile(
    r"每(?P<per>[\u4e00-\u9fff])(?:[(（][^)）]{0,8}[)）])?(?P<price>\d+(?:\.\d+)?)(?P<unit>万元|元)(?:的)?(?:标准|补助|测算)?"
    r"|(?P<price2>\d+(?:\.\d+)?)(?P<unit2>万元|元)/(?P<per2>[\u4e00-\u9fff])(?![\u4e00-\u9fff]*/)"
)


@dataclass(frozen=True)
class Costing:
    """“按每卷2元的标准测算，争取到资金21.44万元” with the quantity the standard applies to."""

    quantity: Figure
    price: Decimal
    per: str
    amount: Figure
    start: int
    end: int


def costings(ctx: Context) -> list[Costing]:
    """Amounts computed from a unit standard in their sentence that the standard does not give."""
    found = figures(ctx)
    text = found.text
    result: list[Costing] = []
    if "每" not in text and "元/" not in text:
        return result
    for match in _STANDARD.finditer(text):
        per = match.group("per") or match.group("per2")
        price = Decimal(match.group("price") or match.group("price2"))
        unit = match.group("unit") or match.group("unit2")
        if text[match.end() : match.end() + 1] == "每" or text[match.start() + 2 : match.start() + 3] == "每":
            continue  # 每人每月500元: two dimensions, the text does not give both counts
        price_wan = price / 10_000 if unit == "元" else price
        start, end = found.sentence_span(match.start())
        items = found.by_paragraph.get(found.paragraph_of(match.start()), [])
        counts = [f for f in items if start <= f.start < end and f.unit == per and not f.approx and f.depth == 0]
        amounts = [f for f in items if match.end() <= f.start < end and f.money and not f.approx]
        if not counts or len(amounts) != 1:
            continue
        amount = amounts[0]
        tolerance = max(amount.value * Decimal("0.01"), ctx.profile.decimal("money.tolerance"))
        if any(abs(count.value * price_wan - amount.value) <= tolerance for count in counts):
            continue
        headline = max(counts, key=lambda f: f.value)
        result.append(Costing(headline, price, per, amount, min(headline.label_start, match.start()), amount.end))
    return result


@rule(
    "arithmetic.unit_standard",
    title="按标准测算的金额与数量不符",
    severity="hint",
    checks="同一句中“按每X N元的标准测算”（或“N元/X”）得出的金额，与句中以X计的数量乘以标准都对不上（容差1%）；"
    "“每人每月”等两个维度的标准不判断。",
    basis="domain.md §4.4 投入经济性：预算按支出标准测算 [R 101号]; §7.2-6 [I]",
    example="“馆藏档案资料合计共132697卷……按照规定每卷(册)2元的标准测算，争取到市级财政资金21.44万元”：132697 × 2元 = 26.54万元。",
    needs_document=True,
)
def unit_standard(ctx: Context) -> Iterator[Finding]:
    for costing in costings(ctx):
        computed = costing.quantity.value * costing.price / 10_000
        yield ctx.finding(
            f"按每{costing.per}{costing.price.normalize():f}元的标准，“{figure_text(costing.quantity)}”应为"
            f"{show(computed, 2)}万元，文中为“{figure_text(costing.amount)}”",
            [statement(ctx, costing.start, costing.end)],
            "核对测算所用的数量与标准，或说明金额只覆盖其中一部分的原因。",
        )
