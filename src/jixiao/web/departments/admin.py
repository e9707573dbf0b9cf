from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.departments.models import Department, FiscalYear, Region


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "parent")
    search_fields = ("name", "code")


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ("name", "short_name", "region", "parent", "unit_type")
    list_filter = ("unit_type", "region")
    search_fields = ("name", "short_name", "code")
    autocomplete_fields = ("region", "parent")


@admin.register(FiscalYear)
class FiscalYearAdmin(SimpleHistoryAdmin):
    list_display = ("year", "is_closed")
