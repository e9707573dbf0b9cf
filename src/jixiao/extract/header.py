"""The report's header facts (标题信息): department, region, year and kind, read from the title.

The title is the text before the first heading, e.g. ``中国共产党广州市荔湾区委员会宣传部
2022年部门整体支出绩效自评报告``, or, joined back from two PDF lines, ``2022年度中国共产党
广州市增城区委员会宣传部整体支出绩效自评报告``. The region is derived from the department
name (``广州市荔湾区``).
"""

from __future__ import annotations

import re

from jixiao.extract.facts import Facts

_TITLE = re.compile(
    r"(?:(?P<year1>\d{4})年度?)?"
    r"(?P<department>[^\n]{2,60}?)"
    r"(?:(?P<year2>\d{4})年度?)?"
    r"(?P<kind>部门整体支出|整体支出|项目支出|部门整体|专项资金|项目)?"
    r"(?:绩效)?(?:自评|自我评价|评价)(?:报告|情况报告)"
)
_REGION = re.compile(
    r"(?:中国共产党|中共)?"
    r"(?P<region>(?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?"
    r"(?:[\u4e00-\u9fff]{2,7}?(?:市|自治州|地区|盟))?"
    r"(?:[\u4e00-\u9fff]{1,6}?(?:区|县|旗))?)"
)
_TITLE_SEARCH_LIMIT = 400
_YEAR_MIN, _YEAR_MAX = 1990, 2100


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
    match = _TITLE.search(text, span[0], span[1])
    if match is None:
        facts.warnings.append("标题格式无法识别")
        return
    department = match.group("department").strip(" ：:")
    if department:
        facts.add("department", department, match.start("department"), match.end("department"))
        region = _REGION.match(department)
        if region and region.group("region"):
            offset = match.start("department") + region.start("region")
            facts.add("region", region.group("region"), offset, offset + len(region.group("region")))
    year_group = "year1" if match.group("year1") else "year2" if match.group("year2") else None
    if year_group:
        year = int(match.group(year_group))
        if _YEAR_MIN <= year <= _YEAR_MAX:
            facts.add("year", year, match.start(year_group), match.end(year_group) + 1)
    kind = match.group("kind")
    if kind:
        value = "project" if kind.startswith("项目") or kind == "专项资金" else "department_overall"
        facts.add("kind", value, match.start("kind"), match.end("kind"))
