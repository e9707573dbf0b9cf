"""The front matter (报告前置信息) of a published report, read line by line before lines are joined.

What a government site, a document library or a Word cover puts before (and around) the body:

* metadata rows — ``索引号 … 发布机构 … 发布日期 …`` as ``label:value`` lines, ``[ 发布机构 ] 大足区…``
  bracket rows, pipe rows ``索引号 | … | 发布机构 | … |``, or one cell per line;
* ``来源:… 作者:… 发布时间:…`` lines, breadcrumbs (``当前位置: 首页 > …``, ``您所在的位置:…``),
  toolbars (``无障碍浏览 | 打开适老化模式``) and document-library wrappers
  (``《….docx》由会员分享``, ``….docx``);
* cover fields — 部门(单位)名称, 单位名称, 项目名称, 项目单位, 主管部门, 实施单位, 资金使用单位,
  预算编码, 项目属性, 评价方式, 报告日期, 填报日期 …;
* title lines — the document's title, broken over lines or not, with a bracketed suffix
  (``(教育专项工作经费)``, ``(2024年度)``) on the same or the next line.

:func:`read_front_matter` returns the fields and the title candidates with their offsets in
``NormalisedText.unjoined``; :mod:`jixiao.extract.header` decides what they mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.extract.titles import TITLE_END

WINDOW = 4000
"""How far into the text (characters of the unjoined text) the front matter is looked for."""

# Field labels, by what they name; a label may be written with spaces between its characters
# (``预 算 编 码``) and with full- or half-width brackets.
LABELS: dict[str, tuple[str, ...]] = {
    "unit": ("部门(单位)名称", "部门名称", "单位名称", "预算部门", "预算单位", "自评单位", "填报单位", "项目单位",
             "资金使用单位", "编制单位", "报送单位", "申报单位", "部门", "单位"),
    "in_charge": ("主管部门", "项目主管部门", "地方主管部门", "中央主管部门"),
    "implementer": ("项目实施单位", "实施单位"),
    "project": ("项目名称", "转移支付(项目)名称", "转移支付名称"),
    "code": ("项目编码", "项目编号", "项目代码", "预算编码", "预算项目编码"),
    "attribute": ("项目属性",),
    "period": ("项目周期", "项目期限", "实施期限", "实施周期", "项目实施期"),
    "year": ("评价年度", "预算年度", "所属年度", "年度"),
    "source": ("信息来源", "来源"),
    "publisher": ("发布机构", "发文机关", "发布单位"),
    "date": ("报告日期", "填报日期", "填表日期", "自评时间", "评价时间", "发布日期", "发布时间", "发文日期", "成文日期",
             "归档时间", "上传时间", "日期", "时间"),
    "other": ("索引号", "文号", "发文字号", "文件编号", "作者", "主题分类", "体裁分类", "组配分类", "服务对象分类",
              "公开方式", "公开目录", "公开范围", "公开时限", "有效性", "时效性", "浏览量", "浏览次数", "访问量", "点击数",
              "点击量", "阅读次数", "字号", "字体大小", "主题词", "关键词", "上传人", "文档编号", "格式", "页数", "大小",
              "填报人", "填表人", "联系人", "部门联系人", "联系电话", "评价人员", "单位负责人签字", "单位负责人",
              "财务负责人", "评价方式", "评价机构", "评价单位", "项目类别", "项目类型", "下属二级预算单位数量",
              "所属下级预算单位数量", "二级预算单位数量", "选择阅读字号", "分享", "打印"),
}
ROLE_OF: dict[str, str] = {label: role for role, labels in LABELS.items() for label in labels}
_SHORT_LABEL = 2  # labels this short ("来源", "日期") count only at a boundary, never glued to a word


def _label_pattern(label: str) -> str:
    parts = []
    for char in label:
        if char == "(":
            parts.append(r"[(（]")
        elif char == ")":
            parts.append(r"[)）]")
        else:
            parts.append(re.escape(char))
    return r"\s*".join(parts)


# a label starts with "[" or its own first character: testing that first lets the scan pass the
# other positions of a line at once instead of trying every label there
_LABEL_FIRST = "".join(sorted({label[0] for label in ROLE_OF}))
_LABEL = re.compile(
    rf"(?=[\[{re.escape(_LABEL_FIRST)}])"
    r"(?P<open>\[\s*)?(?P<label>"
    + "|".join(_label_pattern(label) for label in sorted(ROLE_OF, key=len, reverse=True))
    + r")(?P<seal>\s*[(（](?:公章|盖章|签章|章)[)）])?(?P<close>\s*\])?(?P<sep>\s*[:：])?"
)
_SPACE = re.compile(r"\s+")
_GAP = re.compile(r"\s{2,}")  # two spaces end a value: the next column
_FIELD_MARK = re.compile(r"[:：|]")
_LINE = re.compile(r"[^\n]+")
_LABEL_SEPARATOR = re.compile(r"[:：\]\s]")
_BREADCRUMB = re.compile(r"\s*(?:您?(?:当前|现在)?所?在的?位置|当前位置|所在位置)\s*[:：]?")
_TOOLBAR = re.compile(r"无障碍|适老化|敬老版|网站支持|登录\s*\|?\s*注册|温馨提示|网站客服|字体大小|打印本页|关闭窗口")
_LIBRARY = re.compile(r"由会员分享|文库|_第\d+页|上传人|文档编号|\.(?:docx?|pdf|wps)\b", re.IGNORECASE)
_FILE_EXT = re.compile(r"\.(?:docx?|pdf|wps)\b.*$", re.IGNORECASE)
_LEAD_NOISE = re.compile(
    r"(?:[\s.、:：|_\-—]+|\d{1,2}\s*[、.．](?!\d)|PAGE\b|\d{1,3}\s+(?=[^\d\s])|附件\s*\d*\s*[:：]?"
    r"|篇[一二三四五六七八九十]+\s*[:：]|《)+",
    re.IGNORECASE,
)
"""What may stand before a title on its line: a library's page number (``1、``), a Word field
code (``PAGE PAGE 8``), ``附件2:``, ``篇二:`` — never a year."""
_PROSE = re.compile(r"[，。；！？,;!?“”《》\"]")
_PROSE_START = re.compile(r"(?:根据|按照|依据|为了|为进一步|为全面|为加强|为切实|现将|经|我局|我单位|本单位|本部门|我部|我委|我院|"
                          r"对|从|在|由|通过|截至|截止)")
_CN_HEADING = re.compile(r"[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]")
_PAREN = re.compile(r"\s*(?P<paren>[(（]+[^()（）\n]{1,40}[)）]+)")
_DATE_LIKE = re.compile(r"\d{4}\s*(?:年\s*\d{1,2}\s*月|[-./]\s*\d{1,2})")
_TEMPLATE_AFTER = re.compile(r"\s*(?:模板|模版|范文|范本|格式|写法|怎么写)")
_NOT_TITLE_AFTER = re.compile(r"\s*的?(?:通知|意见|批复|复函|函|通报|审核|审查|评审|会议?|培训|讲话)")
_FRAGMENT_MAX = 40
_COVER_REACH = 600
_BODY_REACH = 1500
"""How far past both the first heading and the last title the scan goes on (a contents page
between a cover and the title of the body is about that long)."""
_FIELD_REACH = 240
_TITLE_MAX = 90


@dataclass(frozen=True)
class Field:
    """One ``label: value`` of a metadata row or a cover; offsets in the unjoined text."""

    label: str
    role: str
    value: str
    start: int
    end: int
    cover: bool = True
    """Whether the field stands where a cover's fields stand: before the body's first heading,
    or shortly after a title (a 自评表's rows); a ``单位名称`` deep in the body is not the cover's."""


@dataclass(frozen=True)
class TitleLine:
    """A title candidate: its text without spaces, the unjoined offset of each character, its origin.

    ``origin`` is ``"document"`` (the report's own title) or ``"page"`` (a web page's or a
    document library's title for it); ``suffix`` is a bracketed part after the title.
    """

    text: str
    offsets: tuple[int, ...]
    origin: str
    suffix: str = ""
    suffix_offsets: tuple[int, ...] = ()
    following: tuple[tuple[str, tuple[int, ...]], ...] = ()
    """Short plain lines right under the title (text, offsets): a project's name, a cover's organ."""
    group: int = 0
    """Readings of one title line share a group: alone, then with 1, 2, 3 lines above it joined."""
    fragments: int = 0

    @property
    def subtitle(self) -> tuple[str, tuple[int, ...]] | None:
        """The line under the title when it names a project (``2021年城乡临时救助备用金``)."""
        if self.following and _SUBTITLE_END.search(self.following[0][0]):
            return self.following[0]
        return None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The unjoined span of ``(text + suffix)[start:end]``."""
        offsets = self.offsets + self.suffix_offsets
        return offsets[start], offsets[end - 1] + 1


@dataclass
class FrontMatter:
    fields: list[Field] = field(default_factory=list)
    titles: list[TitleLine] = field(default_factory=list)
    other_titles: list[str] = field(default_factory=list)
    """Title-like first lines that name another genre (…的通知, 评审会): evidence for "not a report"."""
    first_line: str = ""
    """The first line of free text (not metadata, breadcrumb or toolbar): a page's own title."""

    def values(self, role: str, *, cover_only: bool = True) -> list[Field]:
        return [f for f in self.fields if f.role == role and f.value and (f.cover or not cover_only)]


@dataclass(frozen=True)
class _Cell:
    start: int
    end: int


def _squeeze(text: str, start: int, end: int) -> tuple[str, tuple[int, ...]]:
    """``text[start:end]`` without whitespace, with the offset of each kept character."""
    chars, offsets = [], []
    for i in range(start, end):
        if not text[i].isspace():
            chars.append(text[i])
            offsets.append(i)
    return "".join(chars), tuple(offsets)


def _lines(text: str, limit: int) -> list[tuple[int, int]]:
    """Spans of the non-blank lines starting before ``limit``, without surrounding spaces."""
    spans = []
    for match in _LINE.finditer(text, 0, len(text)):
        if match.start() >= limit:
            break
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + len(line) - len(line.lstrip())
            spans.append((start, start + len(stripped)))
    return spans


def _cells(text: str, start: int, end: int) -> list[_Cell]:
    """A pipe row's cells, else the line as one cell."""
    if "|" not in text[start:end]:
        return [_Cell(start, end)]
    cells = []
    pos = start
    while pos <= end:
        bar = text.find("|", pos, end)
        stop = end if bar < 0 else bar
        s, e = pos, stop
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            cells.append(_Cell(s, e))
        if bar < 0:
            break
        pos = bar + 1
    return cells


def _labels_in(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The label occurrences of a cell that are labels indeed (at a boundary, or long with a colon)."""
    if _LABEL_SEPARATOR.search(text, start, end) is None:
        # no colon, bracket or space: only a label standing alone in its cell can be one
        whole = _LABEL.fullmatch(text, start, end)
        return [whole] if whole is not None else []
    found = []
    for match in _LABEL.finditer(text, start, end):
        label = _SPACE.sub("", match.group("label"))
        at_start = text[start:match.start()].strip() == ""
        before = text[match.start() - 1] if match.start() > start else " "
        after = text[match.end()] if match.end() < end else " "
        boundary_before = at_start or before.isspace() or before in "|]）)" or match.group("open")
        boundary_after = bool(match.group("sep") or match.group("close")) or after.isspace() or match.end() == end
        if not boundary_after:
            continue
        if boundary_before or (len(label) > _SHORT_LABEL and match.group("sep")):
            found.append(match)
    return found


def _value_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t:：":
        start += 1
    gap = _GAP.search(text, start, end)
    if gap is not None:
        end = gap.start()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def read_front_matter(unjoined: str, window: int = WINDOW) -> FrontMatter:
    """Fields and title candidates in the first ``window`` characters of ``unjoined``."""
    front = FrontMatter()
    lines = _lines(unjoined, min(window, len(unjoined)))
    pending: str | None = None
    free_lines: list[tuple[int, int, bool]] = []  # (start, end, is_fragment)
    skip = -1
    first_heading: int | None = None
    last_title = 0
    for index, (line_start, line_end) in enumerate(lines):
        if index == skip:
            continue
        if front.titles:
            last_title = max(last_title, front.titles[-1].offsets[0])
            if first_heading is not None and line_start > max(first_heading, last_title) + _BODY_REACH:
                break  # well into the body: the front matter is behind
        line = unjoined[line_start:line_end]
        if index + 1 < len(lines) and _broken_title(unjoined, lines[index], lines[index + 1]):
            # "…绩效自评" / "报告": the title's ending itself is broken over two lines
            pending = None
            _free_text(front, unjoined, line_start, lines[index + 1][1], free_lines, lines)
            skip = index + 1
            continue
        crumb = _BREADCRUMB.match(line)
        if crumb is not None:
            pending = None
            last = max(line.rfind(">"), line.rfind("/"), line.rfind("»"), crumb.end() - 1)
            _title_candidates(front, unjoined, line_start + last + 1, line_end, "page", free_lines, lines)
            free_lines.append((line_start, line_end, False))
            continue
        if _TOOLBAR.search(line) and not TITLE_END.search(line):
            free_lines.append((line_start, line_end, False))
            continue
        has_field = False
        for cell in _cells(unjoined, line_start, line_end):
            # a cover's fields stand at the start of their line; the rest of a long line is body text
            labels = _labels_in(unjoined, cell.start, min(cell.end, cell.start + _FIELD_REACH))
            if not labels:
                if pending is not None and not TITLE_END.search(unjoined, cell.start, cell.end):
                    s, e = _value_span(unjoined, cell.start, cell.end)
                    front.fields.append(Field(pending, ROLE_OF[pending], unjoined[s:e], s, e))
                    pending = None
                    has_field = True
                    continue
                pending = None
                _free_text(front, unjoined, cell.start, cell.end, free_lines, lines)
                continue
            has_field = True
            if labels[0].start() > cell.start:
                _free_text(front, unjoined, cell.start, labels[0].start(), free_lines, lines)
            pending = None
            for i, match in enumerate(labels):
                label = _SPACE.sub("", match.group("label")).replace("（", "(").replace("）", ")")
                stop = labels[i + 1].start() if i + 1 < len(labels) else cell.end
                s, e = _value_span(unjoined, match.end(), stop)
                if e > s:
                    front.fields.append(Field(label, ROLE_OF[label], unjoined[s:e], s, e))
                elif i + 1 == len(labels):
                    pending = label  # its value is the next cell or line
        if has_field:
            free_lines.append((line_start, line_end, False))
        if first_heading is None and _CN_HEADING.match(line.lstrip()):
            first_heading = line_start
    title_starts = sorted(t.offsets[0] for t in front.titles if t.offsets)
    for i, f in enumerate(front.fields):
        near_title = any(0 <= f.start - start <= _COVER_REACH for start in title_starts)
        if not (first_heading is None or f.start < first_heading or near_title):
            front.fields[i] = Field(f.label, f.role, f.value, f.start, f.end, cover=False)
    return front


def _broken_title(text: str, line: tuple[int, int], following: tuple[int, int]) -> bool:
    """Whether a title ending starts on ``line`` and ends on the short line after it."""
    if line[1] - line[0] > _TITLE_MAX or following[1] - following[0] > _FRAGMENT_MAX:
        return False
    if TITLE_END.search(text, line[0], line[1]):
        return False
    if _labels_in(text, following[0], following[1]) or "|" in text[line[0] : following[1]]:
        return False
    found = TITLE_END.search(text, line[0], following[1])
    return found is not None and found.start() < line[1] < found.end()


def _free_text(front: FrontMatter, text: str, start: int, end: int,
               free_lines: list[tuple[int, int, bool]], lines: list[tuple[int, int]]) -> None:
    """Free text of a line: a title candidate, a fragment of a broken title, or body text."""
    segment = text[start:end]
    squeezed = _SPACE.sub("", segment)
    if not front.first_line and not _CN_HEADING.match(squeezed) and not _PROSE.search(squeezed):
        front.first_line = squeezed[:_TITLE_MAX]
    origin = "page" if _LIBRARY.search(segment) else "document"
    found = _title_candidates(front, text, start, end, origin, free_lines, lines)
    fragment = (not found and len(squeezed) <= _FRAGMENT_MAX and not _PROSE.search(squeezed)
                and not _FIELD_MARK.search(squeezed) and not _DATE_LIKE.search(squeezed)
                and not _CN_HEADING.match(squeezed))
    free_lines.append((start, end, fragment))


def _title_candidates(front: FrontMatter, text: str, start: int, end: int, origin: str,
                      free_lines: list[tuple[int, int, bool]], lines: list[tuple[int, int]]) -> bool:
    """Add the title that starts ``text[start:end]``, if there is one; True when added."""
    lead = _LEAD_NOISE.match(text, start, end)
    begin = lead.end() if lead else start
    title_end = TITLE_END.search(text, begin, min(end, begin + _TITLE_MAX + 20))
    if title_end is None:
        return False
    head = text[begin : title_end.start()]
    if _CN_HEADING.match(head) or _PROSE_START.match(head) or _PROSE.search(head) or len(head) > _TITLE_MAX:
        return False
    after = text[title_end.end() : end]
    if _TEMPLATE_AFTER.match(after):
        return False
    if _NOT_TITLE_AFTER.match(after):
        front.other_titles.append(_SPACE.sub("", text[begin:end]))
        return False
    ext = _FILE_EXT.search(text, title_end.end(), end)
    if ext is not None and ext.start() == title_end.end():
        origin = "page"
    title, offsets = _squeeze(text, begin, title_end.end())
    suffix, suffix_offsets = _suffix(text, title_end.end(), end, lines)
    # a title broken over lines: the fragments just above it belong to it
    fragments = []
    for f_start, f_end, is_fragment in reversed(free_lines[-3:]):
        if not is_fragment or begin != start:
            break
        fragments.append((f_start, f_end))
    following = _following(text, end, lines)
    group = len(front.titles)
    front.titles.append(TitleLine(title, offsets, origin, suffix, suffix_offsets, following, group))
    if fragments:
        # the header keeps the shortest reading that names a department
        for count in range(1, len(fragments) + 1):
            pieces = sorted(fragments[:count])
            joined = ""
            joined_offsets: tuple[int, ...] = ()
            for f_start, f_end in pieces:
                t, o = _squeeze(text, f_start, f_end)
                joined, joined_offsets = joined + t, joined_offsets + o
            front.titles.append(TitleLine(joined + title, joined_offsets + offsets, origin, suffix, suffix_offsets,
                                          following, group, count))
    return True


def _suffix(text: str, pos: int, end: int, lines: list[tuple[int, int]]) -> tuple[str, tuple[int, ...]]:
    """A bracketed suffix right after the title, on its line or as the whole next line."""
    paren = _PAREN.match(text, pos, end)
    if paren is not None:
        return _squeeze(text, paren.start("paren"), paren.end("paren"))
    if text[pos:end].strip():
        return "", ()
    following = [span for span in lines if span[0] > pos][:1]
    for line_start, line_end in following:
        cell_end = text.find("|", line_start, line_end)
        cell_end = line_end if cell_end < 0 else cell_end
        paren = _PAREN.match(text, line_start, cell_end)
        if paren is not None and not text[paren.end() : cell_end].strip():
            return _squeeze(text, paren.start("paren"), paren.end("paren"))
    return "", ()


_SUBTITLE_END = re.compile(r"(?:金|费|项目|工程|资金|经费|补助|补贴|计划|专项)$")


def _following(text: str, end: int, lines: list[tuple[int, int]]) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """The (up to two) short plain lines under a title: a project's name, the organ's name."""
    found = []
    for line_start, line_end in [span for span in lines if span[0] > end][:2]:
        squeezed, offsets = _squeeze(text, line_start, line_end)
        if (len(squeezed) > _FRAGMENT_MAX or _PROSE.search(squeezed) or _CN_HEADING.match(squeezed)
                or TITLE_END.search(squeezed) or _FIELD_MARK.search(squeezed) or _DATE_LIKE.search(squeezed)):
            break
        found.append((squeezed, offsets))
    return tuple(found)
