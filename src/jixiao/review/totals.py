"""Totals and their parts as the text states them (总数与分项): 其中、包括、合计、共N个.

Four phrasings are read from the sentences themselves (see :mod:`jixiao.review.figures`):

* **of which** — a figure followed by 其中/包括/分别为 and its parts: "支出76.36万元，其中基本支出
  76.36万元，项目支出0万元"; a 其中 inside the parts opens a sub-list of the part before it, which
  ends where its running sum reaches that part, at a sibling label (基本支出 … 项目支出), or at ；;
  parts in parentheses belong to the figure before the parenthesis;
* **sum after** — parallel clauses then 共计/合计/总计: "慈善会项目40万元；…；共计下达3580.69万元";
* **enumerated list** — "项目共4个，项目支出609.74万元。具体如下：" followed by 1、2、3、4 paragraphs,
  each with its amount;
* **count and items** — "内设机构12个，分别为：A、B、…" or "内设A、B、…11个股室": the number
  against the items named.

A group is only judged when it can be: at least two exact parts in one unit (people counted as
人/名/位 alike), not cut off by the end of a truncated text, not marked as incomplete (等, 主要);
parts that add up to the total over a prefix (a trailing clause such as 结余结转0万元 is not a
part) are accepted. Money is compared with a tolerance of half a unit of the finest precision
written, per part; counts exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.review.engine import Context
from jixiao.review.figures import BASIC, EXPENDITURE, PROJECT, Figure, Figures, bigrams, figures
from jixiao.text.numbers import parse_chinese_numeral

_OF_WHICH = re.compile(r"其中[:：]?|具体包括[:：]?|主要包括[:：]?|包括[:：]?|分别为[:：]?|分别是[:：]?")
_SUM_AFTER = re.compile(r"共计|合计|总计|总共|共(?=下达|安排|拨付|支出|收到|投入|使用|落实|争取|筹集)")
_INCOMPLETE_AFTER = re.compile(r"^[^，。；、]{0,3}?等")
_SELECTION = re.compile(r"被评为|获评|荣获|获得|评为|入选|达到|超过|完成|通过|有")
_TEXT_END = re.compile(r"[。！？!?…”’」』）)\]】|]\s*$")


@dataclass
class Group:
    """A stated total and the parts listed for it."""

    total: Figure
    parts: list[Figure]
    kind: str  # "of_which" | "sum_after" | "list"
    start: int
    end: int
    complete: bool = True
    cut: bool = False
    nested: list[Group] = field(default_factory=list)


_PAGE_MARK = re.compile(r"^\s*(?:[—–\-－~～]+\s*\d{1,4}\s*[—–\-－~～]+|第\s*\d{1,4}\s*页.*)\s*$")
_NUMERIC_CELL = re.compile(r"^[\s\d.,%|\t-]+$")


def text_is_cut(text: str, original: str | None = None) -> bool:
    """Whether the text stops mid-sentence or mid-table (corpus texts are openings of pages).

    A text ends properly on sentence punctuation, on a page mark of its last page (—9—), or
    on a cell or row of numbers (a table's last row); anything else — a word, a header cell,
    a clause without its full stop — means the rest was not retrieved.
    """
    tail = text.rstrip()
    if not tail:
        return False
    if _TEXT_END.search(tail[-3:]) is not None and not tail.endswith("|"):
        return False
    if original is not None:
        lines = [line for line in original.rstrip().rsplit("\n", 3) if line.strip()]
        last = lines[-1] if lines else ""
        if _PAGE_MARK.match(last) or (_NUMERIC_CELL.match(last) and "|" not in last):
            return False
    return True


def document_is_cut(ctx: Context) -> bool:
    """:func:`text_is_cut` for the review's document, computed once."""
    cached = ctx.memo.get("cut")
    if cached is None:
        assert ctx.document is not None
        cached = text_is_cut(ctx.document.text, ctx.document.original)
        ctx.memo["cut"] = cached
    return bool(cached)


def tolerance(items: list[Figure], money_tolerance: Decimal) -> Decimal:
    """How far a sum may be from its total: half a unit of the finest precision, per figure."""
    if not items or not items[0].money:
        return Decimal(0)
    places = max((f.places for f in items if f.value != 0), default=2)
    half = Decimal(5) / Decimal(10) ** (places + 1)
    return max(money_tolerance, half * (len(items) - 1))


def _similarity(label: str, others: list[Figure]) -> int:
    grams = bigrams(label)
    return sum(len(grams & bigrams(other.head)) for other in others)


def _siblings(parent: Figure, candidate: Figure) -> bool:
    """基本支出 and 项目支出 are siblings: same head noun, another qualifier."""
    a, b = parent.head, candidate.head
    return len(a) > 2 and len(b) >= 2 and a != b and a[-2:] == b[-2:] and not b.endswith(a)


def groups(ctx: Context) -> list[Group]:
    """Every total-and-parts group of the document, cached on the context."""
    cached = ctx.memo.get("groups")
    if cached is not None:
        return cached
    assert ctx.document is not None
    found = figures(ctx)
    cut = document_is_cut(ctx)
    result: list[Group] = []
    for paragraph in sorted(found.by_paragraph):
        result.extend(_of_which_groups(found, paragraph, cut))
    in_groups = {part.index for group in _flatten(result) for part in group.parts}
    for paragraph in sorted(found.by_paragraph):
        result.extend(_sum_after_groups(found, paragraph, in_groups))
    in_groups = {part.index for group in _flatten(result) for part in group.parts}
    result.extend(_nature_groups(found, in_groups))
    result.extend(list_groups(ctx, cut))
    ctx.memo["groups"] = result
    return result


def _flatten(items: list[Group]) -> list[Group]:
    out: list[Group] = []
    for group in items:
        out.append(group)
        out.extend(_flatten(group.nested))
    return out


def all_groups(ctx: Context) -> list[Group]:
    """Every group with the sub-lists of its parts, flattened; cached on the context."""
    cached = ctx.memo.get("all_groups")
    if cached is None:
        cached = _flatten(groups(ctx))
        ctx.memo["all_groups"] = cached
    return cached


# -- 其中 / 包括 / 分别为 -------------------------------------------------------------------------


def _of_which_groups(found: Figures, paragraph: int, cut: bool) -> list[Group]:
    text = found.text
    p_start, p_end = found.paragraphs[paragraph]
    items = found.by_paragraph[paragraph]
    markers = list(_OF_WHICH.finditer(text, p_start, p_end))
    if not markers:
        return []
    consumed: set[int] = set()
    result: list[Group] = []
    for marker in markers:
        if marker.start() in consumed:
            continue
        group = _of_which(found, paragraph, items, marker, markers, consumed, cut)
        if group is not None:
            result.append(group)
    return result


def _depth_at(text: str, start: int, offset: int) -> int:
    segment = text[start:offset]
    return max(segment.count("（") + segment.count("(") - segment.count("）") - segment.count(")"), 0)


def _region_end(text: str, offset: int, p_end: int, depth: int) -> int:
    """Where the parts opened at ``offset`` end: the closing parenthesis, or the sentence end."""
    if depth > 0:
        level = depth
        for i in range(offset, p_end):
            if text[i] in "（(":
                level += 1
            elif text[i] in "）)":
                level -= 1
                if level < depth:
                    return i
        return p_end
    ends = [i for i in (text.find(ch, offset, p_end) for ch in "。！？!?") if i >= 0]
    return min(ends) if ends else p_end


def _total_for(
    found: Figures, paragraph: int, items: list[Figure], offset: int, depth: int, first_part: Figure | None
) -> Figure | None:
    """The figure the parts opened at ``offset`` belong to."""
    text = found.text
    p_start, _ = found.paragraphs[paragraph]
    unit = first_part.unit if first_part else None

    def usable(f: Figure) -> bool:
        return (unit is None or f.unit == unit) and not f.delta and f.unit != "%"

    if depth > 0:
        open_at = max(text.rfind("（", p_start, offset), text.rfind("(", p_start, offset))
        before = [f for f in items if f.end <= open_at and f.depth == depth - 1 and usable(f)]
        return before[-1] if before and open_at - before[-1].end <= 2 else None
    sentence_start = max(max(text.rfind(ch, p_start, offset) for ch in "。！？!?") + 1, p_start)
    same_sentence = [f for f in items if sentence_start <= f.start < offset and f.depth == 0 and usable(f)]
    if same_sentence:
        return same_sentence[-1]
    if text[sentence_start:offset].strip("，,：: ") not in ("", "其中"):
        return None
    # 其中 opens a sentence: the parts belong to a figure of the sentence before
    if sentence_start > p_start:
        previous_start = max(max(text.rfind(ch, p_start, sentence_start - 1) for ch in "。！？!?") + 1, p_start)
        pool = [f for f in items if previous_start <= f.start < sentence_start and f.depth == 0 and usable(f)]
    elif paragraph - 1 in found.by_paragraph:
        pool = [f for f in found.by_paragraph[paragraph - 1] if f.depth == 0 and usable(f)][-3:]
    else:
        pool = []
    if not pool or first_part is None:
        return pool[-1] if pool else None
    scored = [(_similarity(f.head, [first_part]), i, f) for i, f in enumerate(pool)]
    best = max(scored, key=lambda item: (item[0], item[1]))
    return best[2]


def _of_which(
    found: Figures,
    paragraph: int,
    items: list[Figure],
    marker: re.Match[str],
    markers: list[re.Match[str]],
    consumed: set[int],
    cut: bool,
) -> Group | None:
    text = found.text
    p_start, p_end = found.paragraphs[paragraph]
    depth = _depth_at(text, p_start, marker.start())
    end = _region_end(text, marker.end(), p_end, depth)
    inside = [f for f in items if marker.end() <= f.start < end]
    top = [f for f in inside if f.depth == depth and f.unit != "%" and not f.delta]
    if not top:
        return None
    total = _total_for(found, paragraph, items, marker.start(), depth, top[0])
    if total is None:
        return None
    previous = [f for f in items if f.end <= total.label_start and f.unit == total.unit and f.depth == total.depth]
    if previous and text[previous[-1].end : total.label_start].strip() == "、":
        return None  # “广东好人”31位、“广州好人”36位，其中…: the parts belong to the list as a whole
    unit = total.unit
    labelled = marker.group().startswith("分别")
    if labelled and any(not f.head for f in top):
        return None  # 分别为10万元、20万元: figures of things named before, not parts of a total
    nested_markers = [m for m in markers if marker.end() <= m.start() < end]
    group = Group(total=total, parts=[], kind="of_which", start=min(total.label_start, marker.start()), end=end)
    current: Group | None = None
    marks = [m.start() for m in nested_markers]
    semicolons = [i for i in range(marker.end(), end) if text[i] in "；;"]
    last_position = marker.end()
    for f in top:
        if f.unit != unit:
            if f.money or unit == "万元":
                continue  # money among counts (or counts among money) is another kind of figure
            if any(last_position <= s < f.start for s in semicolons):
                end = f.start  # "；公务用车0辆": a new topic after the parts
                break
            return None  # parts in several count units do not add up (卷、盘、盒、件)
        if f.approx:
            return None
        opened = [m for m in nested_markers if last_position <= m.start() < f.start]
        if current is not None:
            closes = (
                any(last_position <= s < f.start for s in semicolons)
                or _siblings(current.total, f)
                or (opened and group.parts)
            )
            if closes:
                group.nested.append(current)
                current = None
        if opened and group.parts and current is None and f.depth == depth:
            parent = group.parts[-1]
            current = Group(total=parent, parts=[], kind="of_which", start=parent.label_start, end=end)
            consumed.update(m.start() for m in opened)
        if current is not None:
            current.parts.append(f)
            current.end = f.end
            if abs(sum((p.value for p in current.parts), Decimal(0)) - current.total.value) <= tolerance(
                [current.total, *current.parts], Decimal("0.01")
            ):
                group.nested.append(current)
                current = None
        else:
            group.parts.append(f)
        last_position = f.end
    if current is not None:
        group.nested.append(current)
    consumed.update(marks)
    if not group.parts:
        return None
    tail = text[group.parts[-1].end : end]
    head = text[marker.end() : marker.end() + 4]
    group.complete = not (
        _INCOMPLETE_AFTER.search(tail)
        or "主要" in head
        or marker.group().startswith("主要")
        # 其中被评为…、获得…: a selection among the total, not its breakdown
        or _SELECTION.match(group.parts[0].label.lstrip("其中包括：:，, "))
    )
    group.end = max(group.parts[-1].end, *(n.end for n in group.nested)) if group.nested else group.parts[-1].end
    group.cut = cut and end >= len(text.rstrip()) - 1
    for nested in group.nested:
        nested.cut = group.cut
    return group


# -- 共计 / 合计 after the parts ---------------------------------------------------------------


def _sum_after_groups(found: Figures, paragraph: int, in_groups: set[int]) -> list[Group]:
    text = found.text
    p_start, p_end = found.paragraphs[paragraph]
    items = found.by_paragraph[paragraph]
    result: list[Group] = []
    run_start = p_start
    for marker in _SUM_AFTER.finditer(text, p_start, p_end):
        clause_end = min([i for i in (text.find(ch, marker.end(), p_end) for ch in "，。；;！？") if i >= 0] or [p_end])
        after = [f for f in items if marker.end() <= f.start < clause_end and f.depth == 0 and f.unit != "%"]
        if not after:
            continue
        total = after[0]
        run = [
            f
            for f in items
            if run_start <= f.start < marker.start()
            and f.unit == total.unit
            and f.depth == 0
            and not f.delta
            and f.index not in in_groups
        ]
        run_start = total.end
        if len(run) < 2 or any(f.approx for f in run) or total.approx:
            continue
        if len(run) == 2:
            # two parts only when the total closes their sentence: 基本支出60万元，项目支出30万元，合计90万元
            sentence_start = max(max(text.rfind(ch, p_start, marker.start()) for ch in "。！？") + 1, p_start)
            opens_clause = marker.start() == p_start or text[marker.start() - 1] in "，,；;：:"
            if not opens_clause or run[0].start < sentence_start:
                continue
        if len(set(f.label_start for f in run)) < len(run):
            continue  # parallel clauses: one figure per clause
        result.append(Group(total=total, parts=run, kind="sum_after", start=run[0].label_start, end=total.end))
    return result


# -- 基本支出 and 项目支出 stated beside the expenditure, without 其中 --------------------------


def _nature_groups(found: Figures, in_groups: set[int]) -> list[Group]:
    """“支出2457.31万元。基本支出1562.97万元，项目支出1098.73万元”: the split of the expenditure."""
    result: list[Group] = []
    for paragraph, items in found.by_paragraph.items():
        free = [f for f in items if f.money and f.depth == 0 and f.index not in in_groups and not f.approx]
        basic = [f for f in free if BASIC.search(f.head)]
        project = [f for f in free if PROJECT.search(f.head)]
        if len(basic) != 1 or len(project) != 1:
            continue
        pool = [f for f in found.by_paragraph.get(paragraph - 1, []) + items
                if f.money and f.depth == 0 and not f.approx
                and f.start < min(basic[0].start, project[0].start) and EXPENDITURE.search(f.head)]
        split = basic[0].value + project[0].value
        if any(abs(f.value - split) <= Decimal("0.01") for f in pool):
            continue  # 本年支出中，基本支出…: the split of one of the expenditures stated
        if len(pool) != 1 or pool[0].index in in_groups:
            continue
        total = pool[0]
        result.append(Group(total=total, parts=[basic[0], project[0]], kind="nature", start=total.label_start,
                            end=max(basic[0].end, project[0].end)))
    return result


# -- enumerated lists after 如下 --------------------------------------------------------------

_INTRO_END = re.compile(r"(?:如下|分别为|分别是|具体为|明细|主要有|包括|具体情况|情况)[:：]?\s*$|[:：]\s*$")
_ENUMERATORS = (
    # matched at a paragraph's start (``pattern.match(text, pos)``), so no ``^``
    re.compile(r"\s*(\d{1,2})[、.．](?!\d)"),
    re.compile(r"\s*[(（](\d{1,2})[)）]"),
    re.compile(r"\s*([一二三四五六七八九十]{1,3})、"),
    re.compile(r"\s*[(（]([一二三四五六七八九十]{1,3})[)）]"),
    re.compile(r"\s*([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])"),
)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _ordinal(token: str) -> int | None:
    if token.isascii() and token.isdigit():
        return int(token)
    if token in _CIRCLED:
        return _CIRCLED.index(token) + 1
    return parse_chinese_numeral(token)


@dataclass
class EnumeratedList:
    """An intro paragraph ending in 如下： and the numbered paragraphs that follow it."""

    intro: int
    items: list[int]
    cut: bool


def enumerated_lists(ctx: Context, cut: bool) -> list[EnumeratedList]:
    cached = ctx.memo.get("enumerated")
    if cached is not None:
        return cached
    assert ctx.document is not None
    text = ctx.document.text
    paragraphs = ctx.document.paragraphs
    result: list[EnumeratedList] = []
    for index, (start, end) in enumerate(paragraphs[:-1]):
        if end - start > 400 or not _INTRO_END.search(text, max(start, end - 12), end):
            continue
        following = range(index + 1, len(paragraphs))
        first = text[paragraphs[index + 1][0] : paragraphs[index + 1][1]]
        style = next((p for p in _ENUMERATORS if p.match(first)), None)
        if style is None:
            continue
        items: list[int] = []
        expected = 1
        for i in following:
            match = style.match(text, paragraphs[i][0], paragraphs[i][1])
            if match is None or _ordinal(match.group(1)) != expected:
                break
            items.append(i)
            expected += 1
        if len(items) < 2:
            continue
        last = items[-1]
        truncated = cut and all(paragraphs[j][1] == paragraphs[j][0] for j in range(last + 1, len(paragraphs)))
        result.append(EnumeratedList(intro=index, items=items, cut=truncated))
    ctx.memo["enumerated"] = result
    return result


def list_groups(ctx: Context, cut: bool) -> list[Group]:
    """Amount groups of enumerated lists: the intro's total against the items' amounts."""
    found = figures(ctx)
    result: list[Group] = []
    for listing in enumerated_lists(ctx, cut):
        amounts: list[Figure] = []
        for i in listing.items:
            start, _ = found.paragraphs[i]
            first = next((f for f in found.by_paragraph.get(i, []) if f.depth == 0 and f.money), None)
            if first is None or first.start - start > 40 or first.approx or first.delta:
                amounts = []
                break
            amounts.append(first)
        if len(amounts) < 2:
            continue
        intro = [f for f in found.by_paragraph.get(listing.intro, []) if f.money and not f.delta and f.unit != "%"]
        if not intro:
            continue
        total_sum = sum((a.value for a in amounts), Decimal(0))
        tol = tolerance([intro[0], *amounts], Decimal("0.01"))
        if any(abs(f.value - total_sum) <= tol for f in intro):
            continue
        headline = [f for f in intro if f.depth == 0]
        if len(headline) != 1:
            continue
        result.append(
            Group(total=headline[0], parts=amounts, kind="list", start=headline[0].label_start, end=amounts[-1].end,
                  cut=listing.cut)
        )
    return result


# -- counts against the items named -----------------------------------------------------------

_CN = "零〇一二两三四五六七八九十百"
_COUNT = rf"(?P<count>\d{{1,3}}|[{_CN}]{{1,4}})(?P<unit>个|家|所|项|类|支|座|处|名|人)"
_COUNT_TAIL = re.compile(
    r"(?P<noun>[\u4e00-\u9fff]{0,8}?)"
    r"(?:[，,]?(?P<marker>分别为|分别是|分别|具体为|包括|即|为|是)?[:：]|[，,](?P<marker2>分别为|分别是|分别|具体为|包括|即|为|是))"
)
_LIST_UNITS = {"个", "家", "所", "项", "支", "座", "处", "人"}
_ITEMS_THEN_COUNT = re.compile(
    r"(?P<verb>内设|下设|下辖|设有|设立|设置|下属|所属|包括|包含|辖)(?P<items>[^，。；：:,;！？\n]{2,600}?)"
    r"(?P<etc>等(?P<noun>[\u4e00-\u9fff]{0,6}?))?" + _COUNT + r"(?![、\d])(?P<after>[\u4e00-\u9fff]{0,8})"
)
_COUNT_PARENS = re.compile(_COUNT + r"(?P<noun>[\u4e00-\u9fff]{0,8}?)[（(](?P<items>[^（()）]{2,300}、[^（()）]{1,300})[）)]")
_PARENS = re.compile(r"[（(][^（()）]*[）)]")
_CLAUSE = re.compile(r"[^，。；：:,;！？\n]+")


@dataclass
class CountedList:
    """A stated count and the items named for it."""

    count: int
    items: list[str]
    alternatives: set[int]
    start: int
    end: int
    complete: bool
    cut: bool
    count_text: str


def _split_items(region: str) -> list[str]:
    cleaned = _PARENS.sub("", region)
    separator = "、" if "、" in cleaned else ("；" if "；" in cleaned else ("，" if "，" in cleaned else None))
    parts = cleaned.split(separator) if separator else [cleaned]
    return [p.strip(" ：:，,") for p in parts if p.strip(" ：:，,")]


def counted_lists(ctx: Context) -> list[CountedList]:
    """Counts stated beside the items they count, in one sentence."""
    cached = ctx.memo.get("counted")
    if cached is not None:
        return cached
    assert ctx.document is not None
    text = ctx.document.text
    cut = document_is_cut(ctx)
    result: list[CountedList] = []
    found = figures(ctx)
    for figure in found.items:
        # a count followed by its list: 内设机构12个，分别为：… (anchored on the counts already read)
        if figure.unit not in _LIST_UNITS or figure.approx or figure.value < 1 or figure.value != int(figure.value):
            continue
        start, end = found.paragraphs[figure.paragraph]
        match = _COUNT_TAIL.match(text, figure.end, end)
        if match is None:
            continue
        count = int(figure.value)
        marker = match.group("marker") or match.group("marker2") or ""
        region_end = min([i for i in (text.find(ch, match.end(), end) for ch in "。！？") if i >= 0] or [end])
        region = text[match.end() : region_end]
        flat = _PARENS.sub("", region)
        if "、" in flat:
            # a 、 list ends at ；, or at the comma after its last item: 分别为A、B、C，负责…
            semicolon = region.find("；")
            if semicolon >= 0 and semicolon > region.find("、"):
                region = region[:semicolon]
            last_sep = region.rfind("、")
            comma = re.search(r"[，,]", region[last_sep:])
            if comma:
                region = region[: last_sep + comma.start()]
            region_end = match.end() + len(region)
        items = _split_items(region)
        if not items or any(len(item) > 40 for item in items):
            continue
        if marker in ("为", "是") and len(items) < 2 and count != 1:
            continue  # 3个，为正科级: a description, not a list
        reaches_end = region_end >= len(text.rstrip()) - 1
        said = text[figure.label_start : match.end("noun")].strip()
        result.append(_counted(count, items, figure.start, region_end, text, region, cut and reaches_end, said))
    for start, end in ctx.document.paragraphs:
        if end - start < 6:
            continue
        if "、" not in text[start:end]:
            continue
        for match in _COUNT_PARENS.finditer(text, start, end):
            bracketed = _count_value(match.group("count"))
            items = _split_items(match.group("items"))
            if bracketed is None or len(items) < 2 or any(len(item) > 40 for item in items):
                continue
            said_from = max(max(text.rfind(ch, start, match.start()) for ch in "，。；：:,;") + 1, start)
            result.append(_counted(bracketed, items, said_from, match.end(), text, match.group("items"), False,
                                   text[said_from : match.end("noun")].strip()))
        for clause in _CLAUSE.finditer(text, start, end):
            if "、" not in clause.group():
                continue
            listed = _ITEMS_THEN_COUNT.search(text, clause.start(), clause.end())
            if listed is None:
                continue
            region = listed.group("items")
            if "、" not in region:
                continue
            listed_count = _count_value(listed.group("count"))
            if listed_count is None:
                continue
            items = _split_items(region)
            if len(items) < 2 or any(len(item) > 40 for item in items):
                continue
            said = (listed.group("noun") or "") + listed.group("count") + listed.group("unit") + listed.group("after")
            counted = _counted(listed_count, items, listed.start(), listed.end(), text, region, False, said)
            counted.complete = counted.complete and not listed.group("etc")
            result.append(counted)
    ctx.memo["counted"] = result
    return result


def _count_value(token: str | None) -> int | None:
    if not token:
        return None
    return int(token) if token.isdigit() else parse_chinese_numeral(token)


def _counted(count: int, items: list[str], start: int, end: int, text: str, region: str, cut: bool,
             count_text: str) -> CountedList:
    alternatives = {len(items)}
    last = items[-1]
    for joiner in ("以及", "和", "及", "与"):
        if joiner in last[1:-1]:
            alternatives.add(len(items) + 1)
    complete = not (items[-1].endswith("等") or "等" in text[end : end + 2] or "主要" in region[:4])
    return CountedList(count=count, items=items, alternatives=alternatives, start=start, end=end,
                       complete=complete, cut=cut, count_text=count_text)


def ordinal_enumerations(ctx: Context) -> list[tuple[int, int, int, int, str]]:
    """"分为七个方面，一是…" : (count, ordinals found, start, end, count text); cut lists left out."""
    assert ctx.document is not None
    text = ctx.document.text
    cut = document_is_cut(ctx)
    result = []
    for match in _ASPECTS.finditer(text):
        lead = _ASPECT_COUNT.search(text, max(match.start() - 5, 0), match.start())
        count = _count_value(lead.group("count")) if lead else None
        if lead is None or count is None:
            continue
        p_end = text.find("\n", match.end())
        p_end = len(text) if p_end < 0 else p_end
        seen = 0
        for number in range(1, 40):
            word = _CN_NUMBERS[number] + "是"
            if text.find(word, match.end(), p_end) < 0:
                break
            seen = number
        if cut and p_end >= len(text.rstrip()) - 1:
            continue
        result.append((count, seen, lead.start(), p_end, text[lead.start() : match.end()]))
    return result


# the aspect word first, so that the scan is quick; the count before it is read afterwards
_ASPECTS = re.compile(r"(?:方面|部分|环节|类)[，,：:]\s*(?=一是|第一)")
_ASPECT_COUNT = re.compile(rf"(?P<count>\d{{1,2}}|[{_CN}]{{1,3}})个?$")
_CN_NUMBERS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"] + [
    "十" + d for d in "一二三四五六七八九"
] + ["二十"] + ["二十" + d for d in "一二三四五六七八九"] + ["三十"] + ["三十" + d for d in "一二三四五六七八九"]
