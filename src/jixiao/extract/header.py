"""The report's identity (报告身份): title, department, region, year, kind, form and project.

Read from the front matter (:mod:`jixiao.extract.front_matter`) — cover fields, metadata rows,
title lines — and, where those say nothing, from the body:

* **department** — a cover field naming the reporting unit (部门(单位)名称, 部门名称, 单位名称,
  预算部门, 自评单位 …), else the department in the title (the most complete one:
  ``寻甸回族彝族自治县档案馆`` over a page title's ``县档案馆``), else 项目单位, 资金使用单位,
  编制单位 …, else the organ alone on the line under a cover's title, else a title naming only a
  place completed by the 来源 line (``攀枝花市仁和区同德镇`` → ``攀枝花市仁和区同德镇人民政府``),
  else 主管部门/实施单位/来源, else the opening sentence of the body (``山东省住房和城乡建设厅是省政府
  组成部门``), else the publisher (发布机构) — last, as sites publish for their departments, and
  never a government's own office;
* **region** — the full path of the department's place (:mod:`jixiao.extract.regions`);
* **year** — a 年度 field, else the title's year (the document's own title over a web page's
  or library's; a different year elsewhere is recorded as a conflict), else a clear statement
  of the evaluated year (``对2017年部门整体支出情况开展了绩效自评``, ``2021年初…收入预算``).
  Never a publication or report date (those are fields of their own), and a template's
  ``20xx年`` is no year;
* **kind** and **form** — from the title (``project`` for 项目/专项/转移支付/…资金, ``table`` for a
  自评表), else a 项目名称 field, else the first headings (``一、项目基本情况``);
* **project** — for a project report: 项目名称 (or the title's project), 项目编码, 主管部门,
  实施单位, 项目属性 (新增/延续), 项目周期.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.extract.facts import Facts
from jixiao.extract.front_matter import Field, FrontMatter, TitleLine, read_front_matter
from jixiao.extract.regions import region_of
from jixiao.extract.titles import ParsedTitle, parse_title, year_value

_ORG_SUFFIX = re.compile(
    r"(?:局|厅|委|办|室|馆|院|中心|站|所|队|校|学|园|会|联|社|部|处|科|团|府|司|署|场|台|组|协|宫|庭|狱|人大|海关)$"
)
_NOT_ORG = re.compile(r"绩效|自评|评价|报告|年度|支出|[0-9]{4}|[，。；:：]")
_GENERIC = re.compile(r"^(?:部门|单位|本|我|该|市级|县级|区级|省级|各)")
_SEAL = re.compile(r"[(（](?:公章|盖章|签章|章)[)）]")
_WEAK_START = "市县区省州镇乡旗"
# the reporting unit's own name (部门名称 …) before the title; the unit a project or a fund is
# given to (项目单位, 资金使用单位), a form's issuer (编制单位 …) only after the title's department
_UNIT_PRIORITY = ("部门(单位)名称", "部门名称", "单位名称", "预算部门", "预算单位", "自评单位", "填报单位")
_OTHER_UNIT_PRIORITY = ("项目单位", "资金使用单位", "编制单位", "报送单位", "申报单位", "部门", "单位")
_IN_CHARGE_PRIORITY = ("主管部门", "项目主管部门", "地方主管部门", "中央主管部门")
_CONTEXT = 3000
_SPACES = re.compile(r"\s+")
_GOVERNMENT = re.compile(r"人民政府$|政府办$|政府办公室$|政府办公厅$")
_BODY_DEPARTMENT = re.compile(r"(?P<org>[\u4e00-\u9fff()（）]{4,30}?)(?:是|为|系|作为|属于|隶属)")
_BOOK = re.compile(r"《[^》\n]{0,80}》")
_YEAR_STATEMENTS = (
    re.compile(r"对(?P<y>\d{4})年度?[^。；\n]{0,30}?(?:开展|进行|实施)了?[^。；\n]{0,12}?(?:自评|评价|自我评价)"),
    re.compile(r"(?:开展|进行|组织)了?(?P<y>\d{4})年度?[^。；，\n]{0,20}?(?:自评|评价)"),
    re.compile(r"现将[^。；\n]{0,10}?(?P<y>\d{4})年度?[^。；\n]{0,30}?(?:自评|评价)"),
    re.compile(r"(?P<y>\d{4})年[初度][^。；，\n]{0,20}?(?:收入|支出)?预算[^。；，\n]{0,6}?\d"),
    re.compile(r"截[至止](?P<y>\d{4})年(?:底|末|12月31日)"),
    re.compile(r"(?P<y>\d{4})年度?(?:部门|单位)?(?:整体)?(?:支出)?绩效(?:目标|自评|评价)"),
    re.compile(r"(?:^|\n)(?P<y>\d{4})年度[，,]"),
)
_HEADING_PROJECT = re.compile(r"项目(?:基本)?(?:概况|情况)|项目支出|项目资金|项目绩效")
_HEADING_OVERALL = re.compile(r"部门(?:[(（]单位[)）])?(?:基本|整体)?(?:概况|概述|情况)|单位(?:基本)?(?:概况|情况)|部门整体|整体支出")
_CHECKED = "☑√■✓✔"
_ATTRIBUTES = (("新增", "新增"), ("延续", "延续"), ("持续", "延续"), ("经常", "延续"), ("一次性", "新增"))


@dataclass(frozen=True)
class Named:
    """A name as read, and the unjoined offset of each of its characters."""

    text: str
    offsets: tuple[int, ...]

    def span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        end = len(self.text) if end is None else end
        return self.offsets[start], self.offsets[end - 1] + 1

    def cut(self, start: int, end: int) -> Named:
        return Named(self.text[start:end], self.offsets[start:end])


@dataclass
class Identity:
    """What :func:`extract_header` read, for the steps after it (project block, "is it a report?")."""

    front: FrontMatter
    titles: list[tuple[TitleLine, ParsedTitle]] = field(default_factory=list)
    primary: tuple[TitleLine, ParsedTitle] | None = None

    @property
    def calls_itself_a_report(self) -> bool:
        """Whether a title names the text a performance report or 自评表 (such a text is never refused)."""
        return bool(self.titles)


def _named_field(f: Field, unjoined: str) -> Named:
    chars, offsets = [], []
    for i in range(f.start, f.end):
        if not unjoined[i].isspace():
            chars.append(unjoined[i])
            offsets.append(i)
    named = Named("".join(chars), tuple(offsets))
    seal = _SEAL.search(named.text)
    while seal is not None:
        named = Named(named.text[: seal.start()] + named.text[seal.end():],
                      named.offsets[: seal.start()] + named.offsets[seal.end():])
        seal = _SEAL.search(named.text)
    lead = len(named.text) - len(named.text.lstrip(":：;；,，"))
    return named.cut(lead, len(named.text)) if lead else named


def _field_names(f: Field, unjoined: str) -> list[Named]:
    """A field's value as a name: the whole value, then its first word (``XX局 2023年4月15日``)."""
    whole = _named_field(f, unjoined)
    names = [whole]
    gap = re.search(r"\s", f.value.strip())
    if gap is not None:
        first = Field(f.label, f.role, f.value, f.start, f.start + len(f.value) - len(f.value.lstrip()) + gap.start())
        names.append(_named_field(first, unjoined))
    return names


