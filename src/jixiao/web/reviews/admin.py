from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.reviews.models import ReviewFinding


@admin.register(ReviewFinding)
class ReviewFindingAdmin(SimpleHistoryAdmin):
    list_display = ("rule", "severity", "department", "fiscal_year", "status", "created_at")
    list_filter = ("severity", "status", "rule")
    search_fields = ("message", "department__name", "rule")
