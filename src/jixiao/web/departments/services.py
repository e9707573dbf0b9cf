"""Writes to who reports (部门与地区): finding or creating a department by the name a report gives."""

from __future__ import annotations

from django.db import transaction

from jixiao.web.departments.models import Department, Region


@transaction.atomic(savepoint=False)
def department_named(*, name: str, region: str | None) -> Department:
    """The department ``name`` (created when new), moved to ``region`` when the report names one (报告所述部门).

    No savepoint: it runs inside ``save_report``'s transaction, as one step of storing a report.
    """
    found_region = None
    if region:
        found_region = Region.objects.filter(name=region).first() or Region.objects.create(name=region)
    department = Department.objects.filter(name=name).first()
    if department is None:
        return Department.objects.create(name=name, region=found_region)
    if found_region is not None and department.region_id != found_region.pk:
        department.region = found_region
        department.save(update_fields=["region", "updated_at"])
    return department
