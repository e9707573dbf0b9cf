"""``jixiao render``: one file, a folder with -o DIR, clear errors that name the file."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
from typer.testing import CliRunner

from jixiao import synthetic
from jixiao.cli import app

from .conftest import FIXTURES

runner = CliRunner()


def test_one_file_to_docx(tmp_path: Path) -> None:
    target = tmp_path / "liwan.docx"
    result = runner.invoke(app, ["render", str(FIXTURES / "liwan_2022_full.json"), "--format", "docx", "-o", str(target)])
    assert result.exit_code == 0, result.output
    texts = [p.text for p in docx.Document(str(target)).paragraphs]
    assert "三、存在的主要问题" in texts


def test_folder_to_directory_with_progress(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for index in range(3):
        (source / f"dept_{index}.json").write_text(synthetic.report(index, 2022).to_json(), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(source), "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["dept_0.xlsx", "dept_1.xlsx", "dept_2.xlsx"]
    assert "已生成 3 个 XLSX 文件，失败 0 个" in result.output
    assert openpyxl.load_workbook(out / "dept_1.xlsx")["自评表"]["D4"].value == float(synthetic.report(1, 2022).budget.total)


def test_a_bad_file_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(synthetic.report(0, 2022).to_json(), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text('{"year": "二〇二二"}', encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(good), str(bad), "--format", "md", "-o", str(out)])
    assert result.exit_code == 1
    assert "bad.json" in result.output and "不是有效的 jixiao.report/1 JSON" in result.output
    assert (out / "good.md").is_file()


def test_unknown_format_fails(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(FIXTURES / "liwan_2022_full.json"), "--format", "odt"])
    assert result.exit_code == 1
    assert "不支持的输出格式 odt" in result.output


def test_custom_template_dir_option(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.md.j2").write_text("# {{ department }}（自定义）\n{{ sentences.budget }}\n", encoding="utf-8")
    target = tmp_path / "x.md"
    result = runner.invoke(app, ["render", str(FIXTURES / "liwan_2022_full.json"), "--format", "md",
                                 "--templates", str(templates), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# 中国共产党广州市荔湾区委员会宣传部（自定义）")
