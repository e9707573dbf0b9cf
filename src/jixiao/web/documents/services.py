"""Storing imported files (导入入库): the document and its report, idempotent by sha256."""

from __future__ import annotations

from pathlib import Path

from django.core.files import File
from django.db import transaction

from jixiao.importer import ImportResult
from jixiao.readers import RawDocument
from jixiao.report import PerformanceReport
from jixiao.web.accounts.models import User
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.documents.models import SourceDocument
from jixiao.web.interchange import save_report


@transaction.atomic
def store_import(result: ImportResult, *, uploaded_by: User | None = None) -> tuple[SourceDocument, bool]:
    """Store the file and its report; returns ``(document, created)``.

    A file whose sha256 is already stored is not stored again (``created`` is False), so that
    importing the same folder twice changes nothing.
    """
    raw, report = _stored_parts(result)
    existing = SourceDocument.objects.filter(sha256=raw.sha256).first()
    if existing is not None:
        return existing, False
    document = _new_document(result, uploaded_by)
    if report.department and report.year is not None:
        evaluation = save_report(report)
        document.department, document.fiscal_year = evaluation.department, evaluation.fiscal_year
        document.save()
        evaluation.source_document = document
        evaluation.save(update_fields=["source_document", "updated_at"])
    else:
        document.save()
    return document, True


@transaction.atomic
def store_document(result: ImportResult, *, department: Department | None, uploaded_by: User | None = None
                   ) -> tuple[SourceDocument, bool]:
    """Store the file under ``department`` without touching any stored figures (文件入库); ``(document, created)``.

    Unlike :func:`store_import`, nothing is created or rewritten from the report: an uploaded
    file is evidence to review, not the department's declaration.
    """
    raw, report = _stored_parts(result)
    existing = SourceDocument.objects.filter(sha256=raw.sha256).first()
    if existing is not None:
        return existing, False
    document = _new_document(result, uploaded_by)
    document.department = department
    if report.year is not None:
        document.fiscal_year, _ = FiscalYear.objects.get_or_create(year=report.year)
    document.save()
    return document, True


def _stored_parts(result: ImportResult) -> tuple[RawDocument, PerformanceReport]:
    if result.report is None or result.document is None:
        raise ValueError(f"{result.source}: nothing to store ({result.error})")
    return result.document, result.report


def _new_document(result: ImportResult, uploaded_by: User | None) -> SourceDocument:
    raw, report = _stored_parts(result)
    document = SourceDocument(
        original_name=Path(result.source).name,
        sha256=raw.sha256,
        format=raw.format,
        size=raw.size,
        pages=len(raw.page_starts) or None,
        extracted_text=raw.text,
        report=report.to_json_data(),
        uploaded_by=uploaded_by,
    )
    with open(raw.path, "rb") as handle:
        document.file.save(Path(result.source).name, File(handle), save=False)
    return document
