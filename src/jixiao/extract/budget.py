"""Budget figures (部门整体收支情况): total, spent, execution rate, by source, by nature, carryover.

A figure in prose is a label followed by an amount — ``全年预算数3663.27万元``,
``预算收入2,661.70万元``, ``年中调整预算64163.86万元``, ``财政资金总额16.20万元``,
``共计下达…资金3580.69万元``, ``执行数2659.40万元``, ``拨付使用16.20万元``,
``已兑现…救助资金14280元``, ``本年支出合计…``, ``预算执行率为92.32%``, ``完成预算的72.60%``,
``一般公共预算财政拨款支出2269.81万元``, ``基本支出1198.25万元``, ``年末结转和结余80.67万元``.
Amounts are converted to 万元 (the unit of the interchange format); the evidence keeps the
span as written (``14280元``). Tables are read by :mod:`jixiao.extract.budget_tables`.

What a label does not state for the report as a whole is left alone:

- a goal (``预算执行率达到90%以上``, ``力争…``) is not a result;
- a figure of another year (``上年``, ``2021年决算支出`` in a 2022 report) is not this year's,
  and a 年初 budget (``2021年初…收入预算``) is ``budget.initial``, not the year's total;
- a label bound to a part (``项目支出执行率``, ``财政拨款项目支出``, ``××项目预算数`` in a
  department report) is not the department's figure;
- the same figure stated once per item of a list (``一是…预算完成率100%；二是…预算完成率100%``,
  ``1.××经费。…支出资金30万元 2.××费用。…支出资金30万元``) is each item's, not the whole's;
- in a project report (``kind: project``) the project's own ``项目支出`` is its spending, and
  there is no 基本/项目 split.

``收入总计`` / ``支出总计`` (which include money carried over) count only when no other total
or spending is stated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.extract.budget_tables import extract_budget_tables, in_budget_section
from jixiao.extract.facts import Facts
from jixiao.extract.glued_rates import extract_glued_rates
from jixiao.extract.items import drop_item_figures
from jixiao.text.numbers import Quantity, to_wan_yuan

_CONNECT = r"(?:为|是|达到|达|共计|共|合计|总计|总额为|总额|约|：|:|人民币|有){0,3}"
_AMOUNT = r"(?P<number>\d+(?:,\d{3})*(?:\.\d+)?)(?P<unit>万元|亿元|千元|元)?"
_LABEL_UNIT = r"(?:[（(](?P<label_unit>万元|亿元|千元|元)[）)])?"  # 全年预算数（万元）：3663.27
_PERCENT = r"(?P<number>\d+(?:\.\d+)?)%"
_CLAUSE_START = r"(?:(?<=[，。；：,;:\n（(、])|^)"
_YEAR_PREFIX = r"(?:\d{4}年度?|全年|本年度?|年度|当年|实际|累计)?"


@dataclass(frozen=True)
class _Figure:
    """A labelled figure: its key path, label pattern and value pattern.

    ``part_of`` is how a word bound to the label's front is read: ``"part"`` — such a word names
    a part (项目支出执行率, 财政拨款项目支出), so the statement is not the whole's; ``"free"`` — the
    label carries its own qualifier (一般公共预算财政拨款支出). ``fallback`` figures count only
    when no other statement of the key exists.
    """

    path: str
    label: str
    value: str
    part_of: str = "part"
    fallback: bool = False
    budget_label: bool = False  # a budget total: 年初 in the clause makes it budget.initial
    needs: tuple[str, ...] = ()
    """Words one of which every match of ``label`` contains: a paragraph with none of them is not
    searched (a label starting with alternatives and look-behinds is tried at every position)."""


_FIGURES: tuple[_Figure, ...] = (
    _Figure("budget.initial", r"年初预算(?:数|金额|资金|安排)?", _AMOUNT, needs=("年初预算",)),
    _Figure(
        "budget.total",
        r"(?:全年|调整后的?|年中调整|调整|年度|全年调整后|本年度?)预算(?:数|总额|金额|资金)?"
        r"|(?<!年初)(?<!执行)预算(?:数|总额)|预算收入(?:数|合计)?|收入预算(?:数)?|支出预算(?:数)?"
        r"|本年收入合计|(?:财政|预算)?资金总额",
        _AMOUNT,
        budget_label=True,
        needs=("预算", "收入合计", "资金总额"),
    ),
    # 共计下达…资金3580.69万元: the funds allotted to the report's projects, in total
    _Figure("budget.total", r"(?:共计|合计|累计|共)下达[^，。；：\n\d]{0,30}?资金", _AMOUNT, part_of="free",
            needs=("下达",)),
    _Figure("budget.total", r"收入总计", _AMOUNT, fallback=True, needs=("收入总计",)),
    _Figure(
        "budget.spent",
        rf"(?:预算)?执行数|实际支出(?:数)?|支出总额|总支出|决算支出(?:数)?|支出决算(?:数)?|(?<!上年)决算数|本年支出合计"
        rf"|拨付使用|实际使用(?:资金)?|{_CLAUSE_START}{_YEAR_PREFIX}支出(?:数|合计)?(?!总计)",
        _AMOUNT,
        needs=("执行数", "支出", "决算数", "拨付使用", "实际使用"),
    ),
    _Figure("budget.spent", r"(?:已)?兑现[^，。；：\n\d]{0,40}?资金", _AMOUNT, part_of="free", needs=("兑现",)),
    _Figure("budget.spent", r"支出总计", _AMOUNT, fallback=True, needs=("支出总计",)),
    _Figure(
        "budget.execution_rate",
        r"(?:预算|资金)?执行率|完成(?:全年|年度)?预算(?:数)?的|预算完成率|支出率",
        _PERCENT,
        needs=("执行率", "完成", "支出率"),
    ),
    _Figure(
        "budget.by_source.general_public",
        r"一般公共预算(?:财政)?(?:拨款)?(?:资金)?(?P<flow>支出|收入)?",
        _AMOUNT,
        part_of="free",
        needs=("一般公共预算",),
    ),
    _Figure(
        "budget.by_source.government_fund",
        r"政府性基金(?:预算)?(?:财政)?(?:拨款)?(?:资金)?(?P<flow>支出|收入)?",
        _AMOUNT,
        part_of="free",
        needs=("政府性基金",),
    ),
    _Figure(
        "budget.by_source.state_capital",
        r"国有资本经营(?:预算)?(?:财政)?(?:拨款)?(?:资金)?(?P<flow>支出|收入)?",
        _AMOUNT,
        part_of="free",
        needs=("国有资本经营",),
    ),
    _Figure("budget.by_source.other", r"其他资金(?P<flow>支出|收入)?", _AMOUNT, needs=("其他资金",)),
    _Figure("budget.by_nature.basic", r"基本支出(?:数)?", _AMOUNT, needs=("基本支出",)),
    _Figure("budget.by_nature.project", r"项目支出(?:数|合计)?", _AMOUNT, needs=("项目支出",)),
    _Figure(
        "budget.carryover",
        # 上年结转 / 年初结转 is money brought in, not the year-end carryover
        r"(?:(?:年末|年底|期末)|(?<!上年)(?<!年初))结转(?:和|及|与)?结余(?:资金)?(?:数|总额|合计)?|结余结转",
        _AMOUNT,
        needs=("结转",),
    ),
)
_PATTERNS = tuple(
    (
        figure,
        re.compile(
            rf"(?:{figure.label}){_LABEL_UNIT if figure.value == _AMOUNT else ''}{_CONNECT}{figure.value}",
            re.MULTILINE,
        ),
        # the words of ``needs`` as one pattern: a paragraph is tested in one call, not a word at a time
        re.compile("|".join(map(re.escape, figure.needs))) if figure.needs else None,
    )
    for figure in _FIGURES
)


def _value(match: re.Match[str]) -> Decimal | None:
    """The figure in 万元 (or percent); None for a bare number or an income (收入) by source."""
    groups = match.groupdict()
    number = Decimal(match.group("number").replace(",", ""))
    if "unit" not in groups:
        return number  # a percentage
    if groups.get("flow") == "收入":
        return None  # by_source counts expenditure; income by source is not this figure
    unit = groups["unit"] or groups.get("label_unit")
    if unit is None:
        return None
    return to_wan_yuan(Quantity(value=number, unit=unit))


_FIGURE = re.compile(r"\d(?:万元|亿元|千元|元|%)|[（(](?:万元|亿元|千元|元)[）)]")
_FIGURE_NEEDS = "元%"
"""Every match of :data:`_FIGURE` holds one of these characters."""

# -- what the clause before a label says ------------------------------------------------------

_TARGET_AFTER = re.compile(r"以上|以下|以内|左右")
_TARGET_BEFORE = re.compile(r"力争|确保|目标|要求|计划|预计|争取|控制在|不低于|不少于")
_CLAUSE_BREAKS = "，。；：\n,;:"
_CLAUSE_WINDOW = 80  # a word further back than this is in another clause
_PREVIOUS_YEAR = re.compile(r"上年|上一年|去年|上年度|同期")
_INITIAL = re.compile(r"年初")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
# Words that may stand right before a label without making it a part's figure: connectives,
# the time (2022年度, 全年), the whole (部门整体), and the subject of the sentence (我局, 本单位,
# …厅/局/中心 — a department's name).
_FREE_WORDS = re.compile(
    r"(?:其中|包括|含|的|和|及|与|是|为|共|总|合计|实际|累计|全部|综合|(?:部门)?整体支出|部门整体|整体|部门"
    r"|全(?:局|系统|县|市|区|镇|乡|院|厅|委|校|中心|部门|单位)|单位|本单位|本部门|我单位"
    r"|我部门|我局|本局|我校|本校|我院|本院|我中心|本中心|我委|我办|全年|本年度?|当年|年度|年中|年初|\d{4}年度?|\d+|\d{1,2}月)$"
)
_SUBJECT_END = re.compile(r"(?:厅|局|委|办|院|部|会|中心|站|所|馆|队|室|处|科|校|学|园|团|社|联|镇|乡|街道|政府)$")
_PROJECT_WORDS = re.compile(r"(?:项目|专项|资金|经费)$")
_BOUND_MAX = 40
# an execution rate above this is a misreading, not a fact (over-execution stays far below it)
_RATE_MAX = Decimal(300)
_LOOSE_DIGITS = re.compile(r"^\d+(?![\d年月])")


def _clause_start(text: str, position: int) -> int:
    window = max(0, position - _CLAUSE_WINDOW)
    return max(max(text.rfind(char, window, position) for char in _CLAUSE_BREAKS) + 1, window)


def _is_target(text: str, match: re.Match[str], clause_start: int) -> bool:
    """Whether the figure is a goal (预算执行率达到90%以上, 力争执行率达到95%), not a result."""
    if _TARGET_AFTER.match(text, match.end()):
        return True
    return _TARGET_BEFORE.search(text, clause_start, match.start()) is not None


def _is_word_char(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or char.isdigit()


def _bound_word(text: str, clause_start: int, label_start: int) -> str:
    """The CJK run bound to the label's front, without the words that leave it free."""
    start = label_start
    while start > clause_start and _is_word_char(text[start - 1]) and label_start - start < _BOUND_MAX:
        start -= 1
    # digits count only as a year or a month (2022年度); a number before the label is another cell
    word = _LOOSE_DIGITS.sub("", text[start:label_start])
    while word and (free := _FREE_WORDS.search(word)) is not None:
        word = word[: free.start()]
    return word


