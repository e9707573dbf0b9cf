"""A batch (批次) and its files (批次文件): what was submitted, and what came of each file."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.common.models import SoftDeleteModel

ALREADY_STORED = "内容相同的文件已入库，未重复处理"
"""The outcome of a file whose content is stored already (重复)."""
SAME_IN_BATCH = "与第 {} 个文件内容相同，未重复处理"
"""The outcome of a file whose content appears earlier in its batch (重复), with that file's position."""


class Batch(SoftDeleteModel):
    class Mode(models.TextChoices):
        IMPORT = "import", "读取"
        SAVE = "save", "导入入库"
        REVIEW = "review", "上传复核"

    key = models.CharField("批次号", max_length=32, unique=True)
    mode = models.CharField("处理方式", max_length=10, choices=Mode.choices)
    department = models.ForeignKey("departments.Department", verbose_name="上传部门", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey("accounts.User", verbose_name="提交人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    total = models.PositiveIntegerField("文件数", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "批次"
        verbose_name_plural = "批次"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.key


class BatchFile(SoftDeleteModel):
    class State(models.TextChoices):
        PENDING = "pending", "排队中"
        DONE = "done", "完成"
        FAILED = "failed", "失败"

    batch = models.ForeignKey(Batch, verbose_name="批次", on_delete=models.PROTECT, related_name="files")
    position = models.PositiveIntegerField("序号")
    original_name = models.CharField("原文件名", max_length=300)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    inbox_name = models.CharField("共享目录中的位置", max_length=500, blank=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    reason = models.CharField("原因", max_length=500, blank=True)
    outcome = models.CharField("结果", max_length=300, blank=True)
    findings = models.PositiveIntegerField("发现问题数", null=True, blank=True)
    document = models.ForeignKey("documents.SourceDocument", verbose_name="入库文件", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    attempts = models.PositiveSmallIntegerField("处理次数", default=0)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "批次文件"
        verbose_name_plural = "批次文件"
        ordering = ["batch", "position"]
        constraints = [models.UniqueConstraint(fields=["batch", "position"], name="batch_file_position_unique")]

    def __str__(self) -> str:
        return self.original_name

    @property
    def duplicate(self) -> bool:
        """Done without being processed, because the same content was (重复)."""
        return self.state == self.State.DONE and (
            self.outcome == ALREADY_STORED or self.outcome.startswith(SAME_IN_BATCH.split("{}")[0]))
