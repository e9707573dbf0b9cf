"""Exact half-up rounding (四舍五入): the one rounding of every figure jixiao computes.

``Decimal`` division rounds to 28 significant digits before a later ``quantize`` rounds again,
and that double rounding can move a value that sits exactly on a half-cent. Every figure here
is a ratio of finite decimals (``spent × 100 / total``, ``actual × weight / target``), so the
exact rational is rounded once, with integers, half away from zero, to the document's
precision: two places for money, rates and scores (``PLACES``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PLACES = 2
"""The document's precision: amounts to the cent (0.01 万元), rates and scores to two decimals."""

CENT = Decimal("0.01")


def half_up_div(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded half away from zero (四舍五入), exactly."""
    if denominator == 0:
        raise ZeroDivisionError("half_up_div by zero")
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    if numerator >= 0:
        return (2 * numerator + denominator) // (2 * denominator)
    return -((-2 * numerator + denominator) // (2 * denominator))


def ratio(numerator: Decimal, denominator: Decimal, places: int = PLACES) -> Decimal:
    """``numerator / denominator`` rounded half-up to ``places`` decimals, from the exact rational."""
    n_num, n_den = numerator.as_integer_ratio()
    d_num, d_den = denominator.as_integer_ratio()
    scaled = half_up_div(n_num * d_den * 10**places, n_den * d_num)
    return Decimal(scaled).scaleb(-places)


def round_places(value: Decimal, places: int = PLACES) -> Decimal:
    """``value`` rounded half-up to ``places`` decimals (``Decimal("0.005")`` → ``0.01``).

    ``quantize`` of a finite decimal rounds its exact value once, so it is the same rounding as
    :func:`ratio` and much faster; a value too long for the context falls back to the integers.
    """
    try:
        rounded = value.quantize(_STEPS.get(places) or Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return ratio(value, Decimal(1), places)
    return rounded if rounded or not rounded.is_signed() else abs(rounded)  # no "-0.00"


_STEPS = {n: Decimal(1).scaleb(-n) for n in range(7)}
