"""Pages of the 项目库 (project library): the list, a project's page with its history, the forms, status buttons.

A department user sees and changes its own department's projects (404 for another's); the finance
bureau sees every department's, with the status counts, the 重点项目 list and the Excel export, and
changes none (403). Admins see and change all.
"""

from __future__ import annotations

import html
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_POST

from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.common.listing import list_state, paginate
from jixiao.web.common.locking import EditConflict
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import can_write_figures, writable_departments
from jixiao.web.projects.export import projects_xlsx
from jixiao.web.projects.extensions import PROJECT_SECTIONS  # filled by the apps above this one
from jixiao.web.projects.forms import ProjectForm
from jixiao.web.projects.models import Project
from jixiao.web.projects.selectors import (
    LIST_COLUMNS,
    PROJECT_FILTERS,
    PROJECT_SORTS,
    categories,
    column_cells,
    list_facets,
    project_for,
    project_history,
    project_list,
    project_version,
    projects_for,
)
from jixiao.web.projects.services import (
    ProjectInvalid,
    TransitionRefused,
    allowed_transitions,
    change_status,
    create_project,
    delete_project,
    gate_refusal,
    needs_exante,
    restore_project,
    update_project,
)


def _writable(request: AuthenticatedHttpRequest, project: Project) -> bool:
    return can_write_figures(request.user, project.department)


def _posted_version(request: AuthenticatedHttpRequest) -> int:
    """The version a status or delete button sent (乐观锁); a missing or garbled one is 0, which no record
    has once saved, so the write is refused as a conflict rather than made blind."""
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() and len(value) <= 18 else 0


def _filters(request: AuthenticatedHttpRequest) -> Any:
    return list_state(request, sorts=PROJECT_SORTS, default="", filters=PROJECT_FILTERS)


@login_required
@require_GET
def project_list_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """项目库: the projects the user sees, filtered and sorted in the URL, 25 a page."""
    state = _filters(request)
    rows = project_list(user=request.user, sort=state.sort, **state.filters)
    visible = projects_for(request.user)
    sees_all = request.user.sees_all_departments
    departments = list(Department.objects.visible_to(request.user).order_by("name").values_list("pk", "name")) \
        if sees_all else []
    facets = list_facets(visible)
    can_create = writable_departments(request.user).exists()
    page = paginate(rows, state)
    return render(request, "projects/list.html", {
        "page": page, "rows": column_cells(page), "extra_columns": LIST_COLUMNS,
        "colspan": 8 + sees_all + len(LIST_COLUMNS), "state": state, "statuses": Project.Status.choices,
        "counts": facets.counts if sees_all else [],
        "categories": facets.categories, "years": facets.years, "sees_all": sees_all,
        "department_options": _options(departments, state.filters["department"]),
        "can_create": can_create, "export_query": request.GET.urlencode(),
        "deleted": list(projects_for(request.user, deleted=True).order_by("-deleted_at")[:20]) if can_create else [],
    })


@login_required
@require_GET
def project_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The filtered list as 项目库-YYYYMMDD.xlsx (recorded in the audit log as every export)."""
    state = _filters(request)
    rows = project_list(user=request.user, sort=state.sort, **state.filters)
    response = HttpResponse(projects_xlsx(rows.iterator(chunk_size=500)),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"项目库-{timezone.localdate():%Y%m%d}.xlsx")
    return response


def _options(choices: list[tuple[int, str]], selected: str) -> SafeString:
    """``<option>``s of the department filter, built at once with the standard library's escape
    (1,000 departments: the template's loop, or ``format_html`` per option, was most of the page's time)."""
    return mark_safe("".join(  # every name is escaped here; the ids are integers
        f'<option value="{int(pk)}"{" selected" if str(pk) == selected else ""}>{html.escape(name)}</option>'
        for pk, name in choices))


def _departments_for_form(request: AuthenticatedHttpRequest) -> list[tuple[int, str]]:
    return list(writable_departments(request.user).order_by("name").values_list("pk", "name"))


@login_required
def project_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """新建项目: registered in 储备 in the user's department (an admin or a unit with 下属单位 picks one)."""
    choices = _departments_for_form(request)
    if not choices:
        if request.method == "POST":
            raise PermissionDenied("财政局用户不能登记部门项目")
        return render(request, "projects/form.html", {"form": None, "project": None, "readonly": True})
    form = ProjectForm(request.POST or None, departments=choices,
                       initial={"start_year": timezone.localdate().year, "attribute": Project.Attribute.NEW})
    if request.method == "POST" and form.is_valid():
        department_id = form.cleaned_data.get("department") or choices[0][0]
        department = writable_departments(request.user).get(pk=department_id)
        try:
            project = create_project(department=department, actor=request.user, **form.project_fields())
        except ProjectInvalid as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已登记项目“{project.name}”（储备）")
            return redirect("project", project.pk)
    return render(request, "projects/form.html", {"form": form, "project": None,
                                                  "category_options": categories(projects_for(request.user))})


