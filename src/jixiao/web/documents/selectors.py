"""Which stored report files a user may see (原始文件查询)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

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
