"""Arithmetic checks (数字勾稽): parts against totals, the execution rate, carryover, grades, weights.

Every comparison is in Decimal with the profile's tolerance (0.01 万元 for money, 0.01 points
for rates). When parts do not add up to the figure they follow, the rule says which other
stated figure they do match, because that usually tells the author which number is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.figures import format as figures_format
from jixiao.figures.labels import NATURES, SOURCES
from jixiao.figures.rates import computed_rate
from jixiao.report import FUND_ROWS, Finding
from jixiao.review.engine import Context, rule
from jixiao.text.quoting import quoted


def fmt(value: Decimal) -> str:
    """Money and rates as the reports write them: two decimals (:func:`jixiao.figures.format.money`)."""
    return figures_format.money(value)


def _label(ctx: Context, path: str) -> str:
    """How the report names a figure, so the message uses the document's own words."""
    text = "".join(e.text for e in ctx.report.evidence.get(path, []))
    if path == "budget.total":
        return "预算收入" if "收入" in text else "全年预算数"
    if path == "budget.spent":
        return "支出" if "支出" in text and "执行" not in text else "执行数"
    return path


def same_passage(ctx: Context, *paths: str) -> bool:
    """Whether the figures at ``paths`` were read from one section of the text.

    Figures from different sections may be of different scopes (the department's prose and a
    project's table, this year and the last): the extracted-figure rules compare only figures
    stated together. Without evidence (a report given as JSON) the figures are taken as given.
    """
    sections = []
    for path in paths:
        found = {e.section for e in ctx.report.evidence.get(path, [])}
        if not found:
            return True
        sections.append(found)
    return bool(set.intersection(*sections)) if sections else True


def _parts_check(
    ctx: Context, part: str, names: dict[str, str], description: str
) -> Iterator[Finding]:
    budget = ctx.report.budget
    values = {name: getattr(getattr(budget, part), name) for name in names}
    given = {name: value for name, value in values.items() if value is not None}
    if len(given) < 2 or budget.spent is None:
        return
    total = sum(given.values(), Decimal(0))
    tolerance = ctx.profile.decimal("money.tolerance")
    if abs(total - budget.spent) <= tolerance:
        return
    paths = [f"budget.{part}.{name}" for name in given]
    if not any(same_passage(ctx, path, "budget.spent") for path in paths):
        return
    stated = "".join(e.text for path in paths for e in ctx.report.evidence.get(path, []))
    if "收入" in stated and budget.total is not None and abs(total - budget.total) <= tolerance:
        return  # 一般公共预算财政拨款收入 …: sources of the income, rightly adding up to the income
    listed = "与".join(names[name] for name in given)
    spent_label = _label(ctx, "budget.spent")
    if budget.total is not None and abs(total - budget.total) <= tolerance:
        total_label = _label(ctx, "budget.total")
        message = (
            f"{description}的{listed}之和（{fmt(total)}万元）等于{total_label}（{fmt(budget.total)}万元），"
            f"而不等于其后所述的{spent_label}（{fmt(budget.spent)}万元）"
        )
        suggestion = f"核对{description}各项数字：应按{spent_label}口径分列，或说明其按{total_label}口径分列。"
        evidence = ctx.evidence(*paths, "budget.total", "budget.spent")
    else:
        message = (
            f"{description}的{listed}之和（{fmt(total)}万元）与{spent_label}（{fmt(budget.spent)}万元）"
            f"相差{fmt(abs(total - budget.spent))}万元，也不等于其他所述总数"
        )
        suggestion = f"核对{description}各项金额与{spent_label}，更正错误的数字。"
        evidence = ctx.evidence(*paths, "budget.spent")
    yield ctx.finding(message, evidence, suggestion)


@rule(
    "arithmetic.by_source_vs_spent",
    title="按资金来源分列之和与支出不符",
    severity="serious",
    checks="一般公共预算、政府性基金、国有资本经营预算、其他资金之和应等于执行数（支出）；不等时说明它与哪个数相等。",
    basis="domain.md §7.2-6 数据不一致 [V-2 S34; I]; §6.2 收支情况按资金来源分列",
    example="一般公共预算2269.81 + 政府性基金389.59 = 2659.40，等于执行数，不报；若写成2269.80则报相差0.01万元。",
)
def by_source_vs_spent(ctx: Context) -> Iterator[Finding]:
    yield from _parts_check(ctx, "by_source", SOURCES, "按资金来源分列")


