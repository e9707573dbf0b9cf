from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.results.models import Rectification


@admin.register(Rectification)
class RectificationAdmin(SimpleHistoryAdmin):
    list_display = ("department", "fiscal_year", "source", "status", "deadline")
    list_filter = ("fiscal_year", "source", "status")
    search_fields = ("department__name", "problem")
    autocomplete_fields = ("department",)
