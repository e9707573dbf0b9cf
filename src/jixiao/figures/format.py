"""How figures are written (数字格式): 万元, percentages, scores, quantities with units, 中文数字.

One home for every number a person reads — the rendered report and 自评表, review messages,
score explanations, monitoring warnings and the CLI tables:

* ``money``   — 万元 to the cent, half-up, no thousands separator as the reports print them
  (``3663.27``); ``grouped=True`` adds separators for wide tables (``3,663.27``);
* ``percent`` — a rate of the document (执行率, 完成比例, 执行进度) to two places (``72.60%``);
* ``score``   — a score or weight (分值、得分) to two places (``99.24``);
* ``points``  — a difference in percentage points (差值) to two places (``-12.50``);
* ``plain``   — a quantity or a threshold as stated, without trailing zeros (``200期``, ``130``);
* ``stated``  — an indicator's target or actual as the report writes it (``≥200期``);
* ``chinese_number`` — 一、二 … 十二 for outline numbers and ordinals (cn2an);
* ``signed_date`` — the 成文日期 of a 落款 (``2023年3月15日``, GB/T 9704-2012 7.3.5.1: Arabic
  numerals, the year in full, no leading zeros).

``None`` stays ``None`` (templates leave a missing figure out; it is never printed as 0).
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from typing import overload

from jixiao.figures.labels import OP_SYMBOLS
from jixiao.figures.rounding import PLACES, round_places


@overload
def money(value: Decimal, *, grouped: bool = False) -> str: ...
@overload
def money(value: None, *, grouped: bool = False) -> None: ...
@overload
def money(value: Decimal | None, *, grouped: bool = False) -> str | None: ...
def money(value: Decimal | None, *, grouped: bool = False) -> str | None:
    """``Decimal("2659.4")`` → ``"2659.40"`` (万元 to the cent, half-up); ``None`` stays ``None``."""
    if value is None:
        return None
    rounded = round_places(value, PLACES)
    return f"{rounded:,f}" if grouped else f"{rounded:f}"


@overload
def percent(value: Decimal) -> str: ...
@overload
def percent(value: None) -> None: ...
@overload
def percent(value: Decimal | None) -> str | None: ...
def percent(value: Decimal | None) -> str | None:
    """A rate in percent to two places: ``Decimal("72.6")`` → ``"72.60%"``."""
    if value is None:
        return None
    return f"{round_places(value, PLACES):f}%"


@overload
def score(value: Decimal) -> str: ...
@overload
def score(value: None) -> None: ...
@overload
def score(value: Decimal | None) -> str | None: ...
def score(value: Decimal | None) -> str | None:
    """A score or weight to two places, as the forms print it (``99.24``, ``10.00``)."""
    return money(value)


@overload
def points(value: Decimal) -> str: ...
@overload
def points(value: None) -> None: ...
@overload
def points(value: Decimal | None) -> str | None: ...
def points(value: Decimal | None) -> str | None:
    """A difference in percentage points to two places (差值 −12.50), without the % sign."""
    return money(value)


def plain(value: Decimal, unit: str | None = None) -> str:
    """A quantity or threshold as stated, no exponent, no trailing zeros: ``200`` → ``"200"``, with its unit."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}{unit or ''}"


def stated(text: str | None, op: str | None, value: Decimal | None, unit: str | None) -> str:
    """An indicator's target or actual as the report writes it: its own text, else ``≥200期`` from the data.

    Pass ``op=None`` for an actual value: a result is printed without the operator.
    """
    if text:
        return text
    if value is None:
        return ""
    return f"{OP_SYMBOLS.get(op or '', '')}{plain(value, unit)}"


@functools.cache
def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 101 → 一百零一 (outline numbers, 一是, 《任务一》, 预期目标一)."""
    if n <= 0:
        return str(n)
    # imported here: cn2an's own start costs ≈ 0.1–0.2 s of CPU, paid by every process that imports the
    # figures (the CLI, each pool's forkserver, a Celery worker), while only rendering needs it
    import cn2an

    return str(cn2an.an2cn(n))


def signed_date(day: date) -> str:
    """``date(2023, 3, 5)`` → ``"2023年3月5日"``: the 成文日期 as GB/T 9704 writes it (no 虚位 zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"
