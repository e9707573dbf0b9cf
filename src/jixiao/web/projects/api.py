"""The 项目库 (project library) in ``/api/``: list, detail, create, update (乐观锁 → 409), status change.

The same services and role scoping as the pages: a department user reads and writes its own
department's projects (another's: 404); the finance bureau reads all and writes none (403).
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.

from datetime import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema
from pydantic import Field

from jixiao.report import Number
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.common.listing import ListState, filter_text, paginate
from jixiao.web.departments.permissions import DepartmentRequest, can_write_figures, require_department_access
from jixiao.web.projects.models import Project
from jixiao.web.projects.selectors import project_for, project_list, project_version
from jixiao.web.projects.services import (
    allowed_transitions,
    change_status,
    create_project,
    needs_exante,
    update_project,
)

StatusValue = Literal["reserve", "ex_ante", "approved", "in_progress", "completed", "terminated"]

# -- schemas --------------------------------------------------------------------------------------


class ProjectIn(Schema):
    """A project's own fields (项目信息); status and the 事前评估 conclusion have their own operations."""

    code: str = Field(min_length=1, max_length=40, description="项目编码（本部门内唯一）")
    name: str = Field(min_length=1, max_length=200, description="项目名称")
    category: str = Field("", max_length=60, description="项目类别")
    start_year: int = Field(ge=2000, le=2100, description="起始年度")
    end_year: int | None = Field(None, ge=2000, le=2100, description="结束年度（空：未定）")
    amount: Number | None = Field(None, ge=0, max_digits=14, decimal_places=2, description="项目总金额（万元）")
    department_in_charge: str = Field("", max_length=200, description="主管部门")
    implementer: str = Field("", max_length=200, description="实施单位")
    attribute: Literal["new", "continuing"] = Field("new", description="项目属性：new 新增 / continuing 延续")
    is_key: bool = Field(False, description="是否重点项目")
    is_major: bool = Field(False, description="重大政策/项目（须开展事前绩效评估）")


class ProjectUpdateIn(ProjectIn):
    version: int = Field(description="GET 所得的 version；期间他人已保存 → 409，不覆盖")


class StatusIn(Schema):
    to: StatusValue = Field(description="目标状态；只能是 allowed_next 之一")
    version: int = Field(description="GET 所得的 version；期间他人已保存 → 409")


class ProjectOut(Schema):
    """A stored project as it is (the input's bounds are the services' to enforce, not the answer's)."""

    id: int
    code: str = Field(description="项目编码")
    name: str = Field(description="项目名称")
    category: str = Field(description="项目类别")
    start_year: int = Field(description="起始年度")
    end_year: int | None = Field(description="结束年度（空：未定）")
    amount: Number | None = Field(description="项目总金额（万元）")
    department_in_charge: str = Field(description="主管部门")
    implementer: str = Field(description="实施单位")
    attribute: Literal["new", "continuing"] = Field(description="项目属性：new 新增 / continuing 延续")
    is_key: bool = Field(description="是否重点项目")
    is_major: bool = Field(description="重大政策/项目（须开展事前绩效评估）")
    department_id: int
    department: str
    status: StatusValue
    status_label: str = Field(description="储备 / 事前评估 / 已立项 / 执行中 / 已完成 / 终止")
    exante_required: bool = Field(description="是否须开展事前绩效评估")
    exante_conclusion: Literal["", "support", "partial", "reject"] = Field(
        description="事前评估结论：support 予以支持 / partial 部分支持 / reject 不予支持；空：尚无")
    approved_amount: Number | None = Field(None, description="核定金额（万元，部分支持时）")
    allowed_next: list[StatusValue] = Field(description="现在可变更到的状态")
    updated_at: datetime
    version: int = Field(description="乐观锁版本：PUT 与状态变更时原样送回")


class ProjectPageOut(Schema):
    count: int
    page: int
    pages: int
    projects: list[ProjectOut]


# -- router ---------------------------------------------------------------------------------------

router = Router(tags=["项目库"])


