from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.documents.models import SourceDocument


@admin.register(SourceDocument)
class SourceDocumentAdmin(SimpleHistoryAdmin):
    list_display = ("original_name", "format", "department", "fiscal_year", "pages", "size", "created_at")
    list_filter = ("format", "fiscal_year")
    search_fields = ("original_name", "sha256", "department__name")
    # The stored file is not served under MEDIA_URL (originals are read through the review pages); the admin
    # names it instead of linking to a URL that answers 404.
    exclude = ("file",)
    readonly_fields = ("stored_file", "sha256", "size", "pages")

    @admin.display(description="文件")
    def stored_file(self, obj: SourceDocument) -> str:
        return "已存储" if obj.file else "未存储原文件"
