"""Abstract models: nothing a user entered is lost.

``SoftDeleteModel`` turns ``delete()`` (on an instance or a queryset, and so in the admin)
into setting ``deleted_at``; the default manager hides deleted rows, ``all_objects`` shows
them, ``restore()`` brings one back. Together with django-simple-history on every concrete
model, every edit and every delete can be traced and undone.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone


class SoftDeleteQuerySet(models.QuerySet):
    def delete(self) -> tuple[int, dict[str, int]]:
        """Mark the rows deleted instead of removing them (软删除)."""
        count = 0
        obj: Any  # a row of self.model (the queryset is not parametrised)
        for obj in self:  # one by one, so that history records every delete
            obj.delete()
            count += 1
        return count, {self.model._meta.label: count}

    def hard_delete(self) -> tuple[int, dict[str, int]]:
        return super().delete()

    def alive(self) -> SoftDeleteQuerySet:
        return self.filter(deleted_at__isnull=True)

    def deleted(self) -> SoftDeleteQuerySet:
        return self.filter(deleted_at__isnull=False)


class SoftDeleteManager(models.Manager.from_queryset(SoftDeleteQuerySet)):  # type: ignore[misc]  # a base made by from_queryset: the django plugin types it
    """The default manager: deleted rows are invisible."""

    def get_queryset(self) -> SoftDeleteQuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


AllObjectsManager = models.Manager.from_queryset(SoftDeleteQuerySet)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


class SoftDeleteModel(TimeStampedModel):
    deleted_at = models.DateTimeField("删除时间", null=True, blank=True, editable=False, db_index=True)

    objects = SoftDeleteManager()
    all_objects = AllObjectsManager()

    class Meta:
        abstract = True
        base_manager_name = "all_objects"

    def delete(self, using: Any = None, keep_parents: bool = False) -> tuple[int, dict[str, int]]:
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted_at", "updated_at"])
        return 1, {self._meta.label: 1}

    def restore(self) -> None:
        """Undo a soft delete (恢复)."""
        self.deleted_at = None
        self.save(update_fields=["deleted_at", "updated_at"])

    def hard_delete(self) -> tuple[int, dict[str, int]]:
        return super().delete()


def MoneyField(verbose_name: str, **kwargs: Any) -> models.DecimalField:
    """An amount in 万元 to the cent (金额，万元).

    14 digits: SQLite keeps decimals as doubles, exact to 15 significant digits, and 12 integer
    digits of 万元 is far beyond any budget.
    """
    kwargs.setdefault("null", True)
    kwargs.setdefault("blank", True)
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)


def QuantityField(verbose_name: str, **kwargs: Any) -> models.DecimalField:
    """A rate, weight, score, target or actual value: exact, four decimals."""
    kwargs.setdefault("null", True)
    kwargs.setdefault("blank", True)
    return models.DecimalField(verbose_name, max_digits=15, decimal_places=4, **kwargs)


def soft_unique(*fields: str, name: str) -> models.UniqueConstraint:
    """Unique among the rows that are not deleted, so a deleted row never blocks a new one."""
    return models.UniqueConstraint(fields=list(fields), condition=models.Q(deleted_at__isnull=True), name=name)


ZERO = Decimal(0)
