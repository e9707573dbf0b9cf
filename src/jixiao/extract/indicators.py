"""Performance indicators (绩效指标): name, operator, target and unit from the target statement,
and the actual value found in the completion text.

A target statement is an enumeration after a trigger such as ``预期达到：`` —
``1、舆情日报数量≥200期；…；4、党报党刊征订全区79个区属单位全覆盖；…；6、市民对文明城市建设
满意度85%以上。`` Each item gives a name (the item without its quantity), an operator (≥ from
``≥``/``不低于``/``以上``, ≤ from ``≤``/``以下`` …, = when none is stated) and a target.

The actual value (实际完成值) is looked for in the text after the statement, up to the end of
the enclosing section (the completion paragraph that answers the targets): every quantity
with a compatible unit (篇 ~ 篇次) is scored by how many character pairs (bigrams) of the
indicator name occur in its clause (weight 2) and in its sentence (weight 1); generic pairs of
government prose (建设, 工作, 全区 …) do not count. The best
quantity wins if it shares at least one pair with the name in its own clause and scores 3 or
more; otherwise the actual stays None — a number that cannot be tied to the indicator is not
guessed.
"""

from __future__ import annotations

import itertools
import operator
import re
from bisect import bisect_left
from dataclasses import dataclass

from jixiao.extract.completions import extract_completions, in_completion_scope
from jixiao.extract.facts import Facts
from jixiao.extract.indicator_rows import extract_indicator_rows
from jixiao.extract.operators import operator_of
from jixiao.report import Indicator
from jixiao.text.numbers import QuantityMatch, find_quantities

_TRIGGER = re.compile(
    r"(?:预期达到|预期指标|预期实现|预计达到|绩效指标(?:值)?|年度指标(?:值)?|具体指标|主要指标|目标值|指标值)"
    r"(?:为|是|如下|包括|有)?[：:]"
)
_LEVEL2_PARENT = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
    "社会公众满意度指标": "满意度指标",
}
_LEVEL1 = ("产出指标", "效益指标", "满意度指标")
_LEVEL = re.compile(
    "(?P<label>" + "|".join(sorted([*_LEVEL2_PARENT, *_LEVEL1], key=len, reverse=True)) + ")[：:]"
)
"""一级/二级指标 labels (产出指标：, 数量指标：): they open a statement and set the levels of its items."""
_ITEM_SEPARATOR = re.compile(r"[；;]")
_ITEM_NUMBER = re.compile(r"(?:\d{1,2}[、.)）]|[（(]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩])")
_NAME_TRIM = " ：:，,、。达到为是"
_CLAUSE_BREAK = "，。；：、\n,;"
_SENTENCE_BREAK = "。；\n;"
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_QUALITATIVE_MAX = 40
# Filler pairs of government prose: sharing “建设” or “工作” does not tie a number to an indicator.
_GENERIC_PAIRS = frozenset(
    [
        "建设",
        "工作",
        "开展",
        "全区",
        "我区",
        "全市",
        "本区",
        "情况",
        "完成",
        "推进",
        "加强",
        "提升",
        "提高",
        "数量",
        "发展",
        "活动",
        "相关",
        "进行",
        "组织",
        "实现",
        "全面",
        "积极",
        "有效",
        "单位",
        "部门",
        "项目",
        "年度",
        "全年",
        "累计",
        "共计",
        "合计",
        "以上",
        "达到",
        "指标",
        "目标",
        "完成率",
        "数量",
    ]
)
_MIN_SCORE = 3
_WINDOW = 300  # a clause or sentence longer than this is cut: the pairs near the number matter
_MAX_REGION_QUANTITIES = 2000
_MAX_INDICATORS = 300  # a real report states a few dozen; more means a table or noise


@dataclass(frozen=True)
class _Item:
    indicator: Indicator
    start: int
    end: int
    target: QuantityMatch | None
    statement_end: int


def _parse_item(text: str, start: int, end: int) -> tuple[Indicator, QuantityMatch | None] | None:
    quantities = [match for match in find_quantities(text, start, end) if match.quantity.unit]
    if not quantities:
        name = text[start:end].strip(_NAME_TRIM)
        if not name or len(name) > _QUALITATIVE_MAX:
            return None
        return Indicator(name=name, op="qualitative"), None
    target = quantities[-1]
    name = (text[start : target.start].rstrip(_NAME_TRIM) + text[target.end : end]).strip(_NAME_TRIM)
    if not name:
        return None
    indicator = Indicator(
        name=name,
        op=operator_of(target),
        target=target.quantity.value,
        target_text=target.text,
        unit=target.quantity.unit,
    )
    return indicator, target


