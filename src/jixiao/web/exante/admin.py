from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.exante.models import ExanteAssessment, ExanteAttachment, ExanteItem


@admin.register(ExanteAssessment)
class ExanteAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ("project", "status", "conclusion", "reviewer", "submitted_at", "reviewed_at")
    list_filter = ("status", "conclusion")
    search_fields = ("project__name", "project__code", "project__department__name")


@admin.register(ExanteItem)
class ExanteItemAdmin(SimpleHistoryAdmin):
    list_display = ("assessment", "key", "points")
    search_fields = ("assessment__project__name", "key")


@admin.register(ExanteAttachment)
class ExanteAttachmentAdmin(SimpleHistoryAdmin):
    list_display = ("assessment", "original_name", "size", "uploaded_by", "created_at")
    search_fields = ("assessment__project__name", "original_name")
