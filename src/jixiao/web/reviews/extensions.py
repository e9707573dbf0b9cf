"""What other apps add to the 复核 pages and to the review of a stored report (扩展点), set by their
``AppConfig.ready``, so this app never imports them.

- The 抽评 app (``oversight``) marks the files drawn in a sample in the queue with the reason they were
  drawn (and lets the queue show only them) and puts its section (抽评 reason, 自评分 → 复核分) on a file's review page;
- the 目标质量 app (``targets``) fills ``target_basis`` so that the core review flags a target the
  指标库's history and peers show was set low (目标偏低) with the same basis the declaration form showed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

queue_notes: Callable[[list[int]], dict[int, str]] | None = None
"""Document ids → a short note per id (``抽评：按金额分层随机抽取``), for the queue's 抽评 column."""

sampled_documents: Callable[[], Any] | None = None
"""The ids of the files in a current 抽评 draw (a queryset of ids, for the queue's 只看抽中 filter)."""

REVIEW_SECTIONS: list[tuple[str, Callable[[Any, Any], dict[str, Any] | None]]] = []
"""Sections other apps put on a file's review page: a template and a function of (request, document)
giving its context (``None``: left out for this file or user)."""

target_basis: Callable[..., Mapping[int, str]] | None = None
"""``(report=, department=)`` → indicator index → the basis of its library check."""


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


def basis_for(department: Any) -> Callable[[Any], Mapping[int, str]] | None:
    """The core review's ``target_basis`` callback for a report of ``department`` (``None``: no library checks)."""
    if target_basis is None or department is None:
        return None
    found = target_basis
    return lambda report: found(report=report, department=department)