def classify(name: str) -> str | None:
    """``"department"`` for an organ's name, ``"place"`` for a bare place name, else None."""
    if not 2 <= len(name) <= 40 or _GENERIC.match(name):
        return None
    match = region_of(name)
    if match is not None and match.start == 0 and match.end == len(name):
        return "place"
    if _ORG_SUFFIX.search(name) and not _NOT_ORG.search(name):
        return "department"
    return None


def _starts_with_place(name: str) -> bool:
    match = region_of(name)
    return match is not None and match.start <= 5  # after 中国共产党 / 中共 / 共青团 at most


def _is_weak(name: str) -> bool:
    """``县档案馆``, ``市总工会``: an organ whose place is left out (a cut or abbreviated line)."""
    return name[:1] in _WEAK_START and region_of(name) is None


class _Reader:
    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        normalised = facts.document.normalised
        self.unjoined = normalised.unjoined or normalised.text
        self.to_normalised = normalised.unjoined_to_normalised if normalised.unjoined else (lambda s, e: (s, e))
        self.context = facts.document.text[:_CONTEXT]

    def add(self, path: str, value: object, span: tuple[int, int], *, authoritative: bool = False) -> None:
        start, end = self.to_normalised(*span)
        self.facts.add(path, value, start, end, authoritative=authoritative)


