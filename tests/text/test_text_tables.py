"""Tables in report text: tab rows, pipe rows and one cell per line, cut into aligned rows."""

from __future__ import annotations

from jixiao.extract.tables import column_of
from jixiao.text.tables import Table, find_tables, is_value


def _rows(table: Table) -> list[tuple[list[str], dict[int, str]]]:
    return [([c.text for c in row.labels], {k: v.text for k, v in row.columns.items()}) for row in table.rows]


def test_tab_rows_keep_positions_and_empty_cells() -> None:
    text = "项目\t全年预算数（万元）\t执行数（万元）\t执行率\n合计\t100.00\t95.00\t95.00%\n其他资金\t\t5.00\t\n"
    [table] = find_tables(text, column_of)
    assert table.layout == "grid"
    assert [c.kind if c else None for c in table.columns] == [None, "total", "spent", "rate"]
    assert table.columns[1].unit == "万元"  # type: ignore[union-attr]
    assert _rows(table) == [([], {0: "合计", 1: "100.00", 2: "95.00", 3: "95.00%"}),
                            ([], {0: "其他资金", 1: "", 2: "5.00"})]
    first = table.rows[0].columns[2]
    assert text[first.start:first.end] == "95.00"


def test_pipe_rows_whose_header_lacks_the_label_column_shift_by_one() -> None:
    text = (
        "资金投入情况 (万元) |\n"
        "全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | ||||\n"
        "年度资金总额: | 808.1 | 692.98 | 86% | ||||\n"
        "地方财政资金 | |||||||\n"
    )
    [table] = find_tables(text, column_of)
    assert [c.kind for c in table.columns if c] == ["total", "spent", "rate"]
    assert "(万元)" in table.caption
    assert _rows(table) == [(["年度资金总额:"], {0: "808.1", 1: "692.98", 2: "86%"}), (["地方财政资金"], {})]


def test_one_cell_per_line_is_cut_into_label_and_value_cells() -> None:
    # cells separated by blank lines; an empty cell is a line of spaces
    text = "经费控制情况(万元)\n\n2021年决算数\n\n2022年预算数\n\n2022年决算数\n\n支出总额\n\n1274.38\n\n1342.49\n\n" \
           "1342.49 \n\n三公经费\n\n \n\n \n\n \n\n其中:1、运行维护经费\n\n2专项资金\n\n \n\n \n\n基本支出\n\n606.44\n\n719.99\n\n719.99\n"
    [table] = find_tables(text, column_of)
    assert table.layout == "cells"
    assert [(c.kind, c.year) for c in table.columns if c] == [("spent", 2021), ("total", 2022), ("spent", 2022)]
    rows = _rows(table)
    assert rows[0] == (["支出总额"], {0: "1274.38", 1: "1342.49", 2: "1342.49"})
    assert rows[1] == (["三公经费"], {0: "", 1: "", 2: ""})
    # two values for three columns: a cell left no line, so the row is not aligned at all
    assert rows[2] == (["基本支出"], {0: "606.44", 1: "719.99", 2: "719.99"})


def test_longer_gaps_mark_rows_and_merged_leading_cells_are_missing_below() -> None:
    gap = "\n" * 8
    text = (
        "一级指标\n\n二级指标\n\n三级指标\n\n年初目标值(A)\n\n实际完成值(B)\n\n得分" + gap
        + "产出指标(40分)\n\n数量指标\n\n公猪舍(≥**平方米)\n\n22.8\n\n22.8\n\n1" + gap
        + "隔离舍(≥**平方米)\n\n54\n\n54\n\n2" + gap
        + "种母猪(≥头)\n\n20\n\n20"  # the text stops here: the row lost its last cell
    )
    [table] = find_tables(text, column_of)
    rows = _rows(table)
    assert rows[0] == ([], {0: "产出指标(40分)", 1: "数量指标", 2: "公猪舍(≥**平方米)", 3: "22.8", 4: "22.8", 5: "1"})
    assert rows[1] == ([], {2: "隔离舍(≥**平方米)", 3: "54", 4: "54", 5: "2"})
    assert rows[2] == ([], {2: "种母猪(≥头)", 3: "20", 4: "20"})


def test_a_note_under_a_title_joins_it_and_prose_ends_the_table() -> None:
    text = ("预算数(A)\n\n执行数(B)\n\n执行率(B/A)\n\n得分\n\n(20分*执行率)\n\n年度财政资金总额\n\n50\n\n10\n\n20\n\n4\n\n"
            "本项目资金主要用于生猪养殖场建设，已按计划完成全部建设内容并投入使用。\n\n合计\n\n1\n\n2\n\n3\n\n4\n")
    [table] = find_tables(text, column_of)
    assert [c.text for c in table.header] == ["预算数(A)", "执行数(B)", "执行率(B/A)", "得分"]
    assert table.notes == ("(20分*执行率)",)
    assert _rows(table) == [(["年度财政资金总额"], {0: "50", 1: "10", 2: "20", 3: "4"})]


def test_prose_and_a_single_title_make_no_table() -> None:
    assert find_tables("全年预算数3663.27万元，执行数2659.40万元。\n\n执行率\n\n72.60%\n", column_of) == []


def test_values_are_numbers_quantities_dashes_or_nothing() -> None:
    assert all(is_value(text) for text in ("808.1", "86%", "≥95%", "1,342.49", ".32", "", " ", "——", "/", "100人次"))
    assert not any(is_value(text) for text in ("2专项资金", "年度资金总额", "达成年度指标", "1、运行维护经费"))


def test_every_title_of_the_vocabulary_contains_the_hint() -> None:
    from jixiao.extract.tables import TITLE_HINT

    titles = ["年初预算数", "全年预算数", "执行数", "2021年决算数", "执行率", "上年决算", "一级指标", "三级指标",
              "年度指标值", "预期值", "计划值", "实际完成值", "全年实际值", "分值", "权重", "得分", "偏差原因分析及改进措施",
              "计量单位", "指标性质", "说明"]
    assert all(column_of(title) is not None and TITLE_HINT.search(title) for title in titles)
