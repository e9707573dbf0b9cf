"""Which library indicator (指标库指标) a declared indicator row is, and what the library says of it.

A row is linked by its ``library_indicator`` key (the picker of the declaration forms sets it).
Rows declared before the picker, imported from reports or typed freely have no link: such a row
counts as the library indicator whose name is exactly the row's name, when exactly one library
indicator (not 停用) has that name — so the demo's and the seeds' indicators are checked too. An
ambiguous or unknown name is not checked against peers (its own history still is, by name).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from jixiao.web.indicators.models import LibraryIndicator
from jixiao.web.indicators.selectors import unique_by_name


@dataclass(frozen=True)
class LibraryRef:
    """What the checks need of a library indicator."""

    pk: int
    code: str
    name: str
    industry: str
    operator: str
    unit: str
    scoring_standard: str
    linked: bool
    """Linked by the row's key (``True``) or matched by its exact name (``False``)."""


def _ref(item: LibraryIndicator, *, linked: bool) -> LibraryRef:
    return LibraryRef(pk=item.pk, code=item.code, name=item.name, industry=item.industry, operator=item.operator,
                      unit=item.unit, scoring_standard=item.scoring_standard, linked=linked)


def resolve(rows: Iterable[Any]) -> dict[int, LibraryRef]:
    """Row pk → its library indicator, for rows with a ``library_indicator_id`` or an unambiguous exact name.

    Two queries however many rows: the linked ones by key, the others by name.
    """
    rows = list(rows)
    return {row.pk: ref for row, ref in zip(rows, resolve_each(rows), strict=True) if ref is not None}


def resolve_each(rows: Iterable[Any]) -> list[LibraryRef | None]:
    """The library indicator of each row, in order (``None``: not in the library, or its name is ambiguous)."""
    rows = list(rows)
    linked_ids = {getattr(r, "library_indicator_id", None) for r in rows} - {None}
    by_pk = {i.pk: i for i in LibraryIndicator.objects.filter(pk__in=linked_ids)} if linked_ids else {}
    by_name = unique_by_name({r.name for r in rows if getattr(r, "library_indicator_id", None) is None and r.name})
    found: list[LibraryRef | None] = []
    for row in rows:
        key = getattr(row, "library_indicator_id", None)
        if key is not None and key in by_pk:
            found.append(_ref(by_pk[key], linked=True))
        elif key is None and row.name in by_name:
            found.append(_ref(by_name[row.name], linked=False))
        else:
            found.append(None)
    return found
