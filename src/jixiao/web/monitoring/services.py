"""Writes of 双监控 (预警响应): a department's response to one of its warnings, atomic, with history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from jixiao.errors import JixiaoError
from jixiao.monitor import MonitoredBudget, load_thresholds, run_monitor
from jixiao.monitor.response import parse_key, raised_on, response_deadline, warning_key
from jixiao.web.accounts.models import User
from jixiao.web.common.locking import check_version
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.monitoring.models import WarningResponse
from jixiao.web.monitoring.selectors import monitored_budgets, response_rules

REASON_MAX = 2000


class UnknownWarning(JixiaoError):
    """The department has no such warning in that year (无此预警)."""


class InvalidResponse(JixiaoError):
    """The response is not one the rules allow, or has no reason (响应无效)."""


@transaction.atomic
def record_warning_response(*, department: Department, year: int, key: str, action: str, reason: str,
                            user: User | None, at: datetime | None = None, version: int | None = None,
                            budgets: Sequence[MonitoredBudget] | None = None) -> tuple[WarningResponse, bool]:
    """Record ``department``'s response to its warning (预警响应); returns ``(response, created)``.

    The warning must be one the core raises for the department when its month closes. An
    earlier response to the same warning is updated in place, so history keeps old → new.
    ``at`` is when it was answered (now, unless data of another time is loaded, as the demo's).
    乐观锁: ``version`` is the response's as the caller saw it (0: none yet); another response saved
    since → ``EditConflict``, nothing written. ``None``: not checked (internal callers, the demo).
    """
    rules = response_rules()
    reason = reason.strip()
    if action not in rules.actions:
        raise InvalidResponse(f"响应措施应为 {'、'.join(rules.actions)} 之一")
    if not reason:
        raise InvalidResponse("请填写理由")
    if len(reason) > REASON_MAX:
        raise InvalidResponse(f"理由不超过 {REASON_MAX} 字")
    try:
        _, month, _ = parse_key(key)
    except ValueError as exc:
        raise UnknownWarning(str(exc)) from None
    if budgets is None:
        budgets = monitored_budgets(year=year, departments=Department.objects.filter(pk=department.pk))
    result = run_monitor(budgets, on=raised_on(month, year), thresholds=load_thresholds())
    warning = next((w for w in result.warnings if warning_key(w) == key), None)
    fiscal_year = FiscalYear.objects.filter(year=year).first()
    if warning is None or fiscal_year is None:
        raise UnknownWarning(f"{department.name} {year} 年度没有这条预警")
    response = (WarningResponse.objects.select_for_update()
                .filter(department=department, fiscal_year=fiscal_year, warning_key=key).first())
    check_version(version, response, what=f"预警“{warning.message[:30]}”的响应")
    values = {"action": action, "reason": reason, "responded_by": user, "responded_at": at or timezone.now(),
              "kind": warning.kind, "month": month, "message": warning.message,
              "deadline": response_deadline(month=month, year=year, rules=rules)}
    if response is None:
        return WarningResponse.objects.create(department=department, fiscal_year=fiscal_year,
                                              warning_key=key, **values), True
    for name, value in values.items():
        setattr(response, name, value)
    response.save()
    return response, False
