"""Reviewing files (复核文件): path → report and findings, or a reason; shared by ``jixiao review`` and the web app.

A report file (PDF, DOCX, TXT) goes through the one import pipeline (:func:`jixiao.importer.import_file`:
the same checks and one-line reasons as ``jixiao import``), then the rules run over the report
and its parsed document. A ``.json`` file is read as ``jixiao.report/1`` and reviewed without a
document (the text rules need the text). A file that cannot be read becomes a
:class:`ReviewResult` with ``error`` set, and the caller goes on with the next file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.importer import import_file
from jixiao.readers import iter_report_files
from jixiao.readers.limits import ReportLimits
from jixiao.report import Finding, PerformanceReport, ReportFileError, read_report_file
from jixiao.review.engine import run_rules
from jixiao.review.profile import Profile
from jixiao.scoring.framework import Framework
from jixiao.text.document import Document


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
    """The reason the file could not be reviewed, without the file name (the caller names it)."""

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
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = set(iter_report_files([path])) | set(path.rglob("*.json"))
            yield from sorted(found, key=lambda p: p.relative_to(path).parts)
        else:
            yield path


def review_file(path: str | Path, *, profile: Profile | None = None,
                framework: Framework | None = None, limits: ReportLimits | None = None) -> ReviewResult:
    """Read (within ``limits``), extract and review one file; never raises for a bad file."""
    shown = str(path)
    if Path(path).suffix.lower() == ".json":
        try:
            report = read_report_file(path)
        except ReportFileError as error:
            return ReviewResult(source=shown, error=str(error).removeprefix(f"{shown}："))
        return ReviewResult(source=shown, report=report, findings=run_rules(report, None, profile, framework=framework))
    imported = import_file(path, limits=limits)
    if imported.report is None or imported.document is None:
        return ReviewResult(source=shown, error=imported.reason or imported.error or "未能复核")
    raw = imported.document
    return ReviewResult(
        source=shown,
        report=imported.report,
        findings=run_rules(imported.report, imported.parsed, profile, framework=framework),
        text=raw.text,
        page_starts=raw.page_starts,
        document=imported.parsed,
    )
