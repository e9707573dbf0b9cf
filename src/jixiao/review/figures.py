"""Figures as the sentences state them (文中数字): every amount, count and rate with its label.

The review reads the text itself rather than trusting what the extractor filled: a total and
its parts, a rate and its amounts, a count and its list are checked where the text states
them, whatever phrasing the report uses. This module turns each paragraph of the normalised
document into :class:`Figure` objects — the number in its unit (money converted to 万元, with
the precision it was written to), the words before it in its clause (its label), whether it
sits in parentheses, whether it is approximate (约, 余, 以上) and whether it is a change
(同比增加, 较上年下降) rather than a level. The other modules of the family build on it.

Work is linear: one pass of the quantity pattern over the text, one pass per paragraph for
clause starts and parenthesis depth. The result is cached on the review context.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

from jixiao.review.engine import Context
from jixiao.text.numbers import QuantityMatch, find_quantities

MONEY_FACTORS: dict[str, Decimal] = {
    "万元": Decimal(1),
    "亿元": Decimal(10_000),
    "千元": Decimal("0.1"),
    "元": Decimal("0.0001"),
}
_MONEY_SHIFT = {"万元": 0, "亿元": -4, "千元": 1, "元": 4}
# people are counted as 人, 名 or 位 in the same report: 资助困难新生3000名(其中市直属学校1150人…)
_UNIT_ALIASES = {"名": "人", "位": "人"}
# dates, durations and scores are not amounts that add up or restate each other here
_SKIP_UNITS = {"年", "月", "日", "天", "小时", "分钟", "分", "届", "周年", "岁", "号", "字", "‰"}
_CLAUSE_BREAK = "，,、；;：:。！？!?（()）\n|"
_SENTENCE_END = "。！？!?"
_APPROX_WORDS = re.compile(r"约|近|余|多|以上|以下|以内|左右|逾|超|不少于|不低于|不超过|[≥≤><+]")
_DELTA = re.compile(r"(?:同比|环比|较|比)[^，。；]{0,14}?(?:增加|减少|增长|下降|上升|降低|增|减|多|少)|增幅|降幅|增长$|下降$")
_LEAD_MARKERS = re.compile(r"^(?:其中|包括|具体包括|主要包括|分别为|分别是|分别|共计|合计|总计|总共|含|即)[:：]?")
_LIST_MARKERS = re.compile(r"^(?:其中|具体包括|主要包括|包括|分别为|分别是|分别|含|即)[:：]?")
_TRAIL_WORDS = re.compile(r"(?:为|是|达|达到|共|共计|合计|总计|约|计|了|共有|到|至|实现|完成)+$")


_PREFIX = (
    r"^(?:(?:19|20)\d\d年度?)?(?:本部门|本单位|本局|我局|我单位|我部|全局|部门|单位)?"
    r"(?:本年度?|全年|当年|年度|决算|实际|本期)?"
)
INCOME = re.compile(_PREFIX + r"(?:预算)?(?:总)?收入(?:合计|总计|总额)?$")
"""A label naming the report's total income: 预算收入, 2022年收入合计, 本年收入."""
EXPENDITURE = re.compile(_PREFIX + r"(?:总)?支出(?:合计|总计|总额)?$|^(?:全年)?执行数$")
"""A label naming the report's total expenditure: 支出, 本年支出合计, 2022年支出, 执行数."""
BASIC = re.compile(_PREFIX + r"基本支出$")
PROJECT = re.compile(_PREFIX + r"项目支出$")


# not frozen: a frozen dataclass costs ≈ 3× as much to build, and a review builds hundreds;
# hashing and equality stay those of a value (unsafe_hash), and nothing assigns to a figure
@dataclass(slots=True, unsafe_hash=True)
class Figure:
    """One stated figure: its normalised span, value, unit and the clause words before it."""

    index: int
    start: int
    end: int
    text: str
    value: Decimal
    unit: str
    places: int
    label: str
    label_start: int
    approx: bool
    depth: int
    delta: bool
    paragraph: int

    @property
    def money(self) -> bool:
        return self.unit == "万元"

    head: str = ""
    """The label without list markers or trailing verbs: 其中基本支出为 → 基本支出."""

    @property
    def said(self) -> str:
        """The figure as the text words it, without a list marker: 合计100万元, 2022年支出76.36万元."""
        label = _LIST_MARKERS.sub("", self.label.strip("，,、；;：: ")).strip()
        return label + self.text


