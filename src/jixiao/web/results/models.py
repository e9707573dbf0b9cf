"""Rectification items (整改事项): a problem found in a year's evaluation, the measure, and its status next year."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.common.models import SoftDeleteModel


class Rectification(SoftDeleteModel):
    """One 整改事项 of a department for the year evaluated.

    Who writes what: the finance bureau the problem, its 整改意见 and the deadline; the
    department its 整改措施, status and 整改情况 (see ``permissions.py`` and ``services.py``).
    """

    class Source(models.TextChoices):
        SELF_EVALUATION = "self_evaluation", "自评发现"
        FINANCE_REVIEW = "finance_review", "财政复核"
        OTHER = "other", "其他"

    class Status(models.TextChoices):
        OPEN = "open", "未整改"
        IN_PROGRESS = "in_progress", "整改中"
        DONE = "done", "已整改"

    department = models.ForeignKey("departments.Department", verbose_name="部门", on_delete=models.PROTECT,
                                   related_name="rectifications")
    fiscal_year = models.ForeignKey("departments.FiscalYear", verbose_name="评价年度", on_delete=models.PROTECT,
                                    related_name="rectifications")
    source = models.CharField("来源", max_length=20, choices=Source.choices, default=Source.FINANCE_REVIEW)
    problem = models.TextField("问题")
    feedback = models.TextField("整改意见", blank=True)
    deadline = models.DateField("整改期限", null=True, blank=True)
    measure = models.TextField("整改措施", blank=True)
    status = models.CharField("整改状态", max_length=20, choices=Status.choices, default=Status.OPEN)
    progress = models.TextField("整改情况", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "整改事项"
        verbose_name_plural = "整改事项"
        ordering = ["-fiscal_year__year", "department__name", "pk"]

    def __str__(self) -> str:
        return f"{self.department} {self.fiscal_year.year} 整改：{self.problem[:30]}"
