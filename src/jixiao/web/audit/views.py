"""The audit log page (审计日志) and its export for auditors: parse the filters, read the scoped log, render."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from jixiao.exports import Workbook, csv_text
from jixiao.web.accounts.models import User
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.audit.selectors import (
    EVENT,
    KIND_CHOICES,
    SORTS,
    Entry,
    Filters,
    audit_log,
    filter_users,
    iter_log,
    model_choices,
)
from jixiao.web.departments.models import Department

EXPORT_COLUMNS = ("时间", "操作人", "类型", "对象", "部门", "来源", "内容")


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filters(request: HttpRequest) -> tuple[Filters, dict[str, str]]:
    """The filters in the URL, and the same as query parameters (to keep them in links)."""
    models = dict(model_choices()) | {EVENT: "审计事件"}
    kinds = dict(KIND_CHOICES)
    get = request.GET
    filters = Filters(
        department_id=_int(get.get("department")),
        model=get.get("model") if get.get("model") in models else None,
        user_id=_int(get.get("user")),
        kind=get.get("kind") if get.get("kind") in kinds else None,
        date_from=_date(get.get("from")), date_to=_date(get.get("to")),
        sort=get.get("sort", "") if get.get("sort") in SORTS else "-date")
    params = {k: str(v) for k, v in (("department", filters.department_id), ("model", filters.model),
                                     ("user", filters.user_id), ("kind", filters.kind),
                                     ("from", filters.date_from), ("to", filters.date_to)) if v is not None}
    if filters.sort != "-date":
        params["sort"] = filters.sort
    return filters, params


@login_required
@require_GET
def log(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every recorded change and event the user may see, filterable, sortable, 25 a page."""
    user: User = request.user
    filters, params = _filters(request)
    result = audit_log(user=user, page=_int(request.GET.get("page")) or 1, filters=filters)
    unsorted = {k: v for k, v in params.items() if k != "sort"}
    return render(request, "audit/log.html", {
        "log": result, "filters": filters, "query": urlencode(params), "unsorted": urlencode(unsorted),
        "departments": Department.objects.visible_to(user).order_by("name"),
        "models": dict(model_choices()).items(), "kinds": KIND_CHOICES, "users": filter_users(user=user),
    })


def _row(entry: Entry) -> list[str]:
    when = timezone.localtime(entry.date).strftime("%Y-%m-%d %H:%M:%S")
    what = entry.detail if entry.model == EVENT else \
        "；".join(f"{c.label}：{c.old} → {c.new}" for c in entry.changes) or "—"
    obj = "—" if entry.model == EVENT else f"{entry.model_label} #{entry.object_id}"
    return [when, entry.user or "—", entry.type_label, obj, entry.department or "—", entry.source or "—", what]


@login_required
@require_GET
def export_csv(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    """The filtered log as CSV (UTF-8 with BOM, so Excel reads the Chinese), every row, for auditors."""
    filters, _ = _filters(request)
    user: User = request.user

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        yield "\ufeff"
        writer.writerow(EXPORT_COLUMNS)
        for entry in iter_log(user=user, filters=filters):
            writer.writerow([csv_text(v) for v in _row(entry)])  # jixiao.exports: OWASP apostrophe
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=_name("csv"))
    return response


@login_required
@require_GET
def export_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The filtered log as an Excel workbook (every cell text, never a formula: ``jixiao.exports``)."""
    filters, _ = _filters(request)
    user: User = request.user
    out = io.BytesIO()
    book = Workbook(out)
    sheet = book.add_worksheet("审计日志")
    bold = book.add_format({"bold": True})
    for col, title in enumerate(EXPORT_COLUMNS):
        sheet.write_string(0, col, title, bold)
    for row, entry in enumerate(iter_log(user=user, filters=filters), start=1):
        for col, value in enumerate(_row(entry)):
            sheet.write_string(row, col, value)
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 5, 16)
    sheet.set_column(6, 6, 80)
    book.close()
    response = HttpResponse(out.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=_name("xlsx"))
    return response


def _name(suffix: str) -> str:
    return f"审计日志-{timezone.localdate():%Y%m%d}.{suffix}"
