"""The audit log page (审计日志): parse the filters, read the scoped log, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao.web.accounts.models import User
from jixiao.web.audit.selectors import audit_log, filter_users, model_choices
from jixiao.web.departments.models import Department


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@login_required
@require_GET
def log(request: HttpRequest) -> HttpResponse:
    """Every recorded change the user may see, newest first, filterable by department, model and user."""
    user: User = request.user  # type: ignore[assignment]
    models = dict(model_choices())
    wanted_model = request.GET.get("model") or None
    filters = {"department_id": _int(request.GET.get("department")),
               "model": wanted_model if wanted_model in models else None,
               "user_id": _int(request.GET.get("user"))}
    result = audit_log(user=user, page=_int(request.GET.get("page")) or 1, **filters)
    query = "&".join(f"{k}={v}" for k, v in (("department", filters["department_id"]), ("model", filters["model"]),
                                               ("user", filters["user_id"])) if v is not None)
    return render(request, "audit/log.html", {
        "log": result, "filters": filters, "query": query,
        "departments": Department.objects.visible_to(user).order_by("name"),
        "models": models.items(), "users": filter_users(user=user),
    })
