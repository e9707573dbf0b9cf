"""The catalogue in docs/, profiles, the CLI (text/json/html, exit codes) and the HTML page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.review import ProfileError, load_profile, review_text
from jixiao.review.catalogue import catalogue_markdown
from jixiao.review.engine import all_rules
from jixiao.review.html import HtmlEntry, highlight, render_html
from jixiao.samples import sample

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_catalogue_in_docs_is_generated_from_the_registry() -> None:
    written = (ROOT / "docs" / "review-rules.md").read_text(encoding="utf-8")
    assert written == catalogue_markdown(), "run: python -m jixiao.review.catalogue > docs/review-rules.md"
    for item in all_rules():
        assert f"`{item.id}`" in written


def test_profile_limits_have_sources_and_unknown_profiles_fail(tmp_path: Path) -> None:
    profile = load_profile("default")
    for section in ("money", "rate", "grades", "targets", "execution", "consistency", "text"):
        assert profile.get(f"{section}.source")
    assert profile.decimal("execution.abnormal_low") == 80
    with pytest.raises(ProfileError):
        load_profile("no-such-profile")
    bad = tmp_path / "bad.toml"
    bad.write_text('[severity]\n"arithmetic.carryover" = "fatal"\n', encoding="utf-8")
    with pytest.raises(ProfileError):
        load_profile(bad)


def test_cli_text_groups_by_severity_and_quotes_evidence() -> None:
    path = sample("seed_000").text_path
    result = runner.invoke(app, ["review", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "【严重】" in result.output and "【一般】" in result.output and "【提示】" in result.output
    assert "923.20" in result.output and "「年末结转和结余80.67万元」" in result.output


def test_cli_json_one_object_per_file_and_a_bad_file_exits_1(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    not_report = tmp_path / "notes.txt"
    not_report.write_text("今天天气很好。\n", encoding="utf-8")
    paths = [str(sample("seed_001").text_path), str(missing), str(not_report)]
    result = runner.invoke(app, ["review", "--format", "json", *paths])
    assert result.exit_code == 1
    start = result.stdout.index("[")
    data = json.loads(result.stdout[start:])
    assert [item["source"] for item in data] == paths
    assert data[0]["department"] == "中国共产党广州市增城区委员会宣传部" and data[0]["year"] == 2022
    assert {f["rule"] for f in data[0]["findings"]} >= {"arithmetic.by_nature_vs_spent", "consistency.same_quantity"}
    assert set(data[0]["findings"][0]) == {"rule", "severity", "message", "evidence", "suggestion"}
    assert data[1]["error"] and data[2]["error"]
    assert "missing.txt" in result.stderr


def test_cli_reads_interchange_json_without_text_rules(tmp_path: Path) -> None:
    report, _ = review_text(sample("seed_000").text())
    path = tmp_path / "r.json"
    path.write_text(report.to_json(), encoding="utf-8")
    result = runner.invoke(app, ["review", "--format", "json", str(path)])
    assert result.exit_code == 0
    rules = {f["rule"] for f in json.loads(result.stdout)[0]["findings"]}
    assert "arithmetic.carryover" in rules and not any(r.startswith("text.doubled") for r in rules)


def test_cli_profile_option(tmp_path: Path) -> None:
    custom = tmp_path / "p.toml"
    custom.write_text('[rules]\ndisabled = ["arithmetic.carryover"]\n', encoding="utf-8")
    path = str(sample("seed_000").text_path)
    result = runner.invoke(app, ["review", "--format", "json", "--profile", str(custom), path])
    assert "arithmetic.carryover" not in {f["rule"] for f in json.loads(result.stdout)[0]["findings"]}
    result = runner.invoke(app, ["review", "--profile", "nonexistent", path])
    assert result.exit_code == 1


def test_html_is_standalone_and_marks_evidence_in_place() -> None:
    item = sample("seed_001")
    text = item.text()
    report, findings = review_text(text)
    page = render_html([HtmlEntry(str(item.text_path), report, findings, text)])
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "<script>" in page
    assert not re.search(r"""(src|href)=["']https?://""", page)
    assert page.count('<div class="finding ') == len(findings)
    for i, finding in enumerate(findings):
        if finding.evidence:
            assert f'id="r0-f{i}e0"' in page and f'data-jump="r0-f{i}e0"' in page
    assert "<mark" in page and "1562.97" in page


def test_highlight_keeps_the_text_and_splits_overlaps() -> None:
    from jixiao.report import Evidence, Finding

    text = "甲乙丙丁<戊>"
    findings = [
        Finding(rule="a.b", severity="general", message="m1", evidence=[Evidence(start=0, end=3, text="甲乙丙")]),
        Finding(rule="a.c", severity="serious", message="m2", evidence=[Evidence(start=2, end=5, text="丙丁<")]),
    ]
    html = highlight(text, findings, "x-")
    assert re.sub(r"<[^>]+>", "", html) == "甲乙丙丁&lt;戊&gt;"
    assert 'data-f="x-0 x-1"' in html and 'class="serious"' in html


def test_html_error_entry() -> None:
    page = render_html([HtmlEntry("bad.pdf", None, [], None, "文件已加密")])
    assert "文件已加密" in page
