"""The outline (提纲) of a report: numbered headings as a tree of sections with offsets.

Headings are paragraphs of the normalised text that start with a marker: ``一、`` (章),
``（一）`` (节), ``《任务一》`` (任务), ``1.``/``1、`` (条), ``（1）`` (款), ``①``. A marker's
rank, not its order of appearance, decides its depth, so a report that skips a level still
nests correctly. Numbering errors — two ``（三）`` in a row, a gap, a list not starting at
one — are tolerated and kept as :class:`NumberingIssue` facts for the review.

Inline enumerations (``一是……二是……``) are not headings; :func:`split_enumeration` cuts a
span of text into its items.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from jixiao.text.numbers import parse_chinese_numeral

_CN = "一二三四五六七八九十"
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"第(?P<n>[{_CN}]{{1,3}})[章部分]")),
    ("cn", re.compile(rf"(?P<n>[{_CN}]{{1,3}})、")),
    ("paren_cn", re.compile(rf"[（(](?P<n>[{_CN}]{{1,3}})[）)]")),
    ("task", re.compile(rf"《任务(?P<n>[{_CN}\d]{{1,3}})》")),
    ("arabic", re.compile(r"(?P<n>\d{1,2})(?:、|\.(?!\d))")),
    ("paren_arabic", re.compile(r"[（(](?P<n>\d{1,2})[）)]")),
    ("circled", re.compile(r"(?P<n>[①②③④⑤⑥⑦⑧⑨⑩])")),
)
RANK = {kind: rank for rank, (kind, _) in enumerate(_MARKERS)}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_TITLE_END = re.compile(r"[。：:；;！？]")
_TITLE_MAX = 40
_ENUM_ORDINALS = (
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
    "十六",
    "十七",
    "十八",
    "十九",
    "二十",
)


@dataclass(eq=False)
class Section:
    """One heading and the text under it, in normalised offsets ``[start, end)``."""

    title: str
    kind: str
    number: int | None
    level: int
    start: int
    body_start: int
    end: int
    parent: Section | None = field(default=None, repr=False)
    children: list[Section] = field(default_factory=list, repr=False)

    def path(self) -> list[str]:
        """Titles from the top-level section down to this one."""
        titles: list[str] = []
        node: Section | None = self
        while node is not None and node.kind != "root":
            titles.append(node.title)
            node = node.parent
        return titles[::-1]

    def walk(self) -> list[Section]:
        """This section's descendants in document order."""
        found: list[Section] = []
        for child in self.children:
            found.append(child)
            found.extend(child.walk())
        return found


@dataclass(frozen=True)
class NumberingIssue:
    """A heading whose number is not the one expected (编号错误), e.g. a second （三）."""

    level: int
    kind: str
    expected: int
    found: int
    offset: int
    title: str
    parent_title: str | None


@dataclass(frozen=True)
class EnumItem:
    """One item of an inline enumeration 一是…二是…, span ``[start, end)`` after the ordinal."""

    ordinal: int
    marker_start: int
    start: int
    end: int


@dataclass
class Outline:
    """The section tree of a text, with lookups by offset."""

    root: Section
    sections: list[Section]
    numbering_issues: list[NumberingIssue]
    text: str = field(default="", repr=False)
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts = [section.start for section in self.sections]

    def section_node_at(self, offset: int) -> Section | None:
        """The innermost section containing normalised ``offset``, or None before the first heading."""
        index = bisect_right(self._starts, offset) - 1
        node = self.sections[index] if index >= 0 else None
        while node is not None and not (node.start <= offset < node.end):
            node = node.parent
        return None if node is None or node.kind == "root" else node

    def section_at(self, offset: int) -> list[str]:
        """Title path of the section containing ``offset`` (``["二、…", "（一）…"]``); [] if none."""
        node = self.section_node_at(offset)
        return node.path() if node else []

    def enumeration(self, section: Section) -> list[EnumItem]:
        """The 一是…二是… items in the body of ``section``."""
        return split_enumeration(self.text, section.body_start, section.end)

    def find(self, pattern: re.Pattern[str] | str) -> list[Section]:
        """Sections whose title matches ``pattern`` (searched), in document order."""
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        return [section for section in self.sections if regex.search(section.title)]


def _marker_number(kind: str, text: str) -> int | None:
    if kind == "circled":
        return _CIRCLED.index(text) + 1
    if text.isdigit():
        return int(text)
    return parse_chinese_numeral(text)


