"""Batches (批次) in the admin: what was submitted and what came of each file — to look at, not to edit.

A batch is written by its submission and its files by the workers (one transaction a chunk, with
history): the admin adds none and changes none, so an outcome always says what a worker did.
Where a file waits in the shared folder is the workers' business and not shown.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.batches.models import Batch, BatchFile

FILE_FIELDS = ("position", "original_name", "state", "outcome", "reason", "findings", "document", "attempts",
               "finished_at")


class ReadOnly:
    """Neither added nor changed nor deleted here (the model admin's permission hooks)."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class BatchFileInline(ReadOnly, admin.TabularInline):
    model = BatchFile
    extra = 0
    fields = FILE_FIELDS
    readonly_fields = FILE_FIELDS
    show_change_link = True


@admin.register(Batch)
class BatchAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ("key", "mode", "department", "created_by", "total", "created_at")
    list_filter = ("mode",)
    search_fields = ("key", "department__name", "created_by__username")
    fields = ("key", "mode", "department", "created_by", "total", "created_at")
    readonly_fields = fields
    inlines = [BatchFileInline]


@admin.register(BatchFile)
class BatchFileAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ("original_name", "batch", "state", "result", "finished_at")
    list_filter = ("state", "batch__mode")
    search_fields = ("original_name", "sha256", "batch__key")
    fields = ("batch", *FILE_FIELDS, "sha256")
    readonly_fields = fields
    list_select_related = ("batch",)

    @admin.display(description="结果或原因")
    def result(self, obj: BatchFile) -> str:
        return obj.reason or obj.outcome or "—"
