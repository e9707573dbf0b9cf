"""Reads of stored report files (原始文件查询): which a user may see, and the stored copy of an imported file."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from jixiao.importer import ImportResult
from jixiao.readers import RawDocument
from jixiao.report import PerformanceReport
from jixiao.web.accounts.models import User
from jixiao.web.departments.models import Department
from jixiao.web.documents.models import SourceDocument


def documents_visible_to(user: User) -> QuerySet[SourceDocument]:
    """Files of the departments ``user`` sees; files of no department only for the finance bureau."""
    if not user.is_authenticated:
        return SourceDocument.objects.none()
    scope = Q(department__in=Department.objects.visible_to(user))
    if user.sees_all_departments:
        scope |= Q(department__isnull=True)
    return SourceDocument.objects.filter(scope).select_related("fiscal_year")


def stored_parts(result: ImportResult) -> tuple[RawDocument, PerformanceReport]:
    """The file and the report of a successful import; ValueError for one with nothing to store."""
    if result.report is None or result.document is None:
        raise ValueError(f"{result.source}: nothing to store ({result.error})")
    return result.document, result.report


def stored_copy(result: ImportResult) -> SourceDocument | None:
    """The stored file with the same content (sha256) as the imported one, or None (imports are idempotent)."""
    raw, _ = stored_parts(result)
    return SourceDocument.objects.filter(sha256=raw.sha256).first()
