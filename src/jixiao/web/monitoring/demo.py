"""Demo responses to warnings (演示预警响应): one answered in time, the others left to go overdue."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from jixiao.monitor import load_thresholds
from jixiao.monitor.response import raised_on, raised_warnings, warning_key
from jixiao.web.budgets.models import Budget
from jixiao.web.departments.models import Department
from jixiao.web.monitoring.models import WarningResponse
from jixiao.web.monitoring.selectors import monitored_budgets
from jixiao.web.monitoring.services import record_warning_response


def load_demo_responses() -> list[WarningResponse]:
    """Answer the first warning of the latest year (调剂, three days after it was raised); leave the rest unanswered."""
    year = Budget.objects.order_by("-fiscal_year__year").values_list("fiscal_year__year", flat=True).first()
    if year is None:
        return []
    raised = raised_warnings(monitored_budgets(year=year), year=year, on=date(year, 12, 31), thresholds=load_thresholds())
    answered = []
    for warning in raised[:1]:
        department = Department.objects.get(name=warning.department)
        when = timezone.make_aware(datetime.combine(raised_on(warning.month or 0, year) + timedelta(days=3), time(10)))
        response, _ = record_warning_response(
            department=department, year=year, key=warning_key(warning), action="调剂", user=None, at=when,
            reason="部分项目因政策调整暂缓实施，拟将结余资金调剂用于急需项目，并同步调整绩效目标。")
        answered.append(response)
    return answered
