from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.monitoring.models import WarningResponse


@admin.register(WarningResponse)
class WarningResponseAdmin(SimpleHistoryAdmin):
    list_display = ("department", "fiscal_year", "message", "deadline", "action", "responded_by", "responded_at")
    list_filter = ("fiscal_year", "action")
    search_fields = ("department__name", "message", "reason")
