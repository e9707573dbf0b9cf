"""The interchange model: exact decimals on the wire, strict keys, the published schema is current."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from jixiao.report import PerformanceReport, json_schema, json_schema_text

DOCS_SCHEMA = Path(__file__).resolve().parents[1] / "docs" / "schema" / "report-1.json"


def test_money_is_decimal_and_written_as_a_json_number() -> None:
    report = PerformanceReport.model_validate_json('{"budget": {"total": 3663.27, "spent": 2659.40}}')
    assert report.budget.total == Decimal("3663.27")
    assert isinstance(report.budget.spent, Decimal)
    data = json.loads(report.to_json())
    assert data["budget"]["total"] == 3663.27
    assert data["schema"] == "jixiao.report/1"
    assert PerformanceReport.from_json(report.to_json()) == report


def test_amounts_keep_every_cent_through_json() -> None:
    amounts = [Decimal("0.01"), Decimal("99999999.99"), Decimal("1198.25"), Decimal("0"), Decimal("-12.30")]
    for amount in amounts:
        report = PerformanceReport(budget={"carryover": amount})
        assert PerformanceReport.from_json(report.to_json()).budget.carryover == amount


def test_unknown_keys_and_bad_values_are_rejected() -> None:
    with pytest.raises(ValidationError):
        PerformanceReport.model_validate({"budget": {"totl": 1}})
    with pytest.raises(ValidationError):
        PerformanceReport.model_validate({"evaluation": {"grade": "A"}})
    with pytest.raises(ValidationError):
        PerformanceReport.model_validate({"indicators": [{"name": "x", "op": "≈"}]})


def test_gold_files_are_valid_reports(seed) -> None:
    gold = seed.gold()
    assert gold.year == 2022
    assert gold.kind == "department_overall"
    figures = gold.key_figures()
    assert figures["budget.spent"] == gold.budget.spent
    assert "evaluation.grade" in figures


def test_schema_in_docs_is_current() -> None:
    assert DOCS_SCHEMA.exists(), "run: jixiao schema > docs/schema/report-1.json"
    assert DOCS_SCHEMA.read_text(encoding="utf-8") == json_schema_text(), (
        "docs/schema/report-1.json is stale; regenerate with: jixiao schema > docs/schema/report-1.json"
    )


def test_read_report_file_names_the_file_and_the_reason(tmp_path) -> None:
    from jixiao.report import ReportFileError, read_report_file

    broken = tmp_path / "broken.json"
    broken.write_text('{"budget": {"total": "many"}}', encoding="utf-8")
    with pytest.raises(ReportFileError) as error:
        read_report_file(broken)
    message = str(error.value)
    assert str(broken) in message and "budget.total" in message and "\n" not in message
    with pytest.raises(ReportFileError, match="文件不存在"):
        read_report_file(tmp_path / "missing.json")


def test_an_older_report_without_sections_still_loads(seed_001, tmp_path) -> None:
    """``sections`` came later to jixiao.report/1: a document written before it loads with none."""
    from jixiao.importer import import_file
    from jixiao.report import read_report_file

    data = import_file(seed_001.text_path).report.to_json_data()
    assert data["sections"]
    del data["sections"]
    data["evidence"] = {k: v for k, v in data["evidence"].items() if not k.startswith("sections[")}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = read_report_file(path)
    assert report.sections == [] and report.budget.total is not None
    assert "sections" in json_schema()["properties"] and "sections" not in json_schema().get("required", [])
