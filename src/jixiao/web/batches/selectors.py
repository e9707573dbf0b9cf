"""Reads of batches (查询): a batch by its id, its progress, the batches a user may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from jixiao.web.accounts.models import User
from jixiao.web.batches.models import Batch, BatchFile
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import sees_every_record


@dataclass(frozen=True)
class Progress:
    """How far a batch is (进度): files done, failed and still pending."""

    total: int
    done: int
    failed: int
    pending: int

    @property
    def finished(self) -> bool:
        return self.pending == 0

    @property
    def percent(self) -> int:
        return 100 if not self.total else (self.done + self.failed) * 100 // self.total


def batch_by_key(key: str) -> Batch | None:
    return Batch.objects.filter(key=key).first()


def batch_progress(batch: Batch) -> Progress:
    rows = BatchFile.objects.filter(batch=batch).order_by().values("state").annotate(n=Count("id"))
    counts = {row["state"]: row["n"] for row in rows}
    done, failed, pending = (counts.get(s, 0) for s in (BatchFile.State.DONE, BatchFile.State.FAILED,
                                                           BatchFile.State.PENDING))
    return Progress(total=batch.total, done=done, failed=failed, pending=pending)


def batch_files(batch: Batch) -> QuerySet[BatchFile]:
    return BatchFile.objects.filter(batch=batch).order_by("position")


def batches_visible_to(user: User) -> QuerySet[Batch]:
    """Every batch for the finance bureau and admins; a department user's own department's."""
    if sees_every_record(user):
        return Batch.objects.all()
    return Batch.objects.filter(department__in=Department.objects.visible_to(user))


def file_label(batch: Batch, row: BatchFile) -> str:
    """A file's state as the batch page shows it: 排队中, 失败, 重复 (the same content done once), and for a done
    file 导入成功 (导入入库) or 已复核 (上传复核) or 已读取."""
    if row.state != BatchFile.State.DONE:
        return row.get_state_display()
    if row.duplicate:
        return "重复"
    done: dict[str, str] = {Batch.Mode.SAVE: "导入成功", Batch.Mode.REVIEW: "已复核"}
    return done.get(batch.mode, "已读取")
