"""One department-year, one execution rate, one way of writing it — in every output the core makes.

The same 预算执行率 is computed by ``jixiao.figures.rates`` and written by
``jixiao.figures.format`` in the DOCX report and its 自评表, the XLSX 自评表, the Markdown and
HTML renders, the review's messages, ``jixiao score`` and ``jixiao monitor``. 123.45 of 200 is
61.725 %: half-up to the document's two places gives 61.73 % (banker's rounding, Decimal's
default, would say 61.72 %). The web side (dashboard, home, department and evaluation pages, the
API and the downloaded DOCX) is asserted on the same figures in ``tests/web/test_one_rate_web.py``.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.render import render_bytes
from jixiao.report import Budget, Indicator, MonthlyAmount, PerformanceReport
from jixiao.review import review
from jixiao.samples import sample

D = Decimal
runner = CliRunner()
WIDE = {"COLUMNS": "400"}


@dataclass(frozen=True)
class Case:
    name: str
    report: PerformanceReport
    rate: str
    """How every output must write the rate."""
    wrong: tuple[str, ...]
    """How it must never be written (another rounding or another precision)."""


def _monthly(spent: Decimal) -> list[MonthlyAmount]:
    """Twelve months to the cent that add up to ``spent`` exactly (the year closed)."""
    month = (spent / 12).quantize(D("0.01"), rounding="ROUND_DOWN")
    return [MonthlyAmount(month=m, spent=month) for m in range(1, 12)] + [MonthlyAmount(month=12, spent=spent - 11 * month)]


def _half_cent() -> Case:
    budget = Budget(initial=D(200), total=D(200), spent=D("123.45"), monthly=_monthly(D("123.45")))
    report = PerformanceReport(
        department="某区测试局", region="广州市某区", year=2022, kind="department_overall", budget=budget,
        indicators=[Indicator(name="宣传场次", level1="产出指标", level2="数量指标", op=">=", target=D(20), actual=D(18),
                              unit="场", weight=D(50), score=D(45))],
    )
    return Case("123.45 of 200", report, "61.73%", ("61.72", "61.725", "61.7%"))


def _liwan() -> Case:
    report = sample("seed_000").gold()
    assert report.budget.spent is not None
    report.budget.monthly = _monthly(report.budget.spent)
    return Case("荔湾 2022 (stated 72.60)", report, "72.60%", ("72.6%", "72.59", "72.596"))


CASES = [_half_cent(), _liwan()]


@pytest.fixture(params=CASES, ids=[c.name for c in CASES])
def case(request: pytest.FixtureRequest) -> Case:
    return request.param


def _clean(case: Case, where: str, text: str) -> None:
    assert case.rate in text, where
    for wrong in case.wrong:
        assert wrong not in text, (where, wrong)


def test_docx_report_and_its_form(case: Case) -> None:
    document = docx.Document(io.BytesIO(render_bytes(case.report, "docx")))
    body = "\n".join(p.text for p in document.paragraphs)
    assert f"预算执行率为{case.rate}" in body
    _clean(case, "docx body", body)
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    head = next(i for i, row in enumerate(rows) if "执行率" in row)
    assert rows[head + 1][rows[head].index("执行率")] == case.rate  # the 年度资金总额 row


def test_xlsx_form_computes_the_same_rate(case: Case) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(render_bytes(case.report, "xlsx")))["自评表"]
    assert (sheet["G4"].value, sheet["G4"].number_format) == ("=E4/D4", "0.00%")
    assert (D(str(sheet["D4"].value)), D(str(sheet["E4"].value))) == (case.report.budget.total, case.report.budget.spent)
    # what a spreadsheet shows for =E4/D4 in 0.00%: the double, taken to 15 significant digits, to two places
    shown = D(format(sheet["E4"].value / sheet["D4"].value, ".15g")) * 100
    assert f"{shown.quantize(D('0.01'), rounding='ROUND_HALF_UP')}%" == case.rate


def test_markdown_and_html(case: Case) -> None:
    for fmt in ("md", "html"):
        text = render_bytes(case.report, fmt).decode("utf-8")
        assert f"预算执行率为{case.rate}" in text, fmt
        _clean(case, fmt, text)


def test_review_messages(case: Case) -> None:
    messages = {f.rule: f.message for f in review(case.report)}
    assert f"预算执行率{case.rate}" in messages["execution.low_rate"]
    _clean(case, "review", "\n".join(messages.values()))


def _json_file(case: Case, folder: Path) -> Path:
    path = folder / "report.json"
    path.write_text(case.report.to_json(), encoding="utf-8")
    return path


def test_score_output(case: Case, tmp_path: Path) -> None:
    path = _json_file(case, tmp_path)
    table = runner.invoke(app, ["score", str(path)], env=WIDE)
    assert table.exit_code == 0, table.output
    assert f"预算执行率 {case.rate}" in table.stdout
    _clean(case, "score table", table.stdout)
    data = json.loads(runner.invoke(app, ["score", str(path), "--json"]).stdout)
    execution = next(item for item in data["items"] if item["op"] == "execution_rate")
    assert f"预算执行率 {case.rate}" in execution["reason"]


def test_monitor_output_once_the_year_is_closed(case: Case, tmp_path: Path) -> None:
    path = _json_file(case, tmp_path)
    result = runner.invoke(app, ["monitor", str(path), "--date", "2023-01-01"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert f"预算执行率 {case.rate}" in result.stdout  # the warning
    row = next(line for line in result.stdout.splitlines() if case.report.department and case.report.department[:6] in line)
    assert case.rate in row  # the table's 执行进度 column
    _clean(case, "monitor", result.stdout)


def test_a_stated_rate_that_contradicts_the_amounts() -> None:
    """The text quotes the report (报告所述); the 自评表 and the score reckon from the amounts, in every format.

    Before the rule had one home the DOCX/HTML/MD form printed the stated 75.60% while the XLSX
    formula computed 72.60% and ``jixiao score`` scored 7.26.
    """
    report = sample("seed_000").gold()
    report.budget.execution_rate = D("75.6")
    document = docx.Document(io.BytesIO(render_bytes(report, "docx")))
    assert "完成预算的75.60%" in "\n".join(p.text for p in document.paragraphs)
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    head = next(i for i, row in enumerate(rows) if "执行率" in row)
    fund = rows[head + 1]
    assert fund[rows[head].index("执行率")] == "72.60%" and fund[rows[head].index("得分")] == "7.26"
    for fmt in ("md", "html"):
        assert "72.60%" in render_bytes(report, fmt).decode("utf-8"), fmt
    assert any("75.60%" in f.message and "72.60%" in f.message for f in review(report))  # arithmetic.execution_rate
