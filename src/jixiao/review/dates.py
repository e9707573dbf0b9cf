"""Years and dates of the report itself (年度与日期): its titles, its cover, its publication.

* **Titles** — the title of a report can appear several times: a page or library title
  ("《…2022年度部门整体绩效自评表.docx》由会员分享"), the cover, the title above a table. Only
  phrases that name the report itself are read — at the start of a paragraph or inside the
  file name in 《》 — and that end where the title ends; a notice cited in a sentence
  ("关于开展2018年…绩效评价工作的通知") is not a title. Titles naming different years make the
  report's year uncertain.
* **Dates** — a page's 发布时间/发布日期/成文日期 cannot be earlier than the 自评时间/评价时间/
  报告日期/填报日期 the report states on its cover (compared to the precision both give: a
  month against a day compares the months).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from jixiao.report import Finding
from jixiao.review.engine import Context, rule

_KIND = r"(?:绩效自评报告|绩效评价报告|绩效评价自评报告|绩效自评表|绩效评价表|自评报告|评价报告|自评表|绩效报告|绩效自评材料)"
_TITLE = re.compile(
    r"(?P<year>(?:19|20)\d\d)\s*年度?[)）]?(?P<rest>[^\d，。；：:！？\n《》“”|]{0,40}?)(?P<kind>" + _KIND + r")"
    r"|(?P<kind2>" + _KIND + r")\s*[(（]+\s*(?P<year2>(?:19|20)\d\d)\s*年度?\s*[)）]"
)
_TITLE_FOLLOW = re.compile(
    r"\s*(?:$|[(（《》.\s|]|主管部|单位名称|部门名称|项目名称|填报|预算部门|编制单位|评价机构|自评单位|一、|1、|（一）|\(一\))"
)
_LEAD = re.compile(r"\s*(?:\d{1,2}[、.])?\s*")
_CITING = re.compile(r"根据|按照|依据|关于|通知|要求|参照|印发|对照|形成")


@dataclass(frozen=True)
class Title:
    year: int
    start: int
    end: int


def titles(ctx: Context) -> list[Title]:
    """Phrases that title the report itself, with their years; cached on the context."""
    cached = ctx.memo.get("titles")
    if cached is not None:
        return cached
    assert ctx.document is not None
    text = ctx.document.text
    result: list[Title] = []
    for p_start, p_end in ctx.document.paragraphs:
        if p_end - p_start < 6 or not re.search(_KIND, text[p_start:p_end]):
            continue
        for match in _TITLE.finditer(text, p_start, p_end):
            year = int(match.group("year") or match.group("year2"))
            end = match.end()
            if not _TITLE_FOLLOW.match(text, end, p_end) and end != p_end:
                continue  # 2021年度绩效自评报告问题整改情况: a topic, not the title
            before = text[p_start : match.start()]
            quoted = before.rfind("《") > before.rfind("》")
            if quoted:
                close = text.find("》", end, p_end)
                name = text[end:close] if close >= 0 else ""
                if not re.match(r"\s*\.(?:docx?|pdf|wps|xlsx?)", name, re.IGNORECASE):
                    continue  # a cited document, not this file's name
            elif len(before) > 40 or _CITING.search(before):
                continue
            if quoted:
                start = p_start + before.rfind("《") + 1
            else:
                lead = _LEAD.match(before)
                start = p_start + (lead.end() if lead else 0)  # 1、 of a document-library page
            result.append(Title(year=year, start=start, end=end))
    ctx.memo["titles"] = result
    return result


@rule(
    "consistency.title_year",
    title="报告标题的年度前后不一",
    severity="serious",
    checks="报告自身的标题（页面或文库标题、封面标题、表格上方的标题）写出不同的年度，如文库标题“…2022年度部门整体绩效自评表”"
    "而表内标题“…2023年度部门整体绩效自评表”；句中引用的通知、文件不算标题。标题只有一个年度时，"
    "文中带年份的收支数字（预算收入、支出、基本支出、项目支出）若全部写作另一年度，也报告。",
    basis="domain.md §6.2 报告标题含评价年度; §7.2-6 数据不一致 [I]",
    example="《梁平区林业局2022年度部门整体绩效自评表.docx》，表内“梁平区林业局2023年度部门整体绩效自评表”。",
    needs_document=True,
)
def title_year(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    found = titles(ctx)
    years = list(dict.fromkeys(title.year for title in found))
    if len(years) == 1:
        yield from _body_years(ctx, found[0], years[0])
    if len(years) < 2:
        return
    text = ctx.document.text
    first_of = {year: next(t for t in found if t.year == year) for year in years}
    quoted = "、".join(f"“{text[t.start:t.end]}”（{t.year}年度）" for t in first_of.values())
    yield ctx.finding(
        f"报告标题的年度前后不一：{quoted}，无法确定所评价的年度",
        [ctx.span(t.start, t.end) for t in first_of.values()],
        "核对评价年度，统一标题与表内年度；若沿用了上年模板，更正全部年度信息。",
    )


# -- publication against self-evaluation dates ----------------------------------------------

_DATE = r"(?P<y>(?:19|20)\d\d)\s*(?:年|[-./])\s*(?P<m>\d{1,2})(?:\s*(?:月|[-./])\s*(?P<d>\d{1,2})日?)?(?:\s*月)?"
_PUBLISHED = re.compile(r"(?:发布时间|发布日期|发文日期|成文日期|公开日期|印发日期|上传时间|归档时间)\s*[:：]?\s*\]?\s*" + _DATE)
_REPORTED = re.compile(r"(?:自评时间|自评日期|评价时间|评价日期|报告日期|报告时间|填报日期|填报时间|编制日期|编报日期)\s*[:：]?\s*" + _DATE)


def _dates(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int, int | None], int, int]]:
    found = []
    for match in pattern.finditer(text):
        month = int(match.group("m"))
        if not 1 <= month <= 12:
            continue
        day = int(match.group("d")) if match.group("d") else None
        found.append(((int(match.group("y")), month, day), match.start(), match.end()))
    return found


def _earlier(a: tuple[int, int, int | None], b: tuple[int, int, int | None]) -> bool:
    """Whether date ``a`` is before ``b`` at the precision both state."""
    if a[2] is not None and b[2] is not None:
        return (a[0], a[1], a[2]) < (b[0], b[1], b[2])
    return (a[0], a[1]) < (b[0], b[1])


def _show(date: tuple[int, int, int | None]) -> str:
    return f"{date[0]}年{date[1]}月" + (f"{date[2]}日" if date[2] else "")


@rule(
    "consistency.date_order",
    title="发布日期早于自评日期",
    severity="general",
    checks="页面的发布时间（发布日期、成文日期、上传时间）早于报告封面所写的自评时间、评价时间、报告日期或填报日期"
    "（按两者共有的精度比较：只写到月的按月比较）。",
    basis="domain.md §5.3 自评结果公开; §7.2-6 数据不一致 [I]",
    example="封面“自评时间:2021年12月”，页面“发布时间:2021-02-26”。",
    needs_document=True,
)
def date_order(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    text = ctx.document.text
    published = _dates(_PUBLISHED, text)
    reported = _dates(_REPORTED, text)
    for report_date, r_start, r_end in reported:
        early = [item for item in published if _earlier(item[0], report_date)]
        if not early:
            continue
        pub_date, p_start, p_end = min(early, key=lambda item: item[0][:2])
        yield ctx.finding(
            f"页面“{text[p_start:p_end]}”（{_show(pub_date)}）早于报告所写的“{text[r_start:r_end]}”"
            f"（{_show(report_date)}），日期前后矛盾",
            [ctx.span(p_start, p_end), ctx.span(r_start, r_end)],
            "核对自评时间与发布时间，更正有误的日期。",
        )
        return


_BODY_YEAR = re.compile(r"^((?:19|20)\d\d)年度?")


def _body_years(ctx: Context, title: Title, year: int) -> Iterator[Finding]:
    """The report's own income and expenditure all stated for another year than its title's."""
    from jixiao.review.figures import BASIC, EXPENDITURE, INCOME, PROJECT, figures

    assert ctx.document is not None
    stated: dict[int, list[tuple[int, int]]] = {}
    for figure in figures(ctx).items:
        label = figure.head
        named = _BODY_YEAR.match(label)
        if not figure.money or named is None:
            continue
        if not any(p.search(label) for p in (INCOME, EXPENDITURE, BASIC, PROJECT)):
            continue
        stated.setdefault(int(named.group(1)), []).append((figure.label_start, figure.end))
    if year in stated or not stated:
        return
    other, spans = max(stated.items(), key=lambda item: len(item[1]))
    if len(spans) < 2 or len(stated) > 1:
        return
    text = ctx.document.text
    shown = "、".join(f"“{text[a:b]}”" for a, b in spans[:3])
    yield ctx.finding(
        f"标题“{text[title.start:title.end]}”为{year}年度，而文中收支数字均写作{other}年：{shown}",
        [ctx.span(title.start, title.end), *(ctx.span(a, b) for a, b in spans[:3])],
        "核对评价年度：标题与收支数字应为同一年度。",
    )
