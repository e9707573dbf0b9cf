from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.common.templatetags.figures import admin_column, rule_title
from jixiao.web.reviews.models import FindingDecision, ReviewRecord


class FindingDecisionInline(admin.TabularInline):
    model = FindingDecision
    extra = 0
    # the key (rule id @ text offsets) identifies the finding for the program; a person reads the rule's title
    fields = ("finding", "decision", "note")
    readonly_fields = ("finding",)

    @admin.display(description="复核发现")
    def finding(self, obj: FindingDecision) -> str:
        return rule_title(obj.rule or obj.key)

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # a decision answers a finding the review made; it is recorded on the review page


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
    fields = ("record", "finding", "decision", "note")
    readonly_fields = ("record", "finding")

    @admin.display(description="复核发现")
    def finding(self, obj: FindingDecision) -> str:
        return rule_title(obj.rule or obj.key)
