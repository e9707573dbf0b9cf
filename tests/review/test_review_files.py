"""Reviewing real files: the seed as a PDF (with pages) finds what the text finds; bad files as import refuses them."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from fixtures import documents
from jixiao.cli import app
from jixiao.importer import import_file
from jixiao.readers.document import DEFAULT_MAX_BYTES
from jixiao.review import review_text
from jixiao.review.files import review_file
from jixiao.samples import sample


def test_seed_pdf_gives_the_same_findings_with_page_numbers(tmp_path: Path) -> None:
    item = sample("seed_001")
    documents.build_pdf(item.text(), tmp_path / "seed_001.pdf")
    result = review_file(tmp_path / "seed_001.pdf")
    assert result.error is None and result.text is not None
    _, from_text = review_text(item.text())
    assert Counter(f.rule for f in result.findings) == Counter(f.rule for f in from_text)
    finding = next(f for f in result.findings if f.rule == "arithmetic.by_nature_vs_spent")
    assert all(e.page is not None and e.page >= 1 for e in finding.evidence)
    for f in result.findings:
        for e in f.evidence:
            assert result.text[e.start : e.end] == e.text


def test_a_file_that_is_not_a_report_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "menu.txt"
    path.write_text("午餐：米饭、青菜。\n", encoding="utf-8")
    result = review_file(path)
    assert result.error and result.to_json_data() == {"source": str(path), "error": result.error}


def _bad_files(folder: Path) -> dict[str, Path]:
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    blank = folder / "blank.txt"
    blank.write_text(" \n\u3000\n", encoding="utf-8")
    long = folder / "long.txt"
    long.write_text("一" * 5_000_001, encoding="utf-8")  # 15 MB: under the size limit, over the text limit
    huge = folder / "huge.pdf"
    with huge.open("wb") as handle:
        handle.truncate(DEFAULT_MAX_BYTES + 1)  # sparse: nothing is written, the size is what is checked
    menu = folder / "menu.txt"
    menu.write_text("午餐：米饭、青菜。\n", encoding="utf-8")
    return {"empty": empty, "blank": blank, "long": long, "huge": huge, "menu": menu}


def test_review_and_import_go_through_one_pipeline_with_the_same_reasons(tmp_path: Path) -> None:
    """Empty, blank, too long, oversized and not-a-report files: review refuses them as import does, in the same words.

    (The review used to skip the text-length check: a 5-million-character file was extracted for minutes.)
    """
    for name, path in _bad_files(tmp_path).items():
        imported = import_file(path)
        reviewed = review_file(path)
        assert imported.report is None and reviewed.report is None, name
        assert imported.error == f"{path}: {reviewed.error}", name
        assert reviewed.error and "\n" not in reviewed.error, name
    assert "文件为空" in review_file(tmp_path / "empty.txt").error  # type: ignore[operator]
    assert "为空" in review_file(tmp_path / "blank.txt").error  # type: ignore[operator]
    assert "文本过长" in review_file(tmp_path / "long.txt").error  # type: ignore[operator]
    assert "文件过大" in review_file(tmp_path / "huge.pdf").error  # type: ignore[operator]


def test_the_review_reuses_the_pipelines_parsed_document(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_text(sample("seed_000").text(), encoding="utf-8")
    imported = import_file(path)
    reviewed = review_file(path)
    assert imported.parsed is not None and reviewed.document is not None
    assert reviewed.document.text == imported.parsed.text and reviewed.report == imported.report


def test_cli_review_names_the_file_and_the_reason_and_goes_on(tmp_path: Path) -> None:
    bad = _bad_files(tmp_path)
    good = tmp_path / "seed.txt"
    good.write_text(sample("seed_001").text(), encoding="utf-8")
    result = CliRunner().invoke(app, ["review", str(bad["empty"]), str(good), "--format", "json"])
    assert result.exit_code == 1
    assert f"错误：{bad['empty']}: 文件为空" in result.stderr
    assert [entry.get("error") for entry in json.loads(result.stdout)] == ["文件为空", None]
