"""Rates against their amounts (比率复算): 执行率 against 执行数/预算数, "A完成B的Z%", "X占Y的Z%".

A stated percentage is recomputed from the amounts the same sentences give, at the document's
own precision: "86%" is right for 85.75% (it is rounded, or cut, to whole percents), "72.60%"
must be 72.595…72.605. The amounts are rounded too, so the recomputed rate is an interval.
Only pairs the text names unambiguously are judged: a budget-like and a spent-like label
(预算/下达/安排 … and 执行/支出/使用 …) before an execution rate; the figure before 完成 and the
target after it; the figure before 占 and the total named after it. When any other pair of the
sentence's amounts gives the stated rate, the rate is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.review.engine import Context
from jixiao.review.figures import Figure, Figures, bigrams, figures
from jixiao.review.totals import all_groups

HUNDRED = Decimal(100)
_RATE_LABEL = re.compile(r"(执行|完成|支出|支付|拨付|使用|兑现|到位|发放)率|完成(?:全年)?(?:预算|计划|年度预算)的?")
_BUDGET_LIKE = re.compile(r"预算|下达|安排|批复|计划|拨入|资金总额|总额|收入|年初|调整后|全年|可用|合计|共计|总计")
_SPENT_LIKE = re.compile(r"执行|支出|使用|拨付|实际|支付|兑现|发放|完成|决算|到位")
_DONE_OF = re.compile(r"完成[^，。；]{0,30}$")
_SHARE = re.compile(r"占(?P<of>[^，。；%]{0,20}?)的?(?:比重|比例|比)?(?:为|达)?$")


@dataclass(frozen=True)
class RateCheck:
    """A stated rate, the two figures it is recomputed from, and whether it agrees."""

    rate: Figure
    numerator: Figure
    denominator: Figure
    kind: str  # "execution" | "done_of" | "share"

    @property
    def computed(self) -> Decimal:
        return self.numerator.value / self.denominator.value * HUNDRED


def _half(places: int) -> Decimal:
    return Decimal(5) / Decimal(10) ** (places + 1)


def agrees(stated: Decimal, stated_places: int, numerator: Figure, denominator: Figure) -> bool:
    """Whether ``stated`` % can be numerator/denominator at the precisions written."""
    return ratio_agrees(stated, stated_places, numerator.value, numerator.places, denominator.value,
                        denominator.places)


def ratio_agrees(
    stated: Decimal, stated_places: int, numerator: Decimal, numerator_places: int, denominator: Decimal,
    denominator_places: int,
) -> bool:
    """Whether ``stated`` % can be numerator/denominator: the rate may be rounded (ROUND_HALF_UP)
    or cut to its places, the amounts are rounded to theirs, so the recomputed rate is an interval."""
    if denominator <= 0:
        return True
    hn = _half(numerator_places) if numerator else Decimal(0)
    hd = _half(denominator_places)
    low = (numerator - hn) / (denominator + hd) * HUNDRED
    high = (numerator + hn) / max(denominator - hd, Decimal("1e-9")) * HUNDRED
    hz = _half(stated_places)
    return high >= stated - hz - Decimal("1e-9") and low < stated + 2 * hz


def _window(found: Figures, rate: Figure, *, money: bool = True) -> list[Figure]:
    """Money figures (or counts) of the rate's sentence before it; the sentence before too when it has
    fewer than two."""
    start, _ = found.sentence_span(rate.start)
    items = found.by_paragraph.get(rate.paragraph, [])

    def wanted(f: Figure) -> bool:
        return (f.money if money else (not f.money and f.unit != "%")) and not f.delta and f.depth == rate.depth

    same = [f for f in items if start <= f.start < rate.start and wanted(f)]
    if len(same) >= 2:
        return same
    p_start, _ = found.paragraphs[rate.paragraph]
    if start > p_start:
        previous, _ = found.sentence_span(start - 1)
        return [f for f in items if previous <= f.start < rate.start and wanted(f)]
    if not same and rate.paragraph - 1 in found.by_paragraph:
        # 预算执行率90%。 as a paragraph of its own, after the amounts' paragraph
        before = found.by_paragraph[rate.paragraph - 1]
        last_start, _ = found.sentence_span(before[-1].start)
        return [f for f in before if f.start >= last_start and wanted(f)]
    return same


_PLAN_LIKE = re.compile(r"计划|目标|任务|指标|预期|应")
_DONE_LIKE = re.compile(r"实际|完成|已|共")


def _plan_pair(window: list[Figure]) -> tuple[Figure, Figure] | None:
    """“计划培训2000人，实际培训2399人，完成率120%”: the done count against the planned one."""
    if len(window) != 2 or window[0].unit != window[1].unit or any(f.approx for f in window):
        return None
    plans = [f for f in window if _PLAN_LIKE.search(f.label) and not _DONE_LIKE.search(f.label)]
    if len(plans) != 1:
        return None
    done = window[1] if plans[0] is window[0] else window[0]
    return done, plans[0]


def _execution_pair(window: list[Figure]) -> tuple[Figure, Figure] | None:
    """The spent-like figure nearest the rate and the budget-like figure before it."""
    spent = next((f for f in reversed(window) if _SPENT_LIKE.search(f.label)), None)
    if spent is None:
        return None
    earlier = [f for f in reversed(window) if f.start < spent.start and _BUDGET_LIKE.search(f.label)]
    budget = next((f for f in earlier if not _SPENT_LIKE.search(f.label)), earlier[0] if earlier else None)
    return (spent, budget) if budget is not None else None


def rate_checks(ctx: Context) -> list[RateCheck]:
    """Every rate of the text that can be recomputed from amounts it names."""
    cached = ctx.memo.get("rates")
    if cached is not None:
        return cached
    found = figures(ctx)
    text = found.text
    parts_of: dict[int, Figure] = {}
    for group in all_groups(ctx):
        for part in group.parts:
            parts_of[part.index] = group.total
    result: list[RateCheck] = []
    for rate in found.items:
        if rate.unit != "%" or rate.approx or rate.delta:
            continue
        label = rate.label
        clause_text = text[rate.label_start : rate.start]
        if _RATE_LABEL.search(label):
            window = _window(found, rate)
            pair = _execution_pair(window) if len(window) >= 2 else None
            if pair is None and len(window) < 2:
                window = _window(found, rate, money=False)
                pair = _plan_pair(window)
            if pair is not None and not _subject_agrees(rate, pair):
                pair = None  # 其中基本支出预算执行率100%: a part's rate, not the rate of these amounts
            if pair is not None and not _explained_by_other_pair(rate, window):
                result.append(RateCheck(rate, pair[0], pair[1], "execution"))
                continue
        done = _DONE_OF.search(_sentence_before(found, rate))
        if done is not None:
            check = _done_of(found, rate, done.start())
            if check is not None:
                result.append(check)
                continue
        share = _SHARE.search(clause_text) or _SHARE.search(_sentence_before(found, rate)[-30:])
        if share is not None:
            check = _share(found, rate, share.group("of"), parts_of)
            if check is not None:
                result.append(check)
    ctx.memo["rates"] = result
    return result


_RATE_WORD = re.compile(r"(?:预算|资金|经费|财政资金|整体|部门|总体|全年|年度|综合|的)*(?:执行|完成|支出|支付|拨付|使用|兑现|到位|发放)率")
_GENERIC_SUBJECT = re.compile(r"^(?:其中|本年度?|全年|年度|当年|\d{4}年度?|部门|单位|本部门|本单位|我局|我单位|整体|总体|预算|项目)*$")


def _subject_agrees(rate: Figure, pair: tuple[Figure, Figure]) -> bool:
    """Whether the amounts are those of the thing whose rate it is: 项目支出执行率 needs 项目支出 amounts."""
    label = rate.label
    match = _RATE_WORD.search(label)
    subject = re.sub(r"^(?:其中|另外|此外)?[:：，,]?", "", label[: match.start()] if match else "").strip()
    if not subject or _GENERIC_SUBJECT.match(subject):
        return True
    return any(subject in figure.label or (bool(figure.head) and figure.head in subject) for figure in pair)


def _sentence_before(found: Figures, rate: Figure) -> str:
    start, _ = found.sentence_span(rate.start)
    return found.text[start : rate.start]


def _explained_by_other_pair(rate: Figure, window: list[Figure]) -> bool:
    """Another pair of the sentence's amounts gives the stated rate: the reading is ambiguous."""
    places = _places(rate)
    for a in window:
        for b in window:
            if a is not b and b.value > 0 and agrees(rate.value, places, a, b):
                return True
    return False


