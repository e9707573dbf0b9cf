"""Users with a role and, for department users, the one department they belong to."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    """What a user may do (角色)."""

    DEPARTMENT = "department", "部门用户"
    FINANCE = "finance", "财政局用户"
    ADMIN = "admin", "管理员"
    EXPERT = "expert", "评审专家"
    """An expert the finance bureau names for a 事前绩效评估: sees only what is assigned to them."""


class User(AbstractUser):
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.DEPARTMENT)
    department = models.ForeignKey(
        "departments.Department",
        verbose_name="所属部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text="部门用户只能查看和编辑本部门的数据。",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    @property
    def sees_all_departments(self) -> bool:
        """Finance-bureau users and administrators see every department."""
        return self.is_superuser or self.role in (Role.FINANCE, Role.ADMIN)
