"""A department-year's goal declaration (绩效目标申报) and the finance bureau's reviews of it (目标审核).

The declared goals and indicators themselves are the evaluation app's ``PerformanceGoal`` and
``Indicator`` rows of the department-year: the same rows the year-end self-evaluation later
fills with actual values. A declaration only adds the workflow around them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.common.models import SoftDeleteModel, soft_unique


class GoalDeclaration(SoftDeleteModel):
    """绩效目标申报: one per department and year, 草稿 → 已提交 → 已通过 / 已退回."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已提交"
        APPROVED = "approved", "已通过"
        RETURNED = "returned", "已退回"

    department = models.ForeignKey("departments.Department", verbose_name="部门", on_delete=models.PROTECT,
                                   related_name="goal_declarations")
    fiscal_year = models.ForeignKey("departments.FiscalYear", verbose_name="年度", on_delete=models.PROTECT,
                                    related_name="goal_declarations")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提交人", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "绩效目标申报"
        verbose_name_plural = "绩效目标申报"
        ordering = ["-fiscal_year__year", "department__name"]
        constraints = [soft_unique("department", "fiscal_year", name="declaration_department_year_unique")]

    def __str__(self) -> str:
        return f"{self.department} {self.fiscal_year} 绩效目标申报"

    @property
    def editable(self) -> bool:
        """Goals and indicators may change only while 草稿 or 已退回."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class ReviewRecord(SoftDeleteModel):
    """目标审核 fields shared by every kind of goal declaration (部门 here, 项目 in ``projperf``):
    a grade per dimension, the overall grade, its consequence in the scheme and the decision."""

    class Decision(models.TextChoices):
        APPROVE = "approve", "通过"
        RETURN = "return", "退回修改"

    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", on_delete=models.PROTECT,
                                 related_name="+")
    scheme = models.CharField("审核方案", max_length=100)
    grades = models.JSONField("各维度等级", default=dict, help_text="审核维度 → 优/良/中/差")
    overall = models.CharField("审核结果", max_length=2)
    consequence = models.CharField("结果运用", max_length=100)
    decision = models.CharField("处理", max_length=10, choices=Decision.choices)
    comment = models.TextField("审核意见", blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]


class GoalReview(ReviewRecord):
    """目标审核: one review round of a department's declaration."""

    declaration = models.ForeignKey(GoalDeclaration, verbose_name="申报", on_delete=models.PROTECT,
                                    related_name="reviews")
    history = HistoricalRecords()

    class Meta(ReviewRecord.Meta):
        verbose_name = "目标审核"
        verbose_name_plural = "目标审核"

    def __str__(self) -> str:
        return f"{self.declaration} 审核：{self.overall}"
