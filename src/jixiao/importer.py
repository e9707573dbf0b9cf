"""The one file → report pipeline (导入): import, review, the web upload and batches all call it.

``import_file`` takes one file through every step — read it (``jixiao.readers``: missing,
empty, oversized, unsupported, encrypted or scanned files refused) into a ``RawDocument``,
normalise and outline its text into a parsed ``Document``, extract the ``PerformanceReport``
(``jixiao.extract``: text that is not a report, too long, or an internal error refused) — and
returns an :class:`ImportResult`. Any expected failure becomes a one-line reason naming the
file instead of an exception, so that a batch goes on with the next file.

``jixiao import`` stores or prints the reports, ``jixiao review`` (:mod:`jixiao.review.files`)
runs the rules over the report and its parsed document, the web upload stores the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from jixiao.errors import JixiaoError
from jixiao.extract import extract_document
from jixiao.isolation import IsolatedFailure, run_isolated
from jixiao.readers import RawDocument, iter_report_files, read_document
from jixiao.readers.limits import Limits, ReportLimits, current_limits
from jixiao.report import PerformanceReport, Source
from jixiao.text.document import Document

ISOLATION_GRACE_SECONDS = 30
"""Time a reading child may take beyond the file's time budget: starting Python, importing jixiao."""


@dataclass(frozen=True)
class ImportResult:
    """What came of one file: its report (with the raw and the parsed document), or the reason it failed."""

    source: str
    report: PerformanceReport | None = None
    document: RawDocument | None = None
    """The file as read: text in reading order, page map, sha256."""
    error: str | None = None
    """One line naming the file and the reason (``a.pdf: PDF 已加密…``)."""
    parsed: Document | None = None
    """The normalised text with its outline, which the review's text rules read."""
    reason: str | None = None
    """The reason alone, without the file name (for a line that names the file itself)."""

    @property
    def ok(self) -> bool:
        return self.report is not None

    @property
    def figures_found(self) -> int:
        """How many design.md key paths the report states."""
        return len(self.report.key_figures()) if self.report else 0

    def to_json_data(self) -> dict[str, object]:
        """The report as JSON data, or ``{"source": path, "error": reason}``."""
        if self.report is None:
            return {"source": self.source, "error": self.error}
        return self.report.to_json_data()


def import_file(path: str | Path, *, max_bytes: int | None = None, limits: ReportLimits | None = None) -> ImportResult:
    """Read, parse and extract one file within ``limits`` (and no larger than ``max_bytes`` when
    given); never raises for a bad file."""
    source = str(path)
    try:
        # Extraction reads the text (a table's cells are in it); the table search is not needed.
        raw = read_document(path, max_bytes=max_bytes, tables=False, limits=limits)
        parsed, report = extract_document(
            raw.text,
            page_starts=raw.page_starts,
            source=Source(path=source, sha256=raw.sha256, format=raw.format, pages=raw.page_count),
        )
    except JixiaoError as error:
        reason = getattr(error, "reason", None) or " ".join(str(error).split())
        return ImportResult(source=source, error=_one_line(error, source), reason=reason)
    return ImportResult(source=source, report=report, document=raw, parsed=parsed)


def import_file_isolated(path: str | Path, *, max_bytes: int | None = None, limits: Limits | None = None
                         ) -> ImportResult:
    """:func:`import_file` in a child process with limited memory (``jixiao.isolation``), as the web
    reads an upload; a child out of memory or time is a failed file with its reason, like any other."""
    limits = limits or current_limits()
    if not limits.worker.isolated:
        return import_file(path, max_bytes=max_bytes, limits=limits.report)
    source = str(path)
    try:
        return run_isolated(import_file, path, max_bytes=max_bytes, limits=limits.report,
                            max_memory_mb=limits.worker.max_memory_mb,
                            timeout_seconds=limits.report.time_budget_seconds + ISOLATION_GRACE_SECONDS)
    except IsolatedFailure as failure:
        return ImportResult(source=source, error=f"{source}: {failure.reason}", reason=failure.reason)


def import_bounded(path: str | Path) -> ImportResult:
    """:func:`import_file` within the limits in force, file size included (a batch worker's reading)."""
    limits = current_limits().report
    return import_file(path, max_bytes=limits.max_file_bytes, limits=limits)


def import_paths(paths: Iterable[str | Path]) -> Iterator[ImportResult]:
    """Import every file under ``paths`` (folders expanded), in the order given."""
    for path in iter_report_files(paths):
        yield import_file(path)


def _one_line(error: JixiaoError, source: str) -> str:
    message = " ".join(str(error).split())
    return message if source in message else f"{source}: {message}"
