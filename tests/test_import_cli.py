"""`jixiao import` over real files: text, PDF and DOCX made from the seeds, and bad inputs."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from jixiao.cli import app

runner = CliRunner()

KEY_PATHS = ("department", "year", "budget.total", "budget.spent", "budget.execution_rate", "evaluation.grade")


def _invoke(*args: str):
    return runner.invoke(app, ["import", *args], env={"COLUMNS": "200"})


def test_json_lists_one_object_per_input_in_order_with_errors_in_place(seed_000, seed_001, bad_document) -> None:
    encrypted = bad_document("encrypted.pdf")
    result = _invoke(str(seed_001.text_path), str(encrypted), str(seed_000.text_path), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [item.get("department") for item in data] == [
        "中国共产党广州市增城区委员会宣传部", None, "中国共产党广州市荔湾区委员会宣传部"]
    assert data[1]["source"] == str(encrypted)
    assert str(encrypted) in data[1]["error"] and "加密" in data[1]["error"]
    assert data[2]["budget"]["spent"] == 2659.4
    assert data[0]["evaluation"]["score"] == 99.24
    assert data[2]["evidence"]["budget.total"][0]["text"]


def test_pdf_and_docx_give_the_same_key_figures_as_the_text(seed, seed_pdf, seed_docx, tmp_path) -> None:
    gold = seed.gold().key_figures()
    for path in (seed.text_path, seed_pdf(seed.id).path, seed_docx(seed.id).path):
        result = _invoke(str(path), "--json")
        assert result.exit_code == 0, result.output
        [data] = json.loads(result.stdout)
        assert data["department"] == gold["department"], path
        for key in ("total", "spent", "execution_rate"):
            assert Decimal(str(data["budget"][key])) == gold[f"budget.{key}"], (path, key)
        assert data["evaluation"]["grade"] == gold["evaluation.grade"]


def test_folder_import_writes_one_json_per_report_and_a_summary(seed_000, seed_001, tmp_path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(seed_000.text_path, folder / "a.txt")
    shutil.copy(seed_001.text_path, folder / "b.txt")
    out = tmp_path / "out"
    result = _invoke(str(folder), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json"]
    assert "荔湾区委员会宣传部" in result.output and "共 2 个文件：成功 2，失败 0" in result.output


@pytest.mark.parametrize("name", ["empty.txt", "junk.pdf", "bomb.docx", "truncated.pdf", "scanned.pdf", "huge.txt"])
def test_bad_files_fail_alone_with_one_line_and_no_traceback(name, bad_document, seed_000) -> None:
    bad = bad_document(name)
    result = _invoke(str(bad), str(seed_000.text_path))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    failure_lines = [line for line in result.output.splitlines() if line.startswith("失败")]
    assert len(failure_lines) == 1 and name in failure_lines[0]
    assert "成功 1，失败 1" in result.output


def test_missing_path_is_reported(tmp_path) -> None:
    result = _invoke(str(tmp_path / "nope.pdf"))
    assert result.exit_code == 1
    assert "不存在" in result.output
