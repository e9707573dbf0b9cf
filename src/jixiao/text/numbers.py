"""Amounts and counts (金额与数量) as they are written in reports, parsed to ``Decimal``.

``2,661.70万元`` → 2661.70 万元 (money keeps its unit: the interchange format counts in 万元);
``1.1万篇次`` → 11000 篇次 (a bare 万/亿 before a count unit is a multiplier); ``逾50万人次`` →
at least 500000 人次; ``近4000`` → about 4000; ``85%以上`` → at least 85 %; ``一百零三`` → 103.

The qualifier is kept because the review compares statements: ``逾50万人次`` against
``逾30万人次`` is a contradiction, ``4000余`` against ``近4000`` only a soft difference.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

Qualifier = Literal["exact", "at_least", "at_most", "about"]

# Longest first, so that 篇次 wins over 篇 and 万元 over 万.
UNITS = sorted(
    [
        "万元",
        "亿元",
        "千元",
        "元",
        "%",
        "‰",
        "篇次",
        "人次",
        "场次",
        "架次",
        "户次",
        "车次",
        "期",
        "篇",
        "次",
        "场",
        "人",
        "个",
        "件",
        "条",
        "张",
        "册",
        "款",
        "种",
        "集",
        "位",
        "家",
        "所",
        "项",
        "份",
        "本",
        "部",
        "台",
        "套",
        "辆",
        "艘",
        "棵",
        "株",
        "亩",
        "公顷",
        "平方米",
        "平方公里",
        "立方米",
        "公里",
        "千米",
        "米",
        "吨",
        "天",
        "日",
        "小时",
        "分钟",
        "户",
        "名",
        "座",
        "处",
        "批",
        "间",
        "栋",
        "幢",
        "床",
        "盏",
        "块",
        "支",
        "组",
        "队",
        "届",
        "轮",
        "堂",
        "节",
        "课",
        "门",
        "首",
        "幅",
        "卷",
        "册次",
        "篇稿",
        "单位",
        "字",
        "分",
    ],
    key=len,
    reverse=True,
)
_UNIT = "|".join(re.escape(unit) for unit in UNITS)
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_NUMERAL = rf"[{_CN_DIGITS}十百千]+"
_AT_LEAST_PREFIX = "逾|超过|超|多于|不少于|不低于|至少|大于等于|大于|≥|>"
_AT_MOST_PREFIX = "不超过|不高于|不多于|少于|低于|小于等于|小于|≤|<"
_ABOUT_PREFIX = "近|约|大约|接近|将近|约为"
_SUFFIX = "余|多|以上|以下|以内|左右|\\+"

# Every match starts with one of these characters; testing it first lets the scan skip the
# other positions of the text in one step instead of trying every prefix there (3× faster).
_FIRST = "".join(sorted({word[0] for word in f"{_AT_LEAST_PREFIX}|{_AT_MOST_PREFIX}|{_ABOUT_PREFIX}".split("|")}))
QUANTITY = re.compile(
    rf"(?=[\d{re.escape(_FIRST)}{_CN_DIGITS}十百千])"
    rf"(?P<prefix>{_AT_LEAST_PREFIX}|{_AT_MOST_PREFIX}|{_ABOUT_PREFIX})?"
    rf"(?P<number>\d+(?:,\d{{3}})*(?:\.\d+)?|{_CN_NUMERAL})"
    rf"(?P<inner>余|多)?"
    r"(?P<scale>万|亿)?"
    rf"(?P<scale_suffix>余|多)?"
    rf"(?P<unit>{_UNIT})?"
    rf"(?P<suffix>{_SUFFIX})?"
)
"""A number with its qualifier, scale (万/亿) and unit. Precompiled; linear, no nested repeats."""

_AT_LEAST = set(_AT_LEAST_PREFIX.split("|")) | {"余", "多", "以上", "+"}
_AT_MOST = set(_AT_MOST_PREFIX.split("|")) | {"以下", "以内"}
_ABOUT = set(_ABOUT_PREFIX.split("|")) | {"左右"}
_MONEY_UNITS = {"万元", "亿元", "千元", "元"}


# not frozen: built for every number of every text, and a frozen dataclass costs ≈ 3× as much
# to build; equality and hashing stay those of a value
@dataclass(slots=True, unsafe_hash=True)
class Quantity:
    """A stated quantity: its value, unit (``None`` for a bare number) and qualifier."""

    value: Decimal
    unit: str | None = None
    qualifier: Qualifier = "exact"


@dataclass(slots=True, unsafe_hash=True)
class QuantityMatch:
    """A quantity found in a text, with its span ``[start, end)`` in that text."""

    start: int
    end: int
    text: str
    quantity: Quantity
    number: str = ""
    """The number as written (``2,661.70``, ``十六``); empty when the match was not made by the pattern."""
    scale: str = ""
    """万 or 亿 before a count unit (a multiplier), else empty."""
    words: frozenset[str] = frozenset()
    """The qualifier words around the number (逾, 余, 以上 …), for the review's value intervals."""


