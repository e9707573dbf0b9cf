"""Indicators stated as results in prose (指标完成情况): name, actual, and the target beside it.

Under a heading that reports the indicators' completion — a level label (``1、数量指标``,
``(1)产出指标``) or a title such as ``绩效目标设定及指标完成情况`` / ``完成的绩效目标`` — a
report states each indicator as a clause ending in its quantity, often followed by the target:

- ``失业保险参保总人数为21347人，完成市目标任务21347人的100%`` → actual 21347 人, target 21347;
- ``城镇登记月平均失业率为2.42%，控制在4.5%以内`` → actual 2.42 %, target ≤ 4.5;
- ``②时效指标:教育专项工作经费资金到位率为100%`` → actual 100 %;
- ``学校满意度大于年度指标值≥95%`` → target ≥ 95 %, the actual only as text (大于年度指标值).

A clause counts only when it is the name and its quantity and nothing else (``…按照1%执行至…``
is a rule, not a result); the name drops the sentence's subject and time (我县, 2023年度, 已开展).
A target beside the actual must have the same unit. Elsewhere, a standard stated as such
(``资助标准为4000元/人``) is a cost indicator's target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.extract.facts import Facts
from jixiao.extract.operators import operator_of
from jixiao.report import Indicator, Operator
from jixiao.text.anchored import finditer_near
from jixiao.text.numbers import QuantityMatch, find_quantities

_LEVEL2_PARENT = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "可持续影响": "效益指标",
    "服务对象满意度指标": "满意度指标",
    "社会公众满意度指标": "满意度指标",
}
_LEVEL1 = ("产出指标", "效益指标", "满意度指标")
_LEVELS = "|".join(sorted([*_LEVEL2_PARENT, *_LEVEL1], key=len, reverse=True))
_LEVEL_HEAD = re.compile(
    rf"(?:[①②③④⑤⑥⑦⑧⑨⑩]|[（(]?\d{{1,2}}[)）.、]|[（(]?[一二三四五六七八九十]{{1,2}}[)）、])?\s*"
    rf"(?P<label>{_LEVELS})(?:[（(][^）)\n]{{0,20}}[）)])?(?:[：:。.]|$)"
)
_SCOPE_TITLE = re.compile(rf"^(?:[^\n]{{0,6}}?)(?:{_LEVELS})|指标完成情况|完成的绩效目标|绩效指标完成")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
_CLAUSE_BREAK = re.compile(r"[，,]")
_CONNECT = re.compile(r"(?:为|达到|达|是|有|共计|共|计|累计|合计|实现|完成|增加到|提高到|下降到|降低到)$")
_LEAD = re.compile(
    r"^(?:其中|截至\S{0,12}?|截止\S{0,12}?|\d{4}年度?|\d{1,2}月(?:底|末)?|全年|年内|本年度?|当年|目前|"
    r"我(?:县|市|区|镇|乡|局|校|院|单位|中心|委|办|部)|本(?:县|市|区|单位|部门|局|校)|全(?:县|市|区|镇)|"
    r"已(?:累计)?(?:开展|获得|完成|发放|组织|举办|培训|实现|向)?|累计|共|先后)"
)
_BAD_NAME = re.compile(r"^(?:完成率|完成|其中|合计|共计|总计|比例|占比|同比|较上年|增长|下降|提高|达到|控制在|不低于|不超过)$")
_TARGET_WORDS = re.compile(r"(?P<compare>大于|高于|超过|达到|低于|小于|未达到|优于)?(?:年度|全年)?(?:指标值|目标值|目标)$")
_COMPLETE_TARGET = re.compile(r"^完成[^，,]{0,20}?(?P<quantity>\S+?)的\d+(?:\.\d+)?%$")
_LIMIT_TARGET = re.compile(r"^控制在(?P<quantity>\S+?)以内$")
_STANDARD = re.compile(r"(?P<name>[\u4e00-\u9fff]{1,10}标准)(?:为|是|：|:)(?P<rest>[^，。；\n]{1,20})")
_STANDARD_REACH = 10
"""The most characters before 标准 in a match of _STANDARD (its name's class, at most 10)."""
_PER = re.compile(r"/[人户年月次天个件]")
_SATISFACTION = re.compile(r"(?P<name>[\u4e00-\u9fff“”\"]{0,16}满意度)(?:为|达到|达|是|：|:)?(?P<rest>[^，。；\n]{1,12})")
_SATISFACTION_REACH = 16
"""The most characters before 满意度 in a match of _SATISFACTION (its name's class, at most 16)."""
_GOAL_WORDS = re.compile(r"目标|预期|力争|计划|确保|争取|要求|不低于|不少于|以上")
_NAME_MIN, _NAME_MAX = 2, 30
_TRAILING_NOTE = re.compile(r"^\s*[（(][^）)]{0,20}[）)]\s*$")


@dataclass(frozen=True)
class Completion:
    """An indicator read from a completion clause, with the spans of its parts (normalised offsets)."""

    indicator: Indicator
    start: int
    end: int
    target_span: tuple[int, int] | None
    actual_span: tuple[int, int] | None


def in_completion_scope(facts: Facts, offset: int) -> bool:
    """Whether ``offset`` lies under a heading that reports the indicators' completion."""
    return any(_SCOPE_TITLE.search(title) for title in facts.document.section_at(offset))


def extract_completions(facts: Facts) -> list[Completion]:
    """Indicators of the completion clauses under completion headings, and of stated standards."""
    text = facts.document.text
    found: list[Completion] = []
    for start, end in facts.document.paragraphs:
        if not in_completion_scope(facts, start) and not _LEVEL_HEAD.match(text, start, end):
            continue
        found.extend(_paragraph(facts, text, start, end))
    found.extend(_standards(text))
    seen = {c.start for c in found}
    found.extend(c for c in _satisfactions(facts, text) if c.start not in seen)
    return sorted(found, key=lambda c: c.start)


def _levels(facts: Facts, text: str, start: int, end: int) -> tuple[int, str | None, str | None]:
    """Skip a leading level label; the levels in force (from it, else from the enclosing headings)."""
    level1 = level2 = None
    for title in facts.document.section_at(start):
        head = _LEVEL_HEAD.match(title)
        if head:
            level1, level2 = _level_pair(head.group("label"))
    head = _LEVEL_HEAD.match(text, start, end)
    if head:
        level1, level2 = _level_pair(head.group("label"))
        start = head.end()
    return start, level1, level2


def _level_pair(label: str) -> tuple[str | None, str | None]:
    if label in _LEVEL1:
        return label, None
    return _LEVEL2_PARENT[label], label


def _paragraph(facts: Facts, text: str, start: int, end: int) -> list[Completion]:
    start, level1, level2 = _levels(facts, text, start, end)
    found: list[Completion] = []
    for sentence in _SENTENCE.finditer(text, start, end):
        clauses = _clauses(text, sentence.start(), sentence.end())
        consumed = -1
        for index, (clause_start, clause_end) in enumerate(clauses):
            if index == consumed:
                continue  # the target clause of the indicator before
            following = clauses[index + 1] if index + 1 < len(clauses) else None
            completion = _clause(text, clause_start, clause_end, following, level1, level2)
            if completion is not None:
                found.append(completion)
                if completion.target_span is not None and following is not None and \
                        following[0] <= completion.target_span[0] < following[1]:
                    consumed = index + 1
    return found


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    cursor = start
    for separator in _CLAUSE_BREAK.finditer(text, start, end):
        spans.append((cursor, separator.start()))
        cursor = separator.end()
    spans.append((cursor, end))
    return [(s, e) for s, e in spans if e > s]


def _quantity(text: str, start: int, end: int) -> QuantityMatch | None:
    return next((m for m in find_quantities(text, start, end) if m.quantity.unit and m.quantity.unit != "分"), None)


def _clean_name(name: str) -> str:
    name = name.strip(" ：:，,、")
    while True:
        lead = _LEAD.match(name)
        if lead is None or not lead.group():
            break
        name = name[lead.end() :].lstrip(" ：:，,、")
    connect = _CONNECT.search(name)
    if connect is not None:
        name = name[: connect.start()]
    return name.strip(" ：:，,、")


def _clause(
    text: str, start: int, end: int, following: tuple[int, int] | None, level1: str | None, level2: str | None
) -> Completion | None:
    quantity = _quantity(text, start, end)
    if quantity is None:
        return None
    rest = text[quantity.end : end]
    if rest.strip() and not _TRAILING_NOTE.match(rest):
        return None  # the quantity does not end the clause: a rule or a description, not a result
    head = text[start : quantity.start]
    target_words = _TARGET_WORDS.search(head)
    if target_words is not None:
        # 学校满意度大于年度指标值≥95%: the number is the target, the comparison the result
        name = _clean_name(head[: target_words.start()])
        if not _good_name(name):
            return None
        return Completion(
            Indicator(name=name, level1=level1, level2=level2, op=operator_of(quantity),
                      target=quantity.quantity.value, target_text=quantity.text,
                      actual_text=target_words.group() if target_words.group("compare") else None,
                      unit=quantity.quantity.unit),
            start, end, (quantity.start, quantity.end), None,
        )
    name = _clean_name(head)
    if not _good_name(name):
        return None
    op: Operator | None = None
    target = None
    if following is not None:
        target = _target_beside(text, following, quantity)
    indicator = Indicator(name=name, level1=level1, level2=level2, actual=quantity.quantity.value,
                          actual_text=quantity.text, unit=quantity.quantity.unit)
    target_span = None
    if target is not None:
        match, op = target
        indicator = indicator.model_copy(update={"op": op, "target": match.quantity.value, "target_text": match.text})
        target_span = (match.start, match.end)
    return Completion(indicator, start, target_span[1] if target_span else end, target_span, (quantity.start, quantity.end))


def _target_beside(text: str, clause: tuple[int, int], actual: QuantityMatch) -> tuple[QuantityMatch, Operator] | None:
    """The target in the clause after an actual: ``完成…任务21347人的100%``, ``控制在4.5%以内``."""
    start, end = clause
    body = text[start:end].strip()
    offset = start + (len(text[start:end]) - len(text[start:end].lstrip()))
    for pattern, op in ((_COMPLETE_TARGET, ">="), (_LIMIT_TARGET, "<=")):
        match = pattern.match(body)
        if match is None:
            continue
        quantity = _quantity(text, offset + match.start("quantity"), offset + match.end("quantity"))
        if quantity is not None and quantity.quantity.unit == actual.quantity.unit:
            return quantity, op  # type: ignore[return-value]  # op is one of the two literals of the loop (">=", "<=")
    return None


def _good_name(name: str) -> bool:
    cjk = sum(1 for char in name if "\u4e00" <= char <= "\u9fff")
    return cjk >= _NAME_MIN and len(name) <= _NAME_MAX and _BAD_NAME.match(name) is None


def _standards(text: str) -> list[Completion]:
    """``资助标准为4000元/人``: the target of a cost indicator."""
    found = []
    for match in finditer_near(_STANDARD, text, "标准", _STANDARD_REACH):
        rest_start = match.start("rest")
        quantity = _quantity(text, rest_start, match.end("rest"))
        if quantity is None or quantity.start != rest_start:
            continue
        unit = quantity.quantity.unit
        per = _PER.match(text, quantity.end)
        if per is not None and unit is not None:
            unit += per.group()
        found.append(Completion(
            Indicator(name=match.group("name"), level1="产出指标", level2="成本指标", op=operator_of(quantity),
                      target=quantity.quantity.value, target_text=quantity.text, unit=unit),
            match.start(), per.end() if per else quantity.end, (quantity.start, quantity.end), None,
        ))
    return found


def _satisfactions(facts: Facts, text: str) -> list[Completion]:
    """``群众及残疾人满意度98%``: a satisfaction result stated anywhere, unless it is a goal."""
    found = []
    for match in finditer_near(_SATISFACTION, text, "满意度", _SATISFACTION_REACH):
        rest_start = match.start("rest")
        quantity = _quantity(text, rest_start, match.end("rest"))
        if quantity is None or quantity.start != rest_start or quantity.quantity.unit != "%":
            continue
        if quantity.quantity.qualifier != "exact" or in_completion_scope(facts, match.start()):
            continue  # a completion heading's clauses are read by _paragraph
        paragraph_start, _ = facts.document.paragraph_span(match.start())
        clause_start = max(text.rfind(char, paragraph_start, match.start()) for char in "，。；") + 1
        if _GOAL_WORDS.search(text, max(clause_start, paragraph_start), quantity.end + 2):
            continue
        name = _clean_name(match.group("name"))
        if not _good_name(name):
            continue
        found.append(Completion(
            Indicator(name=name, level1="满意度指标", actual=quantity.quantity.value, actual_text=quantity.text,
                      unit="%"),
            match.start(), quantity.end, None, (quantity.start, quantity.end),
        ))
    return found
