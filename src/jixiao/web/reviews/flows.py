"""Writes that cross apps and start here (流程): uploading a report file for 复核 (上传报告).

The file is stored by the documents app (``documents.services.store_document``), under the
department the report names; the 复核意见 on it is this app's (``services.record_review``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from jixiao.importer import ImportResult, import_file_isolated
from jixiao.readers.common import format_size
from jixiao.web.accounts.models import User
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import can_upload_for
from jixiao.web.documents.models import SourceDocument
from jixiao.web.documents.services import store_document
from jixiao.web.reviews.services import OtherDepartmentsReport, UploadRejected


@dataclass(frozen=True)
class Upload:
    """What came of an upload: the stored (or already stored) file and what the user should be told."""

    document: SourceDocument
    created: bool
    notice: str | None = None


def upload_name(name: str) -> str:
    """The file's own name, without any folder a browser may send, at most 200 characters."""
    base = Path(name.replace("\\", "/")).name.strip() or "未命名文件"
    stem, suffix = Path(base).stem, Path(base).suffix
    return stem[: 200 - len(suffix)] + suffix


def named_department(name: str | None) -> Department | None:
    """The stored department a report names (by full name or 简称), or None."""
    if not name:
        return None
    return Department.objects.filter(Q(name=name) | Q(short_name=name)).order_by("pk").first()


def upload_report(*, user: User, name: str, chunks: Iterable[bytes]) -> Upload:
    """Store an uploaded report file for 复核 (上传报告) under the department it names.

    The finance bureau and admins store any report; when the department it names is not in the
    system, the file is stored under none (no department is created behind the user's back) and
    the notice says so. A department user stores only a report of their own department or its
    下属单位; any other is refused and nothing is stored. A file already stored (same sha256)
    is not stored again: the stored one is returned.
    """
    shown = upload_name(name)
    with tempfile.TemporaryDirectory(prefix="jixiao-upload-") as folder:
        path = Path(folder) / shown
        limit = settings.JIXIAO_UPLOAD_MAX_BYTES
        written = 0
        with path.open("wb") as handle:
            for chunk in chunks:
                written += len(chunk)
                if written > limit:  # not one byte more is copied than can be read
                    raise UploadRejected(f"{shown}: 文件过大（超过上限 {format_size(limit)}）")
                handle.write(chunk)
        # read in a child process with limited memory: a bomb cannot keep this worker at gigabytes
        result = import_file_isolated(path, max_bytes=settings.JIXIAO_UPLOAD_MAX_BYTES)
        if result.report is None:
            raise UploadRejected((result.error or "无法读取").replace(str(path), shown))
        department = named_department(result.report.department)
        if not can_upload_for(user, department):
            # The name the file states is the user's own input; whether such a department exists is not said.
            raise OtherDepartmentsReport(f"{shown}: 报告所述部门不是本部门或下属单位，只能上传本部门的报告；文件未入库")
        return _store(result, shown, department, user)


@transaction.atomic
def _store(result: ImportResult, shown: str, department: Department | None, user: User) -> Upload:
    document, created = store_document(result, department=department, uploaded_by=user)
    if not created:
        return Upload(document, False, f"{shown}: 该文件已入库（内容相同），已打开已存的文件")
    if department is None:
        stated = (result.report.department if result.report else None) or "（未识别）"
        return Upload(document, True, f"{shown}: 报告所述部门「{stated}」未在系统中登记，文件已入库但未关联部门；"
                                      "如需关联，请管理员先建立该部门")
    return Upload(document, True, None)
