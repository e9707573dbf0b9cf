"""Text-quality checks (文字质量与结构): duplicates, doubled characters, headings, names, outline.

These rules read the normalised document (one paragraph per line, PDF line breaks joined), so
"四是\\n\\n是开展" is seen as 四是是开展, and their evidence maps back to the original text.
Duplicates are found by hashing sentences, never by comparing every pair.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from jixiao.report import Evidence, Finding
from jixiao.review.engine import Context, rule
from jixiao.review.totals import document_is_cut
from jixiao.text.outline import NumberingIssue, Section

_CJK = "\u4e00-\u9fff"
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
_CLAUSE = re.compile(r"[^，。！？；\n]+[，。！？；]?")
_KEY_DROP = re.compile(rf"[^{_CJK}0-9A-Za-z%.]")
_DOUBLE_WORD = re.compile(rf"([{_CJK}]{{2}})\1")


class _Keys:
    """Sentence identities (a sentence's characters without punctuation or spaces) of one text,
    from a single pass: the dropped characters are marked,
    not removed, so offsets stay those of the text and a span's key is a slice of the marked text
    with the marks taken out (the mark is itself a dropped character, so the key is the same)."""

    def __init__(self, text: str) -> None:
        self.marked = _KEY_DROP.sub("\x00", text)

    def of(self, start: int, end: int) -> str:
        return self.marked[start:end].replace("\x00", "")


def _keys(ctx: Context) -> _Keys:
    cached = ctx.memo.get("sentence_keys")
    if cached is None:
        assert ctx.document is not None
        cached = ctx.memo["sentence_keys"] = _Keys(ctx.document.text)
    return cached


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


@rule(
    "text.heading_numbering",
    title="标题编号重复或跳号",
    severity="general",
    checks="同一上级标题下的各级编号（一、（一）1.《任务一》）应连续：重复（两个（三））或跳号都报。",
    basis="domain.md §6.2 推荐提纲; 文字质量 [I]",
    example="“二、综合评价分析”下出现两个“（三）”。",
    needs_document=True,
)
def heading_numbering(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    outline = ctx.document.outline
    by_start = {section.start: section for section in outline.sections}
    first: dict[tuple[str, str], Section] = {}
    for section in outline.sections:
        if section.number == 1:
            first.setdefault((section.kind, "1"), section)
    for issue in outline.numbering_issues:
        node = by_start.get(issue.offset)
        if _not_a_numbering_fault(first, node, issue):
            continue
        evidence: list[Evidence] = []
        siblings: list[Section] = node.parent.children if node is not None and node.parent else []
        twin = next((s for s in siblings if s is not node and s.number == issue.found and s.start < issue.offset), None)
        if twin is not None:
            evidence.append(ctx.span(twin.start, twin.body_start))
        if node is not None:
            evidence.append(ctx.span(node.start, node.body_start))
        parent = f"“{issue.parent_title}”下" if issue.parent_title else ""
        kind = "重复" if twin is not None else ("跳号" if issue.found > issue.expected else "顺序有误")
        yield ctx.finding(
            f"{parent}标题编号{kind}：“{issue.title}”应为第{issue.expected}项",
            evidence,
            "按顺序重新编排该级标题编号。",
        )
    text = ctx.document.text
    for start, end in ctx.document.paragraphs:
        # “、项目绩效情况”: the number of a heading was lost
        if text.startswith("、", start) and end - start <= 40 and re.match(rf"、[{_CJK}]", text[start : start + 2]):
            o_start, o_end = ctx.document.to_original(start, end)
            line = ctx.document.original[o_start:o_end].split("\n", 1)[0].strip()
            yield ctx.finding(
                f"标题“{line}”缺少编号",
                [ctx.span(start, end)],
                "补上该标题的编号（如“三、”）。",
            )


_FORM_MARKS = re.compile(r"[☑□■√]|\.(?:docx?|pdf|wps)\b", re.IGNORECASE)


def _not_a_numbering_fault(
    first: dict[tuple[str, str], Section], node: Section | None, issue: NumberingIssue
) -> bool:
    """Numbering “issues” that are the outline misreading the text, not the author's error.

    A table of contents (目录) lists the headings, then the body numbers them again from 一、:
    the restart repeats a heading already seen. A form's options (1、持续性项目☑2、新增性项目□)
    and a file name (三、绩效分析及评价结论.doc) are not headings. A heading expected where the
    parent's own line already holds it (一、概况(一)部门职责…) was merged into the parent's line.
    """
    if _FORM_MARKS.search(issue.title):
        return True
    if node is not None and issue.found == 1:
        earlier = first.get((node.kind, "1"))
        # the same first heading again (the body after its 目录); the body's heading line may carry
        # the start of its paragraph, so one title is a prefix of the other
        if earlier is not None and earlier is not node and (
            node.title.startswith(earlier.title) or earlier.title.startswith(node.title)
        ):
            return True
    if node is not None and node.parent is not None and node.parent.kind != "root":
        marker = _MARKER_TEXT.get(node.kind)
        if marker is not None and marker(issue.expected) in node.parent.title:
            return True
    return False


def _cn(number: int) -> str:
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    tens, units = divmod(number, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")


_MARKER_TEXT = {
    "paren_cn": lambda n: f"({_cn(n)})",
    "cn": lambda n: f"{_cn(n)}、",
    "arabic": lambda n: f"{n}.",
    "paren_arabic": lambda n: f"({n})",
}


@rule(
    "text.duplicate_sentence",
    title="同一段内句子或分句重复",
    severity="general",
    checks="同一段落内，同一句子出现两次，或相邻分句原样重复（不少于8字，配置）。",
    basis="文字质量 [I]; domain.md §7.1 报告须“数据准确、逻辑清晰” [V S40]",
    example="报送“广东好人”31位、“广州好人”36位，报送“广东好人”31位、“广州好人”36位。",
    needs_document=True,
)
def duplicate_sentence(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    text = ctx.document.text
    minimum = int(ctx.profile.get("text.duplicate_min_chars"))
    marks = _keys(ctx)
    for p_start, p_end in _paragraphs(text):
        if p_end - p_start < 2 * minimum:
            continue
        reported: set[int] = set()
        # adjacent repeated runs of clauses (k = 1..3 clauses)
        clauses = [(m.start(), m.end()) for m in _CLAUSE.finditer(text, p_start, p_end)]
        keys = [marks.of(s, e) for s, e in clauses]
        if len(set(keys)) == len(keys):
            continue  # a repeated sentence or clause run repeats some clause: none here
        for k in (1, 2, 3):
            for i in range(len(clauses) - 2 * k + 1):
                first = "".join(keys[i : i + k])
                if len(first) < minimum or first != "".join(keys[i + k : i + 2 * k]) or i in reported:
                    continue
                reported.update(range(i, i + 2 * k))
                a = (clauses[i][0], _trim(text, clauses[i + k - 1][1]))
                b = (clauses[i + k][0], _trim(text, clauses[i + 2 * k - 1][1]))
                yield ctx.finding(
                    f"同一句中“{_quote(text[a[0]:a[1]])}”连续重复出现",
                    [ctx.span(*a), ctx.span(*b)],
                    "删除重复的文字。",
                )
        # the same whole sentence twice in one paragraph
        seen: dict[str, tuple[int, int]] = {}
        covered = {clauses[i][0] for i in reported}
        for m in _SENTENCE.finditer(text, p_start, p_end):
            key = marks.of(m.start(), m.end())
            if len(key) < minimum:
                continue
            if key in seen and m.start() not in covered:
                earlier = seen[key]
                yield ctx.finding(
                    f"同一段内句子“{_quote(m.group())}”重复出现",
                    [ctx.span(*earlier), ctx.span(m.start(), _trim(text, m.end()))],
                    "删除重复的句子。",
                )
            seen.setdefault(key, (m.start(), _trim(text, m.end())))


@rule(
    "text.duplicate_passage",
    title="大段文字在不同位置重复",
    severity="hint",
    checks="连续若干句（合计不少于80字，配置）在报告另一处原样重复，如把任务完成情况照搬到项目支出分析。",
    basis="文字质量 [I]; domain.md §6.2 各部分内容应各有侧重",
    example="《任务四》完成情况与“2.项目绩效目标完成情况”大段相同。",
    needs_document=True,
)
def duplicate_passage(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    text = ctx.document.text
    minimum = int(ctx.profile.get("text.passage_min_chars"))
    marks = _keys(ctx)
    sentences = ctx.sentences
    breaks = [m.start() for m in re.finditer("\n", text)]
    paragraph = [bisect_right(breaks, start) for start, _ in sentences]
    first_seen: dict[str, int] = {}
    repeat_of: list[int | None] = []
    for index, (start, end) in enumerate(sentences):
        key = marks.of(start, end)
        origin = first_seen.get(key) if len(key) >= 10 else None
        same_paragraph = origin is not None and paragraph[origin] == paragraph[index]
        repeat_of.append(None if origin is None or same_paragraph else origin)
        if len(key) >= 10:
            first_seen.setdefault(key, index)
    index = 0
    while index < len(sentences):
        if repeat_of[index] is None:
            index += 1
            continue
        run = [index]
        nxt = index + 1
        # a run may bridge one sentence that was edited in the copy
        while nxt < len(sentences) and (
            repeat_of[nxt] is not None or (nxt + 1 < len(sentences) and repeat_of[nxt + 1] is not None)
        ):
            if repeat_of[nxt] is not None:
                run.append(nxt)
            nxt += 1
        index = nxt
        chars = sum(len(marks.of(*sentences[i])) for i in run)
        if chars < minimum:
            continue
        origins = [repeat_of[i] for i in run if repeat_of[i] is not None]
        o_start = sentences[min(o for o in origins if o is not None)][0]
        o_end = sentences[max(o for o in origins if o is not None)][1]
        c_start, c_end = sentences[run[0]][0], sentences[run[-1]][1]
        first = ctx.span(o_start, _trim(text, o_end))
        copy = ctx.span(c_start, _trim(text, c_end))
        yield ctx.finding(
            f"约{chars}字的内容（{len(run)}句）在“{_short(copy.section or '正文')}”中与“{_short(first.section or '前文')}”重复",
            [first, copy],
            "各部分应各有侧重：删除照搬的内容，或改为概括并引用前文。",
        )


@rule(
    "text.doubled_char",
    title="叠字、叠词笔误",
    severity="general",
    checks="虚词重叠（是是、的的）和双字词重叠（守好守好），合法叠词（常常、人人、天天…，配置）除外。",
    basis="文字质量 [I]",
    example="“四是是开展视频直播”（原文“四是\\n\\n是开展”）。",
    needs_document=True,
)
def doubled_char(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    text = ctx.document.text
    suspects = str(ctx.profile.get("text.doubled_char_suspects"))
    allowed = ctx.profile.strings("text.reduplication_allow")
    pattern = re.compile(f"([{re.escape(suspects)}])\\1")
    hits: list[tuple[int, int]] = [(m.start(), m.end()) for m in pattern.finditer(text)]
    hits += [(m.start(), m.end()) for m in _DOUBLE_WORD.finditer(text) if m.group(1)[0] != m.group(1)[1]]
    hits += [(m.start(), m.end()) for m in _DOUBLE_PUNCT.finditer(text)]
    for start, end in sorted(hits):
        if _allowed(text, start, end, allowed):
            continue
        if (end - start != 2 or not "\u4e00" <= text[start] <= "\u9fff") and _separated(ctx, start, end, text):
            continue
        context_start, context_end = _word_context(text, start, end)
        yield ctx.finding(
            f"“{text[context_start:context_end]}”中“{text[start:end]}”重复，疑为笔误",
            [ctx.span(context_start, context_end)],
            f"删去多余的“{text[start:(start + end) // 2]}”。",
        )


_DOUBLE_PUNCT = re.compile(r"([（(，,。、；;：:])\1")


def _separated(ctx: Context, start: int, end: int, text: str) -> bool:
    """A doubled word that is two cells or fields (“…指标任务 任务2:…”, “补助项目 项目单位”), not a typo."""
    assert ctx.document is not None
    if end - start == 4 and end < len(text) and text[end].isdigit():
        return True  # 任务任务2: the second copy is a label (任务2)
    o_start, o_end = ctx.document.to_original(start, end)
    return any(ch in ctx.document.original[o_start:o_end] for ch in " \t|\u3000")


def _word_context(text: str, start: int, end: int) -> tuple[int, int]:
    """Up to two characters either side of a hit, not crossing punctuation."""
    low, high = start, end
    reach = 2 if "\u4e00" <= text[start] <= "\u9fff" else 14  # punctuation: show the words around it
    while low > max(start - reach, 0) and text[low - 1] not in "，。；：！？\n|":
        if reach == 2 and not "\u4e00" <= text[low - 1] <= "\u9fff":
            break
        low -= 1
    while high < min(end + reach, len(text)) and text[high] not in "，。；：！？\n|":
        if reach == 2 and not "\u4e00" <= text[high] <= "\u9fff":
            break
        high += 1
    return low, high


def _allowed(text: str, start: int, end: int, allowed: tuple[str, ...]) -> bool:
    for word in allowed:
        low = max(start - len(word) + 1, 0)
        position = text.find(word, low, end + len(word) - 1)
        if position >= 0 and position < end and position + len(word) > start:
            return True
    return False


def _title_end(ctx: Context) -> int:
    assert ctx.document is not None
    first = ctx.document.outline.sections[0].start if ctx.document.outline.sections else 0
    return first


@rule(
    "text.department_name",
    title="正文部门名称与标题不一致",
    severity="serious",
    checks="正文中以标题部门名称开头、到所在区县名称处却写成别的行政区划（如“增城区”写成“增城市”）。",
    basis="domain.md §6.2 标题与正文部门名称应一致; 文字质量 [I]",
    example="标题“中国共产党广州市增城区委员会宣传部”，正文“中国共产党广州市增城市是区委主管的…”。",
    needs_document=True,
)
def department_name(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    name, region = ctx.report.department, ctx.report.region
    if not name or not region:
        return
    district = re.split(r"(?<=[市州盟])", region)[-1] or region
    core = district[:-1] if len(district) > 2 and district[-1] in "区县市旗" else district
    at = name.find(core)
    if at < 0 or at + len(core) >= len(name):
        return
    anchor, expected = name[: at + len(core)], name[at + len(core)]
    text = ctx.document.text
    position = text.find(anchor, _title_end(ctx))
    while position >= 0:
        follow = position + len(anchor)
        if follow < len(text) and text[follow] != expected and text[follow] in "区县市旗":
            yield ctx.finding(
                f"正文写作“{text[position:follow + 1]}”，与标题部门名称“{name}”（{district}）不一致",
                [ctx.span(position, follow + 1), *ctx.evidence("department")],
                f"统一写作“{name}”。",
            )
        position = text.find(anchor, follow)


@rule(
    "text.project_wording",
    title="部门整体报告自称“本项目”",
    severity="general",
    checks="部门整体支出报告在非项目章节中称“本项目”（标题含“项目”的章节除外，配置）。",
    basis="domain.md §1.1 部门整体支出与项目支出是不同的评价对象; 文字质量 [I]",
    example="自评结论综述：“本项目从预算编制、执行及使用效益情况均达到预期的绩效目标”。",
    needs_document=True,
)
def project_wording(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    if ctx.report.kind not in (None, "department_overall"):
        return
    text = ctx.document.text
    terms = ctx.profile.strings("text.project_section_terms")
    for match in re.finditer("本项目", text):
        path = ctx.document.section_at(match.start())
        if any(term in title for title in path for term in terms):
            continue
        p_start, p_end = ctx.document.paragraph_span(match.start())
        s_start = max(text.rfind("。", p_start, match.start()) + 1, p_start)
        s_end = text.find("。", match.end(), p_end)
        s_end = p_end if s_end < 0 else s_end + 1
        yield ctx.finding(
            "部门整体支出绩效自评报告中称“本项目”，评价对象应为部门整体支出",
            [ctx.span(s_start, s_end)],
            "改为“本部门”或“部门整体支出”。",
        )


@rule(
    "text.missing_section",
    title="缺少标准提纲中的章节",
    severity="hint",
    checks="按标准提纲（配置）逐项查找章节标题：基本情况、收支情况、绩效目标、自评工作情况、综合评价结论、存在问题、改进措施、结果应用。",
    basis="domain.md §6.2 推荐提纲 [R (uncertain)]; §7.2-13 缺少章节 [I]",
    example="全文没有“绩效自评结果应用”部分。",
    needs_document=True,
)
def missing_section(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    if document_is_cut(ctx):
        return  # an opening of a page: the later chapters were never retrieved
    if _is_form(ctx):
        return  # a 自评表 is a table, not a report with chapters
    # only chapter-level headings (一、 and （一）) count: a numbered list item is not a section
    titles = [section.title for section in ctx.document.outline.sections if section.level <= 2]
    for entry in ctx.profile.get("text.required_sections"):
        patterns = [re.compile(p) for p in entry["patterns"]]
        if any(p.search(title) for p in patterns for title in titles):
            continue
        yield ctx.finding(
            f"未见“{entry['name']}”部分（标准提纲要求）",
            [],
            f"按部门整体支出绩效自评报告提纲补充“{entry['name']}”。",
            severity=entry.get("severity", "hint"),
        )


def _is_form(ctx: Context) -> bool:
    from jixiao.review.dates import titles

    assert ctx.document is not None
    text = ctx.document.text
    names = [text[t.start : t.end] for t in titles(ctx)]
    return bool(names) and all(name.endswith("表") for name in names)


_DATE_MARK = re.compile(r"年年|[月日]")
_BROKEN_BEFORE = (
    re.compile(r"(?<!\d)\d{5,9}$"),  # 220211231日: year, month and day run together
    re.compile(r"(?:19|20)\d\d$"),  # 2021年年1231日 (checked at 年年)
    re.compile(r"(?:19|20)\d\d年(?:1[3-9]|[2-9]\d|0)$"),  # a month that does not exist
    re.compile(r"(?<!\d)(?:[1-9]|1[0-2])月(?:3[2-9]|[4-9]\d|0)$"),  # a day that does not exist
)


def _broken_dates(text: str) -> list[tuple[int, int]]:
    """Spans of broken dates, found from the date marks (日, 月, 年年) backwards."""
    found = []
    for mark in _DATE_MARK.finditer(text):
        at = mark.start()
        window = text[max(at - 12, 0) : at]
        if not window or not window[-1].isdigit():
            continue
        if mark.group() == "年年" and not text[mark.end() : mark.end() + 1].isdigit():
            continue  # 2022年年初, 2022年年底: the year, then 年初
        patterns = _BROKEN_BEFORE[1:2] if mark.group() == "年年" else (
            (_BROKEN_BEFORE[0], _BROKEN_BEFORE[3]) if mark.group() == "日" else (_BROKEN_BEFORE[2],))
        for pattern in patterns:
            hit = pattern.search(window)
            if hit is not None:
                found.append((at - len(window) + hit.start(), mark.end()))
                break
    return found


@rule(
    "text.broken_date",
    title="日期残缺或不成立",
    severity="general",
    checks="日期的年、月、日粘连或重复（220211231日、2021年年1231日），或月份、日期不存在（13月、32日）。",
    basis="文字质量 [I]; domain.md §7.1 报告须“数据准确” [V S40]",
    example="“已在2021年年1231日之前……”（应为2021年12月31日）。",
    needs_document=True,
)
def broken_date(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    text = ctx.document.text
    hits = _broken_dates(text)
    if not hits:
        return
    spans = [_word_context(text, start, end) for start, end in hits[:6]]
    shown = "、".join(dict.fromkeys(f"“{text[a:b]}”" for a, b in spans))
    yield ctx.finding(
        f"日期残缺或不成立：{shown}",
        [ctx.span(a, b) for a, b in spans],
        "按原件更正日期（年、月、日）。",
    )


@rule(
    "text.missing_score",
    title="只有等级、没有自评分",
    severity="general",
    checks="报告给出评价等级，却没有自评分数，等级无法核对。",
    basis="domain.md §1.2 评分与评级相结合 [R]; §7.2-5",
    example="“项目绩效自评：优”，全文没有自评分。",
)
def missing_score(ctx: Context) -> Iterator[Finding]:
    evaluation = ctx.report.evaluation
    if evaluation.grade is None or evaluation.score is not None:
        return
    yield ctx.finding(
        f"报告给出评价等级“{evaluation.grade}”，但未给出自评分数，无法按分数段核对等级",
        ctx.evidence("evaluation.grade"),
        "写明自评总分，并附部门整体支出绩效自评表。",
    )


def _trim(text: str, end: int) -> int:
    """End a span before its closing punctuation, so evidence quotes the words."""
    while end > 0 and text[end - 1] in "，。；！？、 ":
        end -= 1
    return end


def _short(title: str, limit: int = 16) -> str:
    return title if len(title) <= limit else title[:limit] + "…"


def _quote(text: str, limit: int = 40) -> str:
    text = text.strip().rstrip("，。；！？、")
    return text if len(text) <= limit else text[:limit] + "…"

