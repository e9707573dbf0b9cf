"""Cross-section consistency (前后一致性): the same quantity stated with different numbers.

"The same quantity" means the same unit (场次 ≈ 场), a similar subject phrase (the words
before the number in its clause, compared as character bigrams weighted by how rare they are
in the document), and a different sentence. Where two sentences are matched through one
quantity, the remaining same-unit quantities that follow in both are aligned in order
(parallel statements: 刊发稿件1101篇，总台采用189篇 / 供稿968篇，其中总台刊发173篇).

Numbers are compared as intervals: 逾50万 is [50万, 60万], 近4000 is [3000, 4000), 4000余 is
[4000, 5000], 1.1万 is [1.05万, 1.15万]. Disjoint intervals are a conflict; approximate figures
whose intervals only touch or nearly touch (4000余 / 近4000) are a soft conflict.

Work is linear in the number of quantities: they are bucketed by unit and indexed by subject
bigram; only quantities sharing an informative bigram are compared.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from jixiao.figures.labels import label as figure_label
from jixiao.report import Evidence, Finding
from jixiao.review.engine import Context, rule
from jixiao.review.figures import Figure, figures, quantities
from jixiao.review.totals import all_groups
from jixiao.text.numbers import QUANTITY, QuantityMatch, find_quantities

_CJK = re.compile(r"[\u4e00-\u9fff]+")
# every overlapping pair of Chinese characters in two C-level passes: those starting at an even
# place of their run (AB, CD of ABCDE), then those after a Chinese character (BC, DE), which is
# faster than one pass of a lookahead tried at every position
_CJK_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")
_CJK_PAIR_AFTER = re.compile(r"(?<=[\u4e00-\u9fff])[\u4e00-\u9fff]{2}")
_CLAUSE_BREAK = "，。；：！？\n,;:"
_CLAUSE_BREAKS = re.compile("[" + re.escape(_CLAUSE_BREAK) + "]")
_APPROX_AT_LEAST = {"逾", "超", "超过", "多于", "余", "多", "+"}
_BELOW = {"近", "接近", "将近"}
_AROUND = {"约", "大约", "约为", "左右"}
_UNBOUNDED_LOW = {"不少于", "不低于", "至少", "大于等于", "大于", "≥", ">", "以上"}
_INFINITY = Decimal("Infinity")
_ONE = Decimal(1)
# how many mentions a bigram may have before it stops telling subjects apart
_BIGRAM_DF_CAP = 40


@dataclass
class Mention:
    """One stated quantity with its subject phrase and value interval."""

    index: int
    start: int
    end: int
    text: str
    unit: str
    value: Decimal
    low: Decimal
    high: Decimal
    approximate: bool
    sentence: int
    subject: str
    bigrams: frozenset[str]
    scope: frozenset[str] = frozenset()
    kind: frozenset[int] = frozenset()


def _precision(number: str, scale: Decimal) -> Decimal:
    """The rounding unit a figure is stated to: 500 → 100, 1.1万 → 1000, 16 → 1."""
    digits = number.replace(",", "")
    if "." in digits:
        return Decimal(1).scaleb(-len(digits.split(".")[1])) * scale
    if not digits.isdigit():
        return scale
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped) if stripped else 0
    return Decimal(10) ** zeros * scale


_SCALES = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}


def _interval(match: QuantityMatch) -> tuple[Decimal, Decimal, bool] | None:
    if match.number:
        number, scale_word, words = match.number, match.scale, match.words
    else:  # a match made elsewhere: read its parts again
        parts = QUANTITY.fullmatch(match.text)
        if parts is None:
            return None
        number, scale_word = parts.group("number"), parts.group("scale") or ""
        words = frozenset(w for w in parts.group("prefix", "inner", "scale_suffix", "suffix") if w)
    value = match.quantity.value
    scale = _SCALES.get(scale_word, _ONE)
    step = _precision(number, scale)
    if words & _UNBOUNDED_LOW:
        return value, _INFINITY, True
    if words & _APPROX_AT_LEAST:
        return value, value + step, True
    if words & _BELOW:
        return value - step, value, True
    if words & _AROUND:
        return value - step / 2, value + step / 2, True
    if match.quantity.qualifier == "at_most":
        return -_INFINITY, value, True
    if scale > 1:
        return value - step / 2, value + step / 2, False
    return value, value, False


_QUOTES = re.compile(r"[“”‘’\"'《》〈〉「」『』]")


def _bigrams(text: str, stop: frozenset[str]) -> frozenset[str]:
    grams: set[str] = set()
    # quotation marks and title brackets do not break a phrase: 在“学习强国”平台 ≈ 在学习强国平台
    for run in _CJK.findall(_QUOTES.sub("", text)):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(grams - stop)


def mentions(ctx: Context) -> list[Mention]:
    """Every counted quantity of the document with its subject; cached on the context."""
    cached = getattr(ctx, "_mentions", None)
    if cached is not None:
        return cached
    assert ctx.document is not None
    text = ctx.document.text
    aliases = {str(k): str(v) for k, v in ctx.profile.get("consistency.unit_aliases").items()}
    skip = set(ctx.profile.strings("consistency.skip_units"))
    stop = frozenset(ctx.profile.strings("consistency.stop_bigrams"))
    window = int(ctx.profile.get("consistency.subject_window"))
    scope_terms = ctx.profile.strings("consistency.scope_terms")
    kinds = kind_groups(ctx)
    sentence_starts = [start for start, _ in ctx.sentences]
    # a sentence repeated word for word cannot contradict its first copy: keep only the first
    # (hashing sentences keeps the work linear when a report copies whole passages)
    first_copy: dict[str, int] = {}
    repeated: set[int] = set()
    for number, (start, end) in enumerate(ctx.sentences):
        key = _QUOTES.sub("", text[start:end]).replace(" ", "")
        if first_copy.setdefault(key, number) != number:
            repeated.add(number)
    found: list[Mention] = []
    previous_end = 0
    breaks = [m.start() for m in _CLAUSE_BREAKS.finditer(text)]
    declared: dict[int, frozenset[int]] = {}
    for match in quantities(ctx):
        sentence = bisect_right(sentence_starts, match.start) - 1
        if sentence in repeated:
            continue
        unit = match.quantity.unit
        if unit is None or unit in skip or (match.start > 0 and text[match.start - 1] in "第"):
            # ordinals, dates and amounts do not end a subject phrase (…第四卷等内容开展集中学习15次)
            continue
        interval = _interval(match)
        if interval is None or interval[0] == -_INFINITY or interval[1] == _INFINITY:
            # ≥200期 / ≤5% are declared targets, checked by the targets family, not restatements
            continue
        low = max(match.start - window, 0)
        # clause start: the last break before the figure, if it is within the window
        before = bisect_left(breaks, match.start) - 1
        clause_start = breaks[before] + 1 if before >= 0 and breaks[before] >= low else 0
        subject_start = max(clause_start, previous_end, low)
        subject = text[subject_start : match.start]
        previous_end = match.end
        lead = text[ctx.sentences[sentence][0] : match.start] if sentence >= 0 else subject
        found.append(
            Mention(
                index=len(found),
                start=match.start,
                end=match.end,
                text=match.text,
                unit=aliases.get(unit, unit),
                value=match.quantity.value,
                low=interval[0],
                high=interval[1],
                approximate=interval[2],
                sentence=sentence,
                subject=subject,
                bigrams=_bigrams(subject, stop),
                scope=_scope(lead, scope_terms),
                kind=kind_of(subject, kinds) | _declared(ctx, match.start, declared),
            )
        )
    ctx._mentions = found  # type: ignore[attr-defined]  # a cache kept on the context object
    return found


def _weights(ctx: Context) -> dict[str, float]:
    """Bigrams found all over the document (学习, 工作 in a 宣传部 report) weigh less.

    Not a plain inverse frequency: a subject stated twice doubles its own bigrams' counts,
    which must not make the repeated subject look less alike.
    """
    assert ctx.document is not None
    flat = _QUOTES.sub("", ctx.document.text)
    counts = Counter(_CJK_PAIR.findall(flat))
    counts.update(_CJK_PAIR_AFTER.findall(flat))
    common = max(8, int(math.sqrt(len(flat)) / 4))
    return {gram: 0.5 for gram, count in counts.items() if count > common}


def _total(m: Mention, weights: dict[str, float]) -> float:
    return sum(weights.get(g, 1.0) for g in m.bigrams)


def similarity(
    a: Mention, b: Mention, weights: dict[str, float], floor: float = 3.0, totals: dict[int, float] | None = None
) -> float:
    """Weighted containment of subject bigrams; a floor keeps tiny subjects from matching alone."""
    shared_grams = a.bigrams & b.bigrams
    if not shared_grams:
        return 0.0
    shared = sum(weights.get(g, 1.0) for g in shared_grams)
    wa = totals[a.index] if totals else _total(a, weights)
    wb = totals[b.index] if totals else _total(b, weights)
    return shared / max(min(wa, wb), floor)


def compare(a: Mention, b: Mention, soft_gap: Decimal) -> str:
    """``same``, ``soft`` or ``hard``: how the two stated values relate."""
    if a.low <= b.high and b.low <= a.high:
        overlap = min(a.high, b.high) - max(a.low, b.low)
        point = a.low == a.high or b.low == b.high
        if overlap > 0 or point:
            return "same"
        return "soft"  # approximate figures touching at one value: 4000余 / 近4000
    if not (a.approximate or b.approximate):
        return "hard"
    gap = max(a.low, b.low) - min(a.high, b.high)
    scale = max(abs(a.value), abs(b.value))
    return "soft" if scale and gap / scale <= soft_gap else "hard"


def matched_pairs(ctx: Context) -> list[tuple[Mention, Mention, float]]:
    """Pairs of mentions judged to state the same quantity, one-to-one per sentence pair."""
    found = mentions(ctx)
    weights = _weights(ctx)
    totals = {m.index: _total(m, weights) for m in found}
    threshold = float(ctx.profile.get("consistency.subject_similarity"))
    follow_threshold = float(ctx.profile.get("consistency.follow_similarity"))
    max_ratio = Decimal(str(ctx.profile.get("consistency.max_ratio")))
    by_unit: dict[str, list[Mention]] = defaultdict(list)
    for m in found:
        by_unit[m.unit].append(m)
    candidates: dict[tuple[int, int], list[tuple[float, Mention, Mention]]] = defaultdict(list)
    for group in by_unit.values():
        index: dict[str, list[Mention]] = defaultdict(list)
        for m in group:
            for gram in m.bigrams:
                index[gram].append(m)
        seen: set[tuple[int, int]] = set()
        for members in index.values():
            if len(members) > _BIGRAM_DF_CAP:
                continue
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    key = (a.index, b.index) if a.index < b.index else (b.index, a.index)
                    if a.sentence == b.sentence or key in seen:
                        continue
                    seen.add(key)
                    if not _plausible(a, b, max_ratio):
                        continue
                    score = similarity(a, b, weights, totals=totals)
                    if score >= follow_threshold:
                        first, second = (a, b) if a.index < b.index else (b, a)
                        candidates[(first.sentence, second.sentence)].append((score, first, second))
    pairs: list[tuple[Mention, Mention, float]] = []
    by_sentence = defaultdict(list)
    for m in found:
        by_sentence[m.sentence].append(m)
    for (s1, s2), scored in candidates.items():
        scored.sort(key=lambda item: -item[0])
        used: set[int] = set()
        anchors: list[tuple[Mention, Mention]] = []
        for score, a, b in scored:
            if score < threshold or a.index in used or b.index in used:
                continue
            used.update((a.index, b.index))
            anchors.append((a, b))
            pairs.append((a, b, score))
        # parallel statements: same-unit quantities after an anchor, in order, with some shared subject
        for a, b in anchors:
            rest_a = [m for m in by_sentence[s1] if m.start > a.start and m.unit == a.unit and m.index not in used]
            rest_b = [m for m in by_sentence[s2] if m.start > b.start and m.unit == b.unit and m.index not in used]
            for x, y in zip(rest_a, rest_b, strict=False):
                score = similarity(x, y, weights, totals=totals)
                if score >= follow_threshold and _plausible(x, y, max_ratio):
                    used.update((x.index, y.index))
                    pairs.append((x, y, score))
    return pairs


_YEAR = re.compile(r"((?:19|20)\d\d)年")


_TARGET_TITLE = re.compile(r"目标|指标")
_DONE_TITLE = re.compile(r"完成|实现|情况|成效|分析|结果|评价")
_DECLARED = frozenset({-1})


_NOTHING: frozenset[int] = frozenset()


def _declared(ctx: Context, offset: int, seen: dict[int, frozenset[int]] | None = None) -> frozenset[int]:
    """Marks a figure stated under a goal heading (项目绩效目标, 1.产出目标): a target is another
    quantity than the figure achieved, even without ≥ or 以上 (计划、目标 in the sentence itself are
    the profile's ``kind_terms``). ``seen`` keeps the answer per section for a caller asking often."""
    assert ctx.document is not None
    node = ctx.document.outline.section_node_at(offset)
    key = id(node)
    if seen is not None and key in seen:
        return seen[key]
    answer = _NOTHING
    for title in reversed(node.path() if node else []):
        if _DONE_TITLE.search(title):
            break
        if _TARGET_TITLE.search(title):
            answer = _DECLARED
            break
    if seen is not None:
        seen[key] = answer
    return answer


@dataclass(frozen=True)
class KindGroups:
    """The profile's groups of words that make a figure another kind of quantity, compiled."""

    groups: tuple[re.Pattern[str], ...]
    any_term: re.Pattern[str]
    """All the words of all groups: a subject naming none (most) needs no group searched."""


@lru_cache(maxsize=8)
def _compile_kinds(terms: tuple[tuple[str, ...], ...]) -> KindGroups:
    return KindGroups(
        groups=tuple(re.compile("|".join(map(re.escape, group))) for group in terms),
        any_term=re.compile("|".join(re.escape(term) for group in terms for term in group) or "(?!)"),
    )


def kind_groups(ctx: Context) -> KindGroups:
    """The profile's groups of words that make a figure another kind of quantity (编制 / 实有 …)."""
    terms = tuple(tuple(str(term) for term in group) for group in ctx.profile.get("consistency.kind_terms"))
    return _compile_kinds(terms)


def kind_of(subject: str, kinds: KindGroups) -> frozenset[int]:
    """Which kind groups a subject names: 核定编制 → {编制}, 实有人数 → {实有}, 年初预算 → {年初}."""
    if kinds.any_term.search(subject) is None:
        return _NOTHING
    return frozenset(i for i, group in enumerate(kinds.groups) if group.search(subject))


def _scope(lead: str, terms: tuple[str, ...]) -> frozenset[str]:
    """The time scope a figure is stated for: years (2022年) and period words (上半年, 上年…)."""
    return frozenset(_YEAR.findall(lead)) | frozenset(term for term in terms if term in lead)


def _plausible(a: Mention, b: Mention, max_ratio: Decimal) -> bool:
    """Same scope, and not many times the other (that is more likely a different quantity).

    Scopes differ when both name years and the years differ, or when a period word (上半年,
    上年, 同比 …) is on one side only or differs: 2021年18期 and 2022年20期 are two quantities.
    """
    years_a = {item for item in a.scope if item.isdigit()}
    years_b = {item for item in b.scope if item.isdigit()}
    if years_a and years_b and not years_a & years_b:
        return False
    if a.scope - years_a != b.scope - years_b:
        return False
    if a.kind != b.kind:
        return False  # 事业编制69人 and 事业人员63人: 编制 and 实有 are different quantities
    small, large = sorted((abs(a.value), abs(b.value)))
    return small > 0 and large / small <= max_ratio


def _clusters(pairs: list[tuple[Mention, Mention, float]]) -> list[list[Mention]]:
    parent: dict[int, int] = {}
    members: dict[int, Mention] = {}

    def find(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b, _ in pairs:
        members[a.index], members[b.index] = a, b
        parent[find(a.index)] = find(b.index)
    groups: dict[int, list[Mention]] = defaultdict(list)
    for index, m in members.items():
        groups[find(index)].append(m)
    return [sorted(group, key=lambda m: m.start) for group in groups.values()]


def _conflicts(ctx: Context) -> list[tuple[str, list[Mention]]]:
    cached = getattr(ctx, "_conflicts", None)
    if cached is not None:
        return cached
    soft_gap = ctx.profile.decimal("consistency.soft_relative_gap")
    results: list[tuple[str, list[Mention]]] = []
    for group in _clusters(matched_pairs(ctx)):
        kinds = {compare(a, b, soft_gap) for i, a in enumerate(group) for b in group[i + 1 :]}
        if "hard" in kinds:
            results.append(("hard", group))
        elif "soft" in kinds:
            results.append(("soft", group))
    results.sort(key=lambda item: item[1][0].start)
    ctx._conflicts = results  # type: ignore[attr-defined]  # a cache kept on the context object
    return results


def _statement(ctx: Context, m: Mention) -> tuple[int, int]:
    """The subject and figure as written: from the clause start to the end of the number."""
    assert ctx.document is not None
    text = ctx.document.text
    start = m.start - len(m.subject)
    while start < m.start and text[start] in "、，“”\"《》（）() ":
        start += 1
    end = m.end
    # the verb after the figure belongs to the statement: 逾50万人次参与 / 逾30万人次观看
    while end < min(m.end + 4, len(text)) and "\u4e00" <= text[end] <= "\u9fff":
        end += 1
    return start, end


def _finding(ctx: Context, group: list[Mention], soft: bool) -> Finding:
    assert ctx.document is not None
    text = ctx.document.text
    distinct: list[Mention] = []
    for m in group:
        if all(m.text != d.text for d in distinct):
            distinct.append(m)
    spans = [_statement(ctx, m) for m in group]
    quoted = "、".join(f"“{text[s:e]}”" for s, e in (_statement(ctx, m) for m in distinct))
    evidence = [ctx.span(s, e) for s, e in spans]
    places = "、".join(dict.fromkeys(f"“{_short(e.section)}”" for e in evidence if e.section))
    if soft:
        message = f"同一数量的约数表述不一致：{quoted}（见{places}），两个约数互不包含"
        suggestion = "统一为同一口径的数字（如写明确数），避免“余”“近”并用。"
    else:
        message = f"同一数量前后表述不一：{quoted}（见{places}）"
        suggestion = "核对原始台账，统一各处数字；若口径不同（时间段、范围），应写明口径。"
    return ctx.finding(message, evidence, suggestion)


def _short(title: str, limit: int = 16) -> str:
    return title if len(title) <= limit else title[:limit] + "…"


@rule(
    "consistency.same_quantity",
    title="同一数量前后数字不一",
    severity="serious",
    checks="同一主语、同一单位、同一范围的数量在不同位置写成不同的数（约数按区间比较）。",
    basis="domain.md §7.2-6 数据不一致 [V-2 S34; I]; §7.1 数据准确 [V S40]",
    example="“集中专题学习会16次”与“开展集中学习15次”；“逾50万人次参与”与“逾30万人次观看”。",
    needs_document=True,
)
def same_quantity(ctx: Context) -> Iterator[Finding]:
    for kind, group in _conflicts(ctx):
        if kind == "hard":
            yield _finding(ctx, group, soft=False)


@rule(
    "consistency.same_quantity_soft",
    title="同一数量的约数表述不一（软冲突）",
    severity="hint",
    checks="同一数量的两个约数区间只在边界相接或相差很小（配置），如“4000余篇次”与“近4000篇次”。",
    basis="domain.md §7.2-6 数据不一致 [I]",
    example="“主流媒体报道4000余篇次”与“中央和省市主流媒体近4000篇次”。",
    needs_document=True,
)
def same_quantity_soft(ctx: Context) -> Iterator[Finding]:
    for kind, group in _conflicts(ctx):
        if kind == "soft":
            yield _finding(ctx, group, soft=True)


@rule(
    "consistency.extracted_conflict",
    title="同一关键数据多处取值不同",
    severity="serious",
    checks="抽取时发现同一关键数据（预算数、执行数、执行率、自评分等）在文中有不同取值。",
    basis="domain.md §7.2-6 数据不一致 [V-2 S34]",
    example="前文“执行数2659.40万元”，后文“支出2569.40万元”。",
)
def extracted_conflict(ctx: Context) -> Iterator[Finding]:
    for conflict in ctx.report.conflicts:
        # a goal's "预算执行率达到90%以上" is a target, not a second statement of the rate
        kept = [e for e in conflict.evidence if not _looks_like_target(ctx, e)]
        stated: list[tuple[Decimal, Evidence, tuple[frozenset[int], frozenset[str]]]] = []
        for evidence in kept:
            if _is_part(ctx, evidence) or _is_sub_item(ctx, _figure_at(ctx, evidence)):
                continue  # 其中：财政拨款项目支出15万元 is a part; 宣传项目执行数90万元 is a project's own figure
            kind = (_evidence_kind(ctx, evidence), _evidence_scope(ctx, evidence))
            for match in find_quantities(evidence.text.replace(" ", "").replace(",", "")):
                value = match.quantity.value
                if value in conflict.values and all(value != v or kind != k for v, _, k in stated):
                    stated.append((value, evidence, kind))
        # values of the same kind (年初 with 年初, 调整后 with 调整后) that differ
        by_kind: dict[tuple[frozenset[int], frozenset[str]], list[tuple[Decimal, Evidence]]] = defaultdict(list)
        for value, evidence, kind in stated:
            by_kind[kind].append((value, evidence))
        for items in by_kind.values():
            values = list(dict.fromkeys(value for value, _ in items))
            if len(values) < 2:
                continue
            label = figure_label(conflict.path)
            yield ctx.finding(
                f"{label}在文中有不同取值：{'、'.join(str(v) for v in values)}",
                [evidence for _, evidence in items],
                "核对该数据，全文统一。",
            )


def _figure_at(ctx: Context, evidence: Evidence) -> Figure | None:
    """The text figure inside an evidence span (original offsets)."""
    if ctx.document is None:
        return None
    starts = ctx.memo.get("figure_original_starts")
    found = figures(ctx)
    if starts is None:
        starts = [ctx.document.to_original(f.start, f.end)[0] for f in found.items]
        ctx.memo["figure_original_starts"] = starts
    for figure, start in zip(found.items, starts, strict=True):
        if evidence.start <= start < evidence.end:
            return figure
    return None


def _is_part(ctx: Context, evidence: Evidence) -> bool:
    figure = _figure_at(ctx, evidence)
    if figure is None:
        return False
    return any(part.index == figure.index for group in all_groups(ctx) for part in group.parts)


def _evidence_scope(ctx: Context, evidence: Evidence) -> frozenset[str]:
    """The years and period words of the evidence's sentence before its figure."""
    figure = _figure_at(ctx, evidence)
    if figure is None:
        return frozenset()
    found = figures(ctx)
    start, _ = found.sentence_span(figure.start)
    return _scope(found.text[start : figure.start], ctx.profile.strings("consistency.scope_terms"))


def _is_sub_item(ctx: Context, figure: Figure | None) -> bool:
    """A figure of a project or a subordinate unit (宣传项目全年预算数100万元), not the department's."""
    if figure is None or ctx.document is None:
        return False
    found = figures(ctx)
    start, _ = found.sentence_span(figure.start)
    lead = found.text[start : figure.label_start]
    if ctx.report.department:
        lead = lead.replace(ctx.report.department, "")  # 湖南省人民检察院2017年支出…: the department itself
    if _SUB_ITEM.search(lead) or _SUB_ITEM.search(_qualifier(ctx, figure.head)):
        return True
    return any(_SUB_ITEM.search(title) for title in ctx.document.section_at(figure.start)[-1:])


def _qualifier(ctx: Context, head: str) -> str:
    """What a label says before the figure's name: 宣传项目全年预算数 → 宣传项目; 人员经费 → ""."""
    head = _AMOUNT_PREFIX.sub("", head)
    names = ctx.memo.get("amount_names")
    if names is None:
        names = sorted((str(n) for group in ctx.profile.get("consistency.key_amounts").values() for n in group),
                       key=len, reverse=True)
        ctx.memo["amount_names"] = names
    for name in names:
        if head.endswith(name):
            return head[: -len(name)]
    return head


def _evidence_kind(ctx: Context, evidence: Evidence) -> frozenset[int]:
    figure = _figure_at(ctx, evidence)
    label = figure.label if figure is not None else evidence.text
    return kind_of(label, kind_groups(ctx))


_TARGET_MARKERS = ("以上", "不低于", "不少于", "≥", "\\geq", "力争", "目标")


def _looks_like_target(ctx: Context, evidence: Evidence) -> bool:
    if evidence.section and "目标" in evidence.section:
        return True
    if ctx.document is None:
        return any(marker in evidence.text for marker in _TARGET_MARKERS)
    original = ctx.document.original
    around = original[max(evidence.start - 8, 0) : evidence.end + 6]
    return any(marker in around for marker in _TARGET_MARKERS)


# -- the same amount stated twice ---------------------------------------------------------------

_AMOUNT_PREFIX = re.compile(r"^(?:(?:19|20)\d\d年度?)?(?:本年度|本年|当年|年度|部门|单位|本部门|本单位|我局|我单位)?")
_SUB_ITEM = re.compile(r"项目|专项|经费|资金|工程|补助|补贴|活动|中心|学校|医院|站|所|队|院")


def _amount_key(ctx: Context, figure: Figure) -> str | None:
    """The department-level figure a label names (收入 / 支出 / 全年预算 / 基本支出 …), or None."""
    names = ctx.memo.get("amount_keys")
    if names is None:
        names = {str(n): str(key) for key, group in ctx.profile.get("consistency.key_amounts").items() for n in group}
        ctx.memo["amount_keys"] = names
    key: str | None = names.get(_AMOUNT_PREFIX.sub("", figure.head))
    return key


def _restatements(ctx: Context) -> list[tuple[str, list[Figure]]]:
    assert ctx.document is not None
    found = figures(ctx)
    text = found.text
    scope_terms = ctx.profile.strings("consistency.scope_terms")
    part_of = {part.index: group.total for group in all_groups(ctx) for part in group.parts}
    by_key: dict[tuple[str, frozenset[str]], list[Figure]] = defaultdict(list)
    for figure in found.items:
        if not figure.money or figure.depth or figure.approx or figure.delta:
            continue
        key = _amount_key(ctx, figure)
        if key is None:
            continue
        parent = part_of.get(figure.index)
        if parent is not None and _amount_key(ctx, parent) not in ("收入", "支出", "全年预算"):
            continue  # 机关本级支出500万元，其中项目支出200万元: a part of something else
        if _is_sub_item(ctx, figure):
            continue  # a project's own 预算数/执行数, not the department's
        start, _ = found.sentence_span(figure.start)
        by_key[(key, _scope(text[start : figure.start], scope_terms))].append(figure)
    result: list[tuple[str, list[Figure]]] = []
    tolerance = ctx.profile.decimal("money.tolerance")
    for (key, _), items in by_key.items():
        distinct: list[Figure] = []
        for figure in items:
            if all(abs(figure.value - other.value) > tolerance for other in distinct):
                distinct.append(figure)
        if len(distinct) < 2:
            continue
        sentences = {found.sentence_span(f.start) for f in distinct}
        if len(sentences) < len(distinct):
            continue  # two values of one sentence are two things
        result.append((key, distinct))
    return result


@rule(
    "consistency.same_amount",
    title="同一金额前后数字不一",
    severity="serious",
    checks="部门层面的同一金额（收入、支出、全年预算、年初预算、基本支出、项目支出、人员经费、公用经费、三公经费、结转结余，"
    "同义写法见配置）在不同句子中写成不同的数；年份、期间不同的，某个项目或下属单位自己的数，作为其他总数分项的数，不比较。",
    basis="domain.md §7.2-6 数据不一致 [V-2 S34; I]",
    example="“全年执行数2659.40万元”与后文“部门整体支出2569.40万元”。",
    needs_document=True,
)
def same_amount(ctx: Context) -> Iterator[Finding]:
    reported = {frozenset(c.values) for c in ctx.report.conflicts}
    for key, items in _restatements(ctx):
        values = frozenset(f.value for f in items)
        if any(values <= conflict for conflict in reported):
            continue  # consistency.extracted_conflict reports it
        quoted = "、".join(f"“{f.said}”" for f in items)
        yield ctx.finding(
            f"同一金额（{key}）前后表述不一：{quoted}",
            [ctx.span(f.label_start, f.end) for f in items],
            "核对决算数据，统一各处金额；口径不同的（年初与调整后、部门与项目），写明口径。",
        )