def extract_header(facts: Facts) -> Identity:
    """Add title, department, region, year, kind, form and project candidates to ``facts``."""
    reader = _Reader(facts)
    front = read_front_matter(reader.unjoined)
    identity = Identity(front)
    identity.titles = _readings(front.titles)
    ordered = [t for t in identity.titles if t[0].origin == "document"] + [
        t for t in identity.titles if t[0].origin != "document"]
    with_department = sorted((t for t in ordered if t[1].department is not None),
                             key=lambda t: _is_weak(t[1].part(t[1].department) or ""))
    identity.primary = (with_department or ordered)[0] if ordered else None
    if identity.primary is None:
        facts.warnings.append("未找到报告标题")
    else:
        line, parsed = identity.primary
        reader.add("title", parsed.text, line.span(0, len(parsed.text)))
        reader.add("form", parsed.form, line.span(0, len(line.text)))
    weak: list[Named] = []
    department = _department(reader, front, ordered, weak)
    if department is not None:
        reader.add("department", department.text, department.span())
    elif not _body_department(reader):
        department = _publisher(reader, front) or (weak[0] if weak else None)
        if department is not None:
            reader.add("department", department.text, department.span())
    _region(reader, department, front, ordered)
    _year(reader, front, identity, ordered)
    kind = _kind(reader, front, identity, ordered)
    if kind == "project":
        _project(reader, front, identity, ordered)
    return identity


def _readings(lines: list[TitleLine]) -> list[tuple[TitleLine, ParsedTitle]]:
    """One reading per title line: the shortest that names a department, else the one that
    states the most (a broken title's upper lines add its year or scope), else the line alone."""
    groups: dict[int, list[tuple[TitleLine, ParsedTitle]]] = {}
    for line in lines:
        parsed = parse_title(line.text, classify, line.suffix)
        if parsed is not None:
            groups.setdefault(line.group, []).append((line, parsed))
    chosen = []
    for readings in groups.values():
        readings.sort(key=lambda reading: reading[0].fragments)
        named = [r for r in readings if r[1].department is not None or r[1].place is not None]
        placed = [r for r in named if _starts_with_place(r[1].part(r[1].department or r[1].place) or "")]
        if named:
            # "管理局2020年度…" under "昆明市东川区城市": the reading that names the place is the title
            chosen.append((placed or named)[0])
            continue
        def stated(reading: tuple[TitleLine, ParsedTitle]) -> int:
            return (reading[1].year is not None) + (reading[1].kind is not None)
        chosen.append(max(readings, key=lambda r: (stated(r), -r[0].fragments)))
    return chosen


# -- department and region --------------------------------------------------------------------


def _title_named(line: TitleLine, parsed: ParsedTitle, span: tuple[int, int]) -> Named:
    offsets = line.offsets + line.suffix_offsets
    return Named(parsed.text[span[0] : span[1]], offsets[span[0] : span[1]])


def _department(reader: _Reader, front: FrontMatter, ordered: list[tuple[TitleLine, ParsedTitle]],
                weak: list[Named]) -> Named | None:
    """The department the front matter names; names without their place go to ``weak``."""
    unjoined = reader.unjoined

    def first_department(fields: list[Field], priority: tuple[str, ...]) -> Named | None:
        ranked = sorted(fields, key=lambda f: priority.index(f.label) if f.label in priority else len(priority))
        for f in ranked:
            for named in _field_names(f, unjoined):
                if classify(named.text) == "department":
                    if not _is_weak(named.text):
                        return named
                    weak.append(named)
                    break
        return None

    units = front.values("unit")
    found = first_department([f for f in units if f.label in _UNIT_PRIORITY], _UNIT_PRIORITY)
    if found is not None:
        return found
    titled = [(line, parsed) for line, parsed in ordered if parsed.department is not None]
    best: Named | None = None
    for line, parsed in titled:
        named = _title_named(line, parsed, parsed.department)  # type: ignore[arg-type]  # titled keeps only rows with a department
        if _is_weak(named.text):
            weak.append(named)
            continue
        if best is None:
            best = named
        elif len(named.text) > len(best.text) and named.text.endswith(best.text) and _starts_with_place(named.text):
            best = named  # the fuller name of the same organ
    if best is not None:
        return best
    found = first_department([f for f in units if f.label not in _UNIT_PRIORITY], _OTHER_UNIT_PRIORITY)
    if found is not None:
        return found
    for line, _parsed in ordered:
        for text, offsets in line.following:  # a cover: the title, then the organ's name on its own line
            if classify(text) == "department" and not _is_weak(text) and _starts_with_place(text):
                return Named(text, offsets)
    for _line, parsed in ordered:
        if parsed.place is None:
            continue
        place = parsed.part(parsed.place) or ""
        for f in front.values("source") + front.values("publisher") + front.values("unit"):
            named = _named_field(f, unjoined)
            if named.text.startswith(place) and len(named.text) > len(place) and classify(named.text) == "department":
                return named
    for role, priority in (("in_charge", _IN_CHARGE_PRIORITY), ("implementer", ()), ("source", ())):
        found = first_department(front.values(role), priority)
        if found is not None:
            return found
    return None


