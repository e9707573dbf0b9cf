"""Reads of the 项目库 (project library): role-scoped querysets, the filtered list, counts, history.

A department user sees its own department's projects (and its 下属单位', as everywhere); the
finance bureau and admins see all. Other apps (``projperf``) put their columns on the list through
``LIST_COLUMNS``: a label and a function annotating the queryset.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from jixiao.web.accounts.models import User
from jixiao.web.common.history import history_lines
from jixiao.web.common.locking import version_of
from jixiao.web.departments.models import Department
from jixiao.web.projects.models import Project


def projects_for(user: User, *, deleted: bool = False) -> QuerySet[Project]:
    """The projects ``user`` sees (alive ones; ``deleted=True``: the deleted ones instead)."""
    manager = Project.all_objects if deleted else Project.objects
    if user.is_authenticated and user.sees_all_departments:
        # every alive department's: "not of a deleted department" reads the projects' own covering index
        # (project_facets), where "in the alive departments" made SQLite visit 30,000 rows one by one
        rows = manager.exclude(department__in=Department.all_objects.filter(deleted_at__isnull=False))
    else:
        rows = manager.filter(department__in=Department.objects.visible_to(user))
    if deleted:
        rows = rows.filter(deleted_at__isnull=False)
    return rows.select_related("department")


def project_for(user: User, pk: int, *, include_deleted: bool = False) -> Project:
    """The project ``pk`` as ``user`` may see it; 404 when it is not there or not theirs."""
    manager = Project.all_objects if include_deleted else Project.objects
    project = (manager.filter(department__in=Department.objects.visible_to(user))
               .select_related("department").filter(pk=pk).first())
    if project is None:
        raise Http404("项目不存在")
    return project


def project_version(project: Project) -> int:
    """乐观锁版本 of the project (its ``updated_at``), sent back with the form and the API's PUT."""
    return version_of(project)


PROJECT_FILTERS = ("status", "category", "key", "year", "q", "department")
"""The list's filters (page, export and ``/api/projects``): 状态, 类别, 重点, 年度, 名称/编码, 部门 (id)."""

PROJECT_SORTS: dict[str, tuple[str, ...]] = {
    "code": ("code", "pk"), "name": ("name", "pk"), "amount": ("amount", "pk"),
    "start_year": ("start_year", "code"), "status": ("status", "code"),
    "department": ("department__name", "code"),
}
"""Sortable columns of the list: key → order_by fields (``-key`` reverses)."""

@dataclass(frozen=True)
class ListColumn:
    """A column another app adds to the list (e.g. 执行率, 红色指标数 by ``projperf``).

    ``annotate`` adds the attribute ``key`` to the queryset (a subquery: the list stays one query);
    ``show`` writes a row's value as the user reads it (never a raw ``None``); ``cell`` gives the value the
    Excel export writes (a number where the list shows one; ``None`` an empty cell), ``show`` when not given.
    """

    key: str
    label: str
    annotate: Callable[[QuerySet[Project]], QuerySet[Project]]
    show: Callable[[Any], str] = lambda value: "—" if value is None else str(value)
    cell: Callable[[Any], object] | None = None
    export_label: str = ""
    """The export's header when it differs from the list's (e.g. the unit of a number: 执行率（%）)."""

    def export_value(self, value: Any) -> object:
        """The value of this column in the 项目库 export."""
        return self.cell(value) if self.cell is not None else self.show(value)


LIST_COLUMNS: list[ListColumn] = []
"""The extra columns of the 项目库 list, in order; other apps append theirs (a small additive edit)."""


