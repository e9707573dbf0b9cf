"""Budget figures (部门整体收支情况): total, spent, execution rate, by source, by nature, carryover.

Each figure is a label followed by an amount, e.g. ``全年预算数3663.27万元``,
``预算收入2,661.70万元``, ``预算执行率为92.32%``, ``完成预算的72.60%``,
``一般公共预算财政拨款支出2269.81万元``, ``年末结转和结余80.67万元``. Amounts are converted to
万元 (the unit of the interchange format). A bare ``支出`` counts as the total spent only at
the start of a clause, so that ``基本支出`` or ``……财政拨款支出`` are not read as it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.extract.budget_tables import extract_budget_tables
from jixiao.extract.facts import Facts
from jixiao.text.numbers import Quantity, to_wan_yuan

_CONNECT = r"(?:为|是|达到|达|共计|共|合计|总计|总额为|总额|约|：|:|人民币){0,3}"
_AMOUNT = r"(?P<number>\d+(?:,\d{3})*(?:\.\d+)?)(?P<unit>万元|亿元|千元|元)?"
_LABEL_UNIT = r"(?:[（(](?P<label_unit>万元|亿元|千元|元)[）)])?"  # 全年预算数（万元）：3663.27
_PERCENT = r"(?P<number>\d+(?:\.\d+)?)%"
_CLAUSE_START = r"(?:(?<=[，。；：,;:\n（(])|^)"
_YEAR_PREFIX = r"(?:\d{4}年度?|全年|本年度?|年度|当年|实际|累计)?"

_FIGURES: tuple[tuple[str, str, str], ...] = (
    ("budget.initial", r"年初预算(?:数|金额|资金|安排)?", _AMOUNT),
    (
        "budget.total",
        r"(?:全年|调整后的?|调整|年度|全年调整后|本年度?)预算(?:数|总额|金额|资金)?"
        r"|(?<!年初)(?<!执行)预算(?:数|总额)|预算收入(?:数|合计)?|收入预算(?:数)?",
        _AMOUNT,
    ),
    (
        "budget.spent",
        rf"(?:预算)?执行数|实际支出(?:数)?|支出总额|总支出|决算支出(?:数)?"
        rf"|{_CLAUSE_START}{_YEAR_PREFIX}支出(?:数|合计)?",
        _AMOUNT,
    ),
    (
        "budget.execution_rate",
        r"(?:预算)?执行率|完成(?:全年|年度)?预算(?:数)?的|预算完成率|支出率",
        _PERCENT,
    ),
    (
        "budget.by_source.general_public",
        r"一般公共预算(?:财政)?(?:拨款)?(?:资金)?(?P<flow>支出|收入)?",
        _AMOUNT,
    ),
    (
        "budget.by_source.government_fund",
        r"政府性基金(?:预算)?(?:财政)?(?:拨款)?(?:资金)?(?P<flow>支出|收入)?",
        _AMOUNT,
    ),
    (
        "budget.by_source.state_capital",
        r"国有资本经营(?:预算)?(?:财政)?(?:拨款)?(?:资金)?(?P<flow>支出|收入)?",
        _AMOUNT,
    ),
    ("budget.by_source.other", r"其他资金(?P<flow>支出|收入)?", _AMOUNT),
    ("budget.by_nature.basic", r"基本支出(?:数)?", _AMOUNT),
    ("budget.by_nature.project", r"项目支出(?:数)?", _AMOUNT),
    (
        "budget.carryover",
        # 上年结转 / 年初结转 is money brought in, not the year-end carryover
        r"(?:(?:年末|年底|期末)|(?<!上年)(?<!年初))结转(?:和|及|与)?结余(?:资金)?(?:数|总额|合计)?|结余结转",
        _AMOUNT,
    ),
)
_PATTERNS = tuple(
    (
        path,
        re.compile(rf"(?:{label}){_LABEL_UNIT if value == _AMOUNT else ''}{_CONNECT}{value}", re.MULTILINE),
    )
    for path, label, value in _FIGURES
)
_BUDGET_SECTION = re.compile(r"收支|预算|决算|资金|支出情况")


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


def _in_budget_section(facts: Facts, offset: int) -> bool:
    return any(_BUDGET_SECTION.search(title) for title in facts.document.section_at(offset))


_FIGURE = re.compile(r"\d(?:万元|亿元|千元|元|%)|[（(](?:万元|亿元|千元|元)[）)]")


_TARGET_AFTER = re.compile(r"以上|以下|以内|左右")
_TARGET_BEFORE = re.compile(r"力争|确保|目标|要求|计划|预计|争取")
_CLAUSE_BREAKS = "，。；：\n,;:"
_CLAUSE_WINDOW = 80  # a goal word further back than this is in another clause


def _is_target(text: str, match: re.Match[str]) -> bool:
    """Whether the figure is a goal (预算执行率达到90%以上, 力争执行率达到95%), not a result."""
    if _TARGET_AFTER.match(text, match.end()):
        return True
    window = max(0, match.start() - _CLAUSE_WINDOW)
    clause_start = max(max(text.rfind(char, window, match.start()) for char in _CLAUSE_BREAKS) + 1, window)
    return _TARGET_BEFORE.search(text, clause_start, match.start()) is not None


def extract_budget(facts: Facts) -> None:
    """Add a candidate for every budget figure stated anywhere in the text (goals excepted)."""
    text = facts.document.text
    # only paragraphs with an amount or a percentage can state a figure: skip the others
    for start, end in facts.document.paragraphs_with(_FIGURE):
        for path, pattern in _PATTERNS:
            for match in pattern.finditer(text, start, end):
                value = _value(match)
                if value is None or _is_target(text, match):
                    continue
                authoritative = _in_budget_section(facts, match.start())
                facts.add(path, value, match.start(), match.end(), authoritative=authoritative)
    extract_budget_tables(facts)
