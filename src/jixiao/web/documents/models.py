"""A report file as received: the bytes, their sha256 (imports are idempotent by it), the text."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.common.models import SoftDeleteModel, soft_unique


def _upload_to(instance: SourceDocument, filename: str) -> str:
    # Files are stored by content hash: the same file uploaded twice is the same file.
    return f"documents/{instance.sha256[:2]}/{instance.sha256}/{filename}"


class SourceDocument(SoftDeleteModel):
    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"
        TXT = "txt", "文本"
        JSON = "json", "JSON"

    department = models.ForeignKey("departments.Department", verbose_name="部门", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="documents")
    fiscal_year = models.ForeignKey("departments.FiscalYear", verbose_name="年度", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="documents")
    file = models.FileField("文件", upload_to=_upload_to, max_length=500, blank=True)
    original_name = models.CharField("原文件名", max_length=300)
    sha256 = models.CharField("SHA-256", max_length=64)
    format = models.CharField("格式", max_length=10, choices=Format.choices)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    pages = models.PositiveIntegerField("页数", null=True, blank=True)
    extracted_text = models.TextField("提取的文字", blank=True)
    uploaded_by = models.ForeignKey("accounts.User", verbose_name="上传人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords(excluded_fields=["extracted_text"])

    class Meta:
        verbose_name = "原始文件"
        verbose_name_plural = "原始文件"
        ordering = ["-created_at"]
        constraints = [soft_unique("sha256", name="document_sha256_unique")]

    def __str__(self) -> str:
        return self.original_name
