"""Reviewing files (批量复核): path → text or interchange JSON → report + findings, or a reason.

Shared by ``jixiao review`` and the web app: a file that cannot be read becomes a
:class:`ReviewResult` with ``error`` set (one line naming the reason), and the batch goes on.
Text files go through ``jixiao.readers`` (PDF, DOCX, TXT); ``.json`` files are read as
``jixiao.report/1`` and reviewed without a document (the text rules need the text).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.errors import JixiaoError
from jixiao.report import Finding, PerformanceReport, ReportFileError, Source, read_report_file
from jixiao.review.engine import run_rules
from jixiao.review.profile import Profile
from jixiao.text.document import Document, parse_document


@dataclass
class ReviewResult:
    """The review of one file: its report, findings and text, or the reason it failed."""

    source: str
    report: PerformanceReport | None = None
    findings: list[Finding] = field(default_factory=list)
    text: str | None = None
    page_starts: tuple[int, ...] = ()
    document: Document | None = None
    error: str | None = None

    def to_json_data(self) -> dict[str, Any]:
        """``{"source", "department", "year", "findings"}``, or ``{"source", "error"}``."""
        if self.error is not None or self.report is None:
            return {"source": self.source, "error": self.error or "未能复核"}
        return {
            "source": self.source,
            "department": self.report.department,
            "year": self.report.year,
            "findings": [f.model_dump(mode="json") for f in self.findings],
        }


def iter_review_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and inside folders the report files (.pdf .docx .txt) and ``.json`` reports."""
    from jixiao.readers import iter_report_files

    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = set(iter_report_files([path])) | set(path.rglob("*.json"))
            yield from sorted(found, key=lambda p: p.relative_to(path).parts)
        else:
            yield path


def review_path(path: str | Path, *, profile: Profile | None = None) -> ReviewResult:
    """Read, extract and review one file; never raises for a bad file."""
    from jixiao.extract.pipeline import report_from_document
    from jixiao.readers import ReadError, read_document

    shown = str(path)
    if Path(path).suffix.lower() == ".json":
        try:
            report = read_report_file(path)
        except ReportFileError as error:
            return ReviewResult(source=shown, error=str(error).removeprefix(f"{shown}："))
        return ReviewResult(source=shown, report=report, findings=run_rules(report, None, profile))
    try:
        raw = read_document(path)
    except ReadError as error:
        return ReviewResult(source=shown, error=getattr(error, "reason", None) or str(error))
    try:
        document = parse_document(raw.text, raw.page_starts)
        report = report_from_document(
            document, source=Source(path=shown, sha256=raw.sha256, format=raw.format, pages=raw.page_count)
        )
    except JixiaoError as error:
        return ReviewResult(source=shown, error=str(error))
    return ReviewResult(
        source=shown,
        report=report,
        findings=run_rules(report, document, profile),
        text=raw.text,
        page_starts=raw.page_starts,
        document=document,
    )
