from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.reviews.models import FindingDecision, ReviewRecord


class FindingDecisionInline(admin.TabularInline):
    model = FindingDecision
    extra = 0
    fields = ("key", "rule", "decision", "note")


@admin.register(ReviewRecord)
class ReviewRecordAdmin(SimpleHistoryAdmin):
    list_display = ("document", "status", "reviewer", "updated_at")
    list_filter = ("status",)
    search_fields = ("document__original_name", "opinion")
    inlines = [FindingDecisionInline]


@admin.register(FindingDecision)
class FindingDecisionAdmin(SimpleHistoryAdmin):
    list_display = ("record", "rule", "decision", "updated_at")
    list_filter = ("decision", "rule")
