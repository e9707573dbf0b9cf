from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.projperf.models import (
    GoalAdjustment,
    IndicatorProgress,
    ProjectGoal,
    ProjectGoalReview,
    ProjectIndicator,
    ProjectMonthly,
    ProjectYear,
)


@admin.register(ProjectYear)
class ProjectYearAdmin(SimpleHistoryAdmin):
    list_display = ("project", "fiscal_year", "total", "spent", "status", "evaluation_status", "score", "grade")
    list_filter = ("fiscal_year", "status", "evaluation_status")
    search_fields = ("project__name", "project__code", "project__department__name")


@admin.register(ProjectGoalReview)
class ProjectGoalReviewAdmin(SimpleHistoryAdmin):
    list_display = ("project_year", "overall", "decision", "reviewer", "created_at")
    list_filter = ("overall", "decision")


for model in (ProjectGoal, ProjectIndicator, ProjectMonthly, IndicatorProgress, GoalAdjustment):
    admin.site.register(model, SimpleHistoryAdmin)