@rule(
    "arithmetic.by_nature_vs_spent",
    title="按支出性质分列之和与支出不符",
    severity="serious",
    checks="基本支出与项目支出之和应等于执行数（支出）；不等时说明它等于预算数还是都不等。",
    basis="domain.md §7.2-6 数据不一致 [V-2 S34; I]; §6.2 支出按基本支出、项目支出分列",
    example="基本支出1562.97 + 项目支出1098.73 = 2661.70，等于预算收入而不等于支出2457.31。",
)
def by_nature_vs_spent(ctx: Context) -> Iterator[Finding]:
    yield from _parts_check(ctx, "by_nature", NATURES, "按支出性质分列")


@rule(
    "arithmetic.monthly_vs_spent",
    title="十二个月执行数之和与全年执行数不符",
    severity="general",
    checks="报告或库中有1–12月的月度执行数时，其合计应等于全年执行数；全年执行数以决算为准，月度数是年内进度，不一致时须核对。",
    basis="domain.md §3.4 监控表：1–7月执行数与全年预计执行数; §7.2-6 数据不一致 [I]",
    example="1–12月合计2659.40，等于执行数2659.40，不报；某月录入错误致合计2600.00，则报相差59.40万元。",
)
def monthly_vs_spent(ctx: Context) -> Iterator[Finding]:
    budget = ctx.report.budget
    months = {m.month for m in budget.monthly}
    if budget.spent is None or months != set(range(1, 13)):
        return  # a year still running, or months not known: nothing to reconcile yet
    total = sum((m.spent for m in budget.monthly), Decimal(0))
    if abs(total - budget.spent) <= ctx.profile.decimal("money.tolerance"):
        return
    spent_label = _label(ctx, "budget.spent")
    yield ctx.finding(
        f"1–12月执行数合计{fmt(total)}万元，与全年{spent_label}{fmt(budget.spent)}万元相差{fmt(abs(total - budget.spent))}万元",
        ctx.evidence("budget.spent"),
        f"核对月度执行数与全年{spent_label}：全年数以决算为准，更正录入有误的月份。",
    )


@rule(
    "arithmetic.execution_rate",
    title="预算执行率与执行数/预算数不符",
    severity="serious",
    checks="复算执行数 ÷ 全年预算数 × 100%，与所述执行率比较（容差取配置与所述精度中较大者）。",
    basis="domain.md §1.5 执行率 = 全年执行数 / 全年预算数; §7.2-6 执行率 ≠ 执行数/预算数 [I]",
    example="2659.40 ÷ 3663.27 = 72.60%，与所述一致，不报；若写成75.60%则报。",
)
def execution_rate(ctx: Context) -> Iterator[Finding]:
    budget = ctx.report.budget
    computed = computed_rate(budget.total, budget.spent)
    stated = budget.execution_rate
    if computed is None or stated is None or budget.total is None or budget.spent is None:
        return
    # a rate stated as 92.3% is right if 92.25 ≤ computed < 92.35; 86% for 85.75% (rounded, or cut)
    tolerance = max(ctx.profile.decimal("rate.tolerance"), Decimal(5) / Decimal(10) ** (_places(stated) + 1))
    if abs(computed - stated) <= tolerance:
        return
    from jixiao.review.rates import ratio_agrees

    spent_places, total_places = _places(budget.spent), _places(budget.total)
    if ratio_agrees(stated, _places(stated), budget.spent, spent_places, budget.total, total_places):
        return
    if not same_passage(ctx, "budget.execution_rate", "budget.spent"):
        return
    yield ctx.finding(
        f"所述预算执行率{fmt(stated)}%与复算结果不符：{_label(ctx, 'budget.spent')}{fmt(budget.spent)}万元 ÷ "
        f"{_label(ctx, 'budget.total')}{fmt(budget.total)}万元 = {fmt(computed)}%",
        ctx.evidence("budget.execution_rate", "budget.spent", "budget.total"),
        "核对执行数、预算数与执行率，更正错误的数字。",
    )


