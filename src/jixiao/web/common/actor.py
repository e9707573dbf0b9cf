"""Who is writing (操作人与来源), for the history of every write made outside a web request.

django-simple-history takes the user of a web request from its middleware. The CLI, the demo
and scripts have no request: they say who acts with ``acting_as`` (a user, or none, and a
source such as "命令行 · 操作系统用户 alice" or "演示数据"), and the audit app's receivers
write that user and source on each historical row (``history_user``, ``history_change_reason``).
A web write's source is "网页 · <IP>" (the audit app reads the request's address).

``history_bulk_written`` is sent by code that writes history with ``bulk_create_with_history``
(no per-row signals), so the audit app can seal those rows too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.dispatch import Signal


@dataclass(frozen=True)
class Actor:
    user: Any | None  # an accounts.User, or None when no account stands behind the write
    source: str  # 来源: 命令行 · 操作系统用户 alice / 演示数据 / 网页 · 10.0.0.1


_current: ContextVar[Actor | None] = ContextVar("jixiao_actor", default=None)

history_bulk_written = Signal()
"""Sent with ``model=<the tracked model>`` and ``ids=<the ids of the rows written>`` after their history
rows were bulk-created (without ``ids``, every unsealed history record of the model is sealed)."""


def current_actor() -> Actor | None:
    return _current.get()


@contextmanager
def acting_as(*, user: Any | None, source: str) -> Iterator[Actor]:
    """Attribute every write inside the block to ``user`` and ``source``."""
    actor = Actor(user=user, source=source[:100])
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def set_actor(*, user: Any | None, source: str) -> Actor:
    """Attribute every later write of this process (or context) to ``user`` and ``source`` (the CLI)."""
    actor = Actor(user=user, source=source[:100])
    _current.set(actor)
    return actor


def attribute(row: Any, user: Any | None) -> None:
    """Name ``user`` as the author of ``row``'s next history row — unless a block already says who
    acts (``acting_as``: the demo, the CLI), which then wins, so one rule attributes every write.

    A web request's user reaches simple-history through its middleware either way; this covers a
    service called with its ``actor`` outside any request (tests, scripts).
    """
    if current_actor() is None:
        row._history_user = user  # simple-history reads it off the instance
