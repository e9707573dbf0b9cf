"""Answering a warning (预警响应): the warning's stable key, the day it is raised and its deadline.

A warning is about a month (its checkpoint's month, or the last closed month): it is raised when
that month closes, on its last day, and the department answers within the thresholds' working
days (Sichuan 2025: 10) with one of the allowed actions (继续执行 / 调剂 / 取消); unanswered past
the deadline, execution is suspended (domain.md §3.3). The same warning seen on another day has
the same key, so one response answers it whatever the monitoring date.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, timedelta

from jixiao.monitor.core import run_monitor
from jixiao.monitor.model import MonitoredBudget
from jixiao.monitor.progress import months_closed
from jixiao.monitor.warnings import MonitorWarning, ResponseRules, Thresholds

WORKING_WEEKDAYS = 5
"""Monday (0) … Friday (4) are working days."""


def warning_key(warning: MonitorWarning) -> str:
    """The stable key of a warning: its kind and month, and its project when it is one's (``kind:month[:project]``)."""
    key = f"{warning.kind}:{warning.month or 0}"
    return f"{key}:{warning.project}" if warning.project else key


def parse_key(key: str) -> tuple[str, int, str | None]:
    """``(kind, month, project)`` of a key made by ``warning_key``; ValueError when it is not one."""
    kind, _, rest = key.partition(":")
    month_text, _, project = rest.partition(":")
    if not kind or not month_text.isdigit() or not 0 <= int(month_text) <= 12:
        raise ValueError(f"不是预警标识：{key}")
    return kind, int(month_text), project or None


def raised_on(month: int, year: int) -> date:
    """The day a warning about ``month`` of ``year`` is raised: that month's last day (1 January for month 0)."""
    if month <= 0:
        return date(year, 1, 1)
    return date(year, month, calendar.monthrange(year, month)[1])


def add_working_days(start: date, days: int) -> date:
    """The day ``days`` working days after ``start`` (``start`` itself not counted).

    Working days are Monday to Friday. Public holidays and the weekend days worked in their place
    (调休) are not in the data, so a deadline across 国庆 or 春节 comes out earlier than the
    official calendar's.
    """
    day, left = start, days
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < WORKING_WEEKDAYS:
            left -= 1
    return day


def response_deadline(*, month: int, year: int, rules: ResponseRules) -> date:
    """The last day to answer a warning about ``month`` of ``year`` (响应期限), inclusive."""
    return add_working_days(raised_on(month, year), rules.working_days)


def is_overdue(deadline: date, on: date) -> bool:
    """Past the deadline on ``on`` (已逾期): the deadline day itself is still in time."""
    return on > deadline


def raised_warnings(budgets: Sequence[MonitoredBudget], *, year: int, on: date, thresholds: Thresholds
                    ) -> list[MonitorWarning]:
    """Every warning raised in ``year`` up to ``on``: at each closed month's end and on ``on``, each once.

    A warning stays to be answered after the figures move past it (its deadline runs from the
    day it was raised), so the list is not only what ``run_monitor`` raises on ``on``.
    """
    days = [raised_on(month, year) for month in range(1, months_closed(on, year) + 1)] + [on]
    found: dict[tuple[str, str], MonitorWarning] = {}
    for day in days:
        for warning in run_monitor(budgets, on=day, thresholds=thresholds).warnings:
            found.setdefault((warning.department, warning_key(warning)), warning)
    return list(found.values())