@rule(
    "arithmetic.carryover",
    title="预算数减执行数与年末结转和结余不符",
    severity="general",
    checks="全年预算数 − 执行数 应等于年末结转和结余；不等时报出未说明的差额。",
    basis="domain.md §7.2-7 大额结转结余 [V-2 S32]; §2.3 结转结余率; §7.2-6 [I]",
    example="3663.27 − 2659.40 = 1003.87，年末结转和结余80.67，未说明差额923.20万元。",
)
def carryover(ctx: Context) -> Iterator[Finding]:
    budget = ctx.report.budget
    if budget.total is None or budget.spent is None or budget.carryover is None:
        return
    if not same_passage(ctx, "budget.carryover", "budget.total") or not same_passage(
        ctx, "budget.carryover", "budget.spent"
    ):
        return
    if ctx.document is not None:
        from jixiao.review.stated import balances

        if any(item.closing.value == budget.carryover for item in balances(ctx)):
            return  # arithmetic.income_balance accounts for other funds and opening carryover too
    remainder = budget.total - budget.spent
    gap = remainder - budget.carryover
    if abs(gap) <= ctx.profile.decimal("money.tolerance"):
        return
    total_label, spent_label = _label(ctx, "budget.total"), _label(ctx, "budget.spent")
    if gap > 0:
        message = (
            f"{total_label}{fmt(budget.total)}万元减{spent_label}{fmt(budget.spent)}万元为{fmt(remainder)}万元，"
            f"而年末结转和结余仅{fmt(budget.carryover)}万元，有{fmt(gap)}万元差额未作说明"
        )
        suggestion = "说明未执行资金的去向（收回财政、调减预算等），或更正年末结转和结余数。"
    else:
        message = (
            f"年末结转和结余{fmt(budget.carryover)}万元，大于{total_label}减{spent_label}的余额"
            f"{fmt(remainder)}万元（多{fmt(-gap)}万元）"
        )
        suggestion = "核对年末结转和结余的口径（是否含上年结转），更正或加以说明。"
    yield ctx.finding(message, ctx.evidence("budget.carryover", "budget.total", "budget.spent"), suggestion)


def _places(value: Decimal) -> int:
    """Decimals a figure is written with (as extracted): 72.60 → 2, 86 → 0."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def grade_for(ctx: Context, score: Decimal) -> str | None:
    """The grade the profile's bands give ``score``."""
    for band in ctx.profile.get("grades.bands"):
        if score >= Decimal(str(band["min"])):
            return str(band["grade"])
    return None


@rule(
    "arithmetic.score_vs_grade",
    title="自评分与等级不符",
    severity="blocking",
    checks="自评分按等级分数段（优≥90、良80–90、中60–80、差<60）应得的等级与所述等级比较；分数超出0–100亦报。",
    basis="domain.md §1.2 等级 [R; V S2]; §7.3 grade inconsistent → 阻断",
    example="自评分99.24分、等级优，一致不报；若写“自评分88分，评价等级为优”则报。",
)
def score_vs_grade(ctx: Context) -> Iterator[Finding]:
    evaluation = ctx.report.evaluation
    if evaluation.score is None:
        return
    score_max = ctx.profile.decimal("grades.score_max")
    evidence = ctx.evidence("evaluation.score", "evaluation.grade")
    if evaluation.score < 0 or evaluation.score > score_max:
        yield ctx.finding(
            f"自评分{evaluation.score}分超出0–{score_max}分的范围", evidence, "核对自评表合计得分。"
        )
        return
    expected = grade_for(ctx, evaluation.score)
    if evaluation.grade is not None and expected is not None and expected != evaluation.grade:
        yield ctx.finding(
            f"自评分{evaluation.score}分按等级标准应为“{expected}”，报告所述等级为“{evaluation.grade}”",
            evidence,
            "按分数段更正评价等级，或核对自评分。",
        )


