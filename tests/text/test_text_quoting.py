"""A quoted name inside a sentence never doubles its quotes (““学习强国”…)."""

from __future__ import annotations

from jixiao.declaration import check_declaration
from jixiao.report import Indicator
from jixiao.text.quoting import quoted, tidy


def test_inner_double_quotes_become_single() -> None:
    assert quoted("“学习强国”全国平台刊发量") == "“‘学习强国’全国平台刊发量”"
    assert quoted('"学习强国"全国平台刊发量') == "“‘学习强国’全国平台刊发量”"
    assert quoted("  舆情日报　数量 ") == "“舆情日报 数量”"
    assert quoted("培训人次") == "“培训人次”"


def test_tidy_collapses_spaces_of_either_width() -> None:
    assert tidy("完成\u3000\u3000年度  任务 ") == "完成 年度 任务"


def test_the_declaration_check_quotes_a_quoted_name_once() -> None:
    item = Indicator(name="“学习强国”全国平台刊发量", level1="", level2="", op=">=", target=50, unit="篇")
    messages = [p.message for p in check_declaration([], [item], None)]
    named = [m for m in messages if "学习强国" in m]
    assert named and all("““" not in m and "“‘学习强国’全国平台刊发量”" in m for m in named)