def _publisher(reader: _Reader, front: FrontMatter) -> Named | None:
    """The publishing organ (发布机构), the last resort: a site publishes for its departments,
    but a government's own office (人民政府, 政府办) publishes for all of them."""
    for f in front.values("publisher"):
        for named in _field_names(f, reader.unjoined):
            if classify(named.text) == "department" and not _is_weak(named.text) and not _GOVERNMENT.search(named.text):
                return named
    return None


def _body_department(reader: _Reader) -> bool:
    """``山东省住房和城乡建设厅是省政府组成部门…``: the organ an opening paragraph introduces."""
    document = reader.facts.document
    for start, end in document.paragraphs:
        if start > _CONTEXT:
            break
        match = _BODY_DEPARTMENT.match(document.text, start, end)
        if match is None:
            continue
        name = match.group("org")
        if classify(name) == "department" and not _is_weak(name) and region_of(name) is not None:
            s, e = match.span("org")
            reader.facts.add("department", name, s, e)
            return True
    return False


def _region(reader: _Reader, department: Named | None, front: FrontMatter,
            ordered: list[tuple[TitleLine, ParsedTitle]]) -> None:
    sources: list[Named] = []
    if department is not None:
        sources.append(department)
    for line, parsed in ordered:
        for span in (parsed.department, parsed.place):
            if span is not None:
                sources.append(_title_named(line, parsed, span))
    for role in ("unit", "in_charge", "implementer", "source", "publisher"):
        sources.extend(_named_field(f, reader.unjoined) for f in front.values(role))
    for named in sources:
        match = region_of(named.text, reader.context)
        if match is not None:
            reader.add("region", match.region, named.span(match.start, match.end))
            return
    department_path = reader.facts.candidates.get("department")
    if department_path:  # a department read from the body: its own place
        candidate = department_path[0]
        name = reader.facts.document.text[candidate.start : candidate.end]
        match = region_of(name, reader.context)
        if match is not None:
            reader.facts.add("region", match.region, candidate.start + match.start, candidate.start + match.end)


# -- year ---------------------------------------------------------------------------------


def _year(reader: _Reader, front: FrontMatter, identity: Identity,
          ordered: list[tuple[TitleLine, ParsedTitle]]) -> None:
    for f in front.values("year"):
        found = re.search(r"\d{4}", f.value)
        value = year_value(found.group()) if found else None
        if value is not None:
            reader.add("year", value, (f.start + found.start(), f.start + found.end()), authoritative=True)  # type: ignore[union-attr]  # found is not None: value comes from it
            return
    if identity.primary is not None:
        line, parsed = identity.primary
        if parsed.placeholder_year:
            reader.facts.warnings.append("标题中的年度是模板占位（20xx年），未填写年度")
            return
        stated = False
        if parsed.year is not None and parsed.year_span is not None:
            reader.add("year", parsed.year, line.span(*parsed.year_span), authoritative=True)
            stated = True
        for other_line, other in ordered:
            if other is parsed or other.year is None or other.year_span is None:
                continue
            if other.placeholder_year:
                continue
            reader.add("year", other.year, other_line.span(*other.year_span))
            stated = True
        if stated:
            return
    _year_statements(reader)


