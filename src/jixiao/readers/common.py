"""What every reader shares: the raw document (原始文档), the read error, and small text helpers.

A reader turns one file into a :class:`RawDocument` — the whole text in reading order, the
page map when the format has pages, the tables as rows of cell texts — or raises
:class:`ReadError` with a one-line Chinese reason. Nothing here imports Django.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Literal

from jixiao.errors import JixiaoError

Format = Literal["txt", "docx", "pdf"]
Table = tuple[tuple[str, ...], ...]


class ReadError(JixiaoError):
    """A file that cannot be read (读取失败): ``str(e) == f"{path}: {reason}"``, one line.

    The arguments stay in ``args`` so the error survives pickling (a batch import that runs
    readers in worker processes sends it back to the parent).
    """

    def __init__(self, path: object, reason: str) -> None:
        # A reason is shown on one line in the CLI and the web, so no line breaks may slip in.
        reason = " ".join(reason.split())
        super().__init__(str(path), reason)
        self.path: str = str(path)
        self.reason: str = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class RawDocument:
    """A file's text with its page map (原始文档).

    ``text`` holds the whole document in reading order, pages joined by ``"\\n"``;
    ``page_starts[k]`` is the offset in ``text`` where page ``k + 1`` starts, ``()`` for
    formats without pages (txt, docx). Evidence spans downstream are offsets into ``text``.
    """

    path: str
    format: Format
    text: str
    page_starts: tuple[int, ...]
    sha256: str
    size: int
    tables: tuple[Table, ...] = field(default=())

    @property
    def page_count(self) -> int | None:
        """Number of pages, ``None`` for formats without pages."""
        return len(self.page_starts) or None

    def page_of(self, offset: int) -> int | None:
        """The 1-based page that contains ``offset``, ``None`` without pages or outside the text."""
        if not self.page_starts or offset < 0 or offset > len(self.text):
            return None
        return bisect.bisect_right(self.page_starts, offset)

    def page_text(self, page: int) -> str:
        """The text of 1-based ``page`` (without the joining line break)."""
        if not 1 <= page <= len(self.page_starts):
            raise IndexError(page)
        start = self.page_starts[page - 1]
        end = self.page_starts[page] - 1 if page < len(self.page_starts) else len(self.text)
        return self.text[start:end]


def join_pages(pages: list[str]) -> tuple[str, tuple[int, ...]]:
    """Join page texts with ``"\\n"`` and return the text with the offset where each page starts."""
    starts = []
    offset = 0
    for page in pages:
        starts.append(offset)
        offset += len(page) + 1
    return "\n".join(pages), tuple(starts)


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``, so offsets mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_LINE_BREAK_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s*\n\s*(?=[{_CJK}])")
_BLANKS = re.compile(r"\s+")


def clean_cell(text: str) -> str:
    """A table cell's text on one line: a wrap between two Chinese characters joins without a
    space (the cell was only too narrow), any other run of blanks becomes one space."""
    text = _LINE_BREAK_BETWEEN_CJK.sub("", text)
    return _BLANKS.sub(" ", text).strip()


def clean_table(rows: list[list[str]]) -> Table:
    """Rows of cleaned cells, with rows that are entirely empty left out."""
    cleaned = (tuple(clean_cell(cell) for cell in row) for row in rows)
    return tuple(row for row in cleaned if any(row))


def sniff(data: bytes) -> str | None:
    """What the first bytes say the file is, for error messages when the suffix lies."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "PDF"
    if data.startswith(b"PK\x03\x04"):
        return "zip（DOCX/XLSX）"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "旧版 Office（.doc/.xls）"
    if data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8\xff"):
        return "图片"
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return "网页（HTML）"
    return None


def format_size(size: int) -> str:
    """Bytes as the user reads them: ``50.0 MB``, ``812 KB``."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} B"
