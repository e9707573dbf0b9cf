"""`jixiao render` scores by default: the 自评表 carries the engine's scores where the report states none;
``--no-score`` prints only what the report states."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.importer import import_file
from jixiao.scoring import default_framework_for, score_report
from jixiao.scoring.apply import with_scores


def test_with_scores_fills_blanks_and_keeps_what_is_stated(seed_000) -> None:
    report = import_file(seed_000.text_path).report
    result = score_report(report, default_framework_for(report.kind))
    scored = with_scores(report, result)
    assert [i.score for i in report.indicators] == [None] * 6
    assert all(i.score is not None and i.weight is not None for i in scored.indicators)
    assert scored.evaluation.score == result.total
    assert scored.evaluation.grade == "优"  # stated in the report: kept, whatever the engine says
    assert sum((i.weight for i in scored.indicators), Decimal(0)) == 90  # 产出 50 + 效益 30 + 满意度 10


def test_render_writes_the_scores_into_the_xlsx_unless_told_not_to(seed_000, tmp_path) -> None:
    source = tmp_path / "liwan.json"
    source.write_text(import_file(seed_000.text_path).report.to_json(), encoding="utf-8")
    plain, scored = tmp_path / "plain.xlsx", tmp_path / "scored.xlsx"
    runner = CliRunner()
    assert runner.invoke(app, ["render", str(source), "--format", "xlsx", "-o", str(plain), "--no-score"]).exit_code == 0
    result = runner.invoke(app, ["render", str(source), "--format", "xlsx", "-o", str(scored)])
    assert result.exit_code == 0, result.output

    def numbers(path):
        sheet = load_workbook(path).active
        return [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, (int, float))]

    assert 12.5 in numbers(scored) and 12.5 not in numbers(plain)
