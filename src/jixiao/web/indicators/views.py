"""Pages of the 指标库: the list with search and filters, an indicator with its history, the form, the
review queue (待审核), the XLSX download and upload.

Departments read the library and propose indicators; the finance bureau reviews, edits, retires and
imports (``permissions``). A page a user may not use is 403; an indicator they may not see is 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.indicators.classification import load_classification
from jixiao.indicators.xlsx import LibraryXlsxError, read_library, write_library
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.common.listing import list_state, paginate
from jixiao.web.common.locking import EditConflict, version_of
from jixiao.web.indicators import selectors, services
from jixiao.web.indicators.export import as_core
from jixiao.web.indicators.forms import IndicatorForm, UploadForm
from jixiao.web.indicators.models import LibraryIndicator, Scope, Status
from jixiao.web.indicators.permissions import can_manage, can_read, visible_to

FILTERS = ("q", "industry", "field", "level1", "level2", "scope", "status")
PROPOSAL_FIELDS = ("name", "level1", "level2", "industry", "field", "operator", "unit", "scoring_standard",
                   "explanation")
"""What a department fills in when it proposes an indicator; code, 共性/个性 and 出处 are the reviewer's."""


def _reader(request: AuthenticatedHttpRequest) -> None:
    if not can_read(request.user):
        raise PermissionDenied("无权查看指标库")


def _manager(request: AuthenticatedHttpRequest) -> None:
    if not can_manage(request.user):
        raise PermissionDenied("只有财政局用户可以审核、修改或导入指标库")


def _posted_version(request: AuthenticatedHttpRequest) -> int:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() and len(value) <= 18 else 0


def _indicator(request: AuthenticatedHttpRequest, pk: int) -> LibraryIndicator:
    row = visible_to(request.user).select_related("proposed_by_department", "proposed_by", "reviewed_by") \
        .filter(pk=pk).first()
    if row is None:
        raise Http404("指标不存在")
    return row


def _filtered(request: AuthenticatedHttpRequest) -> tuple[Any, Any]:
    state = list_state(request, sorts=(), default="", filters=FILTERS)
    status = state.filters.get("status") or (selectors.ALL if can_manage(request.user) else Status.ACTIVE)
    rows = selectors.search(q=state.filters.get("q"), industry=state.filters.get("industry"),
                            field=state.filters.get("field"), level1=state.filters.get("level1"),
                            level2=state.filters.get("level2"), scope=state.filters.get("scope"),
                            status=status, limit=None, within=visible_to(request.user))
    return state, rows


@login_required
@require_GET
def library_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """指标库: search by name or code, filter by 行业, 领域, 一级/二级, 共性/个性, 状态; 25 a page."""
    _reader(request)
    state, rows = _filtered(request)
    classification = load_classification()
    query = "&".join(f"{k}={v}" for k, v in state.filters.items() if v)
    return render(request, "indicators/list.html", {
        "state": state, "page": paginate(rows, state), "industries": list(classification.industries),
        "fields": classification.all_fields(), "level1s": selectors.facet_values("level1"),
        "level2s": selectors.facet_values("level2"), "scopes": Scope.choices,
        "statuses": Status.choices, "manager": can_manage(request.user), "export_query": query,
        "queue_count": selectors.review_queue().count() if can_manage(request.user) else None})


@login_required
@require_GET
def indicator_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """An indicator: all its fields, status and version, the review's note, its history in Chinese."""
    _reader(request)
    row = _indicator(request, pk)
    return render(request, "indicators/detail.html", {
        "row": row, "version": version_of(row), "history": selectors.history_of(row),
        "manager": can_manage(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def indicator_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """新建指标 (finance bureau: a 草稿) or 提出新指标 (department: straight to 审核)."""
    _reader(request)
    manager = can_manage(request.user)
    form = IndicatorForm(request.POST or None)
    if not manager:
        for name in list(form.fields):
            if name not in PROPOSAL_FIELDS:
                del form.fields[name]
    if request.method == "POST" and form.is_valid():
        try:
            if manager:
                row = services.create(actor=request.user, **form.indicator_fields())
            else:
                row = services.propose(actor=request.user, proposed_by_department=request.user.department,
                                       **form.indicator_fields())
        except services.IndicatorInvalid as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已保存为草稿" if manager else "已提交财政局审核")
            return redirect("indicator", row.pk)
    return render(request, "indicators/form.html", {"form": form, "row": None, "manager": manager, "conflict": None})


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """修改指标 (finance bureau), with the version it showed (乐观锁)."""
    _manager(request)
    row = _indicator(request, pk)
    form = IndicatorForm(request.POST or None, initial=IndicatorForm.initial_for(row))
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update(indicator=row, actor=request.user, version=form.cleaned_data["version"],
                            **form.indicator_fields())
        except EditConflict as exc:
            conflict = exc
        except services.IndicatorInvalid as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已保存")
            return redirect("indicator", row.pk)
    return render(request, "indicators/form.html", {"form": form, "row": row, "manager": True,
                                                    "conflict": conflict})


ACTIONS: dict[str, Callable[..., Any]] = {"submit": services.submit, "approve": services.approve, "reject": services.reject,
           "retire": services.retire, "reinstate": services.reinstate}
DONE = {"submit": "已提交审核", "approve": "已审核入库", "reject": "已退回", "retire": "已停用",
        "reinstate": "已恢复使用"}


@login_required
@require_POST
def indicator_action(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    """The status buttons: 提交审核, 审核通过, 退回, 停用, 恢复使用, 删除."""
    _manager(request)
    row = _indicator(request, pk)
    back = request.POST.get("next") == "queue"
    try:
        if action == "delete":
            services.delete(indicator=row, actor=request.user, version=_posted_version(request))
            messages.success(request, "已删除")
            return redirect("indicators")
        if action not in ACTIONS:
            raise Http404("没有这个操作")
        extra = {"note": request.POST.get("note", "")} if action in ("approve", "reject", "retire") else {}
        ACTIONS[action](indicator=row, actor=request.user, version=_posted_version(request), **extra)
    except (EditConflict, services.IndicatorInvalid, services.TransitionRefused) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{row.name}：{DONE[action]}")
    return redirect("indicator-review") if back else redirect("indicator", row.pk)


@login_required
@require_GET
def review_queue_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """待审核指标: what departments proposed from their declarations, oldest first, to approve or return."""
    _manager(request)
    rows = [(row, version_of(row)) for row in selectors.review_queue()]
    return render(request, "indicators/queue.html", {"rows": rows})


@login_required
@require_GET
def library_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """导出 Excel: the indicators of the current search and filters, in the circulated layout."""
    _reader(request)
    _, rows = _filtered(request)
    data = write_library(as_core(row) for row in rows)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = content_disposition_header(True, "指标库.xlsx")
    return response


@login_required
@require_http_methods(["GET", "POST"])
def library_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    """导入 Excel (finance bureau): every row good or nothing imported; one line per bad row."""
    _manager(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        name = upload.name or "上传文件"
        try:
            data = upload.read(8 * 1024 * 1024)
            sheet = read_library(data, filename=name)
        except LibraryXlsxError as exc:
            errors = [str(exc)]
        else:
            errors = sheet.errors
            if not errors:
                try:
                    added, changed = services.import_rows(items=sheet.rows, actor=request.user)
                except services.IndicatorInvalid as exc:
                    errors = [f"{name}：{exc}，未导入任何指标"]
                else:
                    messages.success(request, f"已导入：新增 {added} 个指标，更新 {changed} 个指标")
                    return redirect("indicators")
    return render(request, "indicators/import.html", {"form": form, "errors": errors})