def project_out(project: Project) -> ProjectOut:
    return ProjectOut(
        id=project.pk, department_id=project.department.pk, department=project.department.name, code=project.code,
        name=project.name, category=project.category, start_year=project.start_year, end_year=project.end_year,
        amount=project.amount, department_in_charge=project.department_in_charge, implementer=project.implementer,
        attribute=project.attribute,  # type: ignore[arg-type]  # a stored choice; the schema validates it
        is_key=project.is_key, is_major=project.is_major,
        status=project.status,  # type: ignore[arg-type]  # a stored choice
        status_label=project.get_status_display(), exante_required=needs_exante(project),
        exante_conclusion=project.exante_conclusion,  # type: ignore[arg-type]  # a stored choice
        approved_amount=project.approved_amount, allowed_next=allowed_transitions(project),  # type: ignore[arg-type]  # Status members are the str values the schema lists
        updated_at=project.updated_at, version=project_version(project))


def _writable_project(request: AuthenticatedHttpRequest, project_id: int) -> Project:
    project = project_for(request.user, project_id)
    if not can_write_figures(request.user, project.department):
        raise PermissionDenied("财政局用户不能修改部门项目")
    return project


@router.get("/projects", response=ProjectPageOut)
def list_projects(request: AuthenticatedHttpRequest, status: str | None = None, category: str | None = None,
                  key: str | None = None, year: int | None = None, q: str | None = None,
                  department: int | None = None, sort: str = "", page: int = 1) -> ProjectPageOut:
    """The projects the user sees (项目库), 25 a page; filters as on the page: `status`, `category`,
    `key` (1 重点 / 0 非重点), `year` (实施期内), `q` (名称或编码), `department` (id); `sort` by code, name,
    amount, start_year, status, department (`-` for descending).

    Who: all roles (scoped: a department user sees its own department's projects).
    """
    filters = {"status": filter_text(status), "category": filter_text(category), "key": filter_text(key),
               "year": "" if year is None else str(year), "q": filter_text(q),
               "department": "" if department is None else str(department)}
    rows = project_list(user=request.user, sort=filter_text(sort), **filters)
    found = paginate(rows, ListState(sort=sort, filters=filters, page=str(max(page, 1))))
    return ProjectPageOut(count=found.paginator.count, page=found.number, pages=found.paginator.num_pages,
                          projects=[project_out(p) for p in found])


@router.get("/projects/{project_id}", response=ProjectOut)
def get_project(request: AuthenticatedHttpRequest, project_id: int) -> ProjectOut:
    """One project (项目) with its status, the states it may move to and its version.

    Who: those who see its department.
    """
    return project_out(project_for(request.user, project_id))


@router.post("/departments/{department_id}/projects", response=ProjectOut)
@require_department_access(write=True)
def post_project(request: DepartmentRequest, department_id: int, payload: ProjectIn) -> ProjectOut:
    """Register a project in the department's 项目库 (登记项目), status 储备; a code taken → 422.

    Who: the department's own users, admin.
    """
    project = create_project(department=request.department, actor=request.user, **payload.model_dump())
    return project_out(project)


@router.put("/projects/{project_id}", response=ProjectOut)
def put_project(request: AuthenticatedHttpRequest, project_id: int, payload: ProjectUpdateIn) -> ProjectOut:
    """Save the project's fields (修改项目); saved by someone else since `version` → 409 `{detail, version, changes}`.

    Who: the department's own users, admin.
    """
    project = _writable_project(request, project_id)
    fields = payload.model_dump(exclude={"version"})
    return project_out(update_project(project=project, actor=request.user, version=payload.version, **fields))


@router.post("/projects/{project_id}/status", response=ProjectOut)
def post_status(request: AuthenticatedHttpRequest, project_id: int, payload: StatusIn) -> ProjectOut:
    """Change the status (状态变更) `{to, version}` along the flow 储备 → 事前评估 → 已立项 → 执行中 → 已完成
    (any open state → 终止); → 已立项 needs 予以支持 (or 部分支持 with 核定金额) when a 事前评估 is required;
    refused → 409 with the reason.

    Who: the department's own users, admin.
    """
    project = _writable_project(request, project_id)
    return project_out(change_status(project=project, to=payload.to, actor=request.user, version=payload.version))
