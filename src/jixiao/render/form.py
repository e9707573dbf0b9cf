"""The 自评表 (self-evaluation form) as a grid of cells, laid out once for every format.

The layout follows the 财预〔2020〕10号 附件1 form (domain.md §1.6): a 项目资金 block
(年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分), 年度总体目标 (预期目标 |
实际完成情况, one row per goal), the 绩效指标 block (一级 / 二级 / 三级, 年度指标值, 实际完成值,
分值, 得分, 偏差原因分析及改进措施) and 总分. XLSX writes the cells with their formulas and the
values those formulas compute (so a reader that does not calculate sees the numbers); DOCX, HTML
and Markdown print the values.

Scored (the default, :class:`FormScoring` given): every row carries the framework's 分值 (the
预算执行率 weight plus the indicator weights the engine assigns, adding up to the framework's 100),
一级/二级 from the engine's mapping, the engine's 得分 where the report states none, and a part
of the framework the report lists no indicator for as a row of its own (no 三级指标, its 分值,
no 得分, 待填写 in 偏差原因). Then the 总分 is the sum of the 得分 column only when every row is scored; a report
without indicators says it cannot be scored, a partial sum is never shown as the total.

Nine columns, A…I. The 得分 column is H in both blocks so that 总分 is one ``SUM`` over it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from jixiao.figures import format as fmt
from jixiao.figures import rates
from jixiao.figures.labels import OP_SYMBOLS
from jixiao.render.context import TemplateContext
from jixiao.report import FUND_ROWS, Indicator, PerformanceReport
from jixiao.scoring.deviation import IndicatorAssessment
from jixiao.scoring.engine import ScoreResult
from jixiao.text.pending import pending

Style = Literal["title", "head", "label", "text", "money", "percent", "score", "quantity", "pending"]

COLUMNS = 9


@dataclass
class FormCell:
    """One (possibly merged) cell of the form, 0-based coordinates."""

    row: int
    col: int
    value: Decimal | str | None = None
    """The cell's value; for a formula, the value the formula computes (stored beside it in XLSX)."""
    style: Style = "text"
    rowspan: int = 1
    colspan: int = 1
    formula: str | None = None
    """An Excel formula (``=E4/D4``) the XLSX writes with :attr:`value` as its cached result."""
    number_format: str | None = None
    display: str = ""
    """What a printed form shows in this cell (the value, formatted)."""


@dataclass(frozen=True)
class FormScoring:
    """The engine's result for the form: totals and whether they are complete, and the deviation duties."""

    result: ScoreResult
    assessments: tuple[IndicatorAssessment, ...]
    part_weights: dict[str, Decimal]
    """The framework's weight of each part, for the rows of parts the report lists no indicator in."""


@dataclass
class Form:
    """The whole form: title, cells, and the rows where its blocks start (for tests, styling and page breaks)."""

    title: str
    cells: list[FormCell] = field(default_factory=list)
    rows: int = 0
    body_row: int = 1
    """The first row under the title row: DOCX and HTML print the title above the table instead."""
    fund_row: int = 0
    goal_row: int = 0
    indicator_head_row: int = 0
    total_row: int = 0
    note: str | None = None
    """Why the 总分 holds no total (无法评分 / 部分得分), when it does not."""
    sheet: str = "自评表"
    """The XLSX worksheet's name (the goals table of :mod:`jixiao.render.goals` is 目标表)."""

    def grid(self) -> list[list[FormCell | None]]:
        """Rows of anchors: ``grid[r][c]`` is the cell anchored there, ``None`` where covered or empty."""
        table: list[list[FormCell | None]] = [[None] * COLUMNS for _ in range(self.rows)]
        for cell in self.cells:
            table[cell.row][cell.col] = cell
        return table

    def blocks(self) -> list[tuple[int, int, int | None]]:
        """The form's blocks as ``(first row, end row, header row to repeat on a new page or None)``."""
        return [(self.body_row, self.goal_row, None), (self.goal_row, self.indicator_head_row, self.goal_row),
                (self.indicator_head_row, self.rows, self.indicator_head_row)]


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


def _deviation(indicator: Indicator, assessment: IndicatorAssessment | None, status: str) -> tuple[str | None, Style]:
    """偏差原因分析及改进措施: the report's own, else what is owed (待填写) or 无 when nothing deviates."""
    if indicator.deviation_reason:
        return indicator.deviation_reason, "text"
    if assessment is None:
        return None, "text"
    if assessment.reason_required:
        return pending(f"{assessment.reason_required}，须说明原因及改进措施"), "pending"
    if status == "未填报":
        return pending("未填报实际完成值"), "pending"
    if indicator.op != "qualitative" and indicator.target is None and not indicator.target_text:
        return pending("未填报年度指标值"), "pending"  # the engine cannot score it: no 无 beside its 0
    return "无", "text"


