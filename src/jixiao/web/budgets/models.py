"""A department's budget for a year, its adjustments and its monthly execution, in 万元."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.figures import ExecutionRate, execution_rate_from
from jixiao.report import Budget as BudgetData
from jixiao.web.common.models import MoneyField, QuantityField, SoftDeleteModel, soft_unique

BY_SOURCE_COLUMNS = {"general_public": "general_public", "government_fund": "government_fund",
                     "state_capital": "state_capital", "other": "other_funds"}
"""A report's ``budget.by_source`` field → its ``Budget`` column (they differ for 其他资金)."""


def budget_columns(data: BudgetData) -> dict[str, Any]:
    """The ``Budget`` columns of a report's budget (months aside)."""
    columns = {name: getattr(data, name) for name in ("initial", "total", "spent", "execution_rate", "carryover")}
    columns.update({column: getattr(data.by_source, name) for name, column in BY_SOURCE_COLUMNS.items()})
    columns.update(basic=data.by_nature.basic, project=data.by_nature.project)
    return columns


class Budget(SoftDeleteModel):
    """部门整体收支: one row per department and year."""

    department = models.ForeignKey("departments.Department", verbose_name="部门", on_delete=models.PROTECT,
                                   related_name="budgets")
    fiscal_year = models.ForeignKey("departments.FiscalYear", verbose_name="年度", on_delete=models.PROTECT,
                                    related_name="budgets")
    initial = MoneyField("年初预算数")
    total = MoneyField("全年预算数", help_text="调整后预算数（或报告给出的预算收入）")
    spent = MoneyField("全年执行数")
    execution_rate = QuantityField("预算执行率（%，报告所述）")
    general_public = MoneyField("一般公共预算财政拨款")
    government_fund = MoneyField("政府性基金预算财政拨款")
    state_capital = MoneyField("国有资本经营预算财政拨款")
    other_funds = MoneyField("其他资金")
    basic = MoneyField("基本支出")
    project = MoneyField("项目支出")
    carryover = MoneyField("年末结转和结余")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "部门预算"
        verbose_name_plural = "部门预算"
        ordering = ["-fiscal_year__year", "department__name"]
        constraints = [soft_unique("department", "fiscal_year", name="budget_department_year_unique")]

    def __str__(self) -> str:
        return f"{self.department} {self.fiscal_year}"

    @property
    def rate(self) -> ExecutionRate:
        """预算执行率 by the core (``jixiao.figures``): the stated and the computed one, and which is shown."""
        return execution_rate_from(self.total, self.spent, self.execution_rate)

    @property
    def computed_execution_rate(self) -> Decimal | None:
        """执行数 / 全年预算数 × 100, half-up to two places (the core's); None when either is missing."""
        return self.rate.computed


class BudgetAdjustment(SoftDeleteModel):
    """A change to the year's budget (预算调整), positive or negative."""

    budget = models.ForeignKey(Budget, verbose_name="预算", on_delete=models.PROTECT, related_name="adjustments")
    date = models.DateField("调整日期")
    amount = MoneyField("调整金额", null=False, blank=False)
    reason = models.CharField("调整原因", max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "预算调整"
        verbose_name_plural = "预算调整"
        ordering = ["date"]


class MonthlyExecution(SoftDeleteModel):
    """What was spent in one month (月度执行数), not cumulative."""

    budget = models.ForeignKey(Budget, verbose_name="预算", on_delete=models.PROTECT, related_name="monthly")
    month = models.PositiveSmallIntegerField("月份", validators=[MinValueValidator(1), MaxValueValidator(12)])
    spent = MoneyField("当月支出", null=False, blank=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "月度执行"
        verbose_name_plural = "月度执行"
        ordering = ["budget", "month"]
        constraints = [
            soft_unique("budget", "month", name="monthly_budget_month_unique"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="monthly_month_range"),
        ]
