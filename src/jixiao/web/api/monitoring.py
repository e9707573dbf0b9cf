"""双监控: every visible department's execution against 序时进度 on a date, with warnings."""

# No `from __future__ import annotations` here (see docs/web.md).

from datetime import date

from django.http import HttpRequest, JsonResponse
from ninja import Query, Router

from jixiao.monitor import MonitorResult
from jixiao.web.api.schemas import YEAR_RANGE, WarningResponseIn, WarningResponseOut
from jixiao.web.departments.permissions import require_department_access
from jixiao.web.monitoring.models import WarningResponse
from jixiao.web.monitoring.selectors import default_monitoring_date, monitoring_for, responses_for
from jixiao.web.monitoring.services import record_warning_response

router = Router(tags=["监控"])


@router.get("/monitoring", response=MonitorResult)
def get_monitoring(request: HttpRequest, year: int = Query(..., **YEAR_RANGE), on: date | None = None) -> JsonResponse:
    """Monitoring rows and warnings of ``year`` on ``on`` (default: today, or the year end if past)."""
    result = monitoring_for(user=request.user, year=year, on=on or default_monitoring_date(year))  # type: ignore[arg-type]
    return JsonResponse(result.model_dump(mode="json"), json_dumps_params={"ensure_ascii": False})


def response_out(response: WarningResponse) -> WarningResponseOut:
    user = response.responded_by
    return WarningResponseOut(
        id=response.pk, department_id=response.department_id, department=response.department.name,
        year=response.fiscal_year.year, warning_key=response.warning_key, message=response.message,
        deadline=response.deadline, action=response.action, reason=response.reason,
        responded_by=(user.get_full_name() or user.username) if user else None, responded_at=response.responded_at,
        late=response.late)


@router.get("/monitoring/responses", response=list[WarningResponseOut])
def list_responses(request: HttpRequest, year: int | None = Query(None, **YEAR_RANGE)) -> list[WarningResponseOut]:
    """Recorded responses to warnings (预警响应) of the departments the user sees, of ``year`` when given."""
    return [response_out(r) for r in responses_for(user=request.user, year=year)]  # type: ignore[arg-type]


@router.post("/departments/{department_id}/monitoring/{year}/responses", response=WarningResponseOut)
@require_department_access(write=True)
def post_response(request: HttpRequest, department_id: int, year: int, payload: WarningResponseIn
                  ) -> WarningResponseOut:
    """Record (or change) the department's response to one of its warnings (记录预警响应)."""
    response, _ = record_warning_response(department=request.department, year=year, key=payload.warning_key,  # type: ignore[attr-defined]
                                          action=payload.action, reason=payload.reason, user=request.user)  # type: ignore[arg-type]
    return response_out(response)