def _statements(facts: Facts) -> list[tuple[int, int]]:
    """Spans of target statements: from a trigger (or a level label) to the end of its sentence.

    A level label under a completion heading (完成的绩效目标 / ①数量指标：…) opens results, not
    targets: :mod:`jixiao.extract.completions` reads those.
    """
    text = facts.document.text
    triggers = [(match.end(), match.start()) for match in _TRIGGER.finditer(text)]
    triggers += [
        (match.start(), match.start()) for match in _LEVEL.finditer(text)
        if not in_completion_scope(facts, match.start())
    ]
    spans: list[tuple[int, int]] = []
    for start, found_at in sorted(triggers, key=lambda pair: pair[1]):
        if spans and found_at < spans[-1][1]:
            continue  # a level label inside a statement already found
        ends = [pos for pos in (text.find("。", start), text.find("\n", start)) if pos >= 0]
        spans.append((start, min(ends, default=len(text))))
    return spans


def _levels(
    text: str, start: int, end: int, level1: str | None, level2: str | None
) -> tuple[int, str | None, str | None]:
    """Skip level labels at ``start``; return the new start and the levels in force."""
    while (match := _LEVEL.match(text, start, end)) is not None:
        label = match.group("label")
        if label in _LEVEL1:
            level1, level2 = label, None
        else:
            level1, level2 = _LEVEL2_PARENT[label], label
        start = match.end()
        number = _ITEM_NUMBER.match(text, start, end)
        if number:
            start = number.end()
    return start, level1, level2


def _items(facts: Facts, limit: int) -> list[_Item]:
    """Items of every target statement, at most ``limit`` + 1 (one more shows the limit was hit)."""
    text = facts.document.text
    items: list[_Item] = []
    for statement_start, statement_end in _statements(facts):
        cursor = statement_start
        level1: str | None = None
        level2: str | None = None
        for separator in [*_ITEM_SEPARATOR.finditer(text, statement_start, statement_end), None]:
            item_end = separator.start() if separator else statement_end
            item_start = cursor
            number = _ITEM_NUMBER.match(text, item_start, item_end)
            if number:
                item_start = number.end()
            item_start, level1, level2 = _levels(text, item_start, item_end, level1, level2)
            parsed = _parse_item(text, item_start, item_end)
            if parsed is not None:
                indicator, target = parsed
                if level1 is not None:
                    indicator = indicator.model_copy(update={"level1": level1, "level2": level2})
                items.append(_Item(indicator, item_start, item_end, target, statement_end))
                if len(items) > limit:
                    return items
            cursor = separator.end() if separator else statement_end
    return items


def _bigrams(text: str) -> set[str]:
    """Pairs of adjacent CJK characters, without the generic ones."""
    pairs: set[str] = set()
    for run in _CJK.findall(text):
        pairs.update(map(operator.add, run, run[1:]))  # each character joined to the next one
    return pairs - _GENERIC_PAIRS


def _break_positions(text: str, low: int, high: int, breaks: str) -> list[int]:
    """Sorted positions in ``[low, high)`` of the characters in ``breaks``."""
    return [match.start() for match in re.finditer("[" + re.escape(breaks) + "]", text[low:high])] if low < high \
        else []


def _bounded(positions: list[int], start: int, end: int, low: int, high: int) -> tuple[int, int]:
    """The clause (or sentence) around ``[start, end)``: up to the nearest break, at most _WINDOW away.

    ``positions`` are the breaks of ``[low, high)`` (:func:`_break_positions`, relative to ``low``):
    the nearest before ``start`` and the first from ``end`` are found by bisection, not by one
    ``find`` per break character for every quantity.
    """
    window_low = max(low, start - _WINDOW)
    window_high = min(high, end + _WINDOW)
    before = bisect_left(positions, start - low) - 1
    left = positions[before] + low + 1 if before >= 0 and positions[before] + low >= window_low else window_low
    after = bisect_left(positions, end - low)
    right = positions[after] + low if after < len(positions) and positions[after] + low < window_high else window_high
    return left, right


def _units_match(target_unit: str | None, unit: str | None) -> bool:
    if not target_unit or not unit:
        return False
    if target_unit == "%" or unit == "%":
        return target_unit == unit
    return unit.startswith(target_unit) or target_unit.startswith(unit)


@dataclass(frozen=True)
class _Actual:
    match: QuantityMatch
    clause: tuple[int, int]
    score: int


