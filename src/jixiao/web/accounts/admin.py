from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    list_display = ("username", "first_name", "role", "department", "is_active", "last_login")
    list_filter = ("role", "is_active")
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("角色与部门", {"fields": ("role", "department")}))
    add_fieldsets = (*(BaseUserAdmin.add_fieldsets or ()), ("角色与部门", {"fields": ("role", "department")}))
