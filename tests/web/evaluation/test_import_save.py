"""`jixiao import --save`: the file and its report go into the database once, by sha256."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app

runner = CliRunner()


@pytest.mark.django_db(transaction=True)
def test_save_stores_document_and_report_once_by_sha256(seed_000, seed_pdf) -> None:
    from jixiao.web.budgets.models import Budget
    from jixiao.web.documents.models import SourceDocument
    from jixiao.web.evaluation.models import Evaluation

    pdf = seed_pdf("seed_000").path
    for _ in range(2):
        result = runner.invoke(app, ["import", str(pdf), "--save"])
        assert result.exit_code == 0, result.output
    document = SourceDocument.objects.get()
    assert document.format == "pdf" and document.pages and len(document.sha256) == 64
    assert "全年预算数" in document.extracted_text.replace(" ", "")
    assert Path(document.file.path).read_bytes() == Path(pdf).read_bytes()
    evaluation = Evaluation.objects.get()
    assert evaluation.source_document == document and evaluation.grade == "优"
    assert Budget.objects.get().spent == Decimal("2659.40")
