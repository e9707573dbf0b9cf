"""Number wording for generated documents (数字格式): 万元 to the cent, percentages, 中文序数.

The seeds write ``3663.27万元`` and ``72.60%``: two decimals, no thousands separator. Amounts
are rounded half-up as a 财务 reader expects, never through float.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
_DIGITS = "零一二三四五六七八九"


def money(value: Decimal | None) -> str | None:
    """``Decimal("2659.4")`` → ``"2659.40"`` (万元 to the cent); ``None`` stays ``None``."""
    if value is None:
        return None
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):f}"


def percent(value: Decimal | None) -> str | None:
    """A rate in percent, ``Decimal("72.6")`` → ``"72.60%"``."""
    if value is None:
        return None
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):f}%"


def plain(value: Decimal | None) -> str | None:
    """A quantity as stated, without trailing zeros or exponent: ``Decimal("200")`` → ``"200"``."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):f}"
    return f"{value.normalize():f}"


def score(value: Decimal | None) -> str | None:
    """A score to two decimals, as the forms print it (``99.24``)."""
    return money(value)


def chinese_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (up to 99), for 一是/《任务一》/预期目标一."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return f"{head}十{_DIGITS[ones] if ones else ''}"
