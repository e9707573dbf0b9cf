"""Pages of the use of results (结果应用): a department's results, its rectification items, the overview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from jixiao.results import load_treatment_rules
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.audit.selectors import audit_log
from jixiao.web.common.listing import list_state, paginate, sort_rows
from jixiao.web.common.locking import EditConflict, as_version
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import (
    DepartmentRequest,
    can_review,
    can_write_figures,
    require_department_access,
    require_review_access,
)
from jixiao.web.results.export import overview_xlsx
from jixiao.web.results.extensions import (  # filled by the 项目绩效 and 抽评/考核 apps
    overview_columns,
    results_of_projects,
    sections_of,
)
from jixiao.web.results.forms import AnswerForm, RectificationForm
from jixiao.web.results.models import Rectification
from jixiao.web.results.selectors import (
    OVERVIEW_FILTERS,
    OVERVIEW_SORTS,
    department_results,
    evaluated_years,
    filter_overview,
    rectification_of,
    rectifications_of,
    results_overview,
    rule_choices,
    rules_named,
)
from jixiao.web.results.services import (
    EvaluationYearNotFound,
    RectificationInvalid,
    RectificationNotFound,
    answer_rectification,
    create_rectification,
    rectifications_from_evaluation,
)


def _results_url(department: Department) -> str:
    return reverse("department-results", args=[department.pk])


@login_required
@require_GET
@require_department_access()
def department(request: DepartmentRequest, department_id: int) -> HttpResponse:
    """Grade history with a chart, next year's suggested treatment, the rectification items."""
    dept = request.department
    rules = rules_named(request.GET.get("rules"))
    data = department_results(department=dept, rules=rules)
    chart = [{"year": y.year, "score": y.score, "grade": y.grade, "computed": y.computed} for y in data.history]
    return render(request, "results/department.html", {
        "department": dept, "data": data, "chart": chart, "rule_choices": rule_choices(),
        "can_review": can_review(request.user),
        "can_write": can_write_figures(request.user, dept),
        "project_results": results_of_projects(department=dept, rules=rules),  # 结果应用 per project (issue 16)
        "sections": sections_of(request, dept),  # 抽评 outcome, 考核 result (issue 19)
    })


@login_required
@require_review_access("只有财政局用户可以提出整改意见")
def new_rectification(request: DepartmentRequest, department_id: int) -> HttpResponse:
    """整改意见: the finance bureau raises an item on the department, with its deadline."""
    dept = request.department
    form = RectificationForm(request.POST or None, years=evaluated_years(department=dept))
    if request.method == "POST" and form.is_valid():
        try:
            item = create_rectification(department=dept, year=form.cleaned_data["year"],
                                        problem=form.cleaned_data["problem"], feedback=form.cleaned_data["feedback"],
                                        deadline=form.cleaned_data["deadline"], source=form.cleaned_data["source"])
        except (RectificationInvalid, EvaluationYearNotFound) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已新增整改事项：{item.problem[:30]}")
            return redirect(_results_url(dept))
    return render(request, "results/new.html", {"department": dept, "form": form})


@login_required
def rectification(request: DepartmentRequest, department_id: int, rectification_id: int) -> HttpResponse:
    """One item: GET shows it with its history (all who see the department); POST is the department's answer.

    (``request.department`` is set by the decorators of ``_show`` and ``_answer``.)
    """
    if request.method == "POST":
        return _answer(request, department_id=department_id, rectification_id=rectification_id)
    return _show(request, department_id=department_id, rectification_id=rectification_id)


def _item(department: Department, rectification_id: int) -> Rectification:
    try:
        return rectification_of(department=department, rectification_id=rectification_id)
    except RectificationNotFound as exc:
        raise Http404(str(exc)) from exc


def _render_item(request: DepartmentRequest, item: Rectification, form: AnswerForm, status: int = 200,
                 conflict: EditConflict | None = None) -> HttpResponse:
    dept = request.department
    history = audit_log(user=request.user, model="results.rectification", object_id=item.pk,
                        per_page=100)
    return render(request, "results/item.html", {
        "department": dept, "item": item, "form": form, "history": history.entries, "conflict": conflict,
        "can_write": can_write_figures(request.user, dept),
    }, status=status)


@require_department_access()
def _show(request: DepartmentRequest, department_id: int, rectification_id: int) -> HttpResponse:
    item = _item(request.department, rectification_id)
    form = AnswerForm(initial={"measure": item.measure, "status": item.status, "progress": item.progress,
                               "version": as_version(item.updated_at)})
    return _render_item(request, item, form)


@require_department_access(write=True)
def _answer(request: DepartmentRequest, department_id: int, rectification_id: int) -> HttpResponse:
    item = _item(request.department, rectification_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            answer_rectification(rectification=item, measure=form.cleaned_data["measure"],
                                 status=form.cleaned_data["status"], progress=form.cleaned_data["progress"],
                                 version=form.cleaned_data["version"])
        except RectificationInvalid as exc:
            form.add_error("progress", str(exc))
        except EditConflict as exc:
            return _render_item(request, item, form, conflict=exc)
        else:
            messages.success(request, "已保存整改情况")
            return redirect(reverse("rectification", args=[item.department_id, item.pk]))
    return _render_item(request, item, form)


@login_required
@require_POST
@require_department_access(write=True)
def from_evaluation(request: DepartmentRequest, department_id: int, year: int) -> HttpResponse:
    """One click: the year's self-evaluation problems and measures become items (自评发现)."""
    dept = request.department
    try:
        created = rectifications_from_evaluation(department=dept, year=year)
    except EvaluationYearNotFound as exc:
        raise Http404(str(exc)) from exc
    messages.success(request, f"已从 {year} 年度自评生成 {len(created)} 项整改事项" if created
                     else f"{year} 年度自评的问题均已列为整改事项")
    return redirect(_results_url(dept))


@login_required
@require_GET
def export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The overview and every visible item as an Excel file (导出 Excel)."""
    user = request.user
    rows = results_overview(user=user, rules=rules_named(request.GET.get("rules")))
    items = list(rectifications_of(departments=Department.objects.visible_to(user)))
    response = HttpResponse(overview_xlsx(rows, items),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="results.xlsx"'
    return response


@login_required
@require_GET
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """结果应用总览: every visible department's latest grade, suggested treatment, open items."""
    rules = rules_named(request.GET.get("rules"))
    every = results_overview(user=request.user, rules=rules)
    state = list_state(request, sorts=OVERVIEW_SORTS, default="department", filters=OVERVIEW_FILTERS)
    rows = sort_rows(filter_overview(every, **state.filters), state, OVERVIEW_SORTS)
    page = paginate(rows, state)
    columns = overview_columns(departments=Department.objects.visible_to(request.user))
    for row in page.object_list:
        row.extra = [cells.get(row.department_id, "—") for _, cells in columns]  # display only
    return render(request, "results/overview.html", {
        "columns": [header for header, _ in columns], "rows": page.object_list, "page": page, "state": state, "rules": rules, "rule_choices": rule_choices(),
        "default_rules": load_treatment_rules(),
        "years": sorted({r.latest.year for r in every if r.latest}, reverse=True), "grades": ("优", "良", "中", "差")})
