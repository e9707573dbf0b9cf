"""The Word reader on real DOCX files made from the seeds: body order, tables, refusals."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from fixtures.documents import BuiltDocx
from jixiao.readers import ReadError, read_document
from jixiao.samples import Sample


def test_docx_paragraphs_in_order(seed: Sample, seed_docx: Callable[[str], BuiltDocx]) -> None:
    built = seed_docx(seed.id)
    document = read_document(built.path)
    assert document.format == "docx"
    assert document.page_starts == ()
    assert document.page_of(0) is None
    lines = [line for line in document.text.split("\n") if "\t" not in line]
    assert lines == list(built.paragraphs)


def test_docx_table_in_tables_and_in_text_where_it_stands(
    seed: Sample, seed_docx: Callable[[str], BuiltDocx]
) -> None:
    built = seed_docx(seed.id)
    document = read_document(built.path)
    assert document.tables == (built.table,)
    lines = document.text.split("\n")
    rows = ["\t".join(row) for row in built.table]
    first = lines.index(rows[0])
    assert lines[first : first + len(rows)] == rows
    # The builder puts the table right after the paragraph on 部门整体收支情况.
    assert "收支情况" in lines[first - 1]
    assert lines[first + len(rows)] == built.paragraphs[built.paragraphs.index(lines[first - 1]) + 1]


def test_docx_merged_cells_written_once(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("附件：自评表")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "部门整体支出绩效自评表"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "预算执行"
    table.cell(1, 1).text = "全年预算数"
    table.cell(1, 2).text = "3663.27"
    table.cell(2, 1).text = "执行数"
    table.cell(2, 2).text = "2659.40"
    document.add_paragraph("说明：金额单位为万元。")
    path = tmp_path / "merged.docx"
    document.save(str(path))

    read = read_document(path)
    assert read.tables == (
        (("部门整体支出绩效自评表",), ("预算执行", "全年预算数", "3663.27"), ("", "执行数", "2659.40")),
    )
    assert read.text.split("\n") == [
        "附件：自评表",
        "部门整体支出绩效自评表",
        "预算执行\t全年预算数\t3663.27",
        "\t执行数\t2659.40",
        "说明：金额单位为万元。",
    ]


def test_docx_cell_with_several_paragraphs_is_one_line(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "产出\n指标"
    table.cell(0, 1).text = "舆情日报数量\n≥ 200期"
    path = tmp_path / "cells.docx"
    document.save(str(path))
    assert read_document(path).tables == ((("产出指标", "舆情日报数量 ≥ 200期"),),)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("bomb.docx", "疑似压缩炸弹"),
        ("junk.docx", "DOCX 文件损坏或不完整"),
        ("empty.docx", "文件为空"),
    ],
    ids=lambda value: value if value.isascii() else "",
)
def test_bad_docx_is_refused_with_reason(bad_document: Callable[[str], Path], name: str, reason: str) -> None:
    path = bad_document(name)
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert reason in caught.value.reason
    assert "\n" not in str(caught.value)


def test_zip_without_word_document(tmp_path: Path) -> None:
    path = tmp_path / "book.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ReadError, match="不是 Word 文档"):
        read_document(path)


def test_legacy_word_file_renamed_docx(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    with pytest.raises(ReadError, match=r"旧版 Word 97-2003（\.doc）"):
        read_document(path)


def test_docx_without_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    with pytest.raises(ReadError, match="文档没有文字内容"):
        read_document(path)
