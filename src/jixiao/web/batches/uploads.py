"""Receiving a batch upload (批量上传): many files or a ZIP, stored within limits, nothing read yet.

The request only stores: every file is copied in chunks and counted (``[report] max_file_mb`` each,
``[batch] max_upload_mb`` in all); a ZIP is checked before anything is unpacked — its member
count and declared sizes (``[batch] max_files``, ``max_unpacked_mb``) — then each report member
is inflated chunk by chunk and counted again, so a lying directory or a zip bomb stops at the
limit (as ``jixiao.readers.archive`` does for a DOCX). Members other than .pdf/.docx/.txt are
skipped, folders flattened; a name stored in GBK (the Windows default for Chinese) is decoded.
Then ``services.submit_batch`` hashes, copies into the shared inbox and enqueues.
"""

from __future__ import annotations

import contextlib
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from jixiao.errors import JixiaoError
from jixiao.readers.common import format_size
from jixiao.readers.limits import current_limits
from jixiao.web.accounts.models import User
from jixiao.web.batches.models import Batch
from jixiao.web.batches.services import submit_batch
from jixiao.web.departments.models import Department

REPORT_SUFFIXES = (".pdf", ".docx", ".txt")
CHUNK = 1024 * 1024


class BatchRejected(JixiaoError):
    """The upload cannot be taken (批量上传被拒绝); one Chinese line, nothing is stored."""


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's file name as its author saw it (GBK when the zip does not say UTF-8)."""
    name = info.filename
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gbk")
    return Path(name.replace("\\", "/")).name


def receive_upload(*, user: User, files: Iterable[tuple[str, Iterable[bytes]]], mode: str = Batch.Mode.REVIEW,
                   department: Department | None = None) -> Batch:
    """Store the uploaded ``(name, chunks)`` (reports or ZIPs of reports) as a batch and start it.

    ``mode``: 复核 (``REVIEW``: each file stored as one upload is, reviewed, into the review queue) or 导入入库
    (``SAVE``: each report's figures stored under its department and year, as ``jixiao import --save``).
    A department user's batch is their own department's, whatever ``department`` says; the finance
    bureau's is ``department``'s when one is chosen (its reports must name it: ``services.save_refusal``),
    else any department's."""
    if mode not in (Batch.Mode.REVIEW, Batch.Mode.SAVE):
        raise BatchRejected("请选择处理方式：上传复核或导入入库")
    limits = current_limits()
    folder = Path(tempfile.mkdtemp(prefix="jixiao-batch-"))
    try:
        paths: list[Path] = []
        names: list[str] = []
        total = 0
        for name, chunks in files:
            shown = Path(name.replace("\\", "/")).name or "未命名文件"
            target = folder / f"{len(paths):05d}-upload"
            written = 0
            with target.open("wb") as handle:
                for chunk in chunks:
                    written += len(chunk)
                    total += len(chunk)
                    if total > limits.batch.max_upload_bytes:
                        raise BatchRejected(f"上传的文件合计超过上限 {format_size(limits.batch.max_upload_bytes)}，未入库")
                    handle.write(chunk)
            if shown.lower().endswith(".zip"):
                for member, path in _unpack(target, shown, folder, start=len(paths)):
                    names.append(member)
                    paths.append(path)
                target.unlink()
            elif shown.lower().endswith(REPORT_SUFFIXES):
                if written > limits.report.max_file_bytes:
                    raise BatchRejected(f"{shown}: 文件过大（超过上限 {format_size(limits.report.max_file_bytes)}），未入库")
                names.append(shown)
                paths.append(target)
            else:
                raise BatchRejected(f"{shown}: 只能上传 PDF、DOCX、TXT 报告文件或其 ZIP 压缩包")
            if len(paths) > limits.batch.max_files:
                raise BatchRejected(f"一次最多上传 {limits.batch.max_files} 份报告")
        if not paths:
            raise BatchRejected("没有找到 PDF、DOCX 或 TXT 报告文件")
        # 复核 by the finance bureau is no department's batch; 导入入库 for a chosen department is that department's
        owner = (department if mode == Batch.Mode.SAVE else None) if user.sees_all_departments else user.department
        return submit_batch(paths=paths, names=names, mode=mode, department=owner,
                            created_by=user, background=True)
    finally:
        for path in folder.iterdir():
            path.unlink(missing_ok=True)
        folder.rmdir()


def _unpack(archive_path: Path, shown: str, folder: Path, *, start: int) -> list[tuple[str, Path]]:
    limits = current_limits()
    try:
        archive = zipfile.ZipFile(archive_path)
        infos = [i for i in archive.infolist() if not i.is_dir() and member_name(i).lower().endswith(REPORT_SUFFIXES)]
    except Exception:  # BadZipFile, and a damaged directory's other errors
        raise BatchRejected(f"{shown}: 不是有效的 ZIP 压缩包（文件已损坏）") from None
    with archive:
        if len(archive.infolist()) > limits.batch.max_files:
            raise BatchRejected(f"{shown}: 压缩包内含 {len(archive.infolist())} 个文件，超过上限 {limits.batch.max_files} 个")
        if sum(i.file_size for i in archive.infolist()) > limits.batch.max_unpacked_bytes:
            raise BatchRejected(f"{shown}: 解压后超过 {format_size(limits.batch.max_unpacked_bytes)}，疑似压缩炸弹")
        unpacked: list[tuple[str, Path]] = []
        total = 0
        for number, info in enumerate(infos, start):
            name = member_name(info)
            target = folder / f"{number:05d}-member"
            written = 0
            try:
                with archive.open(info) as member, target.open("wb") as handle:
                    while chunk := member.read(CHUNK):
                        written += len(chunk)
                        total += len(chunk)
                        if written > limits.report.max_file_bytes:
                            raise BatchRejected(f"{shown}: 其中的 {name} 超过上限 "
                                                f"{format_size(limits.report.max_file_bytes)}，疑似压缩炸弹")
                        if total > limits.batch.max_unpacked_bytes:
                            raise BatchRejected(f"{shown}: 解压后超过 {format_size(limits.batch.max_unpacked_bytes)}，"
                                                "疑似压缩炸弹")
                        handle.write(chunk)
            except BatchRejected:
                raise
            except Exception:  # a bad CRC, a truncated member, an encrypted one
                raise BatchRejected(f"{shown}: 其中的 {name} 无法解压（已损坏或已加密）") from None
            unpacked.append((name, target))
    return unpacked