@dataclass(frozen=True)
class _Row:
    """One row of the 绩效指标 block: a report indicator, or a part of the framework it lists none in."""

    level1: str
    level2: str
    indicator: Indicator | None
    weight: Decimal | None


def _fund_rows(report: PerformanceReport) -> list[tuple[str, tuple[Decimal | None, Decimal | None, Decimal | None]]]:
    """The rows under 年度资金总额: a project's stated 附件1 funding rows (``budget.funds``), else what
    the sources give (当年财政拨款 = the fiscal sources' spending, 其他资金 = other)."""
    funds = report.budget.funds
    if not funds.is_empty():
        return [(("其中：" if i == 0 else "") + FUND_ROWS[name], (row.initial, row.total, row.spent))
                for i, (name, row) in enumerate(funds.rows())]
    by_source = report.budget.by_source
    fiscal_parts = [by_source.general_public, by_source.government_fund, by_source.state_capital]
    known = [part for part in fiscal_parts if part is not None]
    return [("其中：当年财政拨款", (None, None, sum(known, Decimal(0)) if known else None)),
            ("上年结转资金", (None, None, None)),
            ("其他资金", (None, None, by_source.other))]


def _goal_rows(ctx: TemplateContext) -> list[tuple[str | None, str | None]]:
    """年度总体目标 as rows: goal i beside its 实际完成情况 (the goal's own, else the completion of task i)."""
    goals: list[str] = list(ctx.goals)
    stated = [goal.actual for goal in ctx.report.goals if goal.text.strip()]
    tasks = [task["title"] + (f"：{task['text']}" if task["text"] else "") for task in ctx.tasks]
    done = [actual or (tasks[i] if i < len(tasks) else None) for i, actual in enumerate(stated)]
    done += tasks[len(done):]
    count = max(len(goals), len(done), 1)
    numbered = count > 1
    rows = []
    for i in range(count):
        goal = goals[i] if i < len(goals) else None
        completion = done[i] if i < len(done) else None
        rows.append((f"{i + 1}.{goal}" if goal and numbered else goal,
                     f"{i + 1}.{completion}" if completion and numbered else completion))
    return rows


