"""The demo's calendar (演示数据的日期): the day each kind of demo record would have been made in its fiscal year.

The demo loads several years of records at once; left as they are, all of them would bear the day of
loading, and the 绩效管理工作考核 — which asks whether the goals, the monthly execution and the
self-evaluation came in on time — would find every demo department late. Each app's demo module dates
what it made with ``demo_moment`` (an ``update()`` after the record went through its service), so the
demo's departments keep to the usual calendar of a fiscal year ``year``:

- 绩效目标申报 (``declaration``): submitted with the budget before the year starts (上年 12 月 10 日),
  and the bureau's 目标审核 (``goal_review``) ten days later;
- 月度执行数 (``monthly``): month ``m`` entered on the 5th of the next month (by the 10th the 考核 asks);
- 年终自评 (``self_evaluation``): the report submitted (and its file stored) the next spring (次年 3 月 15 日);
- 财政复核 (``review``): the bureau's 复核 of the report the next May (次年 5 月 20 日).

These are the demo's own dates, not a rule: the deadlines the 考核 checks live in its framework file.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

DEMO_CALENDAR: dict[str, tuple[int, int, int]] = {
    "declaration": (-1, 12, 10),
    "goal_review": (-1, 12, 20),
    "self_evaluation": (1, 3, 15),
    "review": (1, 5, 20),
}
"""Event → (years after the fiscal year, month, day)."""
MONTHLY_DAY = 5
"""The day of the next month the demo enters a month's execution."""


def demo_moment(event: str, year: int, month: int | None = None) -> datetime:
    """When the demo's record of ``event`` for fiscal year ``year`` (``monthly``: of ``month``) was made (10:00 local)."""
    if event == "monthly":
        if month is None or not 1 <= month <= 12:
            raise ValueError(f"monthly needs a month 1–12, not {month!r}")
        day = date(year + 1, 1, MONTHLY_DAY) if month == 12 else date(year, month + 1, MONTHLY_DAY)
    else:
        offset, month_of, day_of = DEMO_CALENDAR[event]
        day = date(year + offset, month_of, day_of)
    return timezone.make_aware(datetime.combine(day, time(10)))
