"""The audit log (审计日志): every recorded change the user may see, as on the page.

This app's part of ``/api/``: its router and the schemas of what it reads and writes.
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.

from dataclasses import asdict
from datetime import date, datetime

from ninja import Router, Schema
from pydantic import Field

from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.audit.selectors import EVENT, KIND_CHOICES, SORTS, Filters, audit_log, model_choices

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
    source: str = Field(description="来源：网页 · IP、命令行 · 操作系统用户、演示数据")
    detail: str = Field(description="审计事件（登录、导出等）的内容")


class AuditPageOut(Schema):
    count: int
    page: int
    pages: int
    entries: list[AuditEntryOut]


# -- router ---------------------------------------------------------------------------------------

router = Router(tags=["审计日志"])


@router.get("/audit", response=AuditPageOut)
def get_audit(request: AuthenticatedHttpRequest, department: int | None = None, model: str | None = None,
              user: int | None = None, kind: str | None = None, date_from: date | None = None,
              date_to: date | None = None, sort: str = "-date", page: int = 1) -> AuditPageOut:
    """The audit log (审计日志), 25 a page, filtered by `department`, `model`, `user`, `kind`
    (change, +, ~, -, event, login, login_failed, logout, export, prune, restore) and the dates
    `date_from`–`date_to` (inclusive), sorted by `sort` (-date, date, user, -user, kind).

    Who: all roles (scoped: a department user sees its own departments' changes and events).
    """
    known = dict(model_choices()) | {EVENT: ""}
    filters = Filters(department_id=department, model=model if model in known else None, user_id=user,
                      kind=kind if kind in dict(KIND_CHOICES) else None, date_from=date_from, date_to=date_to,
                      sort=sort if sort in SORTS else "-date")
    log = audit_log(user=request.user, page=page, filters=filters)
    return AuditPageOut(count=log.page.paginator.count, page=log.page.number, pages=log.page.paginator.num_pages,
                        entries=[AuditEntryOut(**asdict(e)) for e in log.entries])
