"""The monthly execution workbook (月度执行数导入模板): the template, good files, bad rows, bad files."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
import xlsxwriter
from openpyxl import Workbook

from jixiao.monitor.monthly_xlsx import (
    AMOUNT_HEADER,
    MONTH_HEADER,
    MonthlyXlsxError,
    amount_from_cell,
    month_from_cell,
    read_monthly_xlsx,
    template_xlsx,
)

D = Decimal


def workbook(rows: list[list[object]], *, title: str | None = None) -> bytes:
    """A workbook written by openpyxl with ``rows`` under the template's headers."""
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append([MONTH_HEADER, AMOUNT_HEADER])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_template_reads_back_as_written() -> None:
    data = template_xlsx(department="甲局", year=2022, existing={1: D("12.30"), 2: D("0.05"), 12: D("100")})
    sheet = read_monthly_xlsx(data, filename="模板.xlsx")
    assert (sheet.department, sheet.year) == ("甲局", 2022)
    assert [(r.row, r.month, r.spent) for r in sheet.rows] == [(3, 1, D("12.30")), (4, 2, D("0.05")), (14, 12, D("100.00"))]
    assert sheet.errors == []


def test_float_cells_become_exact_cents() -> None:
    # openpyxl stores Python floats as the XML text of their repr; reading must not carry binary noise
    sheet = read_monthly_xlsx(workbook([[1, 12.3], [2, 0.1 + 0.2], [3, 1234567.89], [4, 7]]), filename="f.xlsx")
    spent = [r.spent for r in sheet.rows]
    assert spent == [D("12.30"), D("0.30"), D("1234567.89"), D("7.00")]
    assert [str(s) for s in spent] == ["12.30", "0.30", "1234567.89", "7.00"]


def test_a_file_written_by_xlsxwriter_reads_the_same() -> None:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("其他名字")
    sheet.write_row(0, 0, ["备注", "说明"])
    sheet.write_row(1, 0, ["序号", AMOUNT_HEADER, "备注", MONTH_HEADER])  # headers found by name, any order
    sheet.write_row(2, 0, [1, 45.6, "", 3])
    sheet.write_row(3, 0, [2, "1,200.50", "文本金额", "4月"])
    book.close()
    result = read_monthly_xlsx(out.getvalue(), filename="x.xlsx")
    assert [(r.month, r.spent) for r in result.rows] == [(3, D("45.60")), (4, D("1200.50"))]
    assert result.year is None and result.errors == []


def test_every_bad_row_gets_its_own_line() -> None:
    data = workbook([[1, 10], [13, 5], [2, -1], [3, "1.234"], [4, "abc"], [1, 3], [None, 8], [5, None], [6, True]])
    sheet = read_monthly_xlsx(data, filename="坏.xlsx")
    assert [(r.month, r.spent) for r in sheet.rows] == [(1, D("10.00"))]  # the empty 5月 is skipped, not an error
    assert sheet.errors == [
        "坏.xlsx 第3行：月份「13」应为 1–12 的整数",
        "坏.xlsx 第4行：金额不能为负数",
        "坏.xlsx 第5行：金额 1.234 超过两位小数",
        "坏.xlsx 第6行：「abc」不是数字",
        "坏.xlsx 第7行：1月与第2行重复",
        "坏.xlsx 第8行：未填月份",
        "坏.xlsx 第10行：不是数字",
    ]


@pytest.mark.parametrize(("data", "message"), [
    (b"", "x.xlsx：文件为空"),
    (b"month,spent\n1,2\n", "x.xlsx：不是 Excel 工作簿（.xlsx）文件"),
    (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "x.xlsx：不是 Excel 工作簿（.xlsx）文件"),
])
def test_a_file_that_is_not_an_xlsx_is_one_line(data: bytes, message: str) -> None:
    with pytest.raises(MonthlyXlsxError) as caught:
        read_monthly_xlsx(data, filename="x.xlsx")
    assert str(caught.value) == message


def test_a_zip_that_is_not_a_workbook_is_one_line() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(MonthlyXlsxError, match=r"^z\.xlsx：不是 Excel 工作簿（\.xlsx）文件，或文件已损坏$"):
        read_monthly_xlsx(out.getvalue(), filename="z.xlsx")


def test_too_large_no_header_and_nothing_filled_are_one_line_each() -> None:
    with pytest.raises(MonthlyXlsxError, match="文件过大"):
        read_monthly_xlsx(b"PK" + b"\0" * 2000, filename="big.xlsx", max_bytes=1000)
    book = Workbook()
    book.active.append(["month", "spent"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(MonthlyXlsxError, match="未找到表头「月份」「当月支出（万元）」"):
        read_monthly_xlsx(out.getvalue(), filename="h.xlsx")
    with pytest.raises(MonthlyXlsxError, match=r"e\.xlsx：没有填写任何月份的支出"):
        read_monthly_xlsx(template_xlsx(department="甲局", year=2022, existing={}), filename="e.xlsx")


@pytest.mark.parametrize(("value", "expected"), [
    (12.3, "12.30"), (0.1 + 0.2, "0.30"), (100, "100.00"), (D("5.5"), "5.50"), (" 1，234.5 ", "1234.50"), ("0", "0.00"),
])
def test_amounts(value: object, expected: str) -> None:
    assert str(amount_from_cell(value)) == expected


@pytest.mark.parametrize("value", [12.345, -0.01, "NaN", "inf", "1e20", 10.0 ** 13, None])
def test_bad_amounts(value: object) -> None:
    with pytest.raises(ValueError):
        amount_from_cell(value)


@pytest.mark.parametrize(("value", "expected"), [(3, 3), (3.0, 3), ("3", 3), ("12月", 12)])
def test_months(value: object, expected: int) -> None:
    assert month_from_cell(value) == expected


@pytest.mark.parametrize("value", [0, 13, 3.5, "三月", "", False])
def test_bad_months(value: object) -> None:
    with pytest.raises(ValueError):
        month_from_cell(value)
