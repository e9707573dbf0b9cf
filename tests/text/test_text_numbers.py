"""Amounts and counts as written in reports: value, unit and qualifier."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.text.numbers import find_quantities, parse_amount, parse_chinese_numeral, parse_quantity


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("2,661.70万元", "2661.70", "万元", "exact"),
        ("3663.27万元", "3663.27", "万元", "exact"),
        ("0万元", "0", "万元", "exact"),
        ("1.1万篇次", "11000", "篇次", "exact"),
        ("逾50万人次", "500000", "人次", "at_least"),
        ("近4000", "4000", None, "about"),
        ("4000余", "4000", None, "at_least"),
        ("超3万篇次", "30000", "篇次", "at_least"),
        ("700余次", "700", "次", "at_least"),
        ("85%以上", "85", "%", "at_least"),
        ("72.60%", "72.60", "%", "exact"),
        ("≥200期", "200", "期", "at_least"),
        ("≤5%", "5", "%", "at_most"),
        ("约600篇次", "600", "篇次", "about"),
        ("十六次", "16", "次", "exact"),
        ("二十场", "20", "场", "exact"),
        ("一百零三篇", "103", "篇", "exact"),
        ("8.8亿", "880000000", None, "exact"),
        ("1.2亿元", "1.2", "亿元", "exact"),
        ("10万+", "100000", None, "at_least"),
    ],
)
def test_parse_quantity(text: str, value: str, unit: str | None, qualifier: str) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.value == Decimal(value)
    assert quantity.unit == unit
    assert quantity.qualifier == qualifier


def test_amounts_are_in_wan_yuan() -> None:
    assert parse_amount("2,661.70万元") == Decimal("2661.70")
    assert parse_amount("1.2亿元") == Decimal("12000")
    assert parse_amount("5000元") == Decimal("0.5")
    assert parse_amount("200期") is None
    assert parse_amount("万元") is None


def test_money_keeps_its_decimal_digits() -> None:
    amount = parse_amount("2659.40万元")
    assert amount is not None and str(amount) == "2659.40"


@pytest.mark.parametrize(
    ("text", "value"),
    [("十", 10), ("十六", 16), ("二十", 20), ("一百零三", 103), ("两千零五十", 2050), ("二〇二二", 2022)],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert parse_chinese_numeral(text) == value


def test_find_quantities_skips_words_made_of_numerals() -> None:
    text = (
        "一是开展一系列正面宣传，三大平台，制作《荔湾舆情日报》432期614条，共开展正面宣传11093篇次，八个方面"
    )
    found = [(match.text, match.quantity.value) for match in find_quantities(text)]
    assert found == [("432期", 432), ("614条", 614), ("11093篇次", 11093), ("八个", 8)]
    start = text.find("432期")
    first = next(find_quantities(text))
    assert (first.start, first.end) == (start, start + 4)
