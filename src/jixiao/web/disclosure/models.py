"""信息公开 (disclosure): what the finance bureau published, when, by whom, and the exact bytes.

A ``Publication`` is one explicit act: a department-year's goals (绩效目标, 与预算一并公开), its
self-evaluation (自评报告 and 自评表) or the bureau's 复核 result, published at a moment by a user.
Its ``PublishedFile`` rows are the numbered attachments (附件1 …), each pointing at a ``Blob``: the
bytes, addressed by their sha256, stored at publication and never changed — what the public site
serves and whose hash it shows. Withdrawing (撤回) keeps the row (status 已撤回, who, when, why);
publishing again is a new row, so the history of every act stays.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.common.models import SoftDeleteModel


class Blob(models.Model):
    """Published bytes addressed by their sha256 (内容寻址存储): written once, never changed, never deleted."""

    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    size = models.PositiveBigIntegerField("大小（字节）")
    content = models.BinaryField("内容")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "公开文件内容"
        verbose_name_plural = "公开文件内容"

    def __str__(self) -> str:
        return self.sha256


class Kind(models.TextChoices):
    """What is published (公开内容): one of the three acts of domain.md §5.3."""

    GOALS = "goals", "部门整体支出绩效目标"
    SELF_EVALUATION = "self_evaluation", "部门整体支出绩效自评报告及自评表"
    REVIEW = "review", "部门整体支出绩效自评复核结果"


class Publication(SoftDeleteModel):
    """One publication of a department-year's item (公开记录): 已公开 until withdrawn (已撤回)."""

    class Status(models.TextChoices):
        PUBLISHED = "published", "已公开"
        WITHDRAWN = "withdrawn", "已撤回"

    department = models.ForeignKey("departments.Department", verbose_name="部门", on_delete=models.PROTECT,
                                   related_name="publications")
    fiscal_year = models.ForeignKey("departments.FiscalYear", verbose_name="年度", on_delete=models.PROTECT,
                                    related_name="publications")
    kind = models.CharField("公开内容", max_length=20, choices=Kind.choices)
    title = models.CharField("标题", max_length=300)
    basis = models.CharField("公开依据", max_length=300, help_text="所公开的内容处于何种状态（已通过、已提交、复核结论）")
    body = models.TextField("正文", blank=True, help_text="复核结果的结论与意见（公开时的原文）")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.PUBLISHED)
    published_at = models.DateTimeField("发布时间")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发布人", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="撤回人", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    withdraw_reason = models.TextField("撤回原因", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "信息公开"
        verbose_name_plural = "信息公开"
        ordering = ["-published_at", "-pk"]
        constraints = [models.UniqueConstraint(
            fields=["department", "fiscal_year", "kind"],
            condition=models.Q(status="published", deleted_at__isnull=True), name="publication_live_unique")]

    def __str__(self) -> str:
        return self.title

    @property
    def publisher(self) -> str:
        """Who published it, as a person reads it (系统 for the demo and other unattended acts)."""
        return _person(self.published_by)

    @property
    def withdrawer(self) -> str:
        return _person(self.withdrawn_by)


def _person(user: object) -> str:
    if user is None:
        return "系统"
    return user.get_full_name() or user.username  # type: ignore[attr-defined]  # an accounts.User


class PublishedFile(models.Model):
    """A numbered attachment of a publication (附件N): its title, format, file name and bytes."""

    publication = models.ForeignKey(Publication, verbose_name="公开记录", on_delete=models.PROTECT,
                                    related_name="files")
    number = models.PositiveSmallIntegerField("附件序号")
    title = models.CharField("附件名称", max_length=300)
    format = models.CharField("格式", max_length=10)
    filename = models.CharField("文件名", max_length=300)
    blob = models.ForeignKey(Blob, verbose_name="内容", on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "公开附件"
        verbose_name_plural = "公开附件"
        ordering = ["publication", "number", "format"]

    def __str__(self) -> str:
        return f"附件{self.number} {self.title}"

    @property
    def sha256(self) -> str:
        return self.blob.sha256
