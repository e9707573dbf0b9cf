"""A project's 事前绩效评估 (ex-ante assessment), its sub-points and its attachments.

One alive assessment per project: 草稿 → 待评审 (submitted) → 已评审 (reviewed, with its
conclusion written back to the project), or 已退回 (returned to the department, editable again).
The sub-point rows (``ExanteItem``) follow the scheme's keys: the department's self-assessment
and evidence, the reviewer's points and note. Files (``ExanteAttachment``) are stored by content
hash like the documents app's.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.common.models import MoneyField, SoftDeleteModel, soft_unique


class ExanteAssessment(SoftDeleteModel):
    """事前绩效评估 of one project: the report's narrative, the workflow, the conclusion."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "待评审"
        REVIEWED = "reviewed", "已评审"
        RETURNED = "returned", "已退回"

    class Conclusion(models.TextChoices):
        SUPPORT = "support", "予以支持"
        PARTIAL = "partial", "部分支持"
        REJECT = "reject", "不予支持"

    project = models.ForeignKey("projects.Project", verbose_name="项目", on_delete=models.PROTECT,
                                related_name="exante_assessments")
    scheme = models.CharField("评分方案", max_length=100, default="project-default")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    background = models.TextField("立项背景", blank=True)
    content = models.TextField("主要内容", blank=True)
    goals = models.TextField("绩效目标", blank=True)
    funding = models.TextField("资金构成", blank=True)
    purpose = models.TextField("评估目的及对象", blank=True)
    method = models.TextField("评估思路及方法", blank=True)
    procedure = models.TextField("评估工作程序", blank=True)
    other = models.TextField("其他需要说明的问题", blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="评审专家", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="exante_assigned",
                                 help_text="财政局指定的评审专家；不指定时由财政局评审。")
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提交人", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField("评审时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="评审人", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    total = models.DecimalField("总分", max_digits=5, decimal_places=1, null=True, blank=True)
    conclusion = models.CharField("评估结论", max_length=10, choices=Conclusion.choices, blank=True)
    approved_amount = MoneyField("核定金额（万元）")
    reasons = models.TextField("结论理由", blank=True)
    suggestions = models.TextField("相关建议", blank=True)
    return_reason = models.TextField("退回原因", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "事前绩效评估"
        verbose_name_plural = "事前绩效评估"
        ordering = ["-submitted_at", "-pk"]
        constraints = [soft_unique("project", name="exante_project_unique")]

    def __str__(self) -> str:
        return f"{self.project.name} 事前绩效评估"

    @property
    def editable(self) -> bool:
        """The department edits while 草稿 or 已退回."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class ExanteItem(SoftDeleteModel):
    """One sub-point (评估要点) of an assessment: the department's self-assessment, the reviewer's points."""

    assessment = models.ForeignKey(ExanteAssessment, verbose_name="事前评估", on_delete=models.PROTECT,
                                   related_name="items")
    key = models.CharField("要点", max_length=60)
    self_assessment = models.TextField("自评情况", blank=True)
    evidence = models.TextField("佐证材料", blank=True)
    points = models.DecimalField("得分", max_digits=5, decimal_places=1, null=True, blank=True)
    note = models.TextField("评审意见", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "评估要点"
        verbose_name_plural = "评估要点"
        ordering = ["assessment", "pk"]
        constraints = [soft_unique("assessment", "key", name="exante_item_unique")]

    def __str__(self) -> str:
        return self.key


def _upload_to(instance: ExanteAttachment, filename: str) -> str:
    return f"exante/{instance.sha256[:2]}/{instance.sha256}/{filename}"


class ExanteAttachment(SoftDeleteModel):
    """A file the department attaches (附件): 可行性研究报告, 测算依据, 专家论证意见 …"""

    assessment = models.ForeignKey(ExanteAssessment, verbose_name="事前评估", on_delete=models.PROTECT,
                                   related_name="attachments")
    file = models.FileField("文件", upload_to=_upload_to, max_length=500)
    original_name = models.CharField("文件名", max_length=300)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    description = models.CharField("说明", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "事前评估附件"
        verbose_name_plural = "事前评估附件"
        ordering = ["assessment", "pk"]

    def __str__(self) -> str:
        return self.original_name
