"""The 自评表 (self-evaluation form) as a grid of cells, laid out once for every format.

The layout follows the 财预〔2020〕10号 附件1 form (domain.md §1.6): a 项目资金 block
(年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分), 年度总体目标 (预期目标 |
实际完成情况), the 绩效指标 block (一级 / 二级 / 三级, 年度指标值, 实际完成值, 分值, 得分,
偏差原因分析及改进措施) and 总分. XLSX writes the cells with their formulas; DOCX, HTML and
Markdown print the values the formulas would compute.

Nine columns, A…I. The 得分 column is H in both blocks so that 总分 is one ``SUM`` over it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from jixiao.figures import format as fmt
from jixiao.figures.labels import OP_SYMBOLS
from jixiao.render.context import TemplateContext
from jixiao.report import Indicator

Style = Literal["title", "head", "label", "text", "money", "percent", "score", "quantity"]

COLUMNS = 9


@dataclass
class FormCell:
    """One (possibly merged) cell of the form, 0-based coordinates."""

    row: int
    col: int
    value: Decimal | str | None = None
    style: Style = "text"
    rowspan: int = 1
    colspan: int = 1
    formula: str | None = None
    """An Excel formula (``=E4/D4``) the XLSX writes instead of the value."""
    number_format: str | None = None
    display: str = ""
    """What a printed form shows in this cell (the formula's result, formatted)."""


@dataclass
class Form:
    """The whole form: title, cells, and the rows where its blocks start (for tests and styling)."""

    title: str
    cells: list[FormCell] = field(default_factory=list)
    rows: int = 0
    body_row: int = 1
    """The first row under the title row: DOCX and HTML print the title above the table instead."""
    fund_row: int = 0
    indicator_head_row: int = 0
    total_row: int = 0

    def grid(self) -> list[list[FormCell | None]]:
        """Rows of anchors: ``grid[r][c]`` is the cell anchored there, ``None`` where covered or empty."""
        table: list[list[FormCell | None]] = [[None] * COLUMNS for _ in range(self.rows)]
        for cell in self.cells:
            table[cell.row][cell.col] = cell
        return table


def ref(row: int, col: int) -> str:
    """0-based (row, col) → an A1 reference."""
    return f"{chr(ord('A') + col)}{row + 1}"


def _cell(form: Form, row: int, col: int, value: Decimal | str | None = None, style: Style = "text", *,
          rowspan: int = 1, colspan: int = 1, formula: str | None = None, number_format: str | None = None,
          display: str | None = None) -> FormCell:
    if display is None:
        display = "" if value is None else (fmt.money(value) if isinstance(value, Decimal) and style in ("money", "score")
                                            else fmt.plain(value) if isinstance(value, Decimal) else value) or ""
    cell = FormCell(row, col, value, style, rowspan, colspan, formula, number_format, display)
    form.cells.append(cell)
    return cell


def _quantity_format(prefix: str, unit: str | None) -> str:
    # a number with its operator and unit shown by the format, so it stays a number in Excel
    head = f'"{prefix}"' if prefix else ""
    tail = f'"{unit}"' if unit else ""
    return f"{head}General{tail}"


def _target_cell(form: Form, row: int, indicator: Indicator, shown: str) -> None:
    if indicator.op != "qualitative" and indicator.target is not None:
        symbol = OP_SYMBOLS.get(indicator.op or "", "")
        _cell(form, row, 4, indicator.target, "quantity",
              number_format=_quantity_format(symbol, indicator.unit), display=shown)
    else:
        _cell(form, row, 4, shown or None, "text", display=shown)


def _actual_cell(form: Form, row: int, indicator: Indicator, shown: str) -> None:
    if indicator.op != "qualitative" and indicator.actual is not None:
        _cell(form, row, 5, indicator.actual, "quantity", number_format=_quantity_format("", indicator.unit),
              display=shown)
    else:
        _cell(form, row, 5, shown or None, "text", display=shown)


def _spans(keys: list[str]) -> list[tuple[int, int]]:
    """Runs of equal consecutive keys as (start, length): merged 一级/二级 cells."""
    runs: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            runs.append((start, i - start))
            start = i
    return runs


def build(ctx: TemplateContext) -> Form:
    """Lay out the 自评表 of the report behind ``ctx``.

    The 执行率 cell is the rate the form computes (执行数 ÷ 全年预算数; the stated rate only
    where the amounts are missing), its 得分 the framework's ``weight × min(执行率, 1)``: the
    figures ``jixiao score`` gives, in every format.
    """
    report = ctx.report
    budget = report.budget
    year = f"{report.year}年度" if report.year else "年度"
    title = f"部门整体支出绩效自评表（{year}）" if report.kind != "project" else f"项目支出绩效自评表（{year}）"
    form = Form(title=title)
    _cell(form, 0, 0, title, "title", colspan=COLUMNS)
    _cell(form, 1, 0, "部门名称", "label")
    _cell(form, 1, 1, ctx.department, "text", colspan=4)
    _cell(form, 1, 5, "所属地区", "label")
    _cell(form, 1, 6, ctx.region, "text", colspan=3)

    # -- 项目资金 -------------------------------------------------------------------------
    r = form.fund_row = 2
    _cell(form, r, 0, "项目资金（万元）", "label", rowspan=5)
    for col, head in enumerate(("", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率"), start=1):
        _cell(form, r, col, head or None, "head")
    _cell(form, r, 7, "得分", "head", colspan=2)
    t = r + 1
    _cell(form, t, 1, "年度资金总额", "label")
    _cell(form, t, 2, budget.initial, "money", number_format="0.00")
    _cell(form, t, 3, budget.total, "money", number_format="0.00")
    _cell(form, t, 4, budget.spent, "money", number_format="0.00")
    execution = ctx.framework.execution_part
    weight = execution.weight if execution is not None else None
    _cell(form, t, 5, weight, "score", number_format="0.00")
    rate = ctx.budget.execution
    reckoned = rate.reckoned
    fraction = None if reckoned is None else reckoned / 100
    rate_formula = f"={ref(t, 4)}/{ref(t, 3)}" if rate.computed is not None else None
    _cell(form, t, 6, fraction, "percent", formula=rate_formula, number_format="0.00%",
          display=rate.reckoned_text or "")
    fund_score = None if weight is None else rate.points(weight, ctx.framework.rounding.places)
    _cell(form, t, 7, fund_score, "score", colspan=2,
          formula=None if fund_score is None else f"={ref(t, 5)}*MIN({ref(t, 6)},1)",
          number_format="0.00", display=fmt.score(fund_score) or "")
    fiscal_parts = [budget.by_source.general_public, budget.by_source.government_fund, budget.by_source.state_capital]
    known = [part for part in fiscal_parts if part is not None]
    sub_rows: tuple[tuple[str, Decimal | None], ...] = (
        ("其中：当年财政拨款", sum(known, Decimal(0)) if known else None),
        ("上年结转资金", None),
        ("其他资金", budget.by_source.other),
    )
    for offset, (label, spent) in enumerate(sub_rows, start=2):
        row = r + offset
        _cell(form, row, 1, label, "label")
        _cell(form, row, 2, None, "money")
        _cell(form, row, 3, None, "money")
        _cell(form, row, 4, spent, "money", number_format="0.00")
        _cell(form, row, 5, "—", "text")
        _cell(form, row, 6, "—", "text")
        _cell(form, row, 7, "—", "text", colspan=2)

    # -- 年度总体目标 -----------------------------------------------------------------------
    g = r + 5
    _cell(form, g, 0, "年度总体目标", "label", rowspan=2)
    _cell(form, g, 1, "预期目标", "head", colspan=4)
    _cell(form, g, 5, "实际完成情况", "head", colspan=4)
    goals = "\n".join(f"{i}.{goal}" for i, goal in enumerate(ctx.goals, start=1)) if len(ctx.goals) > 1 else "".join(ctx.goals)
    done = "\n".join(
        f"{i}.{task['title']}" + (f"：{task['text']}" if task["text"] else "")
        for i, task in enumerate(ctx.tasks, start=1)
    )
    _cell(form, g + 1, 1, goals or None, "text", colspan=4)
    _cell(form, g + 1, 5, done or None, "text", colspan=4)

    # -- 绩效指标 ---------------------------------------------------------------------------
    h = form.indicator_head_row = g + 2
    for col, head in enumerate(("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                                "偏差原因分析及改进措施"), start=1):
        _cell(form, h, col, head, "head")
    first = h + 1
    indicators = report.indicators
    views = ctx.indicators
    count = max(1, len(indicators))
    _cell(form, h, 0, "绩效指标", "label", rowspan=count + 1)
    for run_start, length in _spans([view.level1 for view in views]):
        _cell(form, first + run_start, 1, views[run_start].level1 or None, "label", rowspan=length)
    for run_start, length in _spans([f"{view.level1}\x00{view.level2}" for view in views]):
        _cell(form, first + run_start, 2, views[run_start].level2 or None, "label", rowspan=length)
    for i, (indicator, view) in enumerate(zip(indicators, views, strict=True)):
        row = first + i
        _cell(form, row, 3, view.name, "text")
        _target_cell(form, row, indicator, view.target)
        _actual_cell(form, row, indicator, view.actual)
        _cell(form, row, 6, indicator.weight, "score", number_format="0.00", display=view.weight or "")
        _cell(form, row, 7, indicator.score, "score", number_format="0.00", display=view.score or "")
        _cell(form, row, 8, view.deviation_reason, "text")
    if not indicators:
        for col in range(1, COLUMNS):
            _cell(form, first, col, None, "text")
    last = first + count - 1

    # -- 总分 -------------------------------------------------------------------------------
    z = form.total_row = last + 1
    _cell(form, z, 0, "总分", "label", colspan=6)
    weights = [indicator.weight for indicator in indicators]
    weight_total = (weight or Decimal(0)) + sum((w for w in weights if w is not None), Decimal(0))
    _cell(form, z, 6, weight_total, "score", formula=f"={ref(t, 5)}+SUM({ref(first, 6)}:{ref(last, 6)})",
          number_format="0.00", display=fmt.score(weight_total))
    scores = [indicator.score for indicator in indicators]
    if indicators and all(s is not None for s in scores) and fund_score is not None:
        total = fund_score + sum((s for s in scores if s is not None), Decimal(0))
        _cell(form, z, 7, total, "score", colspan=2, formula=f"=SUM({ref(t, 7)}:{ref(last, 7)})",
              number_format="0.00", display=fmt.score(total))
    else:
        # the form cannot add up scores it does not have: print the stated 自评分, or leave it empty
        stated = report.evaluation.score
        _cell(form, z, 7, stated, "score", colspan=2, number_format="0.00", display=fmt.score(stated) or "")
    form.rows = z + 1
    return form
