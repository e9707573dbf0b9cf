"""Storing report files (文件入库): the file, its sha256 and its extracted text, once per content."""

from __future__ import annotations

from pathlib import Path

from django.core.files import File
from django.db import transaction

from jixiao.importer import ImportResult
from jixiao.web.accounts.models import User
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.documents.models import SourceDocument
from jixiao.web.documents.selectors import stored_copy, stored_parts


@transaction.atomic
def store_document(result: ImportResult, *, department: Department | None, uploaded_by: User | None = None
                   ) -> tuple[SourceDocument, bool]:
    """Store the file under ``department`` without touching any stored figures (文件入库); ``(document, created)``.

    Unlike importing with ``--save`` (``evaluation.flows.store_import``), nothing is created or
    rewritten from the report: an uploaded file is evidence to review, not the department's
    declaration. A file whose sha256 is already stored is not stored again (``created`` is False).
    """
    existing = stored_copy(result)
    if existing is not None:
        return existing, False
    document = _new_document(result, uploaded_by)
    document.department = department
    _, report = stored_parts(result)
    if report.year is not None:
        document.fiscal_year, _ = FiscalYear.objects.get_or_create(year=report.year)
    document.save()
    return document, True


@transaction.atomic(savepoint=False)
def store_file(*, result: ImportResult, department: Department | None, fiscal_year: FiscalYear | None,
               uploaded_by: User | None = None) -> SourceDocument:
    """Store the imported file under ``department`` and ``fiscal_year`` (文件入库); the caller checked ``stored_copy``."""
    document = _new_document(result, uploaded_by)
    document.department, document.fiscal_year = department, fiscal_year
    document.save()
    return document


def _new_document(result: ImportResult, uploaded_by: User | None) -> SourceDocument:
    raw, _ = stored_parts(result)
    document = SourceDocument(
        original_name=Path(result.source).name,
        sha256=raw.sha256,
        format=raw.format,
        size=raw.size,
        pages=len(raw.page_starts) or None,
        extracted_text=raw.text,
        uploaded_by=uploaded_by,
    )
    with open(raw.path, "rb") as handle:
        document.file.save(Path(result.source).name, File(handle), save=False)
    return document
