"""Who may see and change what (权限), declared once and used by pages and the API alike.

Rules (角色):

- 部门用户 (department user) sees and changes only their own department and its 下属单位;
- 财政局用户 (finance user) sees every department and changes no department's figures;
- 管理员 (admin) sees and changes everything.

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
from django.http import Http404, HttpRequest

from jixiao.web.accounts.models import Role, User
from jixiao.web.departments.models import Department

F = TypeVar("F", bound=Callable[..., Any])


def can_write_figures(user: User, department: Department) -> bool:
    """May ``user`` change ``department``'s figures (budgets, execution, evaluation)?"""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.role == Role.ADMIN:
        return True
    if user.role != Role.DEPARTMENT:
        return False  # the finance bureau reviews, it does not change a department's figures
    return Department.objects.visible_to(user).filter(pk=department.pk).exists()


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
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            writes = write or (write_unsafe and request.method not in SAFE_METHODS)
            request.department = department_for(request.user, int(kwargs["department_id"]), write=writes)  # type: ignore[attr-defined, arg-type]
            return func(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


def require_role(*roles: str) -> Callable[[F], F]:
    """Only users with one of ``roles`` (superusers always) may call the view; others get 403."""

    def decorator(func: F) -> F:
        @functools.wraps(func)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            user = request.user
            if not (user.is_authenticated and (user.is_superuser or user.role in roles)):  # type: ignore[union-attr]
                raise PermissionDenied("无权访问此页面")
            return func(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


sees_dashboard = require_role(Role.FINANCE, Role.ADMIN)
"""The finance bureau's dashboard: 财政局用户 and 管理员 only."""
