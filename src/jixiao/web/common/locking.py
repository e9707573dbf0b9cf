"""Optimistic locking (乐观锁): an edit saved over a newer one is refused, never silently lost.

A record's *version* is the latest ``updated_at`` of the rows it is made of (deleted ones
included), as whole microseconds since 1970 — an integer the page sends back in a hidden field and
the API in ``version``. Every ``save()`` of those rows moves ``updated_at`` on (``auto_now``), so the
version changes with every write, also through the admin or the CLI, without a column of its own.

The writing service reads the version again inside its own transaction, after it has locked the
rows (``select_for_update`` on PostgreSQL; on SQLite the transaction is ``BEGIN IMMEDIATE``, so a
second writer waits for the first to commit) and raises ``EditConflict`` when it differs from the
one the user had: the API answers 409 with a Chinese ``detail``, the page puts the message and
what changed in between (from django-simple-history: who, when, which fields) above the form,
keeping what the user typed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import models
from django.db.models import Max
from django.utils import timezone

from jixiao.errors import JixiaoError

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def as_version(moment: datetime | None) -> int:
    """A moment as a version number (whole microseconds since 1970; 0 for a record not yet written)."""
    if moment is None:
        return 0
    return (moment - EPOCH) // MICROSECOND


def as_moment(version: int) -> datetime:
    return EPOCH + version * MICROSECOND


def version_of(*parts: models.Model | models.QuerySet | None) -> int:
    """The version of a record made of ``parts`` (rows or querysets; ``None`` for a row not yet there)."""
    latest: datetime | None = None
    for part in parts:
        if part is None:
            continue
        if isinstance(part, models.Model):
            moment = getattr(part, "updated_at", None)
        else:
            moment = part.aggregate(latest=Max("updated_at"))["latest"]
        if moment is not None and (latest is None or moment > latest):
            latest = moment
    return as_version(latest)


class EditConflict(JixiaoError):
    """Someone saved the record after this user opened it (并发修改冲突); nothing was saved.

    ``changes`` says what was changed in between, one line per save (who, when, which fields);
    ``version`` is the record's version now, to reload and try again.
    """

    def __init__(self, what: str, *, version: int, changes: list[str]) -> None:
        self.version = version
        self.changes = changes
        super().__init__(f"{what}已被他人修改（在您打开之后），本次修改未保存；请刷新页面查看最新内容后重新填写")


def check_version(expected: int | None, *parts: models.Model | models.QuerySet | None, what: str) -> None:
    """Raise ``EditConflict`` when the record made of ``parts`` is no longer at version ``expected``.

    Call it inside the writing transaction, after the rows are locked. ``expected=None`` is an
    internal caller (the demo, an import holding the rows itself) that asks for no check; the
    page and the API always send the version they showed.
    """
    if expected is None:
        return
    current = version_of(*parts)
    if int(expected) != current:
        raise EditConflict(what, version=current, changes=changes_since(as_moment(int(expected)), *parts))


def changes_since(since: datetime, *parts: models.Model | models.QuerySet | None,
                  limit: int = 8) -> list[str]:
    """What was saved on ``parts`` after ``since``: "王五 于 10:32 修改了 实际完成值、偏差原因"."""
    records = []
    for part in parts:
        if part is None:
            continue
        model = type(part) if isinstance(part, models.Model) else part.model
        history = getattr(model, "history", None)
        if history is None:
            continue
        ids = [part.pk] if isinstance(part, models.Model) else list(part.values_list("pk", flat=True))
        found = history.filter(id__in=ids, updated_at__gt=since)  # the save itself, not its history row's later clock
        records.extend(found.select_related("history_user").order_by("-history_date")[:50])
    records.sort(key=lambda r: r.history_date, reverse=True)
    lines: list[str] = []
    for record in records:
        line = _describe(record)
        if line and line not in lines:
            lines.append(line)
    return lines[:limit]


def _describe(record: Any) -> str | None:  # a simple-history record: its model is generated
    """One save in words; ``None`` for a save that only moved derived figures (the score)."""
    user = getattr(record, "history_user", None)
    who = (user.get_full_name() or user.username) if user is not None else "系统"
    when = timezone.localtime(record.history_date).strftime("%m-%d %H:%M:%S")
    kind = {"+": "新建了", "-": "删除了"}.get(record.history_type, "修改了")
    fields = _changed_fields(record) if record.history_type == "~" else []
    if record.history_type == "~" and not fields:
        return None
    model_name = str(record.instance_type._meta.verbose_name)
    label = next((str(getattr(record, name)) for name in ("name", "title", "problem", "month")
                  if getattr(record, name, None) not in (None, "")), "")
    if name_is_month := (label and getattr(record, "month", None) is not None and not hasattr(record, "name")):
        label = f"{label}月"
    what = model_name + (f"“{label}”" if label and not name_is_month else label)
    return f"{who} 于 {when} {kind}{what}" + ("的" + "、".join(fields) if fields else "")


def _changed_fields(record: Any) -> list[str]:
    previous = record.prev_record
    if previous is None:
        return []
    skip = {"updated_at", "created_at", "score", "grade", "framework"}
    names = [change.field for change in record.diff_against(previous).changes if change.field not in skip]
    opts = record.instance_type._meta
    labels = []
    for name in names:
        try:
            labels.append(str(opts.get_field(name).verbose_name))
        except Exception:
            labels.append(name)
    return labels
