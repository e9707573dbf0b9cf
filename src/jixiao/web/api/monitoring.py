"""双监控: every visible department's execution against 序时进度 on a date, with warnings."""

# No `from __future__ import annotations` here (see docs/web.md).

from datetime import date

from django.http import HttpRequest, JsonResponse
from ninja import Query, Router

from jixiao.monitor import MonitorResult
from jixiao.web.api.schemas import YEAR_RANGE
from jixiao.web.budgets.selectors import default_monitoring_date, monitoring_for

router = Router(tags=["监控"])


@router.get("/monitoring", response=MonitorResult)
def get_monitoring(request: HttpRequest, year: int = Query(..., **YEAR_RANGE), on: date | None = None) -> JsonResponse:
    """Monitoring rows and warnings of ``year`` on ``on`` (default: today, or the year end if past)."""
    result = monitoring_for(user=request.user, year=year, on=on or default_monitoring_date(year))  # type: ignore[arg-type]
    return JsonResponse(result.model_dump(mode="json"), json_dumps_params={"ensure_ascii": False})
