from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.declarations.models import GoalDeclaration, GoalReview


@admin.register(GoalDeclaration)
class GoalDeclarationAdmin(SimpleHistoryAdmin):
    list_display = ("department", "fiscal_year", "status", "submitted_at", "submitted_by")
    list_filter = ("fiscal_year", "status")
    search_fields = ("department__name",)


@admin.register(GoalReview)
class GoalReviewAdmin(SimpleHistoryAdmin):
    list_display = ("declaration", "overall", "decision", "reviewer", "created_at")
    list_filter = ("overall", "decision")
    search_fields = ("declaration__department__name", "comment")
