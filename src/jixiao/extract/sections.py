"""Narrative sections (章节): every section of a report in order, with the department's own text.

A report's words — its 部门概况 (主要职责, 机构设置, 人员), its 年度工作任务, 绩效管理情况, each
task's target and completion, 主要工作成效, problems and measures, and whatever else it writes under
a heading of its own — are kept as ``sections[]`` so that a rendered report says what the
department said. Built on the outline (:mod:`jixiao.text.outline`):

* a heading of a chapter (``一、``, ``第一章``), a 节 (``（一）``) or a task (``《任务一》``) always
  starts a section; a numbered item (``1.``, ``（1）``, ``①``) only when its paragraph is the
  heading alone (``2.项目绩效目标完成情况``) — ``1.总体工作任务。履行…`` is a paragraph of its
  parent's text, kept there word for word;
* a section's ``text`` runs from the end of its heading to the next section's heading, so the
  sections laid end to end give back the narrative;
* known sections get a ``key`` (:data:`jixiao.report.SECTION_KEYS`) from their heading and
  place; inside 部门概况 the paragraphs about duties, internal units and staff become headless
  parts keyed ``overview.duties`` / ``overview.organisation`` / ``overview.staff``, and inside
  the task-completion section each numbered task (target ``完成情况：`` completion) becomes a
  headless part keyed ``task``;
* the narrative ends before an attachment (``附件``, the 自评表's title) and before the
  signature (落款: the organ's name and a date closing the text), which are not sections.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from jixiao.extract.facts import Facts
from jixiao.report import ReportSection
from jixiao.text.document import Document, parse_document
from jixiao.text.outline import Section

_HEADED_KINDS = frozenset({"chapter", "cn", "paren_cn", "task"})
_ITEM_KINDS = frozenset({"arabic", "paren_arabic", "circled", "paren_cn"})
_MARKER = re.compile(
    r"^(?:第[一二三四五六七八九十]{1,3}[章部分]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|《任务[一二三四五六七八九十\d]{1,3}》|\d{1,2}(?:、|\.(?!\d))|[①-⑩])\s*"
)
_HEADING_TAIL = "。：:；;！？ "
_SENTENCE_END = "。！？"

# (key, pattern on the heading without its marker, the outline levels it may stand at); first match wins
_KEYS: tuple[tuple[str, re.Pattern[str], frozenset[int]], ...] = (
    ("problems", re.compile(r"存在的?(?:主要)?问题|问题(?:及|和)原因|主要问题|存在不足|不足之处"), frozenset({1, 2})),
    ("measures", re.compile(r"改进措施|整改措施|下一步|意见建议|有关建议|改进建议|工作建议|改进方向"), frozenset({1, 2})),
    ("basic", re.compile(r"^(?:部门|单位)?基本情况$|^基本概况$"), frozenset({1})),
    ("analysis", re.compile(r"综合评价|评价分析|绩效分析|自评情况|绩效情况分析"), frozenset({1})),
    ("overview", re.compile(r"(?:部门|单位)(?:基本)?概况|(?:部门|单位)基本情况|^概况$|部门职能|单位职能"), frozenset({1, 2})),
    ("finance", re.compile(r"收支|预算(?:执行|收入|支出|安排|资金)|决算|资金(?:使用|收支|情况)|支出情况"), frozenset({1, 2})),
    ("management", re.compile(r"绩效管理"), frozenset({1, 2})),
    ("project_spending", re.compile(r"项目支出|重点任务项目|重点项目"), frozenset({1, 2})),
    ("task_completion", re.compile(r"(?:工作)?任务.{0,12}完成|绩效目标.{0,6}完成|目标完成情况"), frozenset({1, 2})),
    ("goals", re.compile(r"绩效目标|总体目标|年度目标"), frozenset({1, 2})),
    ("tasks", re.compile(r"工作任务|重点工作|总体工作|主要任务"), frozenset({1, 2})),
    ("conclusion", re.compile(r"自评结论|评价结论|自评结果|结论综述|自评得分|自评综述"), frozenset({1, 2})),
    ("results", re.compile(r"成效|成果|效益|主要成绩|亮点"), frozenset({1, 2})),
)

_DUTIES = re.compile(r"主要职责|主要职能|职责(?:是|为|包括|如下|有)|职能(?:是|为|包括|如下)|内含.{0,6}职责|三定")
_ORGANISATION = re.compile(
    r"内设(?:机构|科室|处室|部门)|下属(?:单位|事业单位|机构)|所属(?:单位|事业单位)|机构设置|二级单位|行政单位\d|事业单位\d"
    r"|预算单位\d|下设"
)
_STAFF = re.compile(
    r"编制\s*\d|编制(?:数|人数|为|内|外)|在职人员|实有人数|在编|退休人员|人员(?:情况|构成|总数)|工作人员\s*\d|职工\s*\d"
)
"""人员: 编制 as a head count (``行政编制20名``, ``编制人数45人``), never ``预算编制``."""
_OVERVIEW_PARTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("overview.duties", _DUTIES),
    ("overview.organisation", _ORGANISATION),
    ("overview.staff", _STAFF),
)
_COMPLETION = re.compile(r"完成情况")

_ATTACHMENT = re.compile(
    r"^(?:附件\s*[\d一二三四五六七八九十]{0,2}\s*[：:]?\s*)?[^。；，、《》“”\n]{0,60}?"
    r"(?:绩效自评表|绩效评价表|自评表|评分表|绩效目标表|指标表|基础数据表)(?:[（(][^）)\n]{0,20}[）)])?$"
)
_ATTACHMENT_MARK = re.compile(r"^附件\s*[\d一二三四五六七八九十]{0,2}\s*[：:]?\s*$")
_DATE = (r"(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
         r"|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月(?:[一二三四五六七八九十]{1,3}日)?)")
_SIGNATURE = re.compile(rf"^(?P<organ>[^。；，：:、\d\n]{{2,40}}?)?\s*(?P<date>{_DATE})\s*$")
_SIGNED_ATTACHMENT = re.compile(
    rf"^(?:[^。；，：:、\d\n]{{2,40}}?)?\s*{_DATE}\s*(?:附件\s*[\d一二三四五六七八九十]{{0,2}}\s*[：:]?\s*)?"
    r"[^。；，、《》“”\n]{0,60}?(?:绩效自评表|绩效评价表|自评表|评分表|绩效目标表|指标表|基础数据表)"
)
"""A 落款 run together with the attachment's title (a PDF's lines joined: ``…宣传部2023年3月15日部门整体支出绩效自评表（2022年度）部门名称…``)."""
_ORGAN_LINE = re.compile(r"^[^。；，：:、\d\n]{2,40}$")


@dataclass(frozen=True)
class Found:
    """A section as read: the interchange section and its span ``[start, end)`` in the normalised text."""

    section: ReportSection
    start: int
    end: int


def narrative_end(document: Document) -> int:
    """Where the narrative stops: before the attachment (附件 / the 自评表's title) and the signature (落款).

    Only after the first heading: a 自评表's own title at the top of a document is its title.
    """
    text = document.text
    sections = document.outline.sections
    end = len(text)
    if not sections:
        return end
    first = sections[0].start
    for start, stop in document.paragraphs:
        if start <= first:
            continue
        paragraph = text[start:stop].strip()
        if len(paragraph) <= 80 and (_ATTACHMENT.match(paragraph) or _ATTACHMENT_MARK.match(paragraph)):
            end = start
            break
        if _SIGNED_ATTACHMENT.match(paragraph):
            return start
    return _before_signature(document, first, end)


def _before_signature(document: Document, first: int, end: int) -> int:
    """``end`` moved back over a closing 落款: ``organ`` (optional, own line) + date, the last lines."""
    paragraphs = [(s, e) for s, e in document.paragraphs if first < s and e <= end]
    if not paragraphs:
        return end
    text = document.text
    start, stop = paragraphs[-1]
    match = _SIGNATURE.match(text[start:stop].strip())
    if match is None:
        return end
    cut = start
    if match.group("organ") is None and len(paragraphs) >= 2:
        previous_start, previous_stop = paragraphs[-2]
        if _ORGAN_LINE.match(text[previous_start:previous_stop].strip()):
            cut = previous_start
    return cut


def _is_standalone(text: str, node: Section) -> bool:
    """The heading's paragraph is the heading alone (``2.项目绩效目标完成情况``), no run-in text.

    A numbered sentence (``1.宣传党的路线、方针、政策，贯彻执行…。``) is a paragraph, not a heading:
    it ends like a sentence or holds a comma.
    """
    line_end = text.find("\n", node.start)
    line_end = len(text) if line_end < 0 else line_end
    paragraph = text[node.start:line_end].strip()
    if not paragraph or paragraph[-1] in "。；;！？!?，,":
        return False
    paragraph = paragraph.rstrip(_HEADING_TAIL)
    return len(paragraph) <= 40 and not any(mark in paragraph for mark in "。；;，,")


def _starts_section(text: str, node: Section) -> bool:
    if node.kind in _HEADED_KINDS:
        return True
    return _is_standalone(text, node)


def _heading_span(text: str, node: Section) -> tuple[int, int]:
    """The heading as written: its paragraph up to where its body starts (a run-in body excluded).

    A closing 。 stays (``《任务一》有效宣传荔湾发展成果，引导舆论指向。``): written alone on its line the
    heading is then read back as a paragraph of its own; a run-in ``：`` goes.
    """
    line_end = text.find("\n", node.start)
    line_end = len(text) if line_end < 0 else line_end
    stop = min(node.body_start, line_end)
    while stop > node.start and text[stop - 1] in _HEADING_TAIL and text[stop - 1] not in _SENTENCE_END:
        stop -= 1
    if stop <= node.start:
        stop = line_end
    return node.start, stop


def _key_of(node: Section, heading: str, parent_key: str | None) -> str | None:
    if node.kind == "task" or (parent_key == "task_completion" and node.kind in _ITEM_KINDS):
        return "task"
    title = _MARKER.sub("", heading, count=1)
    for key, pattern, levels in _KEYS:
        if node.level in levels and pattern.search(title):
            if key == "goals" and _COMPLETION.search(title):
                continue
            return key
    return None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n":
        start += 1
    while end > start and text[end - 1] in " \n":
        end -= 1
    return start, end


def _paragraph_starts(text: str, start: int, end: int) -> list[int]:
    starts = [start]
    cursor = text.find("\n", start, end)
    while cursor >= 0:
        if cursor + 1 < end:
            starts.append(cursor + 1)
        cursor = text.find("\n", cursor + 1, end)
    return starts


def _overview_parts(text: str, start: int, end: int, level: int) -> tuple[int, list[Found]]:
    """Split 部门概况's own text into headless parts; returns where the intro ends and the parts."""
    parts: list[tuple[str, int]] = []
    for paragraph_start in _paragraph_starts(text, start, end):
        line_end = text.find("\n", paragraph_start, end)
        paragraph = text[paragraph_start: end if line_end < 0 else line_end]
        for key, pattern in _OVERVIEW_PARTS:
            if pattern.search(paragraph):
                if not parts or parts[-1][0] != key:
                    parts.append((key, paragraph_start))
                break
    if not parts:
        return end, []
    found = []
    for index, (key, part_start) in enumerate(parts):
        part_end = parts[index + 1][1] if index + 1 < len(parts) else end
        s, e = _strip(text, part_start, part_end)
        found.append(Found(ReportSection(heading="", level=level, text=text[s:e], key=key), s, e))
    return parts[0][1], found


def _task_items(text: str, node: Section, start: int, end: int) -> tuple[int, list[Found]]:
    """Numbered tasks inside the task-completion text (not headings of their own) as headless parts."""
    items = [child for child in node.children
             if child.kind in _ITEM_KINDS and start <= child.start < end and not _starts_section(text, child)]
    # an item counts as a task when its text says how it was done (完成情况), as extract_tasks reads it
    items = [child for child in items if _COMPLETION.search(text, child.start, min(child.end, end))]
    if not items:
        return end, []
    found = []
    for index, child in enumerate(items):
        item_end = items[index + 1].start if index + 1 < len(items) else end
        s, e = _strip(text, child.start, item_end)
        found.append(Found(ReportSection(heading="", level=node.level + 1, text=text[s:e], key="task"), s, e))
    return items[0].start, found


def read_sections(document: Document, end_of_narrative: int | None = None) -> list[Found]:
    """Every narrative section of ``document`` in order, with its span (normalised offsets);
    ``end_of_narrative`` is :func:`narrative_end` of the document when the caller has it."""
    text = document.text
    if end_of_narrative is None:
        end_of_narrative = narrative_end(document)
    heads = [node for node in document.outline.sections
             if node.start < end_of_narrative and _starts_section(text, node)]
    found: list[Found] = []
    keys: dict[int, str | None] = {}
    for index, node in enumerate(heads):
        stop = heads[index + 1].start if index + 1 < len(heads) else end_of_narrative
        heading_start, heading_end = _heading_span(text, node)
        heading = text[heading_start:heading_end].strip()
        parent = node.parent
        while parent is not None and id(parent) not in keys and parent.kind != "root":
            parent = parent.parent
        parent_key = keys.get(id(parent)) if parent is not None else None
        key = _key_of(node, heading, parent_key)
        keys[id(node)] = key
        body_start, body_end = _strip(text, max(heading_end, node.body_start), stop)
        if body_start < heading_end:
            body_start = body_end = heading_end
        parts: list[Found] = []
        own_end = body_end
        if key == "overview":
            own_end, parts = _overview_parts(text, body_start, body_end, node.level + 1)
        elif key == "task_completion":
            own_end, parts = _task_items(text, node, body_start, body_end)
        own_start, own_end = _strip(text, body_start, own_end) if own_end > body_start else (body_start, body_start)
        section = ReportSection(heading=heading, level=node.level, text=text[own_start:own_end], key=key)
        found.append(Found(section, node.start, stop if not parts else own_end))
        found.extend(parts)
    return found


def extract_sections(facts: Facts) -> list[ReportSection]:
    """The report's sections, each cited as ``sections[i]`` (its heading and text)."""
    if "narrative_end" not in facts.cache:  # shared with the task reader (jixiao.extract.narrative)
        facts.cache["narrative_end"] = narrative_end(facts.document)
    found = read_sections(facts.document, facts.cache["narrative_end"])
    for index, item in enumerate(found):
        start, end = _strip(facts.document.text, item.start, item.end)
        if end > start:
            facts.cite(f"sections[{index}]", start, end)
    return [item.section for item in found]


def sections_of_text(text: str, page_starts: Sequence[int] = ()) -> list[ReportSection]:
    """The sections of a report's text (for a stored document whose report predates ``sections``)."""
    if not text.strip():
        return []
    return [item.section for item in read_sections(parse_document(text, page_starts))]
