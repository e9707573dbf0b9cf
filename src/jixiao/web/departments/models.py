"""Who reports: regions, departments with their subordinate units, and fiscal years."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.common.models import SoftDeleteManager, SoftDeleteModel, SoftDeleteQuerySet, soft_unique

if TYPE_CHECKING:
    from jixiao.web.accounts.models import User


class Region(SoftDeleteModel):
    """An administrative region (地区), e.g. 广州市荔湾区; nested by ``parent``."""

    name = models.CharField("名称", max_length=100, help_text="如：广州市荔湾区")
    code = models.CharField("行政区划代码", max_length=12, blank=True)
    parent = models.ForeignKey("self", verbose_name="上级地区", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "地区"
        verbose_name_plural = "地区"
        ordering = ["name"]
        constraints = [soft_unique("name", name="region_name_unique")]

    def __str__(self) -> str:
        return self.name


class DepartmentQuerySet(SoftDeleteQuerySet):
    def visible_to(self, user: User) -> DepartmentQuerySet:
        """The departments ``user`` may see: all for the finance bureau, one's own otherwise."""
        if not user.is_authenticated:
            return self.none()
        if user.sees_all_departments:
            return self
        if user.department_id is None:
            return self.none()
        return self.filter(models.Q(pk=user.department_id) | models.Q(parent_id=user.department_id))


class DepartmentManager(SoftDeleteManager.from_queryset(DepartmentQuerySet)):  # type: ignore[misc]  # a base made by from_queryset: the django plugin types it
    pass


class Department(SoftDeleteModel):
    """A budget unit (预算部门/单位); ``parent`` links a 下属单位 to its department."""

    class UnitType(models.TextChoices):
        ADMINISTRATIVE = "administrative", "行政单位"
        PUBLIC_INSTITUTION = "public_institution", "事业单位"
        OTHER = "other", "其他"

    name = models.CharField("部门名称", max_length=200)
    short_name = models.CharField("简称", max_length=50, blank=True)
    code = models.CharField("部门编码", max_length=30, blank=True)
    region = models.ForeignKey(Region, verbose_name="地区", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="departments")
    parent = models.ForeignKey("self", verbose_name="主管部门", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="units", help_text="下属单位填写其主管部门")
    unit_type = models.CharField("单位类型", max_length=30, choices=UnitType.choices, default=UnitType.ADMINISTRATIVE)
    history = HistoricalRecords()

    objects: ClassVar[DepartmentManager] = DepartmentManager()

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"
        ordering = ["name"]
        constraints = [soft_unique("name", name="department_name_unique")]

    def __str__(self) -> str:
        return self.name

    def region_names(self) -> list[str]:
        """The department's region and every region above it, nearest first (广州市荔湾区, 广州市, 广东省):
        what decides which region's rules apply (结果应用, 预警阈值)."""
        names: list[str] = []
        region = self.region
        while region is not None and region.name not in names:
            names.append(region.name)
            region = region.parent
        return names


class FiscalYear(models.Model):
    """A budget year (预算年度)."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    is_closed = models.BooleanField("已结账", default=False, help_text="年度结束、决算完成后关闭")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "预算年度"
        verbose_name_plural = "预算年度"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年度"
