"""What a template or a broken conversion left in the text (模板残留与残缺): placeholders, old
years, lost amounts, broken document numbers.

* **Placeholders** — ``20XX年``, ``XX单位``, ``≥**平方米``, ``（请填写…）``, and the 待填写 marks jixiao's
  own writer leaves (``【待填写：…】``): the template's blanks were never filled. The form's own footnote (说明：…填报…) is part of the form and is left alone.
* **Old years** — a chapter heading of the report's own work (年度工作任务, 绩效目标, 收支情况 …)
  naming a year before the report's year (its titles, or the extracted year): a heading copied
  from an older report. Headings about rectification (整改) and the years before are left alone.
* **Lost amounts** — a table cell or amount reduced to its decimals (``年度总金额.32.06.5``): the
  integer part was lost in conversion and the figure cannot be read.
* **Document numbers** — ``川财社〔2020165号`` (no closing 〕), ``南财函〔202〕25号`` (a three-digit
  year): 〔year〕number号 is the official form.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from jixiao.report import Finding
from jixiao.review.dates import titles
from jixiao.review.engine import Context, rule
from jixiao.text.pending import find_pending

_PLACEHOLDER = re.compile(
    r"20[Xx×＊*]{2}\s*年"
    r"|[XxＸ×]{2,3}(?=单位|部门|局|区|县|市|项目|万元|年|月|日|人|个)"
    r"|[≥≤><]\s*[*＊]{2,}|[*＊]{2,}\s*(?:平方米|立方米|万元|元|个|人|%|米|台|套|次)"
    r"|[（(]\s*(?:请)?填写[^）)]{0,20}[）)]|请在此(?:处)?填写|此处填写|在此填写|请填写"
)


_PLACEHOLDER_HINT = re.compile(r"[XxＸ×*＊]|填写")


@rule(
    "text.template_leftover",
    title="模板占位符或旧年度未改",
    severity="general",
    checks="模板的占位符没有填写（20XX年、XX单位、“≥**平方米”、“（请填写…）”、生成报告时留下的“【待填写：…】”），或报告自身工作的章节标题"
    "（年度工作任务、绩效目标、收支情况等）写的是早于报告年度的年份（整改、历年情况除外）。",
    basis="domain.md §7.1 报告须“内容完整、数据真实” [R 10号]; 文字质量 [I]",
    example="三级指标“公猪舍(≥**平方米)”；2023年度报告的章节“（三）2021年度部门整体支出绩效目标”。",
    needs_document=True,
)
def template_leftover(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    text = ctx.document.text
    hits = list(_PLACEHOLDER.finditer(text)) if _PLACEHOLDER_HINT.search(text) else []
    # The marks jixiao's own writer leaves (【待填写：…】, 待填写：…) where the officer has not yet written.
    hits = sorted([*hits, *find_pending(text)], key=lambda m: m.start())
    if hits:
        kinds = Counter(re.sub(r"\s", "", m.group()) for m in hits)
        shown = "、".join(f"“{k}”" + (f"（{n}处）" if n > 1 else "") for k, n in list(kinds.items())[:6])
        spans = []
        for m in hits[:8]:
            start, end = ctx.document.paragraph_span(m.start())
            spans.append(ctx.span(max(start, m.start() - 12), min(end, m.end() + 6)))
        yield ctx.finding(
            f"文中留有模板占位符：{shown}，相应内容未填写",
            spans,
            "按实际情况填写占位符处的数值、名称或年度。",
        )
    yield from _old_years(ctx)


_OWN_WORK = re.compile(r"年度?(?:重点)?(?:工作|任务|绩效目标|整体支出|部门整体|收支|预算|决算|资金|履职|主要职责)")
_YEAR_IN_HEADING = re.compile(r"((?:19|20)\d\d)\s*年")
_NOT_OWN = re.compile(r"整改|上年|以前|历年|以来|对比|比较|较|同比|至|—|-|~")


def _report_year(ctx: Context) -> int | None:
    years = Counter(title.year for title in titles(ctx))
    if len(years) == 1:
        return next(iter(years))
    return ctx.report.year if not years else None


_SELF_REFERENCE = re.compile(
    r"(?:现将|对|开展了?|进行了?|组织了?)[^。；《》]{0,16}?((?:19|20)\d\d)\s*年度?[^。；《》\d]{0,24}?"
    r"(?:绩效自评|自评工作|绩效评价|整体支出绩效|自评情况|评价情况)[^。；《》]{0,20}?(?:报告如下|如下|自评|评价)"
)


def _old_years(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    year = _report_year(ctx)
    if year is None:
        return
    text = ctx.document.text
    for start, end in ctx.document.paragraphs:
        paragraph = text[start:end]
        if "年" not in paragraph or not ("自评" in paragraph or "评价" in paragraph):
            continue
        match = _SELF_REFERENCE.search(text, start, end)
        if match is None:
            continue
        stated = int(match.group(1))
        if stated == year:
            continue
        yield ctx.finding(
            f"{year}年度报告中写“{match.group()}”，年度为{stated}年，疑为沿用其他年度的报告未改",
            [ctx.span(match.start(), match.end())],
            f"核对自评年度，改为{year}年度。",
        )
        break
    for section in ctx.document.outline.sections:
        if section.level > 3:
            continue
        title = section.title
        named = _YEAR_IN_HEADING.search(title)
        if named is None or int(named.group(1)) >= year or _NOT_OWN.search(title):
            continue
        if not _OWN_WORK.search(title, named.end() - 1):
            continue
        yield ctx.finding(
            f"{year}年度报告的章节标题“{title}”写的是{named.group(1)}年，疑为沿用旧报告未改",
            [ctx.span(section.start, section.body_start)],
            f"核对该章节内容的年度，改为{year}年度。",
        )


# starts with the literal "." so that the scan is quick; what comes before is checked in code
_LOST = re.compile(r"\.\d{1,6}(?:\.\d{1,6})*")
_LOST_AFTER = "额数计金元|:： \t\n"


def _lost_amounts(text: str) -> list[re.Match[str]]:
    """Amounts reduced to their decimals: a run of fragments (.32.06.5), or one after a label (执行数.06)."""
    hits = []
    for match in _LOST.finditer(text):
        before = text[match.start() - 1] if match.start() else "\n"
        if before.isdigit() or before == ".":
            continue
        after = text[match.end() : match.end() + 1]
        run = match.group().count(".") > 1
        if run or (before in _LOST_AFTER and not after.isalpha() and after not in "、."):
            hits.append(match)
    return hits


@rule(
    "text.truncated_amount",
    title="金额残缺（整数部分丢失）",
    severity="serious",
    checks="金额只剩小数部分，如表中“年度总金额.32.06.5”“全年执行数 .06”：整数位在转换或录入时丢失，数字无法读出。",
    basis="domain.md §7.1 数据真实、完整 [R 10号]; §7.2-6 [I]",
    example="“年初预算数 全年(调整)预算数 全年执行数 … 年度总金额.32.06.5”。",
    needs_document=True,
)
def truncated_amount(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    text = ctx.document.text
    hits = _lost_amounts(text)
    if not hits:
        return
    fragments = "、".join(dict.fromkeys(f"“{m.group()}”" for m in hits[:6]))
    spans = []
    for m in hits[:4]:
        start, end = ctx.document.paragraph_span(m.start())
        spans.append(ctx.span(max(start, m.start() - 10), min(end, m.end() + 4)))
    yield ctx.finding(
        f"金额只剩小数部分：{fragments}，整数位丢失，无法读出实际数字",
        spans,
        "按原始报表补全金额（预算数、执行数等）后重新公开。",
    )


_DOC_NUMBER = re.compile(r"[〔【\[［](?P<inner>[^〕】\]］\n]{1,12}?)(?P<close>[〕】\]］])?(?P<serial>\d{0,5})号")


@rule(
    "text.document_number",
    title="文号格式残缺",
    severity="general",
    checks="发文字号应为“机关代字〔年份〕序号号”：缺少右括号（川财社〔2020165号）或年份不是四位（南财函〔202〕25号）。",
    basis="党政机关公文格式 GB/T 9704-2012 发文字号 [R]; 文字质量 [I]",
    example="“川财社〔2020165号”“南财函〔202〕25号”。",
    needs_document=True,
)
def document_number(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    text = ctx.document.text
    broken: list[re.Match[str]] = []
    for match in _DOC_NUMBER.finditer(text):
        if not match.start() or not "\u4e00" <= text[match.start() - 1] <= "\u9fff":
            continue  # 川财社〔…: an issuing body's code stands before the bracket
        inner, close = match.group("inner"), match.group("close")
        if close is None:
            if re.fullmatch(r"\d{5,}", inner + match.group("serial")) or re.fullmatch(r"\d+", inner):
                broken.append(match)
        elif not re.fullmatch(r"(?:19|20)\d\d", inner) and re.fullmatch(r"\d{1,3}|\d{5,}", inner):
            broken.append(match)
    if not broken:
        return
    spans = [(_code_start(text, m.start()), m.end()) for m in broken]
    shown = "、".join(dict.fromkeys(f"“{text[a:b]}”" for a, b in spans))
    yield ctx.finding(
        f"文号格式残缺：{shown}（应为“代字〔四位年份〕序号号”）",
        [ctx.span(a, b) for a, b in spans[:6]],
        "按发文原件更正文号。",
    )


def _code_start(text: str, bracket: int) -> int:
    """Where the issuing body's code (川财社) before a document number's bracket starts."""
    start = bracket
    while start > max(bracket - 6, 0) and "\u4e00" <= text[start - 1] <= "\u9fff":
        start -= 1
    return start
