"""The finance bureau's 复核 of a stored file: its status and opinion, and the decision on each finding.

The findings themselves are not stored: the core reviews the stored text on every view, and a
decision finds its finding again by ``jixiao.review.finding_key``.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.common.models import SoftDeleteModel, soft_unique


class ReviewStatus(models.TextChoices):
    """Where a file stands in the finance bureau's 复核 (review status).

    - 待复核 (pending): stored, no reviewer has recorded anything yet — every file without a
      record is in this state;
    - 复核中 (in_review): a reviewer has started and recorded a provisional opinion;
    - 通过 (passed): the self-evaluation stands as submitted;
    - 需整改 (rectify): problems are confirmed; the department rectifies and reports its
      整改情况 back (domain.md §5.2);
    - 退回 (returned): the report is sent back to be corrected and submitted again (incomplete,
      the wrong report, figures that do not add up).

    A workflow of this app, not a figure of regulation: the code branches on these values
    (需整改 and 退回 require an opinion), so they live here with a migration, not in a data file.
    """

    PENDING = "pending", "待复核"
    IN_REVIEW = "in_review", "复核中"
    PASSED = "passed", "通过"
    RECTIFY = "rectify", "需整改"
    RETURNED = "returned", "退回"


class ReviewRecord(SoftDeleteModel):
    """The finance bureau's 复核记录 of one file: its status and the 复核意见; history keeps every change."""

    document = models.ForeignKey("documents.SourceDocument", verbose_name="原始文件", on_delete=models.PROTECT,
                                 related_name="review_records")
    status = models.CharField("复核状态", max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.PENDING)
    opinion = models.TextField("复核意见", blank=True)
    reviewer = models.ForeignKey("accounts.User", verbose_name="复核人", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "复核记录"
        verbose_name_plural = "复核记录"
        ordering = ["-updated_at"]
        constraints = [soft_unique("document", name="review_record_document_unique")]

    def __str__(self) -> str:
        return f"{self.document_id} · {self.get_status_display()}"


class FindingDecision(SoftDeleteModel):
    """The reviewer's decision on one finding (发现处理: 确认/不采纳), keyed by ``jixiao.review.finding_key``."""

    class Decision(models.TextChoices):
        CONFIRMED = "confirmed", "确认"
        DISMISSED = "dismissed", "不采纳"

    record = models.ForeignKey(ReviewRecord, verbose_name="复核记录", on_delete=models.PROTECT,
                               related_name="decisions")
    key = models.CharField("发现标识", max_length=300, help_text="规则编号@原文位置")
    rule = models.CharField("规则", max_length=100)
    decision = models.CharField("处理", max_length=12, choices=Decision.choices)
    note = models.TextField("说明", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "发现处理"
        verbose_name_plural = "发现处理"
        ordering = ["record", "key"]
        constraints = [soft_unique("record", "key", name="finding_decision_key_unique")]

    def __str__(self) -> str:
        from jixiao.review.engine import rule_title

        return f"{rule_title(self.rule or self.key)}：{self.get_decision_display()}"
