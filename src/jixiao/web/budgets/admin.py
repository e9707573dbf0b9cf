from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.budgets.models import Budget, BudgetAdjustment, MonthlyExecution
from jixiao.web.common.templatetags.figures import admin_column, rate


class MonthlyExecutionInline(admin.TabularInline):
    model = MonthlyExecution
    extra = 0


class BudgetAdjustmentInline(admin.TabularInline):
    model = BudgetAdjustment
    extra = 0


@admin.register(Budget)
class BudgetAdmin(SimpleHistoryAdmin):
    list_display = ("department", "fiscal_year", "total", "spent", admin_column("execution_rate", "预算执行率（报告所述）", rate),
                    "carryover")
    list_filter = ("fiscal_year",)
    search_fields = ("department__name",)
    autocomplete_fields = ("department",)
    inlines = [BudgetAdjustmentInline, MonthlyExecutionInline]
    fieldsets = (
        (None, {"fields": ("department", "fiscal_year")}),
        ("预算与执行（万元）", {"fields": ("initial", "total", "spent", "execution_rate", "carryover")}),
        ("按资金来源", {"fields": ("general_public", "government_fund", "state_capital", "other_funds")}),
        ("按支出性质", {"fields": ("basic", "project")}),
    )


@admin.register(MonthlyExecution)
class MonthlyExecutionAdmin(SimpleHistoryAdmin):
    list_display = ("budget", "month", "spent")
    list_filter = ("month",)
