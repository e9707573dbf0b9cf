"""What a department set out to do in a year, how it measured it, and how it judged itself.

``DepartmentYearSummary`` keeps each year's score and grade (the rule: ``summary.score_and_grade``) and
its months, derived from those rows, so that the board and 结果应用 read them without scoring.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.common.models import QuantityField, SoftDeleteModel, soft_unique


class DepartmentYearModel(SoftDeleteModel):
    """Rows that belong to one department's year, kept in the order the report gives them."""

    department = models.ForeignKey("departments.Department", verbose_name="部门", on_delete=models.PROTECT,
                                   related_name="+")
    fiscal_year = models.ForeignKey("departments.FiscalYear", verbose_name="年度", on_delete=models.PROTECT,
                                    related_name="+")
    position = models.PositiveIntegerField("序号", default=0)

    class Meta:
        abstract = True
        ordering = ["department", "fiscal_year", "position"]


class PerformanceGoal(DepartmentYearModel):
    """A declared annual performance goal (年度绩效目标), e.g. 预期目标一."""

    text = models.TextField("目标内容")
    history = HistoricalRecords()

    class Meta(DepartmentYearModel.Meta):
        verbose_name = "绩效目标"
        verbose_name_plural = "绩效目标"

    def __str__(self) -> str:
        return self.text[:40]


class Operator(models.TextChoices):
    """计算符号 (domain.md §1.5: ≥ ＞ 正向, ≤ ＜ 反向, ＝, 定性)."""

    GE = ">=", "≥"
    GT = ">", "＞"
    EQ = "=", "＝"
    LT = "<", "＜"
    LE = "<=", "≤"
    QUALITATIVE = "qualitative", "定性"


OPERATOR_SYMBOLS = {op.value: op.label for op in Operator if op != Operator.QUALITATIVE}
"""计算符号 as the 自评表 and the declaration print them; other ops (qualitative, formulas) show no symbol."""


class Indicator(DepartmentYearModel):
    """A third-level performance indicator (三级绩效指标) with target, actual and score."""

    goal = models.ForeignKey(PerformanceGoal, verbose_name="所属目标", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="indicators")
    level1 = models.CharField("一级指标", max_length=50, blank=True, help_text="产出指标 / 效益指标 / 满意度指标")
    level2 = models.CharField("二级指标", max_length=50, blank=True, help_text="数量指标 / 质量指标 / 社会效益 …")
    name = models.CharField("三级指标", max_length=300)
    op = models.CharField("计算符号", max_length=12, choices=Operator.choices, blank=True)
    target = QuantityField("年度指标值")
    target_text = models.CharField("指标值（原文）", max_length=300, blank=True)
    actual = QuantityField("实际完成值")
    actual_text = models.CharField("完成值（原文）", max_length=300, blank=True)
    unit = models.CharField("计量单位", max_length=30, blank=True)
    weight = QuantityField("分值")
    score = QuantityField("得分")
    deviation_reason = models.TextField("偏差原因分析及改进措施", blank=True)
    scoring_standard = models.TextField("评(扣)分标准", blank=True)
    library_indicator = models.ForeignKey("indicators.LibraryIndicator", verbose_name="指标库指标", null=True,
                                          blank=True, on_delete=models.SET_NULL, related_name="+",
                                          help_text="申报时从指标库选用或提出的指标（指标库）")
    history = HistoricalRecords()

    class Meta(DepartmentYearModel.Meta):
        verbose_name = "绩效指标"
        verbose_name_plural = "绩效指标"

    def __str__(self) -> str:
        return self.name


class KeyTask(DepartmentYearModel):
    """A key task of the year (重点工作任务) with its completion text."""

    title = models.CharField("任务名称", max_length=500)
    text = models.TextField("完成情况", blank=True)
    history = HistoricalRecords()

    class Meta(DepartmentYearModel.Meta):
        verbose_name = "重点工作任务"
        verbose_name_plural = "重点工作任务"

    def __str__(self) -> str:
        return self.title