def filter_projects(rows: QuerySet[Project], *, status: str = "", category: str = "", key: str = "",
                    year: str = "", q: str = "", department: str = "") -> QuerySet[Project]:
    """Apply the list's filters (bad values filter nothing out rather than fail)."""
    from jixiao.web.common.listing import as_number

    if status in Project.Status.values:
        rows = rows.filter(status=status)
    if category:
        rows = rows.filter(category=category)
    if key in ("1", "yes", "true"):
        rows = rows.filter(is_key=True)
    elif key in ("0", "no", "false"):
        rows = rows.filter(is_key=False)
    year_number = as_number(year)
    if year_number is not None:
        rows = rows.filter(Q(start_year__lte=year_number)
                           & (Q(end_year__isnull=True) | Q(end_year__gte=year_number)))
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(code__icontains=q))
    department_id = as_number(department)
    if department_id is not None:
        rows = rows.filter(department_id=department_id)
    return rows


def project_list(*, user: User, sort: str = "", **filters: str) -> QuerySet[Project]:
    """项目库列表: the projects ``user`` sees, filtered, sorted, with other apps' columns annotated."""
    rows = filter_projects(projects_for(user), **filters)
    for column in LIST_COLUMNS:
        rows = column.annotate(rows)
    name = sort.lstrip("-")
    order: tuple[str, ...] = PROJECT_SORTS.get(name, ("department__name", "-start_year", "code"))
    if sort.startswith("-") and name in PROJECT_SORTS:
        order = tuple(f"-{f}" if not f.startswith("-") else f[1:] for f in order)
    return rows.order_by(*order)


@dataclass(frozen=True)
class ListFacets:
    """What the list's filters offer and the finance bureau's counts, from one grouped query."""

    counts: list[tuple[str, str, int]]
    """(status, label, count) for every status, in flow order (状态统计)."""
    years: list[int]
    """起始年度 of the rows, latest first (the year filter's options)."""
    categories: list[str]
    """项目类别 used among the rows (the category filter's options)."""


def list_facets(rows: QuerySet[Project]) -> ListFacets:
    """Counts by status, years and categories of ``rows`` in one scan (30,000 projects: one pass, not three)."""
    grouped = rows.order_by().values_list("status", "start_year", "category").annotate(n=Count("pk"))
    counted: dict[str, int] = {}
    years: set[int] = set()
    found: set[str] = set()
    for status, year, category, n in grouped:
        counted[status] = counted.get(status, 0) + n
        years.add(year)
        if category:
            found.add(category)
    return ListFacets([(value, label, counted.get(value, 0)) for value, label in Project.Status.choices],
                      sorted(years, reverse=True), sorted(found))


def status_counts(rows: QuerySet[Project]) -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, in flow order (the finance bureau's overview)."""
    return list_facets(rows).counts


def categories(rows: QuerySet[Project]) -> list[str]:
    """The categories used among ``rows`` (the category filter's options)."""
    return sorted(c for c in set(rows.order_by().values_list("category", flat=True).distinct()) if c)


def key_projects(*, user: User) -> QuerySet[Project]:
    """重点项目清单: the key projects ``user`` sees, largest first."""
    return projects_for(user).filter(is_key=True).order_by("-amount", "code")


def project_history(project: Project, *, limit: int = 50) -> list[dict[str, Any]]:
    """The project's history in words: when, who, what (新建 / 修改了 项目名称：旧 → 新 / 删除 / 恢复)."""
    return history_lines(project, noun="项目", shown=partial(shown, project), limit=limit)


def shown(project: Project, name: str, value: Any) -> str:
    """A stored value as a user reads it: choice labels, 是/否, amounts to the cent, "—" for empty."""
    from jixiao.figures import money

    field = Project._meta.get_field(name)
    if value in (None, ""):
        return "—"
    choices = dict(getattr(field, "choices", None) or ())
    if choices:
        return str(choices.get(value, value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if name in ("amount", "approved_amount"):
        return f"{money(Decimal(value))} 万元"
    return str(value)


def column_cells(projects: Any) -> list[tuple[Project, list[str]]]:
    """Each project of a list page with its extra columns' cells (``LIST_COLUMNS``), as shown."""
    return [(p, [column.show(getattr(p, column.key, None)) for column in LIST_COLUMNS]) for p in projects]