@dataclass(frozen=True)
class _Stated:
    """A quantity of the completion text with the name pairs of its clause and sentence."""

    match: QuantityMatch
    clause: tuple[int, int]
    clause_pairs: frozenset[str]
    sentence_pairs: frozenset[str]


def _stated(facts: Facts, start: int, end: int) -> list[_Stated]:
    """Quantities of a completion region, computed once for all items of a statement."""
    key = ("stated", start, end)
    if key not in facts.cache:
        text = facts.document.text
        found = []
        pairs: dict[tuple[int, int], frozenset[str]] = {}  # quantities of one sentence share its pairs

        def pairs_of(span: tuple[int, int]) -> frozenset[str]:
            if span not in pairs:
                pairs[span] = frozenset(_bigrams(text[span[0] : span[1]]))
            return pairs[span]

        clause_breaks = _break_positions(text, start, end, _CLAUSE_BREAK)
        sentence_breaks = _break_positions(text, start, end, _SENTENCE_BREAK)
        for match in itertools.islice(find_quantities(text, start, end), _MAX_REGION_QUANTITIES):
            if match.quantity.unit is None:
                continue
            clause = _bounded(clause_breaks, match.start, match.end, start, end)
            sentence = _bounded(sentence_breaks, match.start, match.end, start, end)
            found.append(_Stated(match, clause, pairs_of(clause), pairs_of(sentence)))
        facts.cache[key] = found
    return facts.cache[key]


def _find_actual(facts: Facts, item: _Item) -> _Actual | None:
    text = facts.document.text
    section = facts.document.outline.section_node_at(item.start)
    scope = section.parent if section is not None and section.parent is not None else section
    region_end = scope.end if scope is not None else len(text)
    if region_end <= item.statement_end:
        return None
    name_pairs = _bigrams(item.indicator.name)
    best: list[_Actual] = []
    for stated in _stated(facts, item.statement_end, region_end):
        if not _units_match(item.indicator.unit, stated.match.quantity.unit):
            continue
        local = len(name_pairs & stated.clause_pairs)
        score = 2 * local + len(name_pairs & stated.sentence_pairs)
        if local == 0 or score < _MIN_SCORE:
            continue
        candidate = _Actual(stated.match, stated.clause, score)
        if not best or score > best[0].score:
            best = [candidate]
        elif score == best[0].score:
            best.append(candidate)
    if not best:
        return None
    if len({actual.match.quantity.value for actual in best}) > 1:
        facts.warnings.append(f"指标“{item.indicator.name}”的完成值有多个可能，未采用")
        return None
    return best[0]


def extract_indicators(facts: Facts) -> list[Indicator]:
    """Indicators of every target statement, with actual values where the text states them.

    A report that lists its indicators row by row (the 自评表, or one line per indicator with
    its target and actual) is read from that list instead: it is the complete, stated one.
    """
    listed = extract_indicator_rows(facts)
    if listed:
        return listed
    indicators: list[Indicator] = []
    items = _items(facts, _MAX_INDICATORS)
    if not items:
        return _completion_indicators(facts)
    if len(items) > _MAX_INDICATORS:
        facts.warnings.append(f"指标超过{_MAX_INDICATORS}项，只读取前{_MAX_INDICATORS}项")
    for item in items[:_MAX_INDICATORS]:
        index = len(indicators)
        indicator = item.indicator
        facts.cite(f"indicators[{index}]", item.start, item.end)
        if item.target is not None:
            facts.cite(f"indicators[{index}].target", item.target.start, item.target.end)
            actual = _find_actual(facts, item)
            if actual is not None:
                indicator = indicator.model_copy(
                    update={"actual": actual.match.quantity.value, "actual_text": actual.match.text}
                )
                facts.cite(f"indicators[{index}].actual", actual.clause[0], actual.clause[1])
            else:
                facts.warnings.append(f"指标“{indicator.name}”未找到完成值")
        indicators.append(indicator)
    return indicators


def _completion_indicators(facts: Facts) -> list[Indicator]:
    """Indicators stated as results (指标完成情况), for a report that states no target statements."""
    indicators = []
    for index, completion in enumerate(extract_completions(facts)[:_MAX_INDICATORS]):
        facts.cite(f"indicators[{index}]", completion.start, completion.end)
        if completion.target_span:
            facts.cite(f"indicators[{index}].target", *completion.target_span)
        if completion.actual_span:
            facts.cite(f"indicators[{index}].actual", *completion.actual_span)
        indicators.append(completion.indicator)
    return indicators
