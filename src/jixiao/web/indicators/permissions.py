"""Who may do what in the 指标库 (指标库权限).

- 部门用户 reads the library (入库 indicators, and their own department's proposals) and proposes
  indicators (提出新指标, and by typing a free-text indicator into a declaration);
- 财政局用户 and 管理员 read everything, review proposals into the library, edit, retire, import;
- 评审专家 has no business here (403).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from jixiao.web.accounts.models import Role, User
from jixiao.web.indicators.models import LibraryIndicator, Status

READERS = (Role.DEPARTMENT, Role.FINANCE, Role.ADMIN)
MANAGERS = (Role.FINANCE, Role.ADMIN)


def can_read(user: User) -> bool:
    return user.is_authenticated and (user.role in READERS or user.is_superuser)


def can_propose(user: User) -> bool:
    return can_read(user)


def can_manage(user: User) -> bool:
    """Review, edit, retire, import (the finance bureau and admins)."""
    return user.is_authenticated and (user.role in MANAGERS or user.is_superuser)


def visible_to(user: User) -> QuerySet[LibraryIndicator]:
    """The indicators ``user`` may open: all for the finance bureau; 入库 and 停用 ones and the own
    department's proposals for a department user; none for anyone else."""
    rows = LibraryIndicator.objects.all()
    if can_manage(user):
        return rows
    if not can_read(user):
        return rows.none()
    mine = Q(proposed_by_department_id=user.department_id) if user.department_id else Q(pk__in=[])
    return rows.filter(Q(status__in=[Status.ACTIVE, Status.RETIRED]) | mine | Q(proposed_by=user))
