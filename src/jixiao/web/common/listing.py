"""Long lists (列表): server-side pagination, sorting and filters, all kept in the querystring.

A view reads the list's state with :func:`list_state` (the page, the sort key the list allows,
the filters it knows), narrows and orders its rows, and hands :func:`paginate`'s page to its
template; ``common/pagination.html`` and the ``{% sort_link %}`` tag build links that keep every
other parameter of the URL. The API's list endpoints take the same filter names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_PAGE = 25
"""Rows a page: every list that can pass this many is paginated."""


@dataclass(frozen=True)
class ListState:
    """What the querystring asks of one list: sort key (``-`` for descending), filters, page."""

    sort: str
    filters: dict[str, str] = field(default_factory=dict)
    page: str = "1"
    prefix: str = ""
    """Set when a page holds two lists: their ``sort`` and ``page`` parameters are ``<prefix>sort``, ``<prefix>page``."""

    @property
    def sort_param(self) -> str:
        return f"{self.prefix}sort"

    @property
    def page_param(self) -> str:
        return f"{self.prefix}page"

    @property
    def sort_key(self) -> str:
        return self.sort.lstrip("-")

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-")

    @property
    def filtered(self) -> bool:
        return any(self.filters.values())


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
FILTER_MAX = 100
"""Longest filter text kept (a department or file name is shorter)."""


def filter_text(value: str | None) -> str:
    """A filter's text as a list searches it: control characters dropped (PostgreSQL refuses NUL), trimmed."""
    return _CONTROL.sub("", value or "").strip()[:FILTER_MAX]


def list_state(request: HttpRequest, *, sorts: Iterable[str], default: str, filters: Sequence[str] = (),
               prefix: str = "") -> ListState:
    """The list's state from ``request.GET``; an unknown sort key falls back to ``default``."""
    asked = request.GET.get(f"{prefix}sort", "")
    sort = asked if asked.lstrip("-") in set(sorts) else default
    values = {name: filter_text(request.GET.get(name, "")) for name in filters}
    return ListState(sort=sort, filters=values, page=request.GET.get(f"{prefix}page", "1"), prefix=prefix)


def order_by(state: ListState, columns: Mapping[str, Sequence[str]]) -> list[str]:
    """ORM ``order_by`` fields for the state's sort key: the column's first field, reversed when descending,
    then its tie-breakers as they are."""
    first, *rest = columns[state.sort_key]
    if state.descending:
        first = first[1:] if first.startswith("-") else f"-{first}"
    return [first, *rest]


def sort_rows(rows: list[Any], state: ListState, keys: Mapping[str, Callable[[Any], Any]]) -> list[Any]:
    """Sort in-memory rows by the state's key; rows whose key is ``None`` go last either way."""
    key = keys[state.sort_key]
    present = [row for row in rows if key(row) is not None]
    missing = [row for row in rows if key(row) is None]
    return sorted(present, key=key, reverse=state.descending) + missing


def paginate(rows: Any, state: ListState, per_page: int = PER_PAGE) -> Page:
    """The state's page of ``rows`` (a queryset or a list); a page out of range gives the last one."""
    return Paginator(rows, per_page).get_page(state.page)


def as_number(value: str | None) -> int | None:
    """A filter's id or year as an int, or None for anything else (text, negative, too large for the database)."""
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) <= 18 else None
