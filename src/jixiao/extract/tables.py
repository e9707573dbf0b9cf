"""The tables of a report (报告中的表格): the column and row vocabulary, and the tables found once.

:func:`document_tables` finds the tables of a document once (in its original text, see
:mod:`jixiao.text.tables`) for every reader of tables: budget figures, indicators, the score.

A title is compared after dropping blanks and parenthesised notes (``全年预算数(A)``,
``预算执行率(B/A×100%)``, ``全年(调整)预算数``, ``指标权重(分)`` → the bare title); a unit in
such a note (``执行数（万元）``) is kept as the column's unit. A year in the title
(``2021年决算数``) is kept so that a column of another year than the report's is never read
as this year's figure.

Budget columns: ``initial`` 年初预算数, ``total`` 全年/调整后/本年预算数, ``spent`` 执行数 /
决算数, ``rate`` 执行率, ``previous`` 上年决算 / 上年预算 (never a figure of this year);
indicator columns: ``level1`` 一级指标, ``level2`` 二级指标, ``name`` 三级指标, ``target``
年度指标值 / 年初目标值 / 预期值, ``actual`` 实际完成值 / 全年实际值, ``weight`` 分值 / 权重,
``score`` 得分, ``reason`` 偏差原因, ``unit`` 计量单位, ``nature`` 指标性质.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.extract.facts import Facts
from jixiao.text.normalise import fold_width
from jixiao.text.tables import Column, Table, find_tables

_NOTE = re.compile(r"[（(][^（()）]{0,30}[）)]")
_BLANKS = re.compile(r"\s+")
_MONEY_UNIT = re.compile(r"(?<![千万亿])(万元|亿元|千元|元)")
_YEAR = re.compile(r"^(?P<year>(?:19|20)\d{2})年度?")
_TITLE_MAX = 24

# (kind, holds values, pattern over the bare title); the first match wins
_COLUMNS: tuple[tuple[str, bool, re.Pattern[str]], ...] = tuple(
    (kind, value, re.compile(pattern))
    for kind, value, pattern in (
        ("previous", True, r"(?:上年|上年度|上一年度?|去年)(?:预算|决算|执行|实际|支出)?[数额]?(?:金额)?"),
        ("initial", True, r"年初(?:预算|预算数|预算金额|批复数|批复预算数?|安排数?)"),
        ("rate_score", True, r"执行率得分"),
        ("rate_weight", True, r"执行率(?:权重|分值)"),
        ("rate", True, r"(?:预算|资金|全年预算)?执行率|(?:预算)?完成率"),
        ("total", True, r"(?:全年|调整后|全年调整后?|调整|本年度?|当年|年度)?(?:调整)?预算(?:数|金额|资金|安排数?)?"
                        r"|全年(?:调整)?预算数|预算批复数|批复预算数?"),
        ("spent", True, r"(?:全年|本年度?|当年|实际)?(?:执行|决算|支出)(?:数|金额|额)?|实际支出|实际执行数"
                        r"|全年执行数|支出决算数?|决算支出数?"),
        ("level1", False, r"一级指标"),
        ("level2", False, r"二级指标"),
        ("name", False, r"三级指标|指标名称|绩效指标名称|指标内容"),
        # not 预期目标 / 实际完成情况: the 年度总体目标 row of the 10号 form, text beside text
        ("target", True, r"(?:年度|全年|年初)?(?:指标值|目标值)|预期(?:指标)?值|计划(?:指标)?值|绩效目标值|预期目标值"),
        ("actual", True, r"(?:全年)?(?:实际)?完成值|(?:全年)?实际值|实际完成数|全年完成值"),
        ("weight", True, r"分值|权重|指标权重|指标分值"),
        ("score", True, r"得分|指标得分|自评得分|评分"),
        ("reason", False, r"偏差原因.*|未完成原因.*|原因分析.*|说明|备注"),
        ("unit", False, r"计量单位|单位"),
        ("nature", False, r"指标性质|指标类型|指标方向"),
    )
)
TITLE_HINT = re.compile(r"预算|执行|决算|支出|指标|目标|预期|计划|完成|实际|分值|权重|得分|评分|原因|说明|备注|单位|性质|类型|方向|上年|去年")
"""A word every column title of the vocabulary contains (a cheap test before the line-by-line scan)."""
BUDGET_KINDS = frozenset({"initial", "total", "spent", "rate"})
INDICATOR_KINDS = frozenset({"name", "target", "actual"})


def bare_title(text: str) -> str:
    """A title without blanks and parenthesised notes: ``全年(调整)预算数(A)`` → ``全年预算数``."""
    return _NOTE.sub("", _BLANKS.sub("", text))


@lru_cache(maxsize=4096)
def column_of(text: str) -> Column | None:
    """The column a header cell names, or None when it is no title of the vocabulary."""
    if len(text) > 2 * _TITLE_MAX:
        return None
    compact = _BLANKS.sub("", text)
    bare = _NOTE.sub("", compact)
    if not bare or len(bare) > _TITLE_MAX:
        return None
    year = None
    year_match = _YEAR.match(bare)
    if year_match:
        year = int(year_match.group("year"))
        bare = bare[year_match.end() :]
    for kind, value, pattern in _COLUMNS:
        if pattern.fullmatch(bare):
            unit = _MONEY_UNIT.search(compact)
            # 一级指标 opens an indicator header: titles before it belong to another row
            return Column(kind, value, year, unit.group(1) if unit else None, opens=kind == "level1")
    return None


# -- row labels of budget tables --------------------------------------------------------------

_LABEL_LEAD = re.compile(r"^(?:其中|含)?[：:]?\s*(?:\d{1,2}[、.．]|[（(]\d{1,2}[)）]|[一二三四五六七八九十][、.])?")
_LABEL_TRAIL = re.compile(r"[：:，,。；;]+$")
_ROWS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (path, re.compile(pattern))
    for path, pattern in (
        ("whole", r"(?:年度|本年|全年)?(?:财政)?(?:资金|项目资金|预算资金)?(?:总额|总金额|合计|总计)"
                  r"|年度总金额|支出总额|部门整体支出|整体支出|部门预算(?:支出)?|支出合计|本年支出合计|收支总额"),
        ("budget.by_nature.basic", r"基本支出"),
        ("budget.by_nature.project", r"项目支出"),
        ("budget.by_source.general_public", r"一般公共预算(?:财政)?(?:拨款)?(?:资金|支出)?"),
        ("budget.by_source.government_fund", r"政府性基金(?:预算)?(?:财政)?(?:拨款)?(?:资金|支出)?"),
        ("budget.by_source.state_capital", r"国有资本经营(?:预算)?(?:财政)?(?:拨款)?(?:资金|支出)?"),
        ("budget.by_source.other", r"其他资金(?:支出)?"),
        ("budget.carryover", r"(?:年末)?(?:结转(?:和|及)?结余|结余结转)(?:资金)?"),
    )
)


def row_kind(text: str) -> tuple[str, bool] | None:
    """What a budget table's row label names (``whole`` for the total row), and whether it is
    written as a part (``其中：…``), or None for any other row (a project, a sub-item)."""
    compact = _BLANKS.sub("", text)
    part = compact.startswith(("其中", "含"))
    bare = _LABEL_TRAIL.sub("", _LABEL_LEAD.sub("", _NOTE.sub("", compact)))
    for path, pattern in _ROWS:
        if pattern.fullmatch(bare):
            return path, part
    return None


# the funding rows of the 项目支出绩效自评表 (附件1) under 年度资金总额 → ProjectFunds field
_FUND_ROWS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("current_fiscal", re.compile(r"(?:当年|本年|年度)?财政(?:拨款|资金)(?:资金)?|财政拨款")),
    ("prior_carryover", re.compile(r"上年(?:度)?结转(?:结余)?(?:资金)?")),
    ("other", re.compile(r"其他资金")),
)


def fund_row(text: str) -> str | None:
    """The ``ProjectFunds`` field a 自评表 funding row names (``其中：当年财政拨款`` → ``current_fiscal``), or None."""
    compact = _BLANKS.sub("", text)
    bare = _LABEL_TRAIL.sub("", _LABEL_LEAD.sub("", _NOTE.sub("", compact)))
    for name, pattern in _FUND_ROWS:
        if pattern.fullmatch(bare):
            return name
    return None


def document_tables(facts: Facts) -> list[Table]:
    """The tables of the document, found on first use (offsets in the original text)."""
    key = "tables"
    if key not in facts.cache:
        # the width-folded original normalisation made already (offsets of the original)
        folded = facts.document.normalised.folded or fold_width(facts.document.original)
        facts.cache[key] = find_tables(folded, column_of, hint=TITLE_HINT)
    tables: list[Table] = facts.cache[key]
    return tables