@rule(
    "arithmetic.indicator_score_vs_weight",
    title="指标得分超出分值",
    severity="blocking",
    checks="每个三级指标的得分应在0与其分值之间。",
    basis="domain.md §1.5 满分为上限 [V-2 S4]; §7.3 score arithmetic wrong → 阻断",
    example="分值8分的指标得分9分。",
)
def indicator_score_vs_weight(ctx: Context) -> Iterator[Finding]:
    tolerance = ctx.profile.decimal("money.tolerance")
    for i, indicator in enumerate(ctx.report.indicators):
        if indicator.score is None or indicator.weight is None:
            continue
        if indicator.score < 0 or indicator.score > indicator.weight + tolerance:
            yield ctx.finding(
                f"指标{quoted(indicator.name)}得分{indicator.score}分，超出其分值{indicator.weight}分的范围",
                ctx.evidence(f"indicators[{i}].score", f"indicators[{i}].weight", f"indicators[{i}]"),
                "得分应在0与分值之间，核对该指标的评分。",
            )


@rule(
    "arithmetic.indicator_weights_total",
    title="指标分值合计不符",
    severity="blocking",
    checks="各三级指标分值之和应为100（含预算执行率）或90（预算执行率10分单列），见配置。",
    basis="domain.md §1.4 权重 10/50/30/10 [R]; §7.2-4 权重合计 [V-2 S5]",
    example="产出、效益、满意度指标分值合计85分。",
)
def indicator_weights_total(ctx: Context) -> Iterator[Finding]:
    indicators = ctx.report.indicators
    if not indicators or any(item.weight is None for item in indicators):
        return
    total = sum((item.weight or Decimal(0) for item in indicators), Decimal(0))
    allowed = [Decimal(str(value)) for value in ctx.profile.get("indicators.weight_totals")]
    tolerance = ctx.profile.decimal("money.tolerance")
    if any(abs(total - value) <= tolerance for value in allowed):
        return
    expected = "或".join(str(value) for value in allowed)
    yield ctx.finding(
        f"{len(indicators)}个三级指标的分值合计{fmt(total)}分，应为{expected}分",
        ctx.evidence(*(f"indicators[{i}].weight" for i in range(len(indicators)))),
        "核对各指标分值，使其合计符合评价框架。",
    )


@rule(
    "arithmetic.project_funds_total",
    title="项目资金分列之和与年度资金总额不符",
    severity="serious",
    checks="项目支出绩效自评表（附件1）中当年财政拨款、上年结转资金、其他资金三行之和，应分别等于年度资金总额的年初预算数、"
           "全年预算数和全年执行数（列出两行及以上时核对）；不等时说明差额。",
    basis="财预〔2020〕10号 附件1 项目支出绩效自评表：年度资金总额其中当年财政拨款、上年结转资金、其他资金; "
          "domain.md §1.6; §7.2-6 数据不一致",
    example="当年财政拨款713.87 + 上年结转29.26 + 其他24.06 = 767.19，等于全年预算数767.19，不报；若总额写767.00则报相差0.19万元。",
)
def project_funds_total(ctx: Context) -> Iterator[Finding]:
    budget = ctx.report.budget
    tolerance = ctx.profile.decimal("money.tolerance")
    rows = budget.funds.rows()
    for column, label in (("initial", "年初预算数"), ("total", "全年预算数"), ("spent", "全年执行数")):
        whole = getattr(budget, column)
        given = {name: getattr(row, column) for name, row in rows if getattr(row, column) is not None}
        if whole is None or len(given) < 2:
            continue
        total = sum(given.values(), Decimal(0))
        if abs(total - whole) <= tolerance:
            continue
        listed = "、".join(FUND_ROWS[name] for name in given)
        paths = [f"budget.funds.{name}.{column}" for name in given]
        yield ctx.finding(
            f"项目资金{listed}的{label}之和（{fmt(total)}万元）与年度资金总额的{label}（{fmt(whole)}万元）"
            f"相差{fmt(abs(total - whole))}万元",
            ctx.evidence(*paths, f"budget.{column}"),
            f"核对自评表项目资金各行的{label}与年度资金总额，更正错误的数字。",
        )
