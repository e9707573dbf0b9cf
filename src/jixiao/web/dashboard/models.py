"""The dashboard's derived figures per department and year (看板汇总), kept so that no request scores.

``DepartmentYearSummary`` is a cache, not a record: it holds nothing a user entered, every
figure in it is recomputed from the stored report by the core, it is not editable (not in
the admin) and not history-tracked, and rows are replaced freely. That is why it is a plain
model, outside the soft-delete and history rules that protect what users enter.
"""

from __future__ import annotations

from django.db import models


class DepartmentYearSummary(models.Model):
    """One budget's dashboard figures: its score and grade (stated or the core's) and its months.

    The signal receivers in ``summary.py`` set ``stale`` and raise ``version`` whenever a row the
    figures depend on is written (in the writer's transaction); a reader that recomputed the
    figures clears ``stale`` only if ``version`` is still the one it read.
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
