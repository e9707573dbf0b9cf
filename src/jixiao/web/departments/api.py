"""Departments (部门) the user may see.

This app's part of ``/api/``: its router and the schemas of what it reads and writes.
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.


from ninja import Router, Schema

from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.common.listing import filter_text
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import DepartmentRequest, require_department_access

# -- schemas --------------------------------------------------------------------------------------

class DepartmentOut(Schema):
    """A department (部门) as the API shows it."""

    id: int
    name: str
    short_name: str
    code: str
    region: str | None
    parent_id: int | None
    unit_type: str


# -- router ---------------------------------------------------------------------------------------

router = Router(tags=["部门"])


def department_out(department: Department) -> DepartmentOut:
    return DepartmentOut(
        id=department.pk, name=department.name, short_name=department.short_name, code=department.code,
        region=department.region.name if department.region else None, parent_id=department.parent_id,
        unit_type=department.unit_type,
    )


@router.get("/departments", response=list[DepartmentOut])
def list_departments(request: AuthenticatedHttpRequest, region: int | None = None, q: str | None = None) -> list[DepartmentOut]:
    """The departments the user sees (部门列表); `region` (id) and `q` (name contains) filter as on the home page.

    Who: all roles.
    """
    visible = Department.objects.visible_to(request.user).select_related("region")
    if region is not None:
        visible = visible.filter(region_id=region) if 0 <= region < 2**63 else visible.none()
    if q := filter_text(q):
        visible = visible.filter(name__contains=q)
    return [department_out(d) for d in visible]


@router.get("/departments/{department_id}", response=DepartmentOut)
@require_department_access()
def get_department(request: DepartmentRequest, department_id: int) -> DepartmentOut:
    """One department (部门详情).

    Who: those who see it.
    """
    return department_out(request.department)
