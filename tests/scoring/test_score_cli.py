"""``jixiao score``: the table, the JSON, the framework option and bad files."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao import synthetic
from jixiao.cli import app
from jixiao.samples import sample

runner = CliRunner()


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    path = tmp_path / "report.json"
    path.write_text(synthetic.report(7, 2023).to_json(), encoding="utf-8")
    return path


def test_json_output_has_total_grade_and_items(report_file: Path) -> None:
    result = runner.invoke(app, ["score", str(report_file), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["grade"] in ("优", "良", "中", "差")
    assert data["framework"].startswith("department-overall-t1")
    assert {"name", "weight", "score", "lost", "reason"} <= set(data["items"][0])
    assert round(sum(i["score"] for i in data["items"]), 2) == data["total"]


def test_table_output_names_the_grade(report_file: Path) -> None:
    result = runner.invoke(app, ["score", str(report_file)])
    assert result.exit_code == 0, result.output
    assert "等级" in result.stdout and "预算执行率" in result.stdout


def test_framework_option_by_name(report_file: Path) -> None:
    result = runner.invoke(app, ["score", str(report_file), "--json", "--framework", "caiyu-2020-10"])
    assert json.loads(result.stdout)["framework"].startswith("caiyu-2020-10")


def test_seed_gold_report_scores(tmp_path: Path) -> None:
    path = tmp_path / "seed.json"
    path.write_text(sample("seed_000").gold().to_json(), encoding="utf-8")
    result = runner.invoke(app, ["score", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["items"][0]["score"] == 7.26  # 10 × 72.60 %


@pytest.mark.parametrize("content", [None, "not json", '{"budget": {"total": "lots"}}'])
def test_bad_file_is_one_line_naming_it(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "a-rather-long-directory-name-to-be-sure-nothing-wraps" / "bad.json"
    if content is not None:
        path.parent.mkdir()
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0]


def test_bad_framework_is_one_line(report_file: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "x"\n', encoding="utf-8")
    result = runner.invoke(app, ["score", str(report_file), "--framework", str(broken)])
    assert result.exit_code == 1
    assert str(broken) in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_stated_scores_are_shown_beside_the_engine(tmp_path: Path) -> None:
    report = synthetic.report(7, 2023)
    report.evaluation.score = Decimal("99.5")
    report.indicators[0].score = Decimal("1")
    path = tmp_path / "stated.json"
    path.write_text(report.to_json(), encoding="utf-8")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 0, result.output
    assert "报告自评分 99.5" in result.stdout
    data = json.loads(runner.invoke(app, ["score", str(path), "--json"]).stdout)
    assert data["stated_total"] == 99.5 and data["items"][1]["stated"] == 1


def test_a_users_framework_file(tmp_path: Path) -> None:
    """The 四川 2023 split (S10: 预算执行 10, 产出 60, 效益 30, no 满意度 part) passed as a path."""
    framework = Path(__file__).parent / "fixtures" / "sichuan-2023-example.toml"
    report = {"schema": "jixiao.report/1", "kind": "project", "year": 2023,
              "budget": {"initial": 238.93, "total": 251.89, "spent": 251.89},
              "indicators": [
                  {"name": "发放(缴纳)覆盖率", "level1": "产出指标", "op": "=", "target": 100, "actual": 100, "unit": "%", "weight": 60},
                  {"name": "足额保障率(参保率)", "level1": "效益指标", "op": "=", "target": 100, "actual": 98, "unit": "%", "weight": 30}]}
    path = tmp_path / "qingshen.json"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["score", str(path), "--json", "--framework", str(framework)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["framework"] == "sichuan-2023-example 2023-example"
    assert [i["weight"] for i in data["items"]] == [10, 60, 30]
    assert data["total"] == 99.4  # 10 + 60 + 30 × 98/100
    assert data["warnings"] == []
