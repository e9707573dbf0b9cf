"""The audit log (审计日志): every recorded change the user may see, as on the page."""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.

from dataclasses import asdict

from django.http import HttpRequest
from ninja import Router

from jixiao.web.api.schemas import AuditEntryOut, AuditPageOut
from jixiao.web.audit.selectors import audit_log

router = Router(tags=["审计日志"])


@router.get("/audit", response=AuditPageOut)
def get_audit(request: HttpRequest, department: int | None = None, model: str | None = None,
              user: int | None = None, page: int = 1) -> AuditPageOut:
    """Changes newest first (25 a page), scoped like the pages: a department user sees its own departments'."""
    log = audit_log(user=request.user, department_id=department, model=model, user_id=user, page=page)  # type: ignore[arg-type]
    return AuditPageOut(count=log.page.paginator.count, page=log.page.number, pages=log.page.paginator.num_pages,
                        entries=[AuditEntryOut(**asdict(e)) for e in log.entries])
