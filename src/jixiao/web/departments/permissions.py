"""Who may see and change what (权限), declared once and used by pages and the API alike.

The rules hang on the department: what a user sees is ``Department.objects.visible_to(user)``; a
stored file is resolved by ``jixiao.web.documents.permissions`` through the same rule.

Rules (角色):

- 部门用户 (department user) sees and changes only their own department and its 下属单位;
- 财政局用户 (finance user) sees every department and changes no department's figures;
- 管理员 (admin) sees and changes everything;
- the finance bureau writes its own records on a department (整改意见 and deadlines of 整改事项)
  through ``require_review_access()``, never the department's figures or its answers.

A view declares what it needs with a decorator instead of testing roles inside its body::

    @require_department_access(write=True)
    def record(request, department_id: int, ...):
        department = request.department      # resolved, visible, writable

A department the user may not see is a 404 (its existence is not revealed); one the user
may see but not change is a 403. The lookup itself goes through
``Department.objects.visible_to(user)``, so isolation is enforced in the query.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from jixiao.web.accounts.models import Role, User
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.departments.models import Department

F = TypeVar("F", bound=Callable[..., Any])


class DepartmentRequest(AuthenticatedHttpRequest):
    """A request past ``require_department_access`` / ``require_review_access``: the department it names."""

    department: Department


def can_write_figures(user: User, department: Department) -> bool:
    """May ``user`` change ``department``'s figures (budgets, execution, evaluation)?"""
    return writable_departments(user).filter(pk=department.pk).exists()


def department_for(user: User, department_id: int, *, write: bool = False) -> Department:
    """The department ``department_id`` as ``user`` may see it; 404 when not visible, 403 when read-only."""
    department = Department.objects.visible_to(user).select_related("region").filter(pk=department_id).first()
    if department is None:
        raise Http404("部门不存在")
    if write and not can_write_figures(user, department):
        raise PermissionDenied("财政局用户不能修改部门数据")
    return department


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def require_department_access(*, write: bool = False, write_unsafe: bool = False) -> Callable[[F], F]:
    """Resolve the ``department_id`` argument to ``request.department`` under the rules above.

    ``write_unsafe=True`` is for a page that shows a form and takes it back at the same URL:
    reading it needs the department to be visible, posting it needs write permission.
    """

    def decorator(func: F) -> F:
        @functools.wraps(func)
        def wrapper(request: DepartmentRequest, *args: Any, **kwargs: Any) -> Any:
            writes = write or (write_unsafe and request.method not in SAFE_METHODS)
            request.department = department_for(request.user, int(kwargs["department_id"]), write=writes)
            return func(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]  # functools.wraps: the view keeps its signature

    return decorator


def require_role(*roles: str) -> Callable[[F], F]:
    """Only users with one of ``roles`` (superusers always) may call the view; others get 403."""

    def decorator(func: F) -> F:
        @functools.wraps(func)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            user = request.user
            if not (user.is_authenticated and (user.is_superuser or user.role in roles)):
                raise PermissionDenied("无权访问此页面")
            return func(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]  # functools.wraps: the view keeps its signature

    return decorator


sees_dashboard = require_role(Role.FINANCE, Role.ADMIN)
"""The finance bureau's dashboard: 财政局用户 and 管理员 only."""


def writable_departments(user: User) -> QuerySet[Department]:
    """The departments whose figures ``user`` may change (the query form of ``can_write_figures``)."""
    if not user.is_authenticated:
        return Department.objects.none()
    if user.is_superuser or user.role == Role.ADMIN:
        return Department.objects.all()
    if user.role != Role.DEPARTMENT:
        return Department.objects.none()  # the finance bureau reviews, it does not change a department's figures
    return Department.objects.visible_to(user)


def can_review(user: User) -> bool:
    """May ``user`` write the finance bureau's own records (目标审核, 整改意见, 复核意见)? 财政局用户 and 管理员."""
    return user.is_authenticated and (user.is_superuser or user.role in (Role.FINANCE, Role.ADMIN))


def require_review_access(refusal: str = "只有财政局用户可以填写审核意见") -> Callable[[F], F]:
    """A finance write on a department (财政局意见): resolve ``department_id`` as above (404 when not
    visible), then 403 with ``refusal`` for anyone but the finance bureau and admins — a department
    never reviews itself; hands over ``request.department``."""

    def decorator(func: F) -> F:
        @functools.wraps(func)
        def wrapper(request: DepartmentRequest, *args: Any, **kwargs: Any) -> Any:
            department = department_for(request.user, int(kwargs["department_id"]))
            if not can_review(request.user):
                raise PermissionDenied(refusal)
            request.department = department
            return func(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]  # functools.wraps: the view keeps its signature

    return decorator


def can_upload_for(user: User, department: Department | None) -> bool:
    """May ``user`` store a report file naming ``department`` (None: a department not in the system)?

    The finance bureau and admins store any report; a department user only one of their own
    department or its 下属单位.
    """
    if can_review(user):
        return True
    return department is not None and Department.objects.visible_to(user).filter(pk=department.pk).exists()


def sees_every_record(user: User) -> bool:
    """The finance bureau and admins see every record, also those of no department (地区, 年度, 用户 …)."""
    return bool(user.is_authenticated and user.sees_all_departments)
