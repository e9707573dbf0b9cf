"""The monitoring page (双监控) and the department's response to a warning (预警响应)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jixiao.datafiles import Applies
from jixiao.monitor import load_thresholds
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.budgets.models import Budget
from jixiao.web.common.listing import list_state, paginate, sort_rows
from jixiao.web.common.locking import EditConflict
from jixiao.web.common.messages import form_errors_to_messages
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import DepartmentRequest, require_department_access
from jixiao.web.monitoring.forms import WarningResponseForm
from jixiao.web.monitoring.selectors import default_monitoring_date, monitoring_board
from jixiao.web.monitoring.services import InvalidResponse, UnknownWarning, record_warning_response


@login_required
def monitoring(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every visible department's row on the chosen date, its warnings with their responses or deadlines."""
    visible = Department.objects.visible_to(request.user)
    years = sorted(set(Budget.objects.filter(department__in=visible).values_list("fiscal_year__year", flat=True)))
    value = request.GET.get("year", "")
    year = int(value) if value.isdigit() and int(value) in years else (years[-1] if years else None)
    context: dict[str, object] = {"years": years, "year": year}
    if year is not None:
        try:
            on = date.fromisoformat(request.GET["on"]) if request.GET.get("on") else default_monitoring_date(year)
        except ValueError:
            on = default_monitoring_date(year)
        board = monitoring_board(user=request.user, year=year, on=on)
        thresholds = load_thresholds()
        context.update(on=on, board=board, result=board.result, warned=board.by_department(),
                       thresholds_title=thresholds.title,
                       by_reference=thresholds_by_reference(board.monitored_departments(), year, thresholds.applies))
        context.update(_lists(request, board))
    return render(request, "monitoring/monitoring.html", context)


def thresholds_by_reference(departments: list[Department], year: int, applies: Applies | None) -> int:
    """How many of ``departments`` the thresholds do not govern in ``year`` (their region's are not held: 参照)."""
    if applies is None:
        return 0
    return sum(1 for department in departments if not applies.covers(department.region_names(), year))


ROW_SORTS = {
    "department": lambda r: r.department, "total": lambda r: r.total, "months": lambda r: r.months_closed,
    "spent": lambda r: r.spent, "execution": lambda r: r.execution, "gap": lambda r: r.gap,
    "projected": lambda r: r.projected,
}
"""Columns the departments' table (监控结果) sorts by."""
WARNING_SORTS = {
    "department": lambda i: (i.department.name, i.deadline), "deadline": lambda i: (i.deadline, i.department.name),
    "status": lambda i: (0 if i.pending and i.overdue else 1 if i.pending else 2, i.deadline),
}
"""Columns the warnings' table (预警与响应) sorts by; 状态 puts 已逾期 first, then 待响应, then 已响应."""
WARNING_STATUSES = {"overdue": "逾期未响应", "pending": "未到期待响应", "answered": "响应已记录"}
"""The warnings' 状态 filter."""


def _status_of(item) -> str:
    return "answered" if not item.pending else "overdue" if item.overdue else "pending"


def _lists(request: HttpRequest, board) -> dict[str, object]:
    """Both tables of the page filtered (部门, 状态), sorted and paginated as the querystring asks."""
    rows_state = list_state(request, sorts=ROW_SORTS, default="department", filters=("department",))
    warnings_state = list_state(request, sorts=WARNING_SORTS, default="status", filters=("department", "status"),
                                prefix="w")
    names = sorted({r.department for r in board.result.rows})
    named = {d.name: str(d.pk) for d in Department.objects.visible_to(request.user).filter(
        name__in=names).only("pk", "name")}
    chosen = rows_state.filters["department"]
    name = next((n for n, pk in named.items() if pk == chosen), None) if chosen else None
    rows = [r for r in board.result.rows if name is None or r.department == name]
    items = [i for i in board.items if name is None or i.department.name == name]
    status = warnings_state.filters["status"]
    if status in WARNING_STATUSES:
        items = [i for i in items if _status_of(i) == status]
    return {
        "rows_state": rows_state, "warnings_state": warnings_state,
        "rows_page": paginate(sort_rows(rows, rows_state, ROW_SORTS), rows_state),
        "warnings_page": paginate(sort_rows(items, warnings_state, WARNING_SORTS), warnings_state),
        "department_choices": sorted(named.items()), "warning_statuses": WARNING_STATUSES,
        "filtered": bool(name or status in WARNING_STATUSES),
    }


def _back(year: int, on: str) -> str:
    """The monitoring page of ``year`` on the date the form was sent from (a valid ISO date only)."""
    try:
        return f"{reverse('monitoring')}?year={year}&on={date.fromisoformat(on).isoformat()}"
    except ValueError:
        return f"{reverse('monitoring')}?year={year}"


@login_required
@require_POST
@require_department_access(write=True)
def respond(request: DepartmentRequest, department_id: int, year: int) -> HttpResponse:
    """记录预警响应 from the monitoring page; the same service (and rules) as the API's POST."""
    department = request.department
    form = WarningResponseForm(request.POST)
    target = _back(year, request.POST.get("on", ""))
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(target)
    try:
        response, _ = record_warning_response(
            department=department, year=year, key=form.cleaned_data["warning_key"],
            action=form.cleaned_data["action"], reason=form.cleaned_data["reason"], user=request.user,
            version=form.cleaned_data["version"])
    except EditConflict as exc:
        typed = f"您填写的理由“{form.cleaned_data['reason'][:60]}”未保存。"
        messages.error(request, " ".join([str(exc), typed, *(f"（{line}）" for line in exc.changes)]))
        return redirect(target)
    except UnknownWarning as exc:
        raise Http404(str(exc)) from exc
    except InvalidResponse as exc:
        messages.error(request, str(exc))
        return redirect(target)
    messages.success(request, f"已记录预警响应：{department.name}「{response.message}」— {response.action}")
    return redirect(target)
