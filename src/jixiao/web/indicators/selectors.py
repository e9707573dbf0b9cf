"""Reads of the indicator library (指标库查询): search for the picker and the list, one by code, the queue."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from jixiao.web.indicators.models import LibraryIndicator, Status

ALL = "all"
"""``status=ALL`` searches every status (the finance bureau's list); the default is 入库 only."""


def search(*, q: str | None = None, industry: str | None = None, field: str | None = None,
           level1: str | None = None, level2: str | None = None, scope: str | None = None,
           status: str | None = Status.ACTIVE, limit: int | None = 20) -> QuerySet[LibraryIndicator]:
    """Library indicators matching all the given filters; ``q`` matches code, name, 指标解释 or 评分标准.

    ``status`` defaults to 入库 (what a declaration may pick); ``ALL`` or ``None`` lifts it.
    ``limit=None`` returns every match (the list page pages them itself).
    """
    rows = LibraryIndicator.objects.all()
    if status and status != ALL:
        rows = rows.filter(status=status)
    for term in (q or "").split():
        rows = rows.filter(Q(name__icontains=term) | Q(code__icontains=term) | Q(explanation__icontains=term)
                           | Q(level2__icontains=term) | Q(field__icontains=term))
    for name, value in (("industry", industry), ("field", field), ("level1", level1), ("level2", level2),
                        ("scope", scope)):
        if value:
            rows = rows.filter(**{name: value})
    rows = rows.select_related("proposed_by_department").order_by("scope", "industry", "level1", "level2", "code")
    return rows[:limit] if limit else rows


def get_by_code(code: str) -> LibraryIndicator | None:
    """The library indicator with ``code`` (not deleted), any status; ``None`` when there is none."""
    return LibraryIndicator.objects.filter(code=code).first()


def get(pk: int) -> LibraryIndicator | None:
    return LibraryIndicator.objects.filter(pk=pk).select_related("proposed_by_department").first()


def review_queue() -> QuerySet[LibraryIndicator]:
    """Indicators awaiting the finance bureau's review (待审核), oldest first."""
    return (LibraryIndicator.objects.filter(status=Status.REVIEW)
            .select_related("proposed_by_department", "proposed_by").order_by("created_at", "pk"))


def facet_values(name: str) -> list[str]:
    """The distinct values of ``name`` (level1, level2) among the stored indicators, for the filters."""
    return sorted(v for v in LibraryIndicator.objects.values_list(name, flat=True).distinct() if v)
