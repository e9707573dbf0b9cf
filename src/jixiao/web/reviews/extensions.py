"""What another app adds to the 复核 pages (扩展点), set by its ``AppConfig.ready``.

The 抽评 app (``oversight``) marks the files drawn in a sample in the queue with the reason they were
drawn (and lets the queue show only them), and puts its section (抽评 reason, 自评分 → 复核分) on a file's
review page, so this app never imports it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

queue_notes: Callable[[list[int]], dict[int, str]] | None = None
"""Document ids → a short note per id (``抽评：按金额分层随机抽取``), for the queue's 抽评 column."""

sampled_documents: Callable[[], Any] | None = None
"""The ids of the files in a current 抽评 draw (a queryset of ids, for the queue's 只看抽中 filter)."""

REVIEW_SECTIONS: list[tuple[str, Callable[[Any, Any], dict[str, Any] | None]]] = []
"""Sections other apps put on a file's review page: a template and a function of (request, document)
giving its context (``None``: left out for this file or user)."""


def notes_for(documents: Iterable[Any]) -> dict[int, str]:
    ids = [d.pk for d in documents]
    return {} if queue_notes is None or not ids else queue_notes(ids)


def sampled_ids() -> Any:
    """The files in a current 抽评 draw (ids); none when the 抽评 app is not installed."""
    return [] if sampled_documents is None else sampled_documents()


def sections_for(request: Any, document: Any) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for template, context_of in REVIEW_SECTIONS:
        extra = context_of(request, document)
        if extra is not None:
            found.append((template, extra))
    return found
