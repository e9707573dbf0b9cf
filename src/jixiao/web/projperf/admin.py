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
    list_display = ("project", "fiscal_year", "total", "spent", "status", "evaluation_status", "score_shown", "grade")
    list_filter = ("fiscal_year", "status", "evaluation_status")
    search_fields = ("project__name", "project__code", "project__department__name")

    @admin.display(description="自评分", ordering="score")
    def score_shown(self, row: ProjectYear) -> str:
        """The score as everywhere (``jixiao.figures``): 97.1, not 97.1000."""
        from jixiao.figures.format import score

        return score(row.score) or "—"


@admin.register(ProjectGoalReview)
class ProjectGoalReviewAdmin(SimpleHistoryAdmin):
    list_display = ("project_year", "overall", "decision", "reviewer", "created_at")
    list_filter = ("overall", "decision")


for model in (ProjectGoal, ProjectIndicator, ProjectMonthly, IndicatorProgress, GoalAdjustment):
    admin.site.register(model, SimpleHistoryAdmin)