def _match_heading(paragraph: str) -> tuple[str, re.Match[str]] | None:
    if re.match(rf"[{_CN}]{{1,2}}是", paragraph):
        return None  # an enumeration item, not a heading
    for kind, pattern in _MARKERS:
        match = pattern.match(paragraph)
        if match:
            return kind, match
    return None


def _heading_title(paragraph: str, marker_end: int) -> tuple[str, int]:
    """Title text of a heading paragraph and the offset (in the paragraph) where its body starts."""
    stop = _TITLE_END.search(paragraph, marker_end)
    if stop is None:
        if len(paragraph) <= _TITLE_MAX:
            return paragraph.rstrip(), len(paragraph)
        return paragraph[:_TITLE_MAX], marker_end
    title_end = min(stop.start(), _TITLE_MAX)
    return paragraph[:title_end].rstrip(), stop.end() if stop.start() <= _TITLE_MAX else marker_end


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines of ``text`` (paragraphs of a normalised text)."""
    spans, start = [], 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end > start:
            spans.append((start, end))
        start = end + 1
    return spans


def parse_outline(text: str) -> Outline:
    """Build the section tree of normalised ``text`` (one paragraph per line)."""
    root = Section(title="", kind="root", number=None, level=0, start=0, body_start=0, end=len(text))
    stack: list[Section] = [root]
    sections: list[Section] = []
    for start, end in paragraph_spans(text):
        paragraph = text[start:end]
        found = _match_heading(paragraph)
        if found is None:
            continue
        kind, match = found
        rank = RANK[kind]
        while len(stack) > 1 and RANK[stack[-1].kind] >= rank:
            stack.pop().end = start
        parent = stack[-1]
        title, body_offset = _heading_title(paragraph, match.end())
        section = Section(
            title=title,
            kind=kind,
            number=_marker_number(kind, match.group("n")),
            level=len(stack),
            start=start,
            body_start=start + body_offset if body_offset < len(paragraph) else min(end + 1, len(text)),
            end=len(text),
            parent=parent,
        )
        parent.children.append(section)
        sections.append(section)
        stack.append(section)
    return Outline(
        root=root, sections=sections, numbering_issues=_numbering_issues(sections, root), text=text
    )


def _numbering_issues(sections: list[Section], root: Section) -> list[NumberingIssue]:
    issues: list[NumberingIssue] = []
    for parent in [root, *sections]:
        expected: dict[str, int] = {}
        for child in parent.children:
            if child.number is None:
                continue
            want = expected.get(child.kind, 1)
            if child.number != want:
                issues.append(
                    NumberingIssue(
                        level=child.level,
                        kind=child.kind,
                        expected=want,
                        found=child.number,
                        offset=child.start,
                        title=child.title,
                        parent_title=parent.title or None,
                    )
                )
            expected[child.kind] = child.number + 1
    issues.sort(key=lambda issue: issue.offset)
    return issues


def split_enumeration(text: str, start: int = 0, end: int | None = None) -> list[EnumItem]:
    """Items of an inline enumeration 一是…二是…三是… in ``text[start:end]``.

    Ordinals are searched in sequence (一是, then 二是 after it, …), so a stray 是 after a
    numeral elsewhere (“十是”) cannot start an item out of order. Returns [] when there is no
    ``一是`` followed by ``二是``… except a single ``一是`` item is returned alone.
    """
    stop = len(text) if end is None else end
    markers: list[tuple[int, int]] = []  # (marker start, content start)
    cursor = start
    for ordinal in _ENUM_ORDINALS:
        found = text.find(ordinal + "是", cursor, stop)
        if found < 0:
            break
        # "二十是" must not be read as "十是": the ordinal must not continue a numeral
        if found > 0 and text[found - 1] in _CN:
            cursor = found + 1
            found = text.find(ordinal + "是", cursor, stop)
            if found < 0:
                break
        markers.append((found, found + len(ordinal) + 1))
        cursor = found + len(ordinal) + 1
    items = []
    for index, (marker_start, content_start) in enumerate(markers):
        item_end = markers[index + 1][0] if index + 1 < len(markers) else stop
        items.append(
            EnumItem(ordinal=index + 1, marker_start=marker_start, start=content_start, end=item_end)
        )
    return items
