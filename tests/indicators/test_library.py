"""The core 指标库: the shipped seed and classification, and the XLSX layout read back unchanged."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from jixiao.importer import import_file
from jixiao.indicators.classification import load_classification
from jixiao.indicators.library import LibraryIndicator, load_seed
from jixiao.indicators.xlsx import COLUMNS, LibraryXlsxError, read_library, write_library


def test_seed_names_a_source_for_every_indicator_and_covers_both_frameworks():
    seed = load_seed()
    assert all(item.source for item in seed)
    assert len({item.code for item in seed}) == len(seed)
    common = [item for item in seed if item.scope == "共性"]
    assert any("53号" in item.source for item in common) and any("10号" in item.source for item in common)
    # the 53号 部门整体 tree: 投入/过程/产出/效果 with the 预算执行 items and their formulas
    by_name = {item.name: item for item in seed}
    assert {item.level1 for item in common} >= {"投入", "过程", "产出", "效果"}
    assert by_name["公用经费控制率"].formula == "实际支出公用经费总额 / 预算安排公用经费总额 × 100%"
    # a province's scoring standard is marked as local practice, never as the framework's
    assert all("地方实践" in item.scoring_standard for item in seed if item.scoring_standard)


def test_seed_holds_the_seed_reports_declared_indicators_as_specific_examples():
    report = import_file("/work/shared/seeds/000_2b2e1b422b826717.txt").report
    declared = {(i.name, i.unit, i.op) for i in report.indicators}
    specific = {(item.name, item.unit, item.operator) for item in load_seed() if item.scope == "个性"}
    assert ("舆情日报数量", "期", ">=") in declared & specific
    assert len(declared & specific) >= 4
    assert all(item.industry in load_classification().industries for item in load_seed())


def test_classification_is_the_functional_classification_with_its_source():
    classification = load_classification()
    assert "政府收支分类科目" in classification.source and "地方实践" in classification.source
    assert classification.industries["一般公共服务"].code == "201"
    assert "宣传事务" in classification.industries["一般公共服务"].fields


def test_an_indicator_outside_the_classification_is_refused():
    with pytest.raises(ValueError, match="不在行业分类"):
        LibraryIndicator(code="X", name="x", level1="产出指标", scope="个性", industry="宣传局")


def test_export_import_export_is_unchanged():
    first = write_library(load_seed())
    sheet = read_library(first, filename="指标库.xlsx")
    assert sheet.errors == [] and tuple(sheet.rows) == load_seed()
    second = write_library(sheet.rows)
    assert _cells(first) == _cells(second)
    assert first == second  # the writer is deterministic: no creation time in the file
    # two writes in the same second agree anyway; the clock must not reach the file at all
    with zipfile.ZipFile(io.BytesIO(first)) as book:
        core = book.read("docProps/core.xml").decode()
    assert "<dcterms:created" in core and "1980-01-01T00:00:00Z" in core


def test_layout_is_one_sheet_with_chinese_headers_one_indicator_a_row():
    book = openpyxl.load_workbook(io.BytesIO(write_library(load_seed())))
    assert book.sheetnames == ["指标库"]
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == tuple(title for _, title in COLUMNS)
    assert len(rows) == len(load_seed()) + 1
    row = next(r for r in rows if r[3] == "舆情日报数量")
    assert row[7] == "≥" and row[8] == "期" and row[15] == "入库" and row[16] == 1


def test_bad_rows_each_give_one_chinese_line_and_good_rows_are_kept_apart():
    book = openpyxl.load_workbook(io.BytesIO(write_library(load_seed()[:3])))
    sheet = book.active
    sheet["F3"] = "宣传局"       # 行业 not in the classification
    sheet["H4"] = "大约"         # 计算符号 unknown
    sheet.append(["GX-BM-0101", "投入", "目标设定", "重复的指标", "共性", "通用"])
    sheet.append([None, "产出指标", None, "没有编码"])
    out = io.BytesIO()
    book.save(out)
    result = read_library(out.getvalue(), filename="上报.xlsx")
    assert [r.code for r in result.rows] == ["GX-BM-0101"]
    assert result.errors == [
        "上报.xlsx 第3行：行业“宣传局”不在行业分类中",
        "上报.xlsx 第4行：计算符号“大约”无法识别（应为 ≥、＞、＝、＜、≤ 或定性）",
        "上报.xlsx 第5行：指标编码“GX-BM-0101”与第2行重复",
        "上报.xlsx 第6行：请填写指标编码、行业",
    ]


def test_a_file_that_is_not_a_workbook_is_one_line():
    with pytest.raises(LibraryXlsxError, match=r"^a.xlsx：不是 Excel 工作簿"):
        read_library(b"PK\x03\x04 not really", filename="a.xlsx")
    with pytest.raises(LibraryXlsxError, match=r"^b.xlsx：文件为空"):
        read_library(b"", filename="b.xlsx")


def _cells(data: bytes) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
