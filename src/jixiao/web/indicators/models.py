"""The library's stored indicator (指标库指标): the fields of :class:`jixiao.indicators.library.LibraryIndicator`.

Status moves 草稿 → 审核 → 入库 → 停用 only through ``services``; ``version`` counts the approved
changes (1 when it enters the library, +1 each approved edit), history keeps every save
(django-simple-history), deletes are soft. A department's free-text indicator enters as 审核 with
the department that proposed it; the finance bureau reviews it into the library.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.indicators.library import OPERATOR_LABELS, STATUS_LABELS
from jixiao.web.common.models import SoftDeleteModel, soft_unique


class Status(models.TextChoices):
    """指标状态 (草稿 → 审核 → 入库 → 停用)."""

    DRAFT = "draft", STATUS_LABELS["draft"]
    REVIEW = "review", STATUS_LABELS["review"]
    ACTIVE = "active", STATUS_LABELS["active"]
    RETIRED = "retired", STATUS_LABELS["retired"]


class Scope(models.TextChoices):
    """共性 (common to every department) or 个性 (specific to a 行业/领域)."""

    COMMON = "共性", "共性"
    SPECIFIC = "个性", "个性"


OPERATOR_CHOICES = [(value, label) for value, label in OPERATOR_LABELS.items()]
"""计算符号: the values of ``jixiao.report.Operator``, labelled as the declaration forms print them."""


EDITABLE_FIELDS = ("code", "name", "level1", "level2", "scope", "industry", "field", "operator", "unit",
                   "explanation", "formula", "scoring_standard", "data_source", "evidence", "source")
"""What ``update`` and ``create`` take; status, version and review fields move only by the transitions."""


class LibraryIndicator(SoftDeleteModel):
    """指标库指标."""

    code = models.CharField("指标编码", max_length=40)
    name = models.CharField("指标名称", max_length=300, db_index=True)
    level1 = models.CharField("一级指标", max_length=50)
    level2 = models.CharField("二级指标", max_length=50, blank=True)
    scope = models.CharField("共性/个性", max_length=4, choices=Scope.choices, default=Scope.SPECIFIC)
    industry = models.CharField("行业", max_length=60, db_index=True)
    field = models.CharField("领域", max_length=60, blank=True)
    operator = models.CharField("计算符号", max_length=12, choices=OPERATOR_CHOICES, blank=True)
    unit = models.CharField("计量单位", max_length=30, blank=True)
    explanation = models.TextField("指标解释", blank=True)
    formula = models.TextField("计算公式", blank=True)
    scoring_standard = models.TextField("评(扣)分标准", blank=True)
    data_source = models.TextField("数据来源", blank=True)
    evidence = models.TextField("佐证资料要求", blank=True)
    source = models.TextField("出处", blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    version = models.PositiveIntegerField("版本", default=0,
                                          help_text="入库时为 1，此后每次审定的修改加 1；未入库的为 0。")
    proposed_by_department = models.ForeignKey("departments.Department", verbose_name="提出部门", null=True,
                                               blank=True, on_delete=models.PROTECT, related_name="+")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提出人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    review_note = models.TextField("审核意见", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "指标库指标"
        verbose_name_plural = "指标库指标"
        ordering = ["scope", "industry", "level1", "level2", "code"]
        constraints = [soft_unique("code", name="indicators_library_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def operator_label(self) -> str:
        return OPERATOR_LABELS.get(self.operator, "") if self.operator else ""  # type: ignore[call-overload]  # a stored str, checked against the keys