def _is_part(text: str, figure: _Figure, match: re.Match[str], clause_start: int, project_report: bool) -> bool:
    """Whether a word bound to the label makes it a part's figure (项目支出执行率, 其他项目支出)."""
    if figure.part_of != "part":
        return False
    word = _bound_word(text, clause_start, match.start())
    if not word or _SUBJECT_END.search(word):
        return False
    # in a project report the project's own 资金/经费 is the whole (××项目财政资金总额)
    return not (project_report and _PROJECT_WORDS.search(word))


def _other_year(text: str, clause_start: int, position: int, year: int | None) -> bool:
    if _PREVIOUS_YEAR.search(text, clause_start, position):
        return True
    if year is None:
        return False
    return any(int(found.group(1)) != year for found in _YEAR.finditer(text, clause_start, position))


def _glued(facts: Facts, match: re.Match[str]) -> bool:
    """Whether the number was two numbers on two lines of the original (table cells the
    normaliser joined: ``92.5`` / ``100%`` → ``92.5100%``); a PDF never breaks a line inside a number."""
    start, end = facts.document.to_original(*match.span("number"))
    return "\n" in facts.document.original[start:end]


def extract_budget(facts: Facts) -> None:
    """Add a candidate for every budget figure stated in the prose or a table (goals excepted)."""
    text = facts.document.text
    year = facts.peek("year")
    project_report = facts.peek("kind") == "project"
    # only paragraphs with an amount or a percentage can state a figure: skip the others
    for start, end in facts.document.paragraphs_with(_FIGURE, _FIGURE_NEEDS):
        for figure, pattern, needs in _PATTERNS:
            if needs is not None and needs.search(text, start, end) is None:
                continue
            for match in pattern.finditer(text, start, end):
                value = _value(match)
                if value is None or _glued(facts, match):
                    continue
                if figure.path == "budget.execution_rate" and value > _RATE_MAX:
                    facts.warnings.append(f"预算执行率{value}%不合常理，未采用")
                    continue
                clause_start = _clause_start(text, match.start())
                number_start = match.start("number")
                if _is_target(text, match, clause_start) or _other_year(text, clause_start, number_start, year):
                    continue
                if _is_part(text, figure, match, clause_start, project_report):
                    continue
                path = figure.path
                if figure.budget_label and _INITIAL.search(text, clause_start, match.start()):
                    path = "budget.initial"
                fallback = figure.fallback
                if project_report and path.startswith("budget.by_nature."):
                    if path != "budget.by_nature.project":
                        continue
                    path, fallback = "budget.spent", True  # the project's own spending
                authoritative = in_budget_section(facts, match.start())
                facts.add(path, value, match.start(), match.end(), authoritative=authoritative, fallback=fallback)
    extract_budget_tables(facts)
    extract_glued_rates(facts)
    drop_item_figures(facts, _PATHS)


_PATHS = tuple(dict.fromkeys(figure.path for figure in _FIGURES))
