"""The seal chain (审计封存链): every audit record sealed in order, each seal hashing the one before.

A record is a historical row of any app (django-simple-history) or an ``AuditEvent``. Its
content is the row as the database holds it, every column, in a canonical text (decimals
normalised, times in UTC, JSON with sorted keys), so the same row always gives the same
digest on SQLite and PostgreSQL. ``digest = sha256(previous digest | model | id | content)``.

Writers seal the records their transaction created right after it commits (``on_commit``);
rows written in bulk (``history_bulk_written``) are found by a sweep of the unsealed rows.
Appending takes the lock of the single ``AuditChainHead`` row, so two writers never fork the
chain (PostgreSQL: ``SELECT … FOR UPDATE``; SQLite: the IMMEDIATE transaction's write lock).

``verify`` walks the chain and says, in Chinese, which record was deleted or altered, which
seal is missing, and which records were never sealed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import models, transaction
from django.utils import timezone

from jixiao.web.audit.models import AuditChainHead, AuditEvent, AuditSeal
from jixiao.web.audit.selectors import historical_models

log = logging.getLogger(__name__)

EVENT = "audit.auditevent"


def sources() -> dict[str, type[models.Model]]:
    """Every model whose rows are audit records: label → model (historical models, then events)."""
    return {**historical_models(), EVENT: AuditEvent}


def _pk(model: type[models.Model]) -> str:
    return model._meta.pk.attname


def _manager(model: type[models.Model]) -> models.Manager:
    return model._base_manager


def _norm(value: Any) -> Any:
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "0") else text
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = value.astimezone(UTC)
        return value.replace(tzinfo=None).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict | list):
        return json.loads(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str))
    return value


def content(row: dict[str, Any]) -> str:
    """A record's content in canonical text (the columns as ``values()`` gives them)."""
    return json.dumps({k: _norm(v) for k, v in row.items()}, sort_keys=True, ensure_ascii=False, default=str)


def digest(previous: str, label: str, record_id: int, row: dict[str, Any]) -> str:
    text = f"{previous}|{label}|{record_id}|{content(row)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- sealing --------------------------------------------------------------------------------------

_pending = threading.local()


def _queue() -> dict[str, set[int] | None]:
    if not hasattr(_pending, "records"):
        _pending.records = {}
    return _pending.records


def _instances() -> dict[str, set[int]]:
    if not hasattr(_pending, "instances"):
        _pending.instances = {}
    return _pending.instances


def seal_later(label: str, record_id: int | None, *, instances: Iterable[int] | None = None) -> None:
    """Seal a record once this transaction commits: the record ``record_id``; with ``instances``, the
    unsealed records of those rows of ``label`` (their history written in bulk); with neither, every
    unsealed record of ``label``.

    Naming the rows keeps the work of a commit proportional to what it wrote: a sweep of every
    unsealed record reads the whole history of the model, which grows with every report stored.
    """
    queue = _queue()
    if record_id is None and instances is not None:
        _instances().setdefault(label, set()).update(instances)
    elif record_id is None or queue.get(label, set()) is None:
        queue[label] = None
    else:
        queue.setdefault(label, set()).add(record_id)  # type: ignore[union-attr]  # None (the whole model queued) is handled above
    transaction.on_commit(_flush, robust=True)


def _flush() -> None:
    queue, instances = _queue(), _instances()
    if not queue and not instances:
        return
    wanted = dict(queue)
    named = dict(instances)
    queue.clear()
    instances.clear()
    if named:
        found = sources()
        for label, ids in named.items():
            if label in found and wanted.get(label, set()) is not None:
                # the history records of the rows written: found by the row's own id (indexed)
                model = found[label]
                instance_pk = model.instance_type._meta.pk.attname  # type: ignore[attr-defined]  # a simple-history class
                records = wanted.setdefault(label, set())
                assert records is not None  # excluded above
                for part in _slices(sorted(ids)):
                    records.update(_manager(model).filter(**{f"{instance_pk}__in": part})
                                   .values_list(_pk(model), flat=True))
    seal(wanted)


def _head() -> AuditChainHead:
    AuditChainHead.objects.get_or_create(pk=1)
    return AuditChainHead.objects.select_for_update().get(pk=1)


_SLICE = 2000  # ids per IN (…) list: well under SQLite's and PostgreSQL's limits on parameters


def _slices(ids: list[int]) -> Iterator[list[int]]:
    for begin in range(0, len(ids), _SLICE):
        yield ids[begin:begin + _SLICE]


def _unsealed_rows(model: type[models.Model], label: str, named: set[int] | None) -> Iterator[dict[str, Any]]:
    """The unsealed records of ``label`` in id order: of the ids ``named``, else all of them."""
    pk = _pk(model)
    rows = _manager(model).all()
    if named is None:
        unsealed = rows.exclude(**{f"{pk}__in": AuditSeal.objects.filter(model=label).values("record_id")})
        yield from unsealed.order_by(pk).values().iterator(chunk_size=_SLICE)
        return
    # the records named, less those sealed already: both looked up by id (indexed), never by
    # reading every seal of the model
    ordered = sorted(named)
    sealed: set[int] = set()
    for ids in _slices(ordered):
        sealed.update(AuditSeal.objects.filter(model=label, record_id__in=ids).values_list("record_id", flat=True))
    for ids in _slices([record for record in ordered if record not in sealed]):
        yield from rows.filter(**{f"{pk}__in": ids}).order_by(pk).values()


