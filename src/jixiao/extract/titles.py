"""Reading a report's title (报告标题): department, year, kind, form and project named in it.

A title, once its lines are joined and its spaces removed, is
``[year] department [year] [scope] [project] 绩效…(报告|表)`` in any of its published orders:

* ``2022年度株洲市荷塘区妇女联合会部门(单位)整体支出绩效自评报告``
* ``安宁市市场监督管理局2023年度部门整体支出绩效自评报告``
* ``中共云南省委宣传部(2023年度)部门整体支出绩效自评报告``
* ``XX局2021年度YY项目支出绩效自评报告`` (the year separates department and project)
* ``万源市民政局关于2021年度困难群众救助补助专项转移支付资金绩效自评报告``
* ``就业补助资金绩效自评表(2024年度)``, ``南宁市财政项目支出绩效自评报告(2018年度)``

The kind is ``department_overall`` when the scope says 整体 (部门整体支出, 整体支出, 部门(单位)整体),
``project`` when it says 项目, 专项, 转移支付 or names a fund (…资金); the form is ``table`` for a
自评表 / 评价表 / 基础数据表 / 附表 and ``report`` otherwise. A year that is a template's
placeholder (``20xx年度``) is no year.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# where a title ends: 绩效自评报告, 绩效评价报告, 绩效评价自评报告, 绩效自评表, 绩效评价基础数据表,
# 绩效自评附表, 绩效自评材料, 绩效自评工作情况总结, 单位自评报告
TITLE_END = re.compile(
    r"(?:绩效|自评|自我评价|评价)[^，。；;,:：|]{0,12}?"
    r"(?:报告|自评表|评价表|评分表|数据表|附表|材料|总结)"
)
_TABLE_END = re.compile(r"(?:表)$")
_YEAR = re.compile(r"(?P<year>\d{4}|20[xX]{2}|[〇零一二三四五六七八九]{4})年(?!\d{1,2}月)(?P<du>度)?")
_PAREN_YEAR = re.compile(r"[(（]+(?P<year>\d{4}|20[xX]{2})年度?[)）]+")
_SCOPE = re.compile(
    r"部门[(（]单位[)）]|单位[(（]部门[)）]|[(（](?:单位|本级|部门)[)）]|部门整体|单位整体|整体支出|整体绩效|整体预算|部门预算|部门支出|部门绩效|"
    r"单位绩效|部门财政|项目支出|项目绩效|项目资金|专项资金|专项转移支付|转移支付|财政资金|财政项目|财政支出|"
    r"资金绩效|市级|县级|区级|省级|州级|乡级|镇级|本级|中央|关于|的"
)
_FILLER_END = re.compile(r"(?:单位|本级|机关|部门|关于|的)+$")
_GENERIC_PROJECT = re.compile(
    r"部门预算|部门整体|部门|单位|项目|支出|资金|财政|专项|转移支付|中央|省级|市级|县级|区级|州级|本级|整体|预算|绩效|、|和|及|与"
)
_PROJECT_TAIL = re.compile(r"(?:支出|绩效)+$")
_OVERALL = re.compile(r"整体")
_DEPT_UNIT = re.compile(r"部门[(（]单位[)）]")
_PROJECT = re.compile(r"项目|专项|转移支付|资金(?!整体)")
YEAR_MIN, YEAR_MAX = 1990, 2100


@dataclass(frozen=True)
class ParsedTitle:
    """What a title states; spans are offsets into ``text`` (the title and its bracketed suffix)."""

    text: str
    department: tuple[int, int] | None
    place: tuple[int, int] | None
    year: int | None
    year_span: tuple[int, int] | None
    placeholder_year: bool
    kind: str | None
    kind_span: tuple[int, int] | None
    form: str
    project: tuple[int, int] | None

    def part(self, span: tuple[int, int] | None) -> str | None:
        return self.text[span[0] : span[1]] if span else None


_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}


def year_value(text: str) -> int | None:
    """``2022`` or ``二〇二二`` as a fiscal year; None for a placeholder (``20xx``) or out of range."""
    digits = "".join(_CN_DIGITS.get(c, c) for c in text)
    if not (digits.isascii() and digits.isdigit()):
        return None
    value = int(digits)
    return value if YEAR_MIN <= value <= YEAR_MAX else None


def parse_title(text: str, classify: Callable[[str], str | None], suffix: str = "") -> ParsedTitle | None:
    """The parts of ``text`` (a title ending in …绩效…报告/表) and its bracketed ``suffix``.

    ``classify(name)`` says whether the words before the year or scope are a ``"department"``,
    only a ``"place"`` (``岳阳楼区``), or neither (None).
    """
    end = TITLE_END.search(text)
    if end is None:
        return None
    full = text + suffix
    form = "table" if _TABLE_END.search(end.group()) else "report"
    body_end = end.start()
    year_match = _PAREN_YEAR.search(text, 0, body_end) or _YEAR.search(text, 0, body_end)
    if year_match is None and suffix:
        year_match = _PAREN_YEAR.search(full, len(text)) or _YEAR.search(full, len(text))
    year = None
    year_span = None
    placeholder = False
    if year_match is not None:
        year_text = year_match.group("year")
        placeholder = year_text[2:].lower() == "xx"
        year = year_value(year_text)
        year_span = year_match.span()
    start = 0
    while text.startswith(("关于", "的"), start):
        start += 2 if text.startswith("关于", start) else 1
    if year_span is not None and year_span[0] == start:
        start = year_span[1]
    # the department runs to the first year or scope word after it
    boundary = body_end
    for pattern in (_PAREN_YEAR, _YEAR, _SCOPE):
        found = pattern.search(text, start, body_end)
        if found is not None:
            boundary = min(boundary, found.start())
    dept_end = boundary
    filler = _FILLER_END.search(text, start, dept_end)
    if filler is not None:
        dept_end = filler.start()
    department = place = None
    role = classify(text[start:dept_end]) if dept_end - start >= 2 else None
    if role == "department":
        department = (start, dept_end)
    elif role == "place":
        place = (start, dept_end)
    scope_from = dept_end if role else start
    kind = kind_span = None
    overall = _OVERALL.search(text, scope_from, end.end())
    project = _PROJECT.search(text, scope_from, end.end())
    if overall is not None:
        kind, kind_span = "department_overall", overall.span()
    elif project is not None:
        kind, kind_span = "project", project.span()
    elif _DEPT_UNIT.search(text, scope_from, end.end()):
        kind, kind_span = "department_overall", (scope_from, body_end)
    project_span = None
    if kind == "project":
        name_from = dept_end if role else start
        if year_span is not None and year_span[1] <= body_end and year_span[0] >= name_from - 1:
            name_from = max(name_from, year_span[1])
        project_span = _project_name(text, name_from, body_end) or _project_name(full, len(text), len(full))
    return ParsedTitle(full, department, place, year, year_span, placeholder, kind, kind_span, form, project_span)


def _project_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The project (or fund) named in ``text[start:end]``: not only generic words, no year."""
    while start < end and text[start] in "(（":
        start += 1
    while end > start and text[end - 1] in ")）":
        end -= 1
    while text.startswith(("关于", "的"), start):
        start += 2 if text.startswith("关于", start) else 1
    tail = _PROJECT_TAIL.search(text, start, end)
    if tail is not None:
        end = tail.start()
    name = text[start:end]
    if len(_GENERIC_PROJECT.sub("", name)) < 2 or _YEAR.search(name) or "绩效" in name:
        return None
    return start, end
