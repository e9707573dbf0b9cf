from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.evaluation.models import Evaluation, Indicator, KeyTask, PerformanceGoal


@admin.register(Evaluation)
class EvaluationAdmin(SimpleHistoryAdmin):
    list_display = ("department", "fiscal_year", "kind", "score", "grade", "framework", "status")
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
    list_display = ("department", "fiscal_year", "level1", "level2", "name", "op", "target", "actual", "unit",
                    "weight", "score")
    list_filter = ("fiscal_year", "level1", "op")
    search_fields = ("department__name", "name")


@admin.register(KeyTask)
class KeyTaskAdmin(SimpleHistoryAdmin):
    list_display = ("department", "fiscal_year", "position", "title")
    list_filter = ("fiscal_year",)
    search_fields = ("department__name", "title")
