"""双监控: every visible department's execution against 序时进度 on a date, with warnings."""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.

from datetime import date

from django.http import HttpRequest, JsonResponse
from ninja import Router

from jixiao.monitor import MonitorResult, load_thresholds, run_monitor
from jixiao.web.budgets.selectors import monitored_budgets
from jixiao.web.departments.models import Department

router = Router(tags=["监控"])


@router.get("/monitoring", response=MonitorResult)
def get_monitoring(request: HttpRequest, year: int, on: date | None = None) -> JsonResponse:
    """Monitoring rows and warnings of ``year`` on ``on`` (default: today, or the year end if past)."""
    on = on or min(date.today(), date(year, 12, 31))
    visible = Department.objects.visible_to(request.user)  # type: ignore[arg-type]
    result = run_monitor(monitored_budgets(year=year, departments=visible), on=on, thresholds=load_thresholds())
    return JsonResponse(result.model_dump(mode="json"), json_dumps_params={"ensure_ascii": False})
