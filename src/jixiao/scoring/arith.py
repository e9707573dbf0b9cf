"""Exact rounding of a ratio (比值的精确舍入), shared by the Decimal engine and the batch path.

``Decimal`` division rounds to 28 significant digits before a later ``quantize`` rounds again,
and that double rounding can move a value that sits exactly on a half-cent. Every score here
is a ratio of finite decimals (``actual × weight / target``), so we round the exact rational
once, with integers: the batch path does the same integer steps, which is why the two agree
bit for bit.
"""

from __future__ import annotations

from decimal import Decimal


def half_up_div(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded half away from zero (四舍五入), exactly."""
    if denominator == 0:
        raise ZeroDivisionError("half_up_div by zero")
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    if numerator >= 0:
        return (2 * numerator + denominator) // (2 * denominator)
    return -((-2 * numerator + denominator) // (2 * denominator))


def ratio(numerator: Decimal, denominator: Decimal, places: int = 2) -> Decimal:
    """``numerator / denominator`` rounded half-up to ``places`` decimals, from the exact rational."""
    n_num, n_den = numerator.as_integer_ratio()
    d_num, d_den = denominator.as_integer_ratio()
    scaled = half_up_div(n_num * d_den * 10**places, n_den * d_num)
    return Decimal(scaled).scaleb(-places)


def round_places(value: Decimal, places: int = 2) -> Decimal:
    """``value`` rounded half-up to ``places`` decimals."""
    return ratio(value, Decimal(1), places)