_CN_VALUES = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SCALES = {"十": 10, "百": 100, "千": 1000}


def parse_chinese_numeral(text: str) -> int | None:
    """``十六`` → 16, ``二十`` → 20, ``一百零三`` → 103, ``三千零五十`` → 3050; None if not a numeral.

    Only up to 千: 万 and 亿 are handled as scales by the caller, as they are for digits.
    """
    if not text:
        return None
    if all(char in _CN_VALUES for char in text) and len(text) > 1:
        # digit by digit, as in 二〇二二
        return int("".join(str(_CN_VALUES[char]) for char in text))
    total, digit = 0, None
    for char in text:
        if char in _CN_VALUES:
            digit = _CN_VALUES[char]
        elif char in _CN_SCALES:
            total += (1 if digit is None else digit) * _CN_SCALES[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _qualifier(*words: str | None) -> Qualifier:
    for word in words:
        if word in _AT_LEAST:
            return "at_least"
        if word in _AT_MOST:
            return "at_most"
        if word in _ABOUT:
            return "about"
    return "exact"


def _to_decimal(number: str) -> Decimal | None:
    if number[0].isdigit():
        try:
            return Decimal(number.replace(",", ""))
        except InvalidOperation:
            return None
    value = parse_chinese_numeral(number)
    return None if value is None else Decimal(value)


def _quantity(match: re.Match[str]) -> Quantity | None:
    prefix, number, inner, scale, scale_suffix, unit, suffix = match.groups()
    return _make(number, scale, unit, prefix, inner, scale_suffix, suffix)


def _make(
    number: str, scale: str | None, unit: str | None, *words: str | None
) -> Quantity | None:
    value = _to_decimal(number)
    if value is None:
        return None
    if scale and unit in _MONEY_UNITS:
        # "1万元" is 1 万元 (the scale is part of the money unit and was matched as 万): keep it
        unit = scale + unit if unit == "元" else unit
    elif scale:
        value *= 10_000 if scale == "万" else 100_000_000
        if value == value.to_integral_value():
            value = Decimal(int(value))  # 1.1万 → 11000, not 11000.0
    return Quantity(value=value, unit=unit, qualifier=_qualifier(*words))


_NO_WORDS: frozenset[str] = frozenset()


def find_quantities(text: str, start: int = 0, end: int | None = None) -> Iterator[QuantityMatch]:
    """Every quantity in ``text[start:end]``; Chinese numerals only where a unit follows.

    Bare Chinese numerals are skipped because they are mostly words (一系列, 一是, 三大平台).
    """
    stop = len(text) if end is None else end
    for match in QUANTITY.finditer(text, start, stop):
        prefix, number, inner, scale, scale_suffix, unit, suffix = match.groups()
        if number[0].isdigit():
            number_start = match.start(2)
            if number_start > 0 and text[number_start - 1].isdigit():
                continue
        elif not unit:
            continue
        quantity = _make(number, scale, unit, prefix, inner, scale_suffix, suffix)
        if quantity is not None:
            words = (
                frozenset(w for w in (prefix, inner, scale_suffix, suffix) if w)
                if prefix or inner or scale_suffix or suffix
                else _NO_WORDS
            )
            yield QuantityMatch(match.start(), match.end(), match.group(), quantity,
                                number=number, scale=scale or "", words=words)


def parse_quantity(text: str) -> Quantity | None:
    """The quantity that ``text`` consists of (surrounding spaces allowed), or None."""
    stripped = text.strip().replace(" ", "")
    match = QUANTITY.fullmatch(stripped)
    if match is None or not match.group("number"):
        return None
    return _quantity(match)


def parse_amount(text: str) -> Decimal | None:
    """An amount of money in 万元: ``2,661.70万元`` → 2661.70, ``1.2亿元`` → 12000, ``500元`` → 0.05."""
    quantity = parse_quantity(text)
    if quantity is None:
        return None
    return to_wan_yuan(quantity)


def to_wan_yuan(quantity: Quantity) -> Decimal | None:
    """The quantity in 万元 if it is money, else None."""
    factors = {"万元": Decimal(1), "亿元": Decimal(10_000), "千元": Decimal("0.1"), "元": Decimal("0.0001")}
    if quantity.unit not in factors:
        return None
    return quantity.value * factors[quantity.unit]
