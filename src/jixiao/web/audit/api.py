"""The audit log (审计日志): every recorded change the user may see, as on the page.

This app's part of ``/api/``: its router and the schemas of what it reads and writes.
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.

from dataclasses import asdict
from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from jixiao.web.audit.selectors import audit_log

# -- schemas --------------------------------------------------------------------------------------

class ChangeOut(Schema):
    field: str
    label: str = Field(description="字段中文名")
    old: str
    new: str


class AuditEntryOut(Schema):
    """One recorded change (审计记录)."""

    model: str
    model_label: str
    history_id: int
    object_id: int
    date: datetime
    type: str = Field(description="+ 新增, ~ 修改, - 删除")
    type_label: str
    user_id: int | None
    user: str | None
    department_id: int | None
    department: str | None
    changes: list[ChangeOut]


class AuditPageOut(Schema):
    count: int
    page: int
    pages: int
    entries: list[AuditEntryOut]


# -- router ---------------------------------------------------------------------------------------

router = Router(tags=["审计日志"])


@router.get("/audit", response=AuditPageOut)
def get_audit(request: HttpRequest, department: int | None = None, model: str | None = None,
              user: int | None = None, page: int = 1) -> AuditPageOut:
    """The audit log (审计日志), 25 a page, newest first, filtered by `department`, `model`, `user`.

    Who: all roles (scoped: a department user sees its own departments' changes).
    """
    log = audit_log(user=request.user, department_id=department, model=model, user_id=user, page=page)  # type: ignore[arg-type]
    return AuditPageOut(count=log.page.paginator.count, page=log.page.number, pages=log.page.paginator.num_pages,
                        entries=[AuditEntryOut(**asdict(e)) for e in log.entries])
