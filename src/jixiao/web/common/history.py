"""A record's history in words (变更记录), from its django-simple-history rows, for the detail pages.

Each line is ``{date, who, action, changes}``, newest first: 新建 / 修改 / 删除 / 恢复 and the model's
word (``新建指标``, ``删除项目``), who saved it (the account's name, "系统" without one), and for an
edit one ``字段：旧 → 新`` per changed field. A save that changed only skipped fields (timestamps)
gives no line. Each app passes its own words: how a value reads (choice labels, amounts to the
cent), which fields to skip, which fields make the action itself (the library's status change reads
"入库 → 停用"), and whether its oldest record counts as the creation.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from django.db import models

TIMESTAMPS = ("updated_at", "created_at", "deleted_at")
"""Fields every soft-deletable model has and no history line names."""


def history_lines(instance: models.Model, *, noun: str, shown: Callable[[str, Any], str],
                  skip: Collection[str] = TIMESTAMPS, action_fields: Collection[str] = (),
                  oldest_is_created: bool = False, limit: int = 50) -> list[dict[str, Any]]:
    """``instance``'s last ``limit`` saves in words, newest first, ``noun`` (指标, 项目) naming the record.

    ``shown(field, value)`` is a stored value as the user reads it. A change of a field in
    ``action_fields`` is the line's action (``旧 → 新``) instead of one of its changes. With
    ``oldest_is_created`` the oldest record reads as the creation even when it is not an insert
    (rows loaded without history, such as a seed).
    """
    history: Any = instance.history  # type: ignore[attr-defined]  # simple-history's manager, added by the model
    records = list(history.select_related("history_user").order_by("-history_date", "-history_id")[:limit + 1])
    lines = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        user = record.history_user
        who = (user.get_full_name() or user.username) if user is not None else "系统"
        changes: list[str] = []
        if record.history_type == "+" or (previous is None and oldest_is_created):
            action = f"新建{noun}"
        elif record.history_type == "-" or (previous is not None and previous.deleted_at is None
                                            and record.deleted_at is not None):
            action = f"删除{noun}"
        elif previous is not None and previous.deleted_at is not None and record.deleted_at is None:
            action = f"恢复{noun}"
        else:
            edited = action = f"修改{noun}"
            diff = record.diff_against(previous).changes if previous is not None else []
            for change in diff:
                if change.field in skip:
                    continue
                if change.field in action_fields:
                    action = f"{shown(change.field, change.old)} → {shown(change.field, change.new)}"
                    continue
                label = getattr(instance._meta.get_field(change.field), "verbose_name", change.field)
                changes.append(f"{label}：{shown(change.field, change.old)} → {shown(change.field, change.new)}")
            if not changes and action == edited:
                continue
        lines.append({"date": record.history_date, "who": who, "action": action, "changes": changes})
    return lines
