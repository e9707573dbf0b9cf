"""Fact extraction (事实抽取): report text → :class:`~jixiao.report.PerformanceReport`.

Every extracted value carries evidence (a span of the ORIGINAL text, with page and section).
No Django here.
"""

from __future__ import annotations

from jixiao.extract.pipeline import ExtractError, extract_document, extract_report, report_from_document
from jixiao.text.document import Document, parse_document

__all__ = ["Document", "ExtractError", "extract_document", "extract_report", "parse_document", "report_from_document"]
