"""What the target checks read (指标观测值与同类统计): one row per declared indicator-year, and the peers' statistics.

Both are caches, not records: nothing in them was typed by a user, every figure is derived
from the indicator rows of the evaluation (部门) and 项目绩效 (项目) apps, and the receivers in
``receivers.py`` rewrite them whenever those rows are saved. So they are plain models, outside the
soft-delete and history rules that protect what users enter (as ``DepartmentYearSummary``).

An observation belongs to a library indicator (指标库, by its code) and its 行业: rows linked to the
library by their ``library_indicator`` key, or — until every row is linked — whose name is exactly
one library indicator's name (``library.resolve``).
"""

from __future__ import annotations

from django.db import models

from jixiao.web.common.models import MoneyField, QuantityField


class Observation(models.Model):
    """指标观测值: one indicator of one department or project in one year — target, actual and amount."""

    class Source(models.TextChoices):
        DEPARTMENT = "department", "部门"
        PROJECT = "project", "项目"

    library_code = models.CharField("指标编码", max_length=40)
    name = models.CharField("指标名称", max_length=300)
    industry = models.CharField("行业", max_length=60)
    source = models.CharField("来源", max_length=12, choices=Source.choices)
    row_id = models.PositiveIntegerField("指标行")
    department = models.ForeignKey("departments.Department", on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey("projects.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    op = models.CharField("计算符号", max_length=12, blank=True)
    unit = models.CharField("计量单位", max_length=30, blank=True)
    target = QuantityField("指标值")
    actual = QuantityField("实际完成值")
    amount = MoneyField("金额（万元）")
    cost = models.DecimalField("单位成本（万元）", max_digits=20, decimal_places=4, null=True, blank=True)
    exceeded = models.BooleanField("超额完成（≥130%）", default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "指标观测值"
        verbose_name_plural = "指标观测值"
        constraints = [models.UniqueConstraint(fields=["source", "row_id"], name="observation_row_unique")]
        indexes = [
            # the peers of one library indicator, 行业 and year (the statistics' recomputation)
            models.Index(fields=["library_code", "industry", "year"], name="observation_peers"),
            # one department's own history of one indicator (the declaration page)
            models.Index(fields=["department", "library_code", "year"], name="observation_department"),
            models.Index(fields=["project", "library_code", "year"], name="observation_project"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class PeerStat(models.Model):
    """同类统计: the targets, actuals and cost per unit of one library indicator, 行业 and year across departments and projects."""

    library_code = models.CharField("指标编码", max_length=40)
    industry = models.CharField("行业", max_length=60)
    year = models.PositiveSmallIntegerField("年度")
    count = models.PositiveIntegerField("样本数", default=0)
    target_q1 = QuantityField("指标值第一四分位数")
    target_median = QuantityField("指标值中位数")
    target_q3 = QuantityField("指标值第三四分位数")
    actual_count = models.PositiveIntegerField("有实际值的样本数", default=0)
    actual_q1 = QuantityField("实际值第一四分位数")
    actual_median = QuantityField("实际值中位数")
    actual_q3 = QuantityField("实际值第三四分位数")
    actual_min = QuantityField("实际值最小")
    actual_max = QuantityField("实际值最大")
    cost_count = models.PositiveIntegerField("有单位成本的样本数", default=0)
    cost_q1 = models.DecimalField("单位成本第一四分位数", max_digits=20, decimal_places=4, null=True, blank=True)
    cost_median = models.DecimalField("单位成本中位数", max_digits=20, decimal_places=4, null=True, blank=True)
    cost_q3 = models.DecimalField("单位成本第三四分位数", max_digits=20, decimal_places=4, null=True, blank=True)
    exceeded = models.PositiveIntegerField("超额完成（≥130%）数", default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "同类统计"
        verbose_name_plural = "同类统计"
        constraints = [models.UniqueConstraint(fields=["library_code", "industry", "year"], name="peerstat_key_unique")]

    def __str__(self) -> str:
        return f"{self.library_code} {self.industry} {self.year}"
