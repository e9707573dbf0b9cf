"""The report's header facts (标题信息): department, region, year and kind, read from the title.

The title is the text before the first heading, e.g. ``中国共产党广州市荔湾区委员会宣传部
2022年部门整体支出绩效自评报告``, or, joined back from two PDF lines, ``2022年度中国共产党
广州市增城区委员会宣传部整体支出绩效自评报告``. The region is derived from the department
name (``广州市荔湾区``).
"""

from __future__ import annotations

import re

from jixiao.extract.facts import Facts
from jixiao.text.numbers import parse_chinese_numeral

_YEAR = r"\d{4}|[〇零一二三四五六七八九]{4}"  # 2022 or 二〇二二
_TITLE = re.compile(
    rf"(?:(?P<year1>{_YEAR})年度?)?"
    r"(?P<department>[^\n]{2,60}?)"
    rf"(?:(?P<year2>{_YEAR})年度?)?"
    r"(?P<kind>部门整体支出|整体支出|项目支出|部门整体|专项资金|项目)?"
    r"(?:绩效)?(?:自评|自我评价|评价)(?:工作)?(?:情况)?的?报告"
)
_REGION = re.compile(
    r"(?:中国共产党|中共)?"
    r"(?P<region>(?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?"
    r"(?:[\u4e00-\u9fff]{2,7}?(?:市|自治州|地区|盟))?"
    r"(?:[\u4e00-\u9fff]{2,6}?(?:区|县|旗))?)"
)
_TRAILING_WORDS = re.compile(r"(?:关于|的|开展)+$")  # "…财政局关于2022年度…的报告"
_INNER_YEAR = re.compile(rf"(?P<year>{_YEAR})年度?")
_TITLE_SEARCH_LIMIT = 400
_TITLE_MAX_CHARS = 160
_YEAR_MIN, _YEAR_MAX = 1990, 2100


def _year_value(text: str) -> int | None:
    return int(text) if text.isdigit() and text.isascii() else parse_chinese_numeral(text)


def _year_span(match: re.Match[str]) -> tuple[int, int] | None:
    for group in ("year1", "year2"):
        if match.group(group):
            return match.span(group)
    return None


def _title_span(facts: Facts) -> tuple[int, int] | None:
    """The first title-like paragraph before the first heading."""
    document = facts.document
    first_heading = document.outline.sections[0].start if document.outline.sections else len(document.text)
    limit = min(first_heading, _TITLE_SEARCH_LIMIT)
    start = 0
    while start < limit:
        end = document.text.find("\n", start)
        end = len(document.text) if end < 0 else end
        if "报告" in document.text[start:end] or "绩效" in document.text[start:end]:
            return start, end
        start = end + 1
    return None


def extract_header(facts: Facts) -> None:
    """Add department, region, year and kind candidates from the title."""
    span = _title_span(facts)
    if span is None:
        facts.warnings.append("未找到报告标题")
        return
    text = facts.document.text
    # a title is short; bounding the search keeps the lazy department group linear
    match = _TITLE.search(text, span[0], min(span[1], span[0] + _TITLE_MAX_CHARS))
    if match is None:
        facts.warnings.append("标题格式无法识别")
        return
    dept_start, dept_end = match.span("department")
    year_span = _year_span(match)
    inner_year = _INNER_YEAR.search(text, dept_start, dept_end)
    if year_span is None and inner_year is not None:
        # "XX局2021年度YY项目支出绩效自评报告": the year separates department and project name
        year_span = inner_year.span("year")
        dept_end = inner_year.start()
    while dept_start < dept_end and text[dept_start] in " ：:":
        dept_start += 1
    trailing = _TRAILING_WORDS.search(text, dept_start, dept_end)
    if trailing is not None:
        dept_end = trailing.start()
    department = text[dept_start:dept_end].rstrip(" ：:")
    if department:
        facts.add("department", department, dept_start, dept_end)
        region = _REGION.match(department)
        if region and region.group("region"):
            offset = match.start("department") + region.start("region")
            facts.add("region", region.group("region"), offset, offset + len(region.group("region")))
    if year_span is not None:
        year = _year_value(text[year_span[0] : year_span[1]])
        if year is not None and _YEAR_MIN <= year <= _YEAR_MAX:
            facts.add("year", year, year_span[0], year_span[1] + 1)
    kind = match.group("kind")
    if kind:
        value = "project" if kind.startswith("项目") or kind == "专项资金" else "department_overall"
        facts.add("kind", value, match.start("kind"), match.end("kind"))
