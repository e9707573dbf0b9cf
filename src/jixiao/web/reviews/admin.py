from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.common.templatetags.figures import admin_column, rule_title
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
    list_display = ("record", admin_column("rule", "复核规则", rule_title), "decision", "updated_at")
    list_filter = ("decision",)  # by rule id would list ids; the column shows each rule's title