def build(ctx: TemplateContext, scoring: FormScoring | None = None) -> Form:
    """Lay out the 自评表 of the report behind ``ctx``; ``scoring`` fills what the engine computes.

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
    if report.kind == "project":
        # 附件1: 项目名称 on its own row, then 主管部门 | 实施单位
        project = report.project
        _cell(form, 1, 0, "项目名称", "label")
        _cell(form, 1, 1, project.name if project else None, "text", colspan=COLUMNS - 1)
        _cell(form, 2, 0, "主管部门", "label")
        # 主管部门 only as stated (the reporting unit may be the 实施单位 rather than its 主管部门)
        _cell(form, 2, 1, project.department_in_charge if project else None, "text", colspan=4)
        _cell(form, 2, 5, "实施单位", "label")
        _cell(form, 2, 6, (project.implementer if project else None) or report.department, "text", colspan=3)
        r = form.fund_row = 3
    else:
        _cell(form, 1, 0, "部门名称", "label")
        _cell(form, 1, 1, ctx.department, "text", colspan=4)
        _cell(form, 1, 5, "所属地区", "label")
        _cell(form, 1, 6, ctx.region, "text", colspan=3)
        r = form.fund_row = 2

    # -- 项目资金 -------------------------------------------------------------------------
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
    rate_formula = f"={ref(t, 4)}/{ref(t, 3)}" if rate.computed is not None else None
    _cell(form, t, 6, rate.fraction, "percent", formula=rate_formula, number_format="0.00%",
          display=rate.reckoned_text or "")
    fund_score = None if weight is None else rate.points(weight, ctx.framework.rounding.places)
    places = ctx.framework.rounding.places
    _cell(form, t, 7, fund_score, "score", colspan=2,
          formula=None if fund_score is None else f"=ROUND({ref(t, 5)}*MIN({ref(t, 6)},1),{places})",
          number_format="0.00", display=fmt.score(fund_score) or "")
    for offset, (label, amounts) in enumerate(_fund_rows(report), start=2):
        row = r + offset
        _cell(form, row, 1, label, "label")
        for col, amount in zip((2, 3, 4), amounts, strict=True):
            _cell(form, row, col, amount, "money", number_format="0.00")
        _cell(form, row, 5, "—", "text")
        part_rate = rates.computed_rate(amounts[1], amounts[2])
        if part_rate is None:
            _cell(form, row, 6, "—", "text")
        else:
            _cell(form, row, 6, part_rate / 100, "percent", formula=f"={ref(row, 4)}/{ref(row, 3)}",
                  number_format="0.00%", display=fmt.percent(part_rate) or "")
        _cell(form, row, 7, "—", "text", colspan=2)

    # -- 年度总体目标: one row per goal ------------------------------------------------------
    g = form.goal_row = r + 5
    goal_rows = _goal_rows(ctx)
    _cell(form, g, 0, "年度总体目标", "label", rowspan=len(goal_rows) + 1)
    # 实际完成情况 is the longer text: it takes five columns, 预期目标 three
    _cell(form, g, 1, "预期目标", "head", colspan=3)
    _cell(form, g, 4, "实际完成情况", "head", colspan=5)
    for i, (goal, completion) in enumerate(goal_rows, start=1):
        _cell(form, g + i, 1, goal, "text", colspan=3)
        _cell(form, g + i, 4, completion, "text", colspan=5)

    # -- 绩效指标 ---------------------------------------------------------------------------
    h = form.indicator_head_row = g + len(goal_rows) + 1
    for col, head in enumerate(("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                                "偏差原因分析及改进措施"), start=1):
        _cell(form, h, col, head, "head")
    first = h + 1
    views = ctx.indicators
    rows = [_Row(view.level1, view.level2, indicator, indicator.weight)
            for indicator, view in zip(report.indicators, views, strict=True)]
    if scoring is not None:
        # a part the report lists no indicator in keeps its place and its 分值, unscored
        rows.extend(_Row(part, "", None, scoring.part_weights.get(part)) for part in scoring.result.uncounted)
    count = max(1, len(rows))
    _cell(form, h, 0, "绩效指标", "label", rowspan=count + 1)
    for run_start, length in _spans([row.level1 for row in rows]):
        _cell(form, first + run_start, 1, rows[run_start].level1 or None, "label", rowspan=length)
    for run_start, length in _spans([f"{row.level1}\x00{row.level2}" for row in rows]):
        _cell(form, first + run_start, 2, rows[run_start].level2 or None, "label", rowspan=length)
    assessments = {a.index: a for a in scoring.assessments} if scoring is not None else {}
    for i, item in enumerate(rows):
        row = first + i
        _cell(form, row, 6, item.weight, "score", number_format="0.00", display=fmt.score(item.weight) or "")
        if item.indicator is None:
            # no 三级指标 name: the row is the part's place, not an indicator (a reader must not take it for one)
            for col in (3, 4, 5, 7):
                _cell(form, row, col, None, "text")
            _cell(form, row, 8, pending(f"报告未列{item.level1}的三级指标"), "pending")
            continue
        view = views[i]
        _cell(form, row, 3, view.name, "text")
        _target_cell(form, row, item.indicator, view.target)
        _actual_cell(form, row, item.indicator, view.actual)
        _cell(form, row, 7, item.indicator.score, "score", number_format="0.00", display=view.score or "")
        reason, style = _deviation(item.indicator, assessments.get(i), view.status)
        _cell(form, row, 8, reason, style)
    if not rows:
        for col in range(1, COLUMNS):
            _cell(form, first, col, None, "text")
    last = first + count - 1

    # -- 总分 -------------------------------------------------------------------------------
    z = form.total_row = last + 1
    _cell(form, z, 0, "总分", "label", colspan=6)
    weights = [row.weight for row in rows]
    if weight is not None and all(w is not None for w in weights):
        weight_total = weight + sum((w for w in weights if w is not None), Decimal(0))
        _cell(form, z, 6, weight_total, "score", formula=f"={ref(t, 5)}+SUM({ref(first, 6)}:{ref(last, 6)})",
              number_format="0.00", display=fmt.score(weight_total))
    else:
        _cell(form, z, 6, None, "score")
    _total_score(form, ctx, scoring, rows, fund_score, (t, last, z))
    form.rows = z + 1
    return form


def _total_score(form: Form, ctx: TemplateContext, scoring: FormScoring | None, rows: list[_Row],
                 fund_score: Decimal | None, at: tuple[int, int, int]) -> None:
    """总分's 得分: the sum of the 得分 column when every row is scored, else why not (never a partial sum)."""
    t, last, z = at
    scores = [row.indicator.score if row.indicator is not None else None for row in rows]
    stated = ctx.report.evaluation.score
    if rows and fund_score is not None and all(s is not None for s in scores):
        total = fund_score + sum((s for s in scores if s is not None), Decimal(0))
        _cell(form, z, 7, total, "score", colspan=2, formula=f"=SUM({ref(t, 7)}:{ref(last, 7)})",
              number_format="0.00", display=fmt.score(total))
        return
    if scoring is not None and not scoring.result.complete:
        parts = "、".join(scoring.result.uncounted)
        reason = (f"无法评分：报告未列绩效指标（{parts}）" if not scoring.result.scorable
                  else f"不计总分：{parts}未列指标")
        if stated is not None:
            reason += f"；报告所述自评分{fmt.score(stated)}"
        form.note = reason
        _cell(form, z, 7, reason, "pending", colspan=2)
        return
    # the form cannot add up scores it does not have: print the stated 自评分, or leave it empty
    _cell(form, z, 7, stated, "score", colspan=2, number_format="0.00", display=fmt.score(stated) or "")
