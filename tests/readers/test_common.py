"""The shared pieces: the page map of a RawDocument and the cleaning of table cells."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jixiao.readers.common import RawDocument, clean_cell, clean_table, join_pages

_page = st.text(alphabet=st.sampled_from("预算执行率72.6%\n —"), max_size=40)


@given(pages=st.lists(_page, min_size=1, max_size=8))
def test_page_map_round_trip(pages: list[str]) -> None:
    text, starts = join_pages(pages)
    document = RawDocument("x.pdf", "pdf", text, starts, "0" * 64, 1, ())
    assert document.page_count == len(pages)
    for number, page in enumerate(pages, start=1):
        assert document.page_text(number) == page
        start = starts[number - 1]
        # Every offset of a page, and the line break after it, belongs to that page.
        for offset in range(start, start + len(page) + (1 if number < len(pages) else 0)):
            assert document.page_of(offset) == number


def test_clean_cell_joins_wrapped_chinese_but_not_numbers() -> None:
    assert clean_cell("全年预算数\n（万元）") == "全年预算数（万元）"
    assert clean_cell(" 舆情日报数量\n≥ 200期 ") == "舆情日报数量 ≥ 200期"
    assert clean_cell("3663.27\n2659.40") == "3663.27 2659.40"
    assert clean_cell("\t\n ") == ""


def test_clean_table_drops_empty_rows() -> None:
    assert clean_table([["项目", None or ""], ["", " "], ["合计", "100"]]) == (("项目", ""), ("合计", "100"))
