"""``jixiao render`` and ``jixiao score`` for a project (kind ``project``): the 自评表 and the report, scored by 10号."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from typer.testing import CliRunner

from jixiao import synthetic
from jixiao.cli import app
from jixiao.render.project import score_project

runner = CliRunner()


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "项目.json"
    path.write_text(synthetic.project_report(5, 2023).to_json(), encoding="utf-8")
    return path


def _total_row(path: Path) -> tuple[Decimal, Decimal]:
    sheet = openpyxl.load_workbook(path, data_only=True).active
    row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "总分")
    return Decimal(str(row[6])), Decimal(str(row[7])).quantize(Decimal("0.01"))


@pytest.mark.parametrize("framework", [None, "sichuan-2023-project"])
def test_render_xlsx_total_is_the_score_commands_total(project_file: Path, tmp_path: Path, framework: str | None) -> None:
    extra = ["--framework", framework] if framework else []
    target = tmp_path / "自评表.xlsx"
    rendered = runner.invoke(app, ["render", str(project_file), "--format", "xlsx", "-o", str(target), *extra])
    assert rendered.exit_code == 0, rendered.output
    scored = runner.invoke(app, ["score", str(project_file), "--json", *extra])
    assert scored.exit_code == 0, scored.output
    data = json.loads(scored.output)
    assert data["framework"].startswith(framework or "caiyu-2020-10") and data["complete"]
    weights, total = _total_row(target)
    assert weights == 100 and total == Decimal(str(data["total"]))


def test_score_names_the_project(project_file: Path) -> None:
    result = runner.invoke(app, ["score", str(project_file)])
    assert result.exit_code == 0, result.output
    report = synthetic.project_report(5, 2023)
    assert report.project.name in result.output
    assert f"总分 {score_project(report).total}" in result.output


def test_render_docx_is_the_project_report(project_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "报告.docx"
    result = runner.invoke(app, ["render", str(project_file), "--format", "docx", "-o", str(target)])
    assert result.exit_code == 0, result.output
    texts = [p.text for p in docx.Document(str(target)).paragraphs]
    name = synthetic.project_report(5, 2023).project.name
    assert texts[0] == f"{name}2023年度项目支出绩效自评报告"
    assert "二、绩效自评工作开展情况" in texts and "四、绩效指标完成情况分析" in texts
    assert "项目支出绩效自评表（2023年度）" in texts
