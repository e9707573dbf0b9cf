"""Document readers (文档读取): file → text with page map, for .pdf, .docx and .txt.

The core's door to the outside world: ``read_document`` returns a :class:`RawDocument`
(text in reading order, page map, tables, hash) or raises :class:`ReadError` with a one-line
Chinese reason naming the file. No Django here.
"""

from __future__ import annotations

from jixiao.readers.common import RawDocument, ReadError
from jixiao.readers.document import SUFFIXES, iter_report_files, read_document

__all__ = ["SUFFIXES", "RawDocument", "ReadError", "iter_report_files", "read_document"]
