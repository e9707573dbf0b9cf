"""A project's performance year (项目年度绩效): budget, goals, indicators, monitoring and self-evaluation.

``ProjectYear`` is one project in one fiscal year: its budget as the 附件1 自评表 prints it (年初预算数 /
全年预算数 / 全年执行数 with 当年财政拨款, 上年结转资金, 其他资金), the declaration's workflow
(草稿 → 已提交 → 已通过 / 已退回, reviewed by ``ProjectGoalReview`` with the same scheme as
department goals) and the year-end self-evaluation's state, score and grade. Goals, indicators,
monthly execution, indicator progress at monitoring dates and 目标调整 hang off it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.common.models import MoneyField, QuantityField, SoftDeleteModel, soft_unique
from jixiao.web.declarations.models import ReviewRecord
from jixiao.web.evaluation.models import Operator


class ProjectYear(SoftDeleteModel):
    """项目年度绩效: one project's budget, declaration and self-evaluation of a fiscal year."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已提交"
        APPROVED = "approved", "已通过"
        RETURNED = "returned", "已退回"

    class EvaluationStatus(models.TextChoices):
        NONE = "none", "未开始"
        DRAFT = "draft", "填报中"
        SUBMITTED = "submitted", "已提交"

    project = models.ForeignKey("projects.Project", verbose_name="项目", on_delete=models.PROTECT,
                                related_name="performance_years")
    fiscal_year = models.ForeignKey("departments.FiscalYear", verbose_name="年度", on_delete=models.PROTECT,
                                    related_name="+")
    initial = MoneyField("年初预算数")
    total = MoneyField("全年预算数")
    spent = MoneyField("全年执行数")
    current_initial = MoneyField("当年财政拨款·年初预算数")
    current_total = MoneyField("当年财政拨款·全年预算数")
    current_spent = MoneyField("当年财政拨款·全年执行数")
    carried_initial = MoneyField("上年结转资金·年初预算数")
    carried_total = MoneyField("上年结转资金·全年预算数")
    carried_spent = MoneyField("上年结转资金·全年执行数")
    other_initial = MoneyField("其他资金·年初预算数")
    other_total = MoneyField("其他资金·全年预算数")
    other_spent = MoneyField("其他资金·全年执行数")
    status = models.CharField("申报状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提交人", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    evaluation_status = models.CharField("自评状态", max_length=12, choices=EvaluationStatus.choices,
                                         default=EvaluationStatus.NONE)
    score = QuantityField("自评分")
    grade = models.CharField("评价等级", max_length=2, blank=True)
    framework = models.CharField("评分框架", max_length=200, blank=True)
    problems = models.TextField("存在的问题", blank=True)
    measures = models.TextField("改进措施", blank=True)
    evaluated_at = models.DateTimeField("自评提交时间", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "项目年度绩效"
        verbose_name_plural = "项目年度绩效"
        ordering = ["-fiscal_year__year", "project__code"]
        constraints = [soft_unique("project", "fiscal_year", name="project_year_unique")]

    def __str__(self) -> str:
        return f"{self.project} {self.fiscal_year}"

    @property
    def year(self) -> int:
        return self.fiscal_year.year

    @property
    def editable(self) -> bool:
        """Goals, indicators and the budget change freely only while 草稿 or 已退回 (then by 目标调整)."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


FUND_ROWS = (("current", "当年财政拨款", "current_fiscal"), ("carried", "上年结转资金", "prior_carryover"),
             ("other", "其他资金", "other"))
"""The 附件1 funding rows: (field prefix here, label, ``jixiao.report.ProjectFunds`` field)."""


class ProjectYearPart(SoftDeleteModel):
    """Rows of one project-year, in order."""

    project_year = models.ForeignKey(ProjectYear, verbose_name="项目年度", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField("序号", default=0)

    class Meta:
        abstract = True
        ordering = ["project_year", "position", "pk"]


class ProjectGoal(ProjectYearPart):
    """年度总体目标 of the project (one per line as declared)."""

    project_year = models.ForeignKey(ProjectYear, verbose_name="项目年度", on_delete=models.PROTECT,
                                     related_name="goals")
    text = models.TextField("目标内容")
    actual = models.TextField("实际完成情况", blank=True)
    history = HistoricalRecords()

    class Meta(ProjectYearPart.Meta):
        verbose_name = "项目绩效目标"
        verbose_name_plural = "项目绩效目标"

    def __str__(self) -> str:
        return self.text[:40]


class ProjectIndicator(ProjectYearPart):
    """A project's 三级绩效指标: 一级/二级/三级, 计算符号, 指标值, 计量单位, 分值; at year end 实际完成值 and 偏差原因."""

    project_year = models.ForeignKey(ProjectYear, verbose_name="项目年度", on_delete=models.PROTECT,
                                     related_name="indicators")
    level1 = models.CharField("一级指标", max_length=50, blank=True)
    level2 = models.CharField("二级指标", max_length=50, blank=True)
    name = models.CharField("三级指标", max_length=300)
    op = models.CharField("计算符号", max_length=12, choices=Operator.choices, blank=True)
    target = QuantityField("年度指标值")
    target_text = models.CharField("指标值（原文）", max_length=300, blank=True)
    unit = models.CharField("计量单位", max_length=30, blank=True)
    weight = QuantityField("分值")
    actual = QuantityField("实际完成值")
    actual_text = models.CharField("完成值（原文）", max_length=300, blank=True)
    deviation_reason = models.TextField("偏差原因分析及改进措施", blank=True)
    scoring_standard = models.TextField("评(扣)分标准", blank=True)
    library_indicator = models.ForeignKey("indicators.LibraryIndicator", verbose_name="指标库指标", null=True,
                                          blank=True, on_delete=models.SET_NULL, related_name="+",
                                          help_text="申报时从指标库选用或提出的指标（指标库）")
    history = HistoricalRecords()

    class Meta(ProjectYearPart.Meta):
        verbose_name = "项目绩效指标"
        verbose_name_plural = "项目绩效指标"

    def __str__(self) -> str:
        return self.name


class ProjectMonthly(SoftDeleteModel):
    """月度执行数: what the project spent in one month, 万元."""

    project_year = models.ForeignKey(ProjectYear, verbose_name="项目年度", on_delete=models.PROTECT,
                                     related_name="monthly")
    month = models.PositiveSmallIntegerField("月份")
    spent = MoneyField("当月支出", null=False, blank=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "项目月度执行数"
        verbose_name_plural = "项目月度执行数"
        ordering = ["project_year", "month"]
        constraints = [soft_unique("project_year", "month", name="project_monthly_unique")]

    def __str__(self) -> str:
        return f"{self.project_year} {self.month}月"


class IndicatorProgress(SoftDeleteModel):
    """An indicator at a monitoring date (监控时点): 当前完成值, 偏差原因, 完成目标可能性."""

    indicator = models.ForeignKey(ProjectIndicator, verbose_name="指标", on_delete=models.PROTECT,
                                  related_name="progress")
    on = models.DateField("监控时点")
    value = QuantityField("当前完成值")
    value_text = models.CharField("当前完成情况（定性）", max_length=300, blank=True)
    cause = models.CharField("偏差原因类别", max_length=20, blank=True)
    reason = models.TextField("偏差原因说明", blank=True)
    feasibility = models.CharField("完成目标可能性", max_length=20, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "指标监控"
        verbose_name_plural = "指标监控"
        ordering = ["indicator", "-on"]
        constraints = [soft_unique("indicator", "on", name="indicator_progress_unique")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.on}"


class GoalAdjustment(SoftDeleteModel):
    """目标调整: one change of an approved declaration during the year, old → new, with its reason."""

    project_year = models.ForeignKey(ProjectYear, verbose_name="项目年度", on_delete=models.PROTECT,
                                     related_name="adjustments")
    subject = models.CharField("调整内容", max_length=300)
    old = models.CharField("调整前", max_length=300, blank=True)
    new = models.CharField("调整后", max_length=300)
    reason = models.TextField("调整原因")
    adjusted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="调整人", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "目标调整"
        verbose_name_plural = "目标调整"
        ordering = ["project_year", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.subject}：{self.old} → {self.new}"


class ProjectGoalReview(ReviewRecord):
    """目标审核 of a project's declaration: the same scheme and fields as a department's."""

    project_year = models.ForeignKey(ProjectYear, verbose_name="项目年度", on_delete=models.PROTECT,
                                     related_name="reviews")
    history = HistoricalRecords()

    class Meta(ReviewRecord.Meta):
        verbose_name = "项目目标审核"
        verbose_name_plural = "项目目标审核"

    def __str__(self) -> str:
        return f"{self.project_year} 审核：{self.overall}"
