"""抽评 records: a draw (its rule, seed and population, kept whole for audit), the items drawn with their reason,
and the 复核 adjustments (复核调整) that turn a sampled item's 自评分 into its 复核分.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.common.models import SoftDeleteModel


class SampleDraw(SoftDeleteModel):
    """One 抽评 draw of a year (抽评批次). Redrawing supersedes it (``is_current`` false) and keeps it, so every
    draw stays auditable: the rule as it was, the seed and the population it was drawn from repeat it exactly."""

    fiscal_year = models.ForeignKey("departments.FiscalYear", verbose_name="年度", on_delete=models.PROTECT,
                                    related_name="+")
    rule_name = models.CharField("抽评规则", max_length=100)
    rule_title = models.CharField("规则名称", max_length=200)
    rule_source = models.TextField("规则依据")
    rule = models.JSONField("规则内容", help_text="抽取时的规则全文")
    seed = models.BigIntegerField("随机种子")
    population = models.JSONField("抽评范围", help_text="抽取时的全部对象：标识、类型、名称、部门、金额、行业、复核问题等级")
    strata = models.JSONField("分层情况", default=list)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="抽取人", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    is_current = models.BooleanField("当前有效", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "抽评批次"
        verbose_name_plural = "抽评批次"
        ordering = ["-fiscal_year__year", "-created_at"]

    def __str__(self) -> str:
        return f"{self.fiscal_year.year} 年度抽评（种子 {self.seed}）"


class SampledItem(SoftDeleteModel):
    """One drawn self-evaluation (抽评对象) with the reason it was drawn and its 自评分 at the draw."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", "部门整体支出自评"
        PROJECT = "project", "项目支出自评"

    draw = models.ForeignKey(SampleDraw, verbose_name="抽评批次", on_delete=models.PROTECT, related_name="items")
    key = models.CharField("对象标识", max_length=60)
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    department = models.ForeignKey("departments.Department", verbose_name="部门", on_delete=models.PROTECT,
                                   related_name="+")
    budget = models.ForeignKey("budgets.Budget", verbose_name="部门预算", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    project_year = models.ForeignKey("projperf.ProjectYear", verbose_name="项目年度", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    document = models.ForeignKey("documents.SourceDocument", verbose_name="自评报告文件", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    title = models.CharField("名称", max_length=300)
    amount = models.DecimalField("全年预算数（万元）", max_digits=14, decimal_places=2, null=True, blank=True)
    sector = models.CharField("行业", max_length=60, blank=True)
    severity = models.CharField("复核问题等级", max_length=12, blank=True)
    stratum = models.CharField("所在分层", max_length=100)
    reason = models.CharField("抽取原因", max_length=300)
    forced = models.BooleanField("必抽", default=False)
    self_score = models.DecimalField("自评分", max_digits=8, decimal_places=2, null=True, blank=True)
    self_grade = models.CharField("自评等级", max_length=2, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "抽评对象"
        verbose_name_plural = "抽评对象"
        ordering = ["draw", "-forced", "department__name", "key"]

    def __str__(self) -> str:
        return f"{self.title}（{self.reason}）"


class ScoreAdjustment(SoftDeleteModel):
    """One 复核调整 of a sampled item: the points added (negative: deducted) and the reason; history keeps all."""

    item = models.ForeignKey(SampledItem, verbose_name="抽评对象", on_delete=models.PROTECT, related_name="adjustments")
    points = models.DecimalField("调整分值", max_digits=6, decimal_places=2)
    reason = models.TextField("调整理由")
    adjusted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="调整人", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "复核调整"
        verbose_name_plural = "复核调整"
        ordering = ["item", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.points} 分：{self.reason[:30]}"