@dataclass
class Figures:
    """All figures of a document, by paragraph, with the paragraph spans."""

    text: str
    paragraphs: list[tuple[int, int]]
    items: list[Figure]
    by_paragraph: dict[int, list[Figure]]
    paragraph_starts: list[int]

    def paragraph_of(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    def sentence_span(self, offset: int) -> tuple[int, int]:
        """The sentence (to 。！？ or the paragraph's end) around ``offset``."""
        p_start, p_end = self.paragraphs[self.paragraph_of(offset)]
        start = max(max(self.text.rfind(ch, p_start, offset) for ch in _SENTENCE_END) + 1, p_start)
        ends = [i for i in (self.text.find(ch, offset, p_end) for ch in _SENTENCE_END) if i >= 0]
        return start, (min(ends) + 1 if ends else p_end)


def quantities(ctx: Context) -> list[QuantityMatch]:
    """Every quantity of the normalised text, found once and shared by the rule families."""
    cached = ctx.memo.get("quantities")
    if cached is None:
        assert ctx.document is not None
        cached = list(find_quantities(ctx.document.text))
        ctx.memo["quantities"] = cached
    return cached


def figures(ctx: Context) -> Figures:
    """The document's figures, parsed once per review."""
    cached = ctx.memo.get("figures")
    if cached is not None:
        return cached
    assert ctx.document is not None
    result = parse_figures(ctx.document.text, ctx.document.paragraphs, quantities(ctx))
    ctx.memo["figures"] = result
    return result


_NUMBER_LEAD = re.compile(r"[^\d零〇一二两三四五六七八九十百千]*")
_BREAKS = re.compile("[" + re.escape(_CLAUSE_BREAK) + "]")


def parse_figures(
    text: str, paragraphs: list[tuple[int, int]], found: list[QuantityMatch] | None = None
) -> Figures:
    """Figures of ``text`` (normalised, one paragraph per line)."""
    starts = [start for start, _ in paragraphs]
    breaks = [m.start() for m in _BREAKS.finditer(text)]
    items: list[Figure] = []
    by_paragraph: dict[int, list[Figure]] = {}
    depth_cache: dict[int, tuple[list[int], list[int]]] = {}
    for match in find_quantities(text) if found is None else found:
        quantity = match.quantity
        unit = quantity.unit
        if unit is None or unit in _SKIP_UNITS:
            continue
        lead = _NUMBER_LEAD.match(match.text)
        number_offset = lead.end() if lead else 0
        value = quantity.value
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        if unit in MONEY_FACTORS:
            value = value * MONEY_FACTORS[unit]
            places = max(places + _MONEY_SHIFT[unit], 0)
            unit = "万元"
        else:
            unit = _UNIT_ALIASES.get(unit, unit)
        paragraph = bisect_right(starts, match.start) - 1
        if paragraph < 0:
            continue
        p_start, p_end = paragraphs[paragraph]
        number_start = match.start + number_offset
        if number_start > 0 and text[number_start - 1] in "第.":
            continue  # 第3项 is an ordinal; .5 is the tail of a lost amount
        low = max(p_start, number_start - 40)
        before = bisect_right(breaks, number_start - 1) - 1
        clause_start = max(breaks[before] + 1 if before >= 0 else 0, low)
        label = text[clause_start:number_start]
        if paragraph not in depth_cache:
            depth_cache[paragraph] = _paren_marks(text, p_start, p_end)
        opens, closes = depth_cache[paragraph]
        depth = bisect_right(opens, match.start) - bisect_right(closes, match.start)
        figure = Figure(
            index=len(items),
            start=match.start,
            end=match.end,
            text=match.text,
            value=value,
            unit=unit,
            places=places,
            label=label,
            label_start=clause_start,
            approx=quantity.qualifier != "exact" or _APPROX_WORDS.search(match.text) is not None,
            depth=max(depth, 0),
            delta=_DELTA.search(label) is not None,
            paragraph=paragraph,
            head=_TRAIL_WORDS.sub("", _LEAD_MARKERS.sub("", label)).strip(),
        )
        items.append(figure)
        by_paragraph.setdefault(paragraph, []).append(figure)
    return Figures(text=text, paragraphs=paragraphs, items=items, by_paragraph=by_paragraph, paragraph_starts=starts)


_OPEN = re.compile("[（(]")
_CLOSE = re.compile("[）)]")


def _paren_marks(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    return [m.start() for m in _OPEN.finditer(text, start, end)], [m.start() for m in _CLOSE.finditer(text, start, end)]


def bigrams(text: str) -> set[str]:
    """Character pairs of the CJK runs of ``text``: how labels are compared."""
    grams: set[str] = set()
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams
