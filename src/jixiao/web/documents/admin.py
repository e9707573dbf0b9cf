from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.documents.models import SourceDocument


@admin.register(SourceDocument)
class SourceDocumentAdmin(SimpleHistoryAdmin):
    list_display = ("original_name", "format", "department", "fiscal_year", "pages", "size", "created_at")
    list_filter = ("format", "fiscal_year")
    search_fields = ("original_name", "sha256", "department__name")
    readonly_fields = ("sha256", "size", "pages")
