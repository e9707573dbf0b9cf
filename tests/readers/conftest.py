"""Fixtures for the reader tests: the generated seed documents and bad inputs."""

from __future__ import annotations

from fixtures.pytest_documents import bad_document, documents_dir, seed_docx, seed_pdf

__all__ = ["bad_document", "documents_dir", "seed_docx", "seed_pdf"]
