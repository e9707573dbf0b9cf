"""Narrative parts of a report (文字部分): goals, key tasks, problems and improvement measures.

* goals (绩效目标) — paragraphs opening with ``预期目标一：``, ``部门整体支出绩效目标：`` …;
* tasks (重点工作任务) — ``《任务一》`` blocks, or the numbered items under a section such as
  ``（二）各项工作任务绩效目标完成情况分析``, split at ``完成情况`` into title and text;
* problems (存在的主要问题) and measures (下一步改进措施) — the section's enumeration
  ``一是…二是…``, else its numbered sub-sections, else its paragraphs.

Every span stops where the narrative does (:func:`jixiao.extract.sections.narrative_end`): the
last section's items never take in the 落款 or an attached 自评表.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.extract.facts import Facts
from jixiao.extract.sections import narrative_end
from jixiao.report import Goal, Task
from jixiao.text.outline import Section, split_enumeration

_GOAL = re.compile(
    r"(?m)^[^\n：:。，]{0,12}?(?:预期目标|绩效目标|年度目标|总体目标|预期目的)"
    r"[一二三四五六七八九十\d]{0,3}[：:]"
)
_MARKER = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|《任务[一二三四五六七八九十\d]{1,3}》|\d{1,2}(?:、|\.(?!\d))|[①-⑩])"
)
_COMPLETION = re.compile(r"完成情况[：:]?")
_TASK_PARENT = re.compile(r"工作任务.*完成|任务完成情况")
_PROBLEMS = re.compile(r"存在的?(?:主要)?问题|问题(?:及|和)原因|主要问题")
_MEASURES = re.compile(r"改进措施|整改措施|下一步|意见建议|有关建议|改进建议|工作建议")
_STRIP = " \n：:；;，,"


@dataclass(frozen=True)
class Span:
    """A span ``[start, end)`` of the normalised text."""

    start: int
    end: int


def _strip_span(text: str, start: int, end: int) -> Span:
    """``[start, end)`` without surrounding separators (a final 。 is kept)."""
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return Span(start, end)


# the 年度总体目标 block of a 自评表 (附件1): a header row 预期目标 | 实际完成情况 (the 转移支付 form:
# 总体目标 | 全年实际完成情况), then a row per goal, cells between tabs (DOCX, PDF tables) or pipes (HTML)
_FORM_GOAL_HEAD = re.compile(
    r"^(?:[^\t|\n]*[\t|])?\s*(?:预期目标|总体目标|年度目标|年初目标)\s*[\t|]+\s*(?:全年)?实际完成情况\s*[\t| ]*$", re.M)
_FORM_GOAL_MARK = "实际完成情况"
"""A literal that every match of ``_FORM_GOAL_HEAD`` contains."""
_FORM_GOAL_LABEL = re.compile(r"^\s*(?:年度总体目标|年度目标|总体目标)\s*$")
_FORM_BLOCK_END = re.compile(r"^\s*(?:绩效指标|一级指标|总分)")
_CELL_SPLIT = re.compile(r"[\t|]")
_FORM_GOAL_ROWS = 20


def extract_form_goals(facts: Facts) -> list[Goal]:
    """The goals of a 自评表's 年度总体目标 block: each row's 预期目标 with its 实际完成情况.

    Read on the original text, where a table row is still one line (normalising joins piped rows);
    each cell's text is then taken from the normalised text (full-width punctuation, no stray blanks).
    """
    original = facts.document.original
    # the literal every header states, found in C: the line-anchored pattern costs ≈ 1 ms per 30,000
    # characters, and most reports have no such block
    if _FORM_GOAL_MARK not in original:
        return []
    head = _FORM_GOAL_HEAD.search(original)
    if head is None:
        return []
    goals: list[Goal] = []
    position = head.end() + 1
    while position < len(original) and len(goals) < _FORM_GOAL_ROWS:
        end = original.find("\n", position)
        end = len(original) if end < 0 else end
        line = original[position:end]
        if not line.strip():
            position = end + 1
            continue
        if _FORM_BLOCK_END.match(line) or not _CELL_SPLIT.search(line):
            break
        cells: list[str] = []
        spans: list[tuple[int, int]] = []
        offset = position
        for part in _CELL_SPLIT.split(line):
            start, stop = offset, offset + len(part)
            offset = stop + 1
            text = _normalised(facts, start, stop)
            if text and not _FORM_GOAL_LABEL.match(text):
                cells.append(text)
                spans.append((start, stop))
        if cells:
            facts.cite_original(f"goals[{len(goals)}]", spans[0][0], spans[0][1])
            number = f"{len(goals) + 1}."
            # the form numbers its rows (1.…, 2.…) when it has several: the number is the row's, not the goal's
            goal, actual = cells[0], "".join(cells[1:]) or None
            if goal.startswith(number) and (actual is None or actual.startswith(number)):
                goal, actual = goal[len(number):], actual[len(number):] if actual else actual
            goals.append(Goal(text=goal, actual=actual))
        position = end + 1
    return goals


def _normalised(facts: Facts, start: int, end: int) -> str:
    """The normalised text of the original span ``[start, end)``, without surrounding separators."""
    document = facts.document
    first, last = document.from_original(start), document.from_original(end)
    span = _strip_span(document.text, first, max(first, last))
    return document.text[span.start:span.end]


def extract_goals(facts: Facts) -> list[Goal]:
    """One goal per goal paragraph, text after the colon; a 自评表's 预期目标 | 实际完成情况 rows first."""
    text = facts.document.text
    goals: list[Goal] = extract_form_goals(facts)
    if goals:
        return goals
    for match in _GOAL.finditer(text):
        end = text.find("\n", match.end())
        span = _strip_span(text, match.end(), len(text) if end < 0 else end)
        if span.end <= span.start:
            continue
        facts.cite(f"goals[{len(goals)}]", span.start, span.end)
        goals.append(Goal(text=text[span.start : span.end]))
    return goals


