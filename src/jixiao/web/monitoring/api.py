"""双监控: every visible department's execution against 序时进度 on a date, with warnings.

This app's part of ``/api/``: its router and the schemas of what it reads and writes.
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.

from datetime import date, datetime

from django.http import JsonResponse
from ninja import Query, Router, Schema
from pydantic import Field

from jixiao.monitor import MonitorResult
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.common.api import YEAR_RANGE
from jixiao.web.departments.permissions import DepartmentRequest, require_department_access
from jixiao.web.monitoring.models import WarningResponse
from jixiao.web.monitoring.selectors import default_monitoring_date, monitoring_for, responses_for
from jixiao.web.monitoring.services import record_warning_response

# -- schemas --------------------------------------------------------------------------------------

class WarningResponseIn(Schema):
    """预警响应: the warning's key (from ``warning_key``), one of the allowed actions and the reason."""

    warning_key: str = Field(max_length=300, description="预警标识，如 execution_below_checkpoint:10")
    action: str = Field(description="继续执行 / 调剂 / 取消（阈值文件所列）")
    reason: str = Field(max_length=2000, description="理由")
    version: int = Field(ge=0, description="乐观锁：所改响应的版本（GET 所得 `version`；尚无响应为 0）")


class WarningResponseOut(Schema):
    """A recorded response to a warning (预警响应)."""

    id: int
    department_id: int
    department: str
    year: int
    warning_key: str
    message: str
    deadline: date = Field(description="响应期限（工作日按周一至周五计，未扣除法定节假日）")
    action: str
    reason: str
    responded_by: str | None
    responded_at: datetime
    late: bool = Field(description="逾期响应")
    version: int = Field(description="乐观锁：修改时回传")


# -- router ---------------------------------------------------------------------------------------

router = Router(tags=["监控"])


@router.get("/monitoring", response=MonitorResult)
def get_monitoring(request: AuthenticatedHttpRequest, year: int = Query(..., **YEAR_RANGE), on: date | None = None,
                   department: int | None = None) -> JsonResponse:
    """双监控: the core's `run_monitor` on the visible budgets of `year` on `on` (default: today, or the year end if
    past): rows, warnings, at-risk; `department` narrows to one department, as the page's filter.

    Who: all roles (scoped to the departments they see).
    """
    result = monitoring_for(user=request.user, year=year, on=on or default_monitoring_date(year),
                            department=None if department is None else department if 0 <= department < 2**63 else 0)
    return JsonResponse(result.model_dump(mode="json"), json_dumps_params={"ensure_ascii": False})


def response_out(response: WarningResponse) -> WarningResponseOut:
    user = response.responded_by
    return WarningResponseOut(
        id=response.pk, department_id=response.department_id, department=response.department.name,
        year=response.fiscal_year.year, warning_key=response.warning_key, message=response.message,
        deadline=response.deadline, action=response.action, reason=response.reason,
        responded_by=(user.get_full_name() or user.username) if user else None, responded_at=response.responded_at,
        late=response.late, version=response.version)


@router.get("/monitoring/responses", response=list[WarningResponseOut])
def list_responses(request: AuthenticatedHttpRequest, year: int | None = Query(None, **YEAR_RANGE)) -> list[WarningResponseOut]:
    """Recorded responses to warnings (预警响应) of the departments the user sees, of `year` when given.

    Who: all roles (scoped).
    """
    return [response_out(r) for r in responses_for(user=request.user, year=year)]


@router.post("/departments/{department_id}/monitoring/{year}/responses", response=WarningResponseOut)
@require_department_access(write=True)
def post_response(request: DepartmentRequest, department_id: int, year: int, payload: WarningResponseIn
                  ) -> WarningResponseOut:
    """Record or change the department's response to one of its warnings (记录预警响应) `{"warning_key", "action",
    "reason"}`.

    Who: the department's own users, admin.
    """
    response, _ = record_warning_response(department=request.department, year=year, key=payload.warning_key,
                                          action=payload.action, reason=payload.reason, user=request.user,
                                          version=payload.version)
    return response_out(response)