def _places(figure: Figure) -> int:
    number = re.search(r"\d+(?:\.(\d+))?", figure.text)
    return len(number.group(1)) if number and number.group(1) else 0


def _done_of(found: Figures, rate: Figure, done_at: int) -> RateCheck | None:
    """“培训2399人，完成市目标任务数2000人的120%”: 2399 against 2000."""
    sentence_start, _ = found.sentence_span(rate.start)
    marker = sentence_start + done_at
    items = found.by_paragraph.get(rate.paragraph, [])
    target = [f for f in items if marker <= f.start < rate.start and f.unit != "%" and not f.delta]
    if len(target) != 1:
        return None
    before = [
        f for f in items if sentence_start <= f.start < marker and f.unit == target[0].unit and not f.delta
        and f.depth == 0
    ]
    if not before or before[-1].approx or target[0].approx:
        return None
    return RateCheck(rate, before[-1], target[0], "done_of")


def _share(found: Figures, rate: Figure, of: str, parts_of: dict[int, Figure]) -> RateCheck | None:
    """“基本支出a万元，占总支出的Z%”: a against the total the text names."""
    sentence_start, _ = found.sentence_span(rate.start)
    items = found.by_paragraph.get(rate.paragraph, [])
    before = [f for f in items if sentence_start <= f.start < rate.start and f.unit != "%" and not f.delta]
    if not before:
        return None
    numerator = before[-1]
    inside = [f for f in before if f.start > numerator.label_start and f is not numerator]
    if inside:
        return None
    named = re.sub(r"^(?:总|全部|全年|本年|年度|部门|单位)", "", of.strip())
    if not named or named in ("比", "比重", "比例"):
        total = parts_of.get(numerator.index)
        return RateCheck(rate, numerator, total, "share") if total is not None else None
    wanted = bigrams(named)
    if not wanted:
        return None
    pool = [
        f for index in (rate.paragraph, rate.paragraph - 1) for f in found.by_paragraph.get(index, [])
        if f.unit == numerator.unit and f is not numerator and not f.delta and f.start < rate.start
    ]
    scored = sorted(
        ((_overlap(wanted, bigrams(f.head)), f.start, f) for f in pool), key=lambda item: (item[0], item[1]), reverse=True
    )
    if not scored or scored[0][0] < 0.6 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return RateCheck(rate, numerator, scored[0][2], "share")


def _overlap(wanted: set[str], grams: set[str]) -> float:
    if not wanted or not grams:
        return 0.0
    shared = len(wanted & grams)
    return (shared / len(wanted) + shared / len(grams)) / 2
