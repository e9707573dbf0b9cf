"""Reads of the indicator library (指标库查询): search for the picker and the list, one by code, the queue."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from jixiao.indicators.library import LEVEL1_CHOICES
from jixiao.web.common.history import TIMESTAMPS, Origin, history_lines
from jixiao.web.indicators.models import EDITABLE_FIELDS, LibraryIndicator, Scope, Status

ALL = "all"
"""``status=ALL`` searches every status (the finance bureau's list); the default is 入库 only."""


def search(*, q: str | None = None, industry: str | None = None, field: str | None = None,
           level1: str | None = None, level2: str | None = None, scope: str | None = None,
           status: str | None = Status.ACTIVE, limit: int | None = 20,
           within: QuerySet[LibraryIndicator] | None = None) -> QuerySet[LibraryIndicator]:
    """Library indicators matching all the given filters; ``q`` matches code, name, 指标解释 or 评分标准.

    ``status`` defaults to 入库 (what a declaration may pick); ``ALL`` or ``None`` lifts it.
    ``limit=None`` returns every match (the list page pages them itself); ``within`` narrows the
    search to the rows a user may see (``permissions.visible_to``).
    """
    rows = within if within is not None else LibraryIndicator.objects.all()
    if status and status != ALL:
        rows = rows.filter(status=status)
    for term in (q or "").split():
        rows = rows.filter(Q(name__icontains=term) | Q(code__icontains=term) | Q(explanation__icontains=term)
                           | Q(level2__icontains=term) | Q(field__icontains=term))
    for name, value in (("industry", industry), ("field", field), ("level1", level1), ("level2", level2),
                        ("scope", scope)):
        if value:
            rows = rows.filter(**{name: value})
    rows = ordered(rows.select_related("proposed_by_department"))
    return rows[:limit] if limit else rows


def ordered(rows: QuerySet[LibraryIndicator]) -> QuerySet[LibraryIndicator]:
    """The library's reading order (list, picker, export): 共性 before 个性, then 行业, the 一级指标 in the
    frameworks' order (``LEVEL1_CHOICES``: 产出 → 效益 → 满意度, 投入 → 过程 → 产出 → 效果), 二级指标 and code."""
    scope = Case(When(scope=Scope.COMMON, then=Value(0)), default=Value(1), output_field=IntegerField())
    level1 = Case(*(When(level1=name, then=Value(i)) for i, name in enumerate(LEVEL1_CHOICES)),
                  default=Value(len(LEVEL1_CHOICES)), output_field=IntegerField())
    return rows.order_by(scope, "industry", level1, "level1", "level2", "code")


def get_by_code(code: str) -> LibraryIndicator | None:
    """The library indicator with ``code`` (not deleted), any status; ``None`` when there is none."""
    return LibraryIndicator.objects.filter(code=code).first()


def get(pk: int) -> LibraryIndicator | None:
    return LibraryIndicator.objects.filter(pk=pk).select_related("proposed_by_department").first()


def unique_by_name(names: set[str]) -> dict[str, LibraryIndicator]:
    """Name → the library indicator of exactly that name, for names exactly one indicator (not 停用) has.

    The one rule by which a row typed without the picker counts as a library indicator: the declaration
    forms link such a row to it on save, and the target checks read an unlinked row's name the same way.
    """
    if not names:
        return {}
    found: dict[str, list[LibraryIndicator]] = {}
    for item in LibraryIndicator.objects.filter(name__in=names).exclude(status=Status.RETIRED):
        found.setdefault(item.name, []).append(item)
    return {name: items[0] for name, items in found.items() if len(items) == 1}


def review_queue() -> QuerySet[LibraryIndicator]:
    """Indicators awaiting the finance bureau's review (待审核), oldest first."""
    return (LibraryIndicator.objects.filter(status=Status.REVIEW)
            .select_related("proposed_by_department", "proposed_by").order_by("created_at", "pk"))


def facet_values(name: str) -> list[str]:
    """The distinct values of ``name`` (level1, level2) among the stored indicators, for the filters."""
    return sorted(v for v in LibraryIndicator.objects.values_list(name, flat=True).distinct() if v)


def history_of(indicator: LibraryIndicator, *, limit: int = 50) -> list[dict[str, Any]]:
    """The indicator's history in words, newest first: when, who, what (新建 / 修改了 字段：旧 → 新 / 状态 …).

    A status change is the line's action (``入库 → 停用``). The shipped seed's rows were loaded by the
    migration without history: their first edit is compared with the seed as shipped, and a last line
    says they came with the system (载入指标库初始数据), not that the first editor made them.
    """
    return history_lines(indicator, noun="指标", shown=_shown, skip=(*TIMESTAMPS, "reviewed_at"),
                         action_fields=("status",), origin=_seed_origin(indicator), limit=limit)


def _seed_origin(indicator: LibraryIndicator) -> Origin | None:
    """The row as the migration loaded it, when its code is the shipped seed's (its values then, for the first edit)."""
    from jixiao.indicators.library import load_seed

    item = next((i for i in load_seed() if i.code == indicator.code), None)
    if item is None:
        return None
    values: dict[str, Any] = {name: getattr(item, name) or "" for name in EDITABLE_FIELDS}
    values.update(status=item.status, version=item.version)
    return Origin(action="载入指标库初始数据", values=values)


def _shown(name: str, value: Any) -> str:
    """A stored value as a user reads it: choice labels, a person's or department's name, "—" for empty."""
    if value in (None, ""):
        return "—"
    field = LibraryIndicator._meta.get_field(name)
    choices = dict(getattr(field, "choices", None) or ())
    if choices:
        return str(choices.get(value, value))
    if field.is_relation and field.related_model is not None:
        target = field.related_model._default_manager.filter(pk=value).first()
        return str(target) if target is not None else "—"
    return str(value)