class Evaluation(SoftDeleteModel):
    """The year-end self-evaluation of a department (部门整体支出绩效自评): score, grade, narrative."""

    class Kind(models.TextChoices):
        DEPARTMENT_OVERALL = "department_overall", "部门整体支出"
        PROJECT = "project", "项目支出"

    class Grade(models.TextChoices):
        EXCELLENT = "优", "优"
        GOOD = "良", "良"
        FAIR = "中", "中"
        POOR = "差", "差"

    class Status(models.TextChoices):
        """填报状态: a submitted self-evaluation is locked until an admin sends it back (退回)."""

        DRAFT = "draft", "填报中"
        SUBMITTED = "submitted", "已提交"

    department = models.ForeignKey("departments.Department", verbose_name="部门", on_delete=models.PROTECT,
                                   related_name="evaluations")
    fiscal_year = models.ForeignKey("departments.FiscalYear", verbose_name="年度", on_delete=models.PROTECT,
                                    related_name="evaluations")
    kind = models.CharField("报告类型", max_length=30, choices=Kind.choices, default=Kind.DEPARTMENT_OVERALL)
    score = QuantityField("自评分")
    grade = models.CharField("评价等级", max_length=2, choices=Grade.choices, blank=True)
    framework = models.CharField("评分框架", max_length=200, blank=True)
    problems = models.JSONField("存在的主要问题", default=list, blank=True)
    measures = models.JSONField("下一步改进措施", default=list, blank=True)
    sections = models.JSONField("章节", default=list, blank=True,
                                help_text="报告各章节的原文（jixiao.report/1 sections），生成报告时照写")
    evidence = models.JSONField("数据出处", default=dict, blank=True, help_text="键路径 → 原文片段")
    conflicts = models.JSONField("前后不一致的数字", default=list, blank=True)
    warnings = models.JSONField("导入提示", default=list, blank=True)
    source = models.JSONField("来源", null=True, blank=True)
    source_document = models.ForeignKey("documents.SourceDocument", verbose_name="原始文件", null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="evaluations")
    status = models.CharField("填报状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "绩效自评"
        verbose_name_plural = "绩效自评"
        ordering = ["-fiscal_year__year", "department__name"]
        constraints = [soft_unique("department", "fiscal_year", name="evaluation_department_year_unique")]

    def __str__(self) -> str:
        return f"{self.department} {self.fiscal_year} 自评"


class DepartmentYearSummary(models.Model):
    """One budget's derived figures (看板汇总): its score and grade (stated or the core's) and its months.

    A cache, not a record: it holds nothing a user entered, every figure in it is recomputed from
    the stored report by the core, it is not editable (not in the admin) and not history-tracked,
    and rows are replaced freely — so it is a plain model, outside the soft-delete and history
    rules that protect what users enter. The signal receivers in ``summary.py`` set ``stale`` and
    raise ``version`` whenever a row the figures depend on is written (in the writer's
    transaction); a reader that recomputed the figures clears ``stale`` only if ``version`` is
    still the one it read. (It was the dashboard app's until 结果应用 read it too; migration
    ``evaluation.0003`` moved it with its table.)
    """

    budget = models.OneToOneField("budgets.Budget", on_delete=models.CASCADE, related_name="summary")
    department = models.ForeignKey("departments.Department", on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.ForeignKey("departments.FiscalYear", on_delete=models.CASCADE, related_name="+")
    # Text, so that the exact Decimal comes back (a stated 自评分 has four places, the core's two).
    score = models.CharField("自评分", max_length=40, blank=True)
    grade = models.CharField("评价等级", max_length=2, blank=True)
    grade_computed = models.BooleanField("等级由系统计算", default=False)
    monthly = models.JSONField("月度执行数", default=list, help_text="[[月份, 当月支出（万元，文本）], …]")
    stale = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "看板汇总"
        verbose_name_plural = "看板汇总"
        indexes = [
            models.Index(fields=["department", "fiscal_year"], name="summary_department_year"),
            # the few stale rows are found without reading the others
            models.Index(fields=["stale"], condition=models.Q(stale=True), name="summary_stale"),
        ]

    def __str__(self) -> str:
        return f"{self.department_id}/{self.fiscal_year_id} 汇总"
