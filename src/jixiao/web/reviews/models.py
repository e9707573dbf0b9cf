"""What a review found in a report, with its evidence, and what the reviewer decided about it."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.common.models import SoftDeleteModel


class ReviewFinding(SoftDeleteModel):
    """One finding (复核发现) of a rule, as ``jixiao.report.Finding`` describes it."""

    class Severity(models.TextChoices):
        BLOCKING = "blocking", "阻断"
        SERIOUS = "serious", "严重"
        GENERAL = "general", "一般"
        HINT = "hint", "提示"

    class Status(models.TextChoices):
        OPEN = "open", "待处理"
        CONFIRMED = "confirmed", "已确认"
        DISMISSED = "dismissed", "不采纳"
        RECTIFIED = "rectified", "已整改"

    document = models.ForeignKey("documents.SourceDocument", verbose_name="原始文件", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="findings")
    department = models.ForeignKey("departments.Department", verbose_name="部门", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="findings")
    fiscal_year = models.ForeignKey("departments.FiscalYear", verbose_name="年度", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="findings")
    rule = models.CharField("规则", max_length=100, db_index=True)
    severity = models.CharField("严重程度", max_length=10, choices=Severity.choices)
    message = models.TextField("问题描述")
    evidence = models.JSONField("原文出处", default=list, blank=True)
    suggestion = models.TextField("修改建议", blank=True)
    status = models.CharField("处理状态", max_length=12, choices=Status.choices, default=Status.OPEN)
    reviewer_comment = models.TextField("复核意见", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "复核发现"
        verbose_name_plural = "复核发现"
        ordering = ["document", "severity", "rule"]

    def __str__(self) -> str:
        return f"[{self.get_severity_display()}] {self.rule}"
