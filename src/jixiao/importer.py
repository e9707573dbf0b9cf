"""The import pipeline (导入): a report file → ``PerformanceReport``, shared by the CLI and the web app.

``import_file`` reads one file (``jixiao.readers``) and extracts its report (``jixiao.extract``);
any expected failure — unreadable file, not a report — becomes an ``ImportResult`` with a
one-line reason instead of an exception, so that a batch goes on with the next file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from jixiao.errors import JixiaoError
from jixiao.extract import extract_report
from jixiao.readers import RawDocument, iter_report_files, read_document
from jixiao.readers.document import DEFAULT_MAX_BYTES
from jixiao.report import PerformanceReport, Source


@dataclass(frozen=True)
class ImportResult:
    """What came of one file: its report, or the reason it could not be read."""

    source: str
    report: PerformanceReport | None = None
    document: RawDocument | None = None
    error: str | None = None

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


def import_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ImportResult:
    """Read and extract one file (no larger than ``max_bytes``); never raises for a bad file."""
    source = str(path)
    try:
        # Extraction reads the text (a table's cells are in it); the table search is not needed.
        document = read_document(path, max_bytes=max_bytes, tables=False)
        report = extract_report(
            document.text,
            page_starts=document.page_starts,
            source=Source(path=source, sha256=document.sha256, format=document.format,
                          pages=len(document.page_starts) or None),
        )
    except JixiaoError as error:
        return ImportResult(source=source, error=_one_line(error, source))
    return ImportResult(source=source, report=report, document=document)


def import_paths(paths: Iterable[str | Path]) -> Iterator[ImportResult]:
    """Import every file under ``paths`` (folders expanded), in the order given."""
    for path in iter_report_files(paths):
        yield import_file(path)


def _one_line(error: JixiaoError, source: str) -> str:
    message = " ".join(str(error).split())
    return message if source in message else f"{source}: {message}"
