"""Reading any supported file (读取文档): the entry point that checks the file and picks the reader.

``read_document`` is the only door: it refuses a missing, oversized, empty or unsupported file
with a one-line :class:`ReadError`, reads the bytes once (for the hash and the reader), and
turns any failure of a library into a ``ReadError`` too, so a batch can go on with the next file.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from jixiao.readers.common import RawDocument, ReadError, format_size
from jixiao.readers.limits import Budget, ReportLimits, current_limits

SUFFIXES = (".pdf", ".docx", ".txt")
DEFAULT_MAX_BYTES = ReportLimits().max_file_bytes
"""The shipped file size limit (``limits.toml`` ``[report] max_file_mb``)."""
_SUPPORTED = "（支持 " + " ".join(SUFFIXES) + "）"
_LEGACY_HINT = {".doc": "，请在 Word/WPS 中另存为 .docx", ".wps": "，请在 WPS 中另存为 .docx"}


def read_document(path: str | Path, *, max_bytes: int | None = None, tables: bool = True,
                  limits: ReportLimits | None = None) -> RawDocument:
    """Read a .pdf, .docx or .txt file into a :class:`RawDocument`; :class:`ReadError` otherwise.

    ``limits`` bound what reading may cost (``limits.toml``, or ``JIXIAO_LIMITS``, by default);
    ``max_bytes``, when given, is the file size limit instead of theirs. The time budget starts
    here, before the file is read.

    ``tables=False`` skips the search for ruled tables in a PDF (their text is in ``text``
    either way): callers that only need the text, such as the importer, save most of the
    reading time of a PDF with a 自评表.
    """
    limits = limits or current_limits().report
    budget = Budget(limits.time_budget_seconds)
    max_bytes = limits.max_file_bytes if max_bytes is None else max_bytes
    shown = str(path)
    file = Path(path)
    suffix = file.suffix.lower()
    try:
        stat = file.stat()
    except FileNotFoundError:
        raise ReadError(shown, "文件不存在") from None
    except OSError:
        raise ReadError(shown, "无法访问文件") from None
    if file.is_dir():
        raise ReadError(shown, "这是文件夹，不是文件")
    if suffix not in SUFFIXES:
        label = suffix or "（无扩展名）"
        raise ReadError(shown, f"不支持的文件类型 {label}{_SUPPORTED}{_LEGACY_HINT.get(suffix, '')}")
    # The size is checked on the directory entry, before a byte is read: a 5 GB upload must not
    # be pulled into memory to find out it is too big.
    if stat.st_size > max_bytes:
        raise ReadError(shown, f"文件过大（{format_size(stat.st_size)}，上限 {format_size(max_bytes)}）")
    if stat.st_size == 0:
        raise ReadError(shown, "文件为空")
    data = _read_bytes(file, shown, max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    try:
        return _parse(data, shown, suffix, digest, tables=tables, limits=limits, budget=budget)
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(shown, "文件结构嵌套过深，无法读取") from None
    except MemoryError:
        raise ReadError(shown, "文件内容过于庞大，内存不足，无法读取") from None
    except Exception as error:
        # A last net: readers convert the failures they know; an unknown one still must not
        # reach the user as a traceback.
        raise ReadError(shown, f"无法读取文件（{type(error).__name__}）") from None


def _read_bytes(file: Path, shown: str, max_bytes: int) -> bytes:
    try:
        with file.open("rb") as handle:
            # Read one byte more than allowed: the file may have grown since stat().
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise ReadError(shown, "无法读取文件（没有权限）") from None
    except OSError:
        raise ReadError(shown, "无法读取文件") from None
    if len(data) > max_bytes:
        raise ReadError(shown, f"文件过大（超过上限 {format_size(max_bytes)}）")
    if not data:
        raise ReadError(shown, "文件为空")
    return data


def _parse(data: bytes, shown: str, suffix: str, digest: str, *, tables: bool, limits: ReportLimits,
           budget: Budget) -> RawDocument:
    if suffix == ".txt":
        from jixiao.readers.txt import read_txt

        return RawDocument(shown, "txt", read_txt(data, shown), (), digest, len(data), ())
    if suffix == ".docx":
        from jixiao.readers.docx import read_docx

        text, docx_tables = read_docx(data, shown, limits=limits, budget=budget)
        return RawDocument(shown, "docx", text, (), digest, len(data), docx_tables)
    from jixiao.readers.pdf import read_pdf

    text, starts, found = read_pdf(data, shown, tables=tables, limits=limits, budget=budget)
    return RawDocument(shown, "pdf", text, starts, digest, len(data), found)


def iter_report_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files to import from ``paths``: folders are searched recursively (sorted) for .pdf,
    .docx and .txt files; a file named explicitly is yielded as given, whatever its suffix, so
    that ``read_document`` can refuse it with a clear reason.

    Inside folders, hidden files and Word's lock files (``~$报告.docx``) are skipped: they are
    never reports and Word leaves them next to every open document.
    """
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield path
            continue
        found = []
        for root, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if name.startswith((".", "~$")) or Path(name).suffix.lower() not in SUFFIXES:
                    continue
                found.append(Path(root, name))
        yield from sorted(found, key=lambda p: p.relative_to(path).parts)
