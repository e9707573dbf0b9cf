from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.projects.models import Project


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "department", "start_year", "amount", "status", "is_key", "is_major")
    list_filter = ("status", "is_key", "is_major", "attribute")
    search_fields = ("code", "name", "department__name")