def seal(wanted: dict[str, set[int] | None] | None = None) -> int:
    """Seal the unsealed records: those named in ``wanted`` (label → ids, None for all of a label), else all.

    Returns how many were sealed.
    """
    found = sources()
    labels = list(found) if wanted is None else [label for label in found if label in wanted]
    count = 0
    with transaction.atomic():
        head = _head()
        previous, seq = head.digest, head.seq
        now = timezone.now()
        batch: list[AuditSeal] = []
        for label in labels:
            model = found[label]
            pk = _pk(model)
            named = None if wanted is None else wanted[label]
            for row in _unsealed_rows(model, label, named):
                seq += 1
                previous = digest(previous, label, row[pk], row)
                batch.append(AuditSeal(seq=seq, model=label, record_id=row[pk], digest=previous, sealed_at=now))
                if len(batch) >= 2000:
                    AuditSeal.objects.bulk_create(batch)
                    count += len(batch)
                    batch = []
        if batch:
            AuditSeal.objects.bulk_create(batch)
            count += len(batch)
        if count:
            AuditChainHead.objects.filter(pk=1).update(seq=seq, digest=previous)
    return count


# -- verifying ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    seq: int | None
    text: str  # one Chinese line naming the record


def _record_name(label: str, record_id: int) -> str:
    model = sources().get(label)
    if model is None:
        return f"{label} #{record_id}"
    if label == EVENT:
        return f"审计事件 #{record_id}"
    return f"{model.instance_type._meta.verbose_name}的历史记录 #{record_id}"  # type: ignore[attr-defined]  # a simple-history class (generated)


def _chunks(items: Iterable[AuditSeal], size: int = 2000) -> Iterator[list[AuditSeal]]:
    chunk: list[AuditSeal] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def verify() -> tuple[int, list[Problem]]:
    """Walk the chain: (records checked, problems found). Reads only."""
    found = sources()
    head = AuditChainHead.objects.filter(pk=1).first()
    previous = head.anchor_digest if head else ""
    expected_seq = (head.anchor_seq if head else 0) + 1
    problems: list[Problem] = []
    checked = 0
    seals = AuditSeal.objects.order_by("seq").iterator(chunk_size=2000)
    for chunk in _chunks(seals):
        rows: dict[tuple[str, int], dict[str, Any]] = {}
        by_label: dict[str, list[int]] = {}
        for s in chunk:
            by_label.setdefault(s.model, []).append(s.record_id)
        for label, ids in by_label.items():
            model = found.get(label)
            if model is None:
                continue
            pk = _pk(model)
            for stored in _manager(model).filter(**{f"{pk}__in": ids}).values():
                rows[(label, stored[pk])] = stored
        for s in chunk:
            checked += 1
            name = _record_name(s.model, s.record_id)
            if s.seq != expected_seq:
                problems.append(Problem(expected_seq, f"封存链第 {expected_seq}–{s.seq - 1} 条缺失（封存记录被删除）"
                                        if s.seq > expected_seq else f"封存链第 {s.seq} 条序号重复或倒序"))
            expected_seq = s.seq + 1
            row = rows.get((s.model, s.record_id))
            if row is None:
                problems.append(Problem(s.seq, f"第 {s.seq} 条：{name}已被删除"))
                previous = s.digest
                continue
            if digest(previous, s.model, s.record_id, row) != s.digest:
                problems.append(Problem(s.seq, f"第 {s.seq} 条：{name}的内容已被修改，或其前一条封存被改动"))
            previous = s.digest
    if head is not None and head.seq != expected_seq - 1 and head.seq >= expected_seq:
        problems.append(Problem(head.seq, f"封存链末尾第 {expected_seq}–{head.seq} 条缺失（封存记录被删除）"))
    for label, model in found.items():
        pk = _pk(model)
        unsealed = (_manager(model).exclude(**{f"{pk}__in": AuditSeal.objects.filter(model=label).values("record_id")})
                    .order_by(pk).values_list(pk, flat=True)[:5])
        for record_id in unsealed:
            problems.append(Problem(None, f"{_record_name(label, record_id)}未封存（可能是绕过系统写入的记录）"))
    return checked, problems


# -- retention ------------------------------------------------------------------------------------

def prune(*, days: int) -> int:
    """Delete the audit records sealed more than ``days`` ago, with their seals; returns how many.

    The chain stays verifiable: the head keeps the last pruned seal as its anchor.
    """
    cutoff = timezone.now() - timedelta(days=days)
    found = sources()
    removed = 0
    with transaction.atomic():
        head = _head()
        last = AuditSeal.objects.filter(sealed_at__lt=cutoff).order_by("-seq").first()
        if last is None:
            return 0
        old = AuditSeal.objects.filter(seq__lte=last.seq)
        for label, model in found.items():
            ids = old.filter(model=label).values("record_id")
            removed += _manager(model).filter(**{f"{_pk(model)}__in": ids})._raw_delete(using="default")
        old._raw_delete(using="default")
        head.anchor_seq, head.anchor_digest = last.seq, last.digest
        head.save(update_fields=["anchor_seq", "anchor_digest"])
    return removed