def _marker_end(text: str, start: int) -> int:
    match = _MARKER.match(text, start)
    return match.end() if match else start


def _end(facts: Facts, section: Section) -> int:
    """The section's end, or the narrative's where the section runs into the 落款 or an attachment."""
    if "narrative_end" not in facts.cache:
        facts.cache["narrative_end"] = narrative_end(facts.document)
    return min(section.end, facts.cache["narrative_end"])


def _task_from_section(facts: Facts, section: Section) -> Task | None:
    text = facts.document.text
    section_end = _end(facts, section)
    content_start = _marker_end(text, section.start)
    completion = _COMPLETION.search(text, content_start, section_end)
    if completion is not None:
        title = _strip_span(text, content_start, completion.start())
        body = _strip_span(text, completion.end(), section_end)
    else:
        line_end = text.find("\n", content_start, section_end)
        line_end = section_end if line_end < 0 else line_end
        first_stop = re.compile(r"[。：:]").search(text, content_start, line_end)
        title_end = first_stop.start() if first_stop else line_end
        title = _strip_span(text, content_start, title_end)
        body = _strip_span(text, title_end, section_end)
    if title.end <= title.start:
        return None
    return Task(title=text[title.start : title.end].rstrip("。"), text=text[body.start : body.end])


def extract_tasks(facts: Facts) -> list[Task]:
    """Tasks from 《任务N》 blocks and from numbered items under a task-completion section."""
    tasks: list[Task] = []
    outline = facts.document.outline
    for section in outline.sections:
        parent = section.parent
        is_task = section.kind == "task" or (
            parent is not None
            and parent.kind != "root"
            and _TASK_PARENT.search(parent.title) is not None
            and section.kind in ("arabic", "paren_arabic", "circled", "paren_cn")
        )
        if not is_task:
            continue
        task = _task_from_section(facts, section)
        if task is not None:
            facts.cite(f"tasks[{len(tasks)}]", section.start, _end(facts, section))
            tasks.append(task)
    return tasks


def _items(facts: Facts, section: Section) -> list[Span]:
    text = facts.document.text
    start = section.body_start
    section_end = _end(facts, section)
    enumeration = split_enumeration(text, start, section_end)
    if len(enumeration) >= 2 or (enumeration and not section.children):
        return [_strip_span(text, item.start, item.end) for item in enumeration]
    children = [child for child in section.children if child.start < section_end]
    if children:
        return [_strip_span(text, _marker_end(text, child.start), min(child.end, section_end)) for child in children]
    spans = []
    cursor = start
    while cursor < section_end:
        end = text.find("\n", cursor, section_end)
        end = section_end if end < 0 else end
        spans.append(_strip_span(text, cursor, end))
        cursor = end + 1
    return spans


def _listed(facts: Facts, pattern: re.Pattern[str], key: str) -> list[str]:
    text = facts.document.text
    for section in facts.document.outline.sections:
        if pattern.search(section.title) and section.level <= 2:
            items = [span for span in _items(facts, section) if span.end > span.start]
            for index, span in enumerate(items):
                facts.cite(f"{key}[{index}]", span.start, span.end)
            return [text[span.start : span.end] for span in items]
    return []


def extract_problems(facts: Facts) -> list[str]:
    """Items of the 存在的主要问题 section."""
    return _listed(facts, _PROBLEMS, "problems")


def extract_measures(facts: Facts) -> list[str]:
    """Items of the 下一步改进措施 section."""
    return _listed(facts, _MEASURES, "measures")
