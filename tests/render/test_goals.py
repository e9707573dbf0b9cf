"""The goals table (部门整体支出绩效目标表) of a seed report: goals, indicators with targets and 分值, the budget — no actuals."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl

from jixiao.importer import import_file
from jixiao.render import prepare
from jixiao.render.goals import goals_title, render_goals_xlsx
from jixiao.samples import samples


def _sheet(report):
    book = openpyxl.load_workbook(io.BytesIO(render_goals_xlsx(report)))
    return book["目标表"]


def test_the_goals_table_holds_the_goals_indicators_and_budget_but_no_actuals() -> None:
    report = import_file(samples()[0].text_path).report
    sheet = _sheet(report)
    cells = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    text = "\n".join(str(c) for c in cells)
    assert sheet["A1"].value == goals_title(report) == "部门整体支出绩效目标表（2022年度）"
    assert report.department in cells
    assert report.budget.total is not None and float(report.budget.total) in cells
    for goal in report.goals:
        assert goal.text[:20] in text
    for indicator in report.indicators:
        assert indicator.name in cells
    # the 分值 column: each indicator's weight as the engine assigns it (what the 自评表 prints too)
    prepared = prepare(report)
    weights = [Decimal(str(c.value)) for c in sheet["I"] if isinstance(c.value, (int, float))]
    assert weights == [i.weight for i in prepared.report.indicators]
    assert sum(weights) > 0
    # nothing of the year-end: no 实际完成值 and no 得分 columns
    assert "实际完成值" not in text and "得分" not in text and "偏差原因" not in text
