"""XLSX 自评表 read back with openpyxl: merges, numbers as numbers, formulas WITH their values, the engine's scores."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from jixiao.importer import import_file
from jixiao.render import RenderOptions, render_bytes
from jixiao.scoring import default_framework_for, score_report


def _book(report, *, data_only: bool = False, **options):
    data = render_bytes(report, "xlsx", options=RenderOptions(**options) if options else None)
    return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)["自评表"]


def _numbers_and_formulas(report, **options):
    """The sheet as written (formulas) and as a reader that does not calculate sees it (cached values)."""
    return _book(report, **options), _book(report, data_only=True, **options)


def test_layout_and_merged_ranges(full_report) -> None:
    sheet = _book(full_report)
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A1"].value == "部门整体支出绩效自评表（2022年度）"
    assert {"A1:I1", "B2:E2", "G2:I2", "A3:A7", "H3:I3", "H4:I4"} <= merged
    assert sheet["A3"].value == "项目资金（万元）"
    assert [sheet.cell(3, c).value for c in range(3, 9)] == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert [sheet.cell(r, 2).value for r in range(4, 8)] == ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"]
    # 年度总体目标: a header row, then one row per goal with the completion of the task beside it
    assert sheet["A8"].value == "年度总体目标" and "A8:A12" in merged
    assert (sheet["B8"].value, sheet["E8"].value) == ("预期目标", "实际完成情况")
    assert {"B8:D8", "E8:I8", "B9:D9", "E9:I9", "B12:D12", "E12:I12"} <= merged
    assert sheet["B9"].value.startswith("1.开展一系列正面宣传")
    assert sheet["B12"].value.startswith("4.围绕区委、区政府中心工作")
    assert sheet["E9"].value.startswith("1.有效宣传荔湾发展成果")
    assert sheet["E12"].value.startswith("4.区宣传文化事业发展专项工作")
    assert [sheet.cell(13, c).value for c in range(1, 10)] == [
        "绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
    ]
    # 产出指标 spans its four indicators, 数量指标 the first three; 绩效指标 the header and six rows
    assert {"A13:A19", "B14:B17", "C14:C16"} <= merged
    assert sheet["A20"].value == "总分" and "A20:F20" in merged


def test_numbers_are_numbers(full_report) -> None:
    sheet = _book(full_report)
    assert (sheet["C4"].value, sheet["D4"].value, sheet["E4"].value, sheet["F4"].value) == (3500, 3663.27, 2659.4, 10)
    assert sheet["E5"].value == 2659.4  # 当年财政拨款 = 一般公共 + 政府性基金 + 国有资本经营
    assert sheet["E7"].value == 0
    assert sheet["D4"].number_format == "0.00"
    row = [sheet.cell(14, c).value for c in range(4, 9)]
    assert row == ["舆情日报数量", 200, 432, 15, 15]
    assert sheet["E14"].number_format == '"≥"General"期"'  # the operator and unit live in the format


def test_formulas_carry_their_values(full_report) -> None:
    formulas, values = _numbers_and_formulas(full_report)
    assert formulas["G4"].value == "=E4/D4" and formulas["G4"].number_format == "0.00%"
    assert formulas["H4"].value == "=ROUND(F4*MIN(G4,1),2)"
    assert formulas["G20"].value == "=F4+SUM(G14:G19)"
    assert formulas["H20"].value == "=SUM(H4:H19)"
    # a reader that does not calculate (previewers, mail clients, pandas) sees the numbers
    assert values["G4"].value == pytest.approx(2659.4 / 3663.27, abs=1e-12)
    assert values["H4"].value == 7.26
    assert values["G20"].value == 100
    assert values["H20"].value == pytest.approx(93.76)


def test_every_number_cell_holds_a_value(seed) -> None:
    """The imported seed, scored by default: no formula cell without its value, 分值 adds up to 100."""
    report = import_file(seed.text_path).report
    formulas, values = _numbers_and_formulas(report)
    for row in formulas.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cached = values[cell.coordinate].value
                assert isinstance(cached, int | float), (seed.id, cell.coordinate, cell.value, cached)
    total_row = next(r for r in range(1, values.max_row + 1) if values.cell(r, 1).value == "总分")
    head_row = next(r for r in range(1, values.max_row + 1) if values.cell(r, 2).value == "一级指标")
    weights = [values.cell(r, 7).value for r in range(head_row + 1, total_row)]
    assert all(isinstance(w, int | float) for w in weights), weights  # 分值 for every row
    assert values["F4"].value + sum(weights) == pytest.approx(100)
    assert values.cell(total_row, 7).value == pytest.approx(100)


def test_total_is_the_engines_score(seed_000) -> None:
    report = import_file(seed_000.text_path).report
    result = score_report(report, default_framework_for(report.kind))
    assert result.complete
    values = _book(report, data_only=True)
    total_row = next(r for r in range(1, values.max_row + 1) if values.cell(r, 1).value == "总分")
    assert Decimal(str(values.cell(total_row, 8).value)) == result.total == Decimal("57.26")
    # 一级/二级 from the engine's mapping
    head_row = next(r for r in range(1, values.max_row + 1) if values.cell(r, 2).value == "一级指标")
    levels = [(values.cell(r, 2).value, values.cell(r, 3).value) for r in range(head_row + 1, total_row)]
    assert levels[0] == ("产出指标", "数量指标") and levels[3][1] == "质量指标"
    assert levels[4] == ("效益指标", "社会效益") and levels[5] == ("满意度指标", "服务对象满意度指标")


def test_deviation_reason_filled(full_report, seed_000) -> None:
    sheet = _book(full_report)
    assert sheet["D19"].value == "市民对文明城市建设满意度"
    assert sheet["I19"].value.startswith("部分市民对文明城市创建活动参与度不高")  # the report's own words
    scored = _book(import_file(seed_000.text_path).report)
    reasons = [scored.cell(r, 9).value for r in range(14, 20)]
    # 舆情日报数量 432 of 200: over the 130% line, a reason is owed; the officer is asked for it
    assert reasons[0].startswith("待填写：实际完成值达到指标值的 130% 及以上")
    assert reasons[3] == "无"  # 79 of 79: nothing deviates
    assert reasons[4] == "待填写：未填报实际完成值"
    assert scored["I14"].fill.fgColor.rgb.endswith("FFFF00")  # highlighted for the officer


def test_no_score_leaves_the_blanks(seed_000) -> None:
    report = import_file(seed_000.text_path).report
    sheet = _book(report, data_only=True, score=False)
    head_row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == "一级指标")
    total_row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "总分")
    assert all(sheet.cell(r, 8).value is None for r in range(head_row + 1, total_row))
    assert sheet.cell(total_row, 7).value is None  # no 分值 total without the weights
    assert sheet.cell(total_row, 8).value is None


def test_a_report_without_indicators_is_not_scored(gold_report) -> None:
    """增城 lists no indicator table: its parts keep their 分值 and the 总分 says it cannot be scored."""
    sheet = _book(gold_report, data_only=True)
    head_row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == "一级指标")
    total_row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "总分")
    rows = [[sheet.cell(r, c).value for c in range(2, 10)] for r in range(head_row + 1, total_row)]
    assert [row[0] for row in rows] == ["产出指标", "效益指标", "满意度指标"]
    assert [row[5] for row in rows] == [50, 30, 10] and all(row[2] is None for row in rows)  # no 三级指标
    assert sheet.cell(total_row, 7).value == 100
    total = sheet.cell(total_row, 8).value
    assert isinstance(total, str) and total.startswith("无法评分") and "99.24" in total
    assert "9.23" not in total  # the budget part alone is no total


def test_stated_rate_without_amounts_is_a_number(gold_report) -> None:
    gold_report.budget.total = None
    formulas, values = _numbers_and_formulas(gold_report)
    assert formulas["G4"].value == 0.9232
    assert formulas["H4"].value == "=ROUND(F4*MIN(G4,1),2)" and values["H4"].value == 9.23
    gold_report.budget.execution_rate = None
    sheet = _book(gold_report)
    assert sheet["G4"].value is None and sheet["H4"].value is None


def test_print_setup(full_report) -> None:
    sheet = _book(full_report)
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.page_setup.orientation == "landscape"
    # fit to one page wide (fitToWidth absent means 1 in OOXML), as many pages high as it takes
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth in (None, 1)
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$13:$13"  # the 绩效指标 header on every printed page


def test_borders_on_merged_and_plain_cells(full_report) -> None:
    sheet = _book(full_report)
    for ref in ("A3", "C4", "I19", "A20"):
        border = sheet[ref].border
        assert border.left.style == "thin" and border.bottom.style == "thin", ref


def test_decimal_amounts_round_trip_to_the_cent() -> None:
    from jixiao import synthetic

    report = synthetic.report(5, 2022)
    sheet = _book(report)
    assert Decimal(str(sheet["D4"].value)) == report.budget.total
