"""A department's project (项目支出项目) in the 项目库, from 储备 to 已完成 or 终止.

The project is the unit 财预〔2020〕10号 evaluates: other apps hang its 事前绩效评估 (branch
``exante``), goals, monitoring and self-evaluation on it. The status moves only through
``services.change_status`` (the allowed transitions and the budget gate live there); the 事前评估
conclusion is written back only by ``services.record_exante_conclusion``.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.common.models import MoneyField, SoftDeleteModel, soft_unique


class Project(SoftDeleteModel):
    """项目: code, name, category, period, amount, 主管/实施单位, 新增/延续, 重点/重大, status."""

    class Attribute(models.TextChoices):
        NEW = "new", "新增"
        CONTINUING = "continuing", "延续"

    class Status(models.TextChoices):
        RESERVE = "reserve", "储备"
        EX_ANTE = "ex_ante", "事前评估"
        APPROVED = "approved", "已立项"
        IN_PROGRESS = "in_progress", "执行中"
        COMPLETED = "completed", "已完成"
        TERMINATED = "terminated", "终止"

    class Conclusion(models.TextChoices):
        SUPPORT = "support", "予以支持"
        PARTIAL = "partial", "部分支持"
        REJECT = "reject", "不予支持"

    department = models.ForeignKey("departments.Department", verbose_name="部门", on_delete=models.PROTECT,
                                   related_name="projects")
    code = models.CharField("项目编码", max_length=40)
    name = models.CharField("项目名称", max_length=200)
    category = models.CharField("项目类别", max_length=60, blank=True)
    start_year = models.PositiveSmallIntegerField("起始年度")
    end_year = models.PositiveSmallIntegerField("结束年度", null=True, blank=True)
    amount = MoneyField("项目总金额（万元）")
    department_in_charge = models.CharField("主管部门", max_length=200, blank=True)
    implementer = models.CharField("实施单位", max_length=200, blank=True)
    attribute = models.CharField("项目属性", max_length=12, choices=Attribute.choices, default=Attribute.NEW)
    is_key = models.BooleanField("是否重点项目", default=False)
    is_major = models.BooleanField("重大政策/项目", default=False,
                                   help_text="重大政策和项目须开展事前绩效评估，不论金额。")
    status = models.CharField("项目状态", max_length=12, choices=Status.choices, default=Status.RESERVE,
                              db_index=True)
    exante_conclusion = models.CharField("事前评估结论", max_length=10, choices=Conclusion.choices, blank=True)
    approved_amount = MoneyField("核定金额（万元）")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "项目"
        verbose_name_plural = "项目"
        ordering = ["department__name", "-start_year", "code"]
        constraints = [soft_unique("department", "code", name="project_department_code_unique")]
        indexes = [
            models.Index(fields=["department", "start_year"], name="project_department_year"),
            # covers the list's counts by status, year and category (one index scan over 30,000 projects)
            models.Index(fields=["status", "start_year", "category", "department", "deleted_at"],
                         name="project_facets"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_final(self) -> bool:
        """已完成 and 终止 are final: no transition leaves them."""
        return self.status in (self.Status.COMPLETED, self.Status.TERMINATED)

    @property
    def period(self) -> str:
        """实施期限 as shown: "2024—2026年", "2025年" or "2025年起"."""
        if self.end_year is None:
            return f"{self.start_year}年起"
        if self.end_year == self.start_year:
            return f"{self.start_year}年"
        return f"{self.start_year}—{self.end_year}年"