def _year_statements(reader: _Reader) -> None:
    """The evaluated year as the body states it, when the title and fields do not."""
    text = reader.facts.document.text[:_CONTEXT]
    books = [m.span() for m in _BOOK.finditer(text)]
    found: list[tuple[int, int, int]] = []
    for pattern in _YEAR_STATEMENTS:
        for match in pattern.finditer(text):
            start = match.start("y")
            if any(s <= start < e for s, e in books):
                continue  # a year inside a document's name (《…关于开展2018年…的通知》) is that document's
            value = year_value(match.group("y"))
            if value is not None:
                found.append((value, start, match.end("y")))
    values = {value for value, _, _ in found}
    if len(values) == 1:
        for value, start, end in found:
            reader.facts.add("year", value, start, end + 1)
    elif len(values) > 1:
        reader.facts.warnings.append("正文所述年度不一（" + "、".join(str(v) for v in sorted(values)) + "），未采用")


# -- kind and project -----------------------------------------------------------------------


def _kind(reader: _Reader, front: FrontMatter, identity: Identity,
          ordered: list[tuple[TitleLine, ParsedTitle]]) -> str | None:
    chosen = [identity.primary] if identity.primary is not None else []
    for line, parsed in chosen + ordered:
        if parsed.kind is not None and parsed.kind_span is not None:
            reader.add("kind", parsed.kind, line.span(*parsed.kind_span))
            return parsed.kind
    for f in front.values("project"):
        kind = "department_overall" if "整体" in f.value else "project"
        reader.add("kind", kind, (f.start, f.end))
        return kind
    document = reader.facts.document
    for section in document.outline.sections[:12]:
        if section.start > _CONTEXT:
            break
        for pattern, kind in ((_HEADING_PROJECT, "project"), (_HEADING_OVERALL, "department_overall")):
            match = pattern.search(section.title)
            if match is not None:
                reader.facts.add("kind", kind, section.start, section.start + len(section.title))
                return kind
    return None


def _project(reader: _Reader, front: FrontMatter, identity: Identity,
             ordered: list[tuple[TitleLine, ParsedTitle]]) -> None:
    unjoined = reader.unjoined
    names = [f for f in front.values("project") if "整体" not in f.value]
    if names:
        named = _named_field(names[0], unjoined)
        reader.add("project.name", named.text, named.span())
    else:
        chosen = [identity.primary] if identity.primary is not None else []
        for line, parsed in chosen + ordered:
            if parsed.project is not None:
                named = _title_named(line, parsed, parsed.project)
                reader.add("project.name", named.text, named.span())
                break
            if line.subtitle is not None:
                text, offsets = line.subtitle
                reader.add("project.name", text, (offsets[0], offsets[-1] + 1))
                break
    for role, path, priority in (("code", "project.code", ()), ("in_charge", "project.department_in_charge",
                                                                 _IN_CHARGE_PRIORITY),
                                 ("implementer", "project.implementer", ()), ("period", "project.period", ())):
        fields = sorted(front.values(role), key=lambda f: priority.index(f.label) if f.label in priority else 0)
        if fields:
            value = _SPACES.sub(" ", _SEAL.sub("", fields[0].value)).strip(" :：")
            if value:
                reader.add(path, value, (fields[0].start, fields[0].end))
    if not front.values("implementer"):
        for f in front.values("unit"):
            if f.label == "项目单位":
                named = _named_field(f, unjoined)
                reader.add("project.implementer", named.text, named.span())
    for f in front.values("attribute"):
        attribute = _attribute(f.value)
        if attribute is not None:
            reader.add("project.attribute", attribute, (f.start, f.end))
            break


def _attribute(text: str) -> str | None:
    """新增 or 延续 from ``项目属性`` (``1、持续性项目 ☑ 2、新增性项目 □`` or plain ``延续项目``)."""
    options = re.split(r"\d[、.]", text)
    checked = [o for o in options if any(mark in o for mark in _CHECKED)]
    candidates = checked if checked else ([text] if not any(c in text for c in "□☐") else [])
    for option in candidates:
        for word, value in _ATTRIBUTES:
            if word in option:
                return value
    return None
