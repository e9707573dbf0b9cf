"""Zip containers (DOCX, XLSX) read within limits: member count, declared and actual unpacked size, time.

The declared sizes in the zip's directory are checked first (cheap, and what ``zipfile`` itself
stops at), then every member is inflated once in 1 MB chunks and counted, stopping as soon as
the sum passes the limit, so neither a lying directory nor a member that inflates ≈ 1000:1 can
make the library behind (python-docx, openpyxl) hold gigabytes. Nothing is kept: the library
reads the members again from the same bytes.

``open_workbook`` is the whole prelude of an uploaded XLSX (the 指标库 and 月度执行数 imports):
empty, too large, not a zip, the members' checks, then openpyxl, each refusal one line naming the
file in the caller's own error.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from typing import Any

from jixiao.readers.common import ReadError
from jixiao.readers.limits import Budget, unpacked_reason

CHUNK = 1024 * 1024


def open_zip(data: bytes) -> zipfile.ZipFile | None:
    """The zip of ``data``, ``None`` when it is not one (or its directory is damaged)."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except Exception:
        # BadZipFile mostly, but a damaged central directory also raises ValueError, EOFError,
        # NotImplementedError ("spanned archive") and others: all mean "not a usable zip".
        return None


def check_members(archive: zipfile.ZipFile, path: str, *, max_parts: int, max_unpacked: int, budget: Budget,
                  damaged: str) -> None:
    """Raise :class:`ReadError` when ``archive`` has too many members or inflates beyond ``max_unpacked``."""
    infos = archive.infolist()
    if len(infos) > max_parts:
        raise ReadError(path, f"压缩包内含 {len(infos)} 个部件，超过上限 {max_parts} 个，疑似恶意文件")
    if sum(info.file_size for info in infos) > max_unpacked:
        raise ReadError(path, unpacked_reason(max_unpacked))
    total = 0
    for info in infos:
        try:
            for chunk in _chunks(archive, info):
                total += len(chunk)
                if total > max_unpacked:
                    raise ReadError(path, unpacked_reason(max_unpacked))
                budget.check(path)
        except ReadError:
            raise
        except Exception:
            # a bad CRC, a truncated member, an unsupported compression: the file is damaged
            raise ReadError(path, damaged) from None


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterable[bytes]:
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            yield chunk


def open_workbook(data: bytes, filename: str, *, max_bytes: int, size_limit: str, max_parts: int, max_unpacked: int,
                  budget: Budget, error: Callable[[str], Exception]) -> Any:
    """The uploaded ``data`` as an openpyxl workbook (read-only, values only); the caller closes it.

    Refused with ``error(f"{filename}：{reason}")`` when it is empty, larger than ``max_bytes``
    (``size_limit`` is that limit as the message shows it: ``5 MB``), not a zip, has more than
    ``max_parts`` members, inflates beyond ``max_unpacked``, overruns ``budget`` or does not open.
    """
    from openpyxl import load_workbook

    if not data:
        raise error(f"{filename}：文件为空")
    if len(data) > max_bytes:
        raise error(f"{filename}：文件过大（超过上限 {size_limit}）")
    archive = open_zip(data)
    if archive is None:
        raise error(f"{filename}：不是 Excel 工作簿（.xlsx）文件")
    try:
        with archive:
            check_members(archive, filename, max_parts=max_parts, max_unpacked=max_unpacked, budget=budget,
                          damaged="Excel 工作簿已损坏")
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ReadError as exc:
        raise error(f"{filename}：{exc.reason}") from None
    except Exception:  # openpyxl raises many kinds (KeyError, InvalidFileException, BadZipFile …) for a bad file
        raise error(f"{filename}：不是 Excel 工作簿（.xlsx）文件，或文件已损坏") from None
