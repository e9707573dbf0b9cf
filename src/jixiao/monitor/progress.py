"""Progress figures (进度): time progress (序时进度), execution progress, gap and projection.

Percentages are Decimal percent rounded half-up to 2 dp; amounts are 万元.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from jixiao.figures.rates import computed_rate
from jixiao.figures.rounding import ratio
from jixiao.report import MonthlyAmount


def time_progress(on: date) -> Decimal:
    """序时进度 on ``on``: elapsed share of the year counted in months, so end-June is 50.00 %.

    Within a month the days elapsed count as a fraction of that month, which keeps month ends
    on the familiar m/12 (domain.md §3.3).
    """
    days = calendar.monthrange(on.year, on.month)[1]
    # exact: ((month − 1) + day / days) / 12, as one ratio of integers
    return ratio(Decimal(((on.month - 1) * days + on.day) * 100), Decimal(12 * days), 2)


def months_closed(on: date, year: int) -> int:
    """How many months of ``year`` have closed by ``on`` (a month closes on its last day)."""
    if on.year > year:
        return 12
    if on.year < year:
        return 0
    last_day = calendar.monthrange(on.year, on.month)[1]
    return on.month if on.day == last_day else on.month - 1


def spent_through(monthly: Iterable[MonthlyAmount], month: int) -> Decimal:
    """Cumulative execution (累计执行数) of months 1…``month``."""
    return sum((m.spent for m in monthly if m.month <= month), Decimal(0))


def execution_progress(monthly: Iterable[MonthlyAmount], total: Decimal, month: int) -> Decimal | None:
    """执行进度: cumulative execution through ``month`` as percent of the year's budget.

    The year's execution rate (预算执行率) once all twelve months are in: the same function.
    """
    return computed_rate(total, spent_through(monthly, month))


def gap(execution: Decimal | None, progress: Decimal) -> Decimal | None:
    """差值 = 执行进度 − 序时进度, in percentage points (negative: behind time)."""
    return None if execution is None else execution - progress


def projected_execution(monthly: Iterable[MonthlyAmount], total: Decimal, month: int) -> Decimal | None:
    """Year-end execution (全年预计执行率) if the months left run at the average pace so far."""
    if total <= 0 or month <= 0:
        return None
    spent = spent_through(monthly, month)
    return ratio(spent * 12 * 100, total * month, 2)
