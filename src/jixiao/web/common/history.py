"""A record's history in words (变更记录), from its django-simple-history rows, for the detail pages.

Each line is ``{date, who, action, changes}``, newest first: 新建 / 修改 / 删除 / 恢复 and the model's
word (``新建指标``, ``删除项目``), who saved it (the account's name, "系统" without one), and for an
edit one ``字段：旧 → 新`` per changed field. A save that changed only skipped fields (timestamps)
gives no line. Each app passes its own words: how a value reads (choice labels, amounts to the
cent), which fields to skip, which fields make the action itself (the library's status change reads
"入库 → 停用"), and for rows loaded without history (the 指标库 seed of the migration) what the row held
before its oldest record, so that record reads as the edit it was and a last line says where the row came from.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models

TIMESTAMPS = ("updated_at", "created_at", "deleted_at")
"""Fields every soft-deletable model has and no history line names."""


@dataclass(frozen=True)
class Origin:
    """Where a row loaded without history came from (``action``, read as 系统's, on the row's creation
    date) and the ``values`` it held then, which its oldest record is compared against."""

    action: str
    values: Mapping[str, Any]


def history_lines(instance: models.Model, *, noun: str, shown: Callable[[str, Any], str],
                  skip: Collection[str] = TIMESTAMPS, action_fields: Collection[str] = (),
                  origin: Origin | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """``instance``'s last ``limit`` saves in words, newest first, ``noun`` (指标, 项目) naming the record.

    ``shown(field, value)`` is a stored value as the user reads it. A change of a field in
    ``action_fields`` is the line's action (``旧 → 新``) instead of one of its changes. When the
    oldest record is not an insert and ``origin`` is given (rows loaded without history, such as a
    seed), that record is compared with ``origin.values`` and a last line reads ``origin.action``.
    """
    history: Any = instance.history  # type: ignore[attr-defined]  # simple-history's manager, added by the model
    records = list(history.select_related("history_user").order_by("-history_date", "-history_id")[:limit + 1])
    lines = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        user = record.history_user
        who = (user.get_full_name() or user.username) if user is not None else "系统"
        changes: list[str] = []
        if record.history_type == "+":
            action = f"新建{noun}"
        elif record.history_type == "-" or (previous is not None and previous.deleted_at is None
                                            and record.deleted_at is not None):
            action = f"删除{noun}"
        elif previous is not None and previous.deleted_at is not None and record.deleted_at is None:
            action = f"恢复{noun}"
        else:
            edited = action = f"修改{noun}"
            if previous is not None:
                diff = [(c.field, c.old, c.new) for c in record.diff_against(previous).changes]
            elif origin is not None:
                diff = [(name, old, getattr(record, name)) for name, old in origin.values.items()
                        if getattr(record, name) != old]
            else:
                diff = []
            for field, old, new in diff:
                if field in skip:
                    continue
                if field in action_fields:
                    action = f"{shown(field, old)} → {shown(field, new)}"
                    continue
                label = getattr(instance._meta.get_field(field), "verbose_name", field)
                changes.append(f"{label}：{shown(field, old)} → {shown(field, new)}")
            if not changes and action == edited:
                continue
        lines.append({"date": record.history_date, "who": who, "action": action, "changes": changes})
    # every record shown, the oldest not an insert (or none at all): the row came from ``origin``
    if origin is not None and len(records) <= limit and (not records or records[-1].history_type != "+"):
        lines.append({"date": getattr(instance, "created_at", None), "who": "系统", "action": origin.action,
                      "changes": []})
    return lines