@login_required
def project_edit(request: AuthenticatedHttpRequest, project_id: int) -> HttpResponse:
    """修改项目: the form with the version it showed; saved over a newer edit → the conflict above the form."""
    project = project_for(request.user, project_id)
    writable = _writable(request, project)
    if not writable and request.method == "POST":
        raise PermissionDenied("财政局用户不能修改部门项目")
    form = ProjectForm(request.POST or None, initial=ProjectForm.initial_for(project, project_version(project)))
    if not writable:  # the finance bureau reads the form as it stands, without a save button
        for field in form.fields.values():
            field.disabled = True
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            update_project(project=project, actor=request.user, version=form.cleaned_data["version"],
                           **form.project_fields())
        except EditConflict as exc:
            conflict = exc
        except ProjectInvalid as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已保存")
            return redirect("project", project.pk)
    return render(request, "projects/form.html", {
        "form": form, "project": project, "conflict": conflict, "readonly": not writable,
        "category_options": categories(projects_for(request.user))})


@login_required
@require_GET
def project_page(request: AuthenticatedHttpRequest, project_id: int) -> HttpResponse:
    """A project's page: its fields, 事前评估 conclusion, the status buttons allowed now, other apps' sections, history."""
    project = project_for(request.user, project_id, include_deleted=True)
    writable = _writable(request, project)
    alive = project.deleted_at is None
    transitions = [(value, Project.Status(value).label) for value in allowed_transitions(project)] if alive else []
    gate = gate_refusal(project) if alive and project.status in (Project.Status.RESERVE, Project.Status.EX_ANTE) \
        else None
    sections = []
    for template, context_of in PROJECT_SECTIONS:
        extra = context_of(request, project)
        if extra is not None:
            sections.append((template, extra))
    return render(request, "projects/detail.html", {
        "project": project, "writable": writable and alive, "can_restore": writable and not alive,
        "transitions": transitions, "gate": gate, "needs_exante": needs_exante(project),
        "version": project_version(project), "history": project_history(project), "sections": sections})


@login_required
@require_POST
def project_status(request: AuthenticatedHttpRequest, project_id: int) -> HttpResponse:
    """A status button (状态变更): only the allowed next states; the budget gate's refusal as the message."""
    project = project_for(request.user, project_id)
    if not _writable(request, project):
        raise PermissionDenied("财政局用户不能变更部门项目的状态")
    target = request.POST.get("to", "")
    try:
        project = change_status(project=project, to=target, actor=request.user, version=_posted_version(request))
    except (TransitionRefused, EditConflict) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"项目状态已变更为{project.get_status_display()}")
    return redirect("project", project_id)


@login_required
@require_POST
def project_delete(request: AuthenticatedHttpRequest, project_id: int) -> HttpResponse:
    """删除项目 (soft): it leaves the list, stays in the history and can be restored."""
    project = project_for(request.user, project_id)
    if not _writable(request, project):
        raise PermissionDenied("财政局用户不能删除部门项目")
    try:
        delete_project(project=project, actor=request.user, version=_posted_version(request))
    except EditConflict as exc:
        messages.error(request, str(exc))
        return redirect("project", project_id)
    messages.success(request, f"已删除项目“{project.name}”，可在项目库下方“已删除的项目”中恢复")
    return redirect("projects")


@login_required
@require_POST
def project_restore(request: AuthenticatedHttpRequest, project_id: int) -> HttpResponse:
    """恢复项目: undo the soft delete (refused when its code was taken again meanwhile)."""
    project = project_for(request.user, project_id, include_deleted=True)
    if not _writable(request, project):
        raise PermissionDenied("财政局用户不能恢复部门项目")
    try:
        restore_project(project=project, actor=request.user)
    except ProjectInvalid as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已恢复项目“{project.name}”")
    return redirect("project", project_id)
