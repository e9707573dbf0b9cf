"""XLSX 自评表 read back with openpyxl: merges, numbers as numbers, formulas, values in place."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl

from jixiao.render import render_bytes


def _sheet(report):
    workbook = openpyxl.load_workbook(io.BytesIO(render_bytes(report, "xlsx")))
    return workbook["自评表"]


def test_layout_and_merged_ranges(full_report) -> None:
    sheet = _sheet(full_report)
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A1"].value == "部门整体支出绩效自评表（2022年度）"
    assert {"A1:I1", "B2:E2", "G2:I2", "A3:A7", "H3:I3", "H4:I4", "A8:A9", "B8:E8", "F8:I8", "B9:E9", "F9:I9"} <= merged
    assert sheet["A3"].value == "项目资金（万元）"
    assert [sheet.cell(3, c).value for c in range(3, 9)] == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert [sheet.cell(r, 2).value for r in range(4, 8)] == ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"]
    assert sheet["A8"].value == "年度总体目标"
    assert (sheet["B8"].value, sheet["F8"].value) == ("预期目标", "实际完成情况")
    assert sheet["B9"].value.startswith("1.开展一系列正面宣传")
    assert sheet["F9"].value.startswith("1.有效宣传荔湾发展成果")
    assert [sheet.cell(10, c).value for c in range(1, 10)] == [
        "绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
    ]
    # 产出指标 spans its four indicators, 数量指标 the first three; 绩效指标 the header and six rows
    assert {"A10:A16", "B11:B14", "C11:C13"} <= merged
    assert sheet["A17"].value == "总分" and "A17:F17" in merged


def test_numbers_are_numbers(full_report) -> None:
    sheet = _sheet(full_report)
    assert (sheet["C4"].value, sheet["D4"].value, sheet["E4"].value, sheet["F4"].value) == (3500, 3663.27, 2659.4, 10)
    assert sheet["E5"].value == 2659.4  # 当年财政拨款 = 一般公共 + 政府性基金 + 国有资本经营
    assert sheet["E7"].value == 0
    assert sheet["D4"].number_format == "0.00"
    row = [sheet.cell(11, c).value for c in range(4, 9)]
    assert row == ["舆情日报数量", 200, 432, 15, 15]
    assert sheet["E11"].number_format == '"≥"General"期"'  # the operator and unit live in the format
    for column in "CDEF":
        assert isinstance(sheet[f"{column}4"].value, int | float)


def test_formulas_where_the_form_computes(full_report) -> None:
    sheet = _sheet(full_report)
    assert sheet["G4"].value == "=E4/D4"
    assert sheet["G4"].number_format == "0.00%"
    assert sheet["H4"].value == "=F4*MIN(G4,1)"
    assert sheet["H17"].value == "=SUM(H4:H16)"
    assert sheet["G17"].value == "=F4+SUM(G11:G16)"


def test_deviation_reason_in_its_column(full_report) -> None:
    sheet = _sheet(full_report)
    assert sheet["D16"].value == "市民对文明城市建设满意度"
    assert sheet["I16"].value.startswith("部分市民对文明城市创建活动参与度不高")


def test_null_scores_leave_cells_empty(synthetic_report) -> None:
    sheet = _sheet(synthetic_report)
    assert synthetic_report.evaluation.score is None
    first = 11
    last = first + len(synthetic_report.indicators) - 1
    assert all(sheet.cell(r, 8).value is None for r in range(first, last + 1))
    assert sheet.cell(last + 1, 1).value == "总分"
    assert sheet.cell(last + 1, 8).value is None  # no SUM over scores the report does not have


def test_stated_total_score_when_indicator_scores_are_missing(gold_report) -> None:
    sheet = _sheet(gold_report)
    assert sheet["A12"].value == "总分"  # no indicators: one empty row keeps the form's shape
    assert sheet["H12"].value == 99.24


def test_stated_rate_without_amounts_is_a_number(gold_report) -> None:
    gold_report.budget.total = None
    sheet = _sheet(gold_report)
    assert sheet["G4"].value == 0.9232
    assert sheet["H4"].value == "=F4*MIN(G4,1)"
    gold_report.budget.execution_rate = None
    sheet = _sheet(gold_report)
    assert sheet["G4"].value is None and sheet["H4"].value is None


def test_borders_on_merged_and_plain_cells(full_report) -> None:
    sheet = _sheet(full_report)
    for ref in ("A3", "C4", "I16", "A17"):
        border = sheet[ref].border
        assert border.left.style == "thin" and border.bottom.style == "thin", ref


def test_decimal_amounts_round_trip_to_the_cent() -> None:
    from jixiao import synthetic

    report = synthetic.report(5, 2022)
    sheet = _sheet(report)
    assert Decimal(str(sheet["D4"].value)) == report.budget.total
