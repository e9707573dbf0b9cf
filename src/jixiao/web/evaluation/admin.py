from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.common.templatetags.figures import admin_column as _shown
from jixiao.web.common.templatetags.figures import figure
from jixiao.web.evaluation.models import Evaluation, Indicator, KeyTask, PerformanceGoal


@admin.register(Evaluation)
class EvaluationAdmin(SimpleHistoryAdmin):
    list_display = ("department", "fiscal_year", "kind", _shown("score", "自评分"), "grade", "status")
    list_filter = ("fiscal_year", "grade", "kind", "status")
    search_fields = ("department__name",)
    autocomplete_fields = ("department",)


@admin.register(PerformanceGoal)
class PerformanceGoalAdmin(SimpleHistoryAdmin):
    list_display = ("department", "fiscal_year", "position", "__str__")
    list_filter = ("fiscal_year",)
    search_fields = ("department__name", "text")


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ("department", "fiscal_year", "level1", "level2", "name", "op", _shown("target", "指标值", figure),
                    _shown("actual", "实际完成值", figure), "unit", _shown("weight", "分值"), _shown("score", "得分"))
    list_filter = ("fiscal_year", "level1", "op")
    search_fields = ("department__name", "name")


@admin.register(KeyTask)
class KeyTaskAdmin(SimpleHistoryAdmin):
    list_display = ("department", "fiscal_year", "position", "title")
    list_filter = ("fiscal_year",)
    search_fields = ("department__name", "title")
