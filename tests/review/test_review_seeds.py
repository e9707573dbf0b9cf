"""The review on both seed reports against the findings a careful reader wrote down first.

The fixtures (tests/review/fixtures/expected_seed_*.toml) were written from reading the
texts, before the rules. Every expected finding must be reported, and nothing else: a
missing finding and a false positive both fail.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from jixiao.report import Finding
from jixiao.review import review_text
from jixiao.samples import sample

FIXTURES = Path(__file__).parent / "fixtures"
_SPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


def _expected(name: str) -> dict[str, Any]:
    return tomllib.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _matches(finding: Finding, expected: dict[str, Any]) -> bool:
    if finding.rule != expected["rule"]:
        return False
    evidence = _squash(" ".join(e.text for e in finding.evidence))
    message = _squash(finding.message)
    return all(_squash(s) in evidence for s in expected.get("evidence", [])) and all(
        _squash(s) in message for s in expected.get("message", [])
    )


def _review(seed_id: str) -> list[Finding]:
    item = sample(seed_id)
    _, findings = review_text(item.text())
    return findings


def _assign(findings: list[Finding], expected: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[Finding]]:
    """Match expected entries to findings one-to-one; return what is missing and what is extra."""
    unused = list(findings)
    missing = []
    for entry in expected:
        hit = next((f for f in unused if _matches(f, entry)), None)
        if hit is None:
            missing.append(entry)
        else:
            unused.remove(hit)
    return missing, unused


@pytest.mark.parametrize("fixture", ["expected_seed_000.toml", "expected_seed_001.toml"])
def test_every_expected_finding_is_reported_and_nothing_else(fixture: str) -> None:
    data = _expected(fixture)
    findings = _review(data["sample"].split("_")[0] + "_" + data["sample"].split("_")[1])
    missing, extra = _assign(findings, data["finding"])
    assert not missing, f"not reported: {missing}"
    assert not extra, "reported but not expected: " + "; ".join(f"{f.rule}: {f.message}" for f in extra)


def test_seed_000_arithmetic_that_adds_up_stays_quiet() -> None:
    findings = _review("seed_000")
    arithmetic = [f.rule for f in findings if f.rule.startswith("arithmetic.")]
    assert arithmetic == ["arithmetic.carryover"]


def test_seed_001_by_nature_says_which_figure_the_parts_match() -> None:
    finding = next(f for f in _review("seed_001") if f.rule == "arithmetic.by_nature_vs_spent")
    assert finding.message == (
        "按支出性质分列的基本支出与项目支出之和（2661.70万元）等于预算收入（2661.70万元），"
        "而不等于其后所述的支出（2457.31万元）"
    )
    assert finding.severity == "serious"
    assert all(e.section == "（三）部门整体收支情况" for e in finding.evidence)


def test_evidence_points_into_the_original_text() -> None:
    item = sample("seed_001")
    text = item.text()
    _, findings = review_text(text)
    for finding in findings:
        for evidence in finding.evidence:
            assert text[evidence.start : evidence.end] == evidence.text


def test_low_execution_explained_by_timing_only_is_not_an_explanation() -> None:
    finding = next(f for f in _review("seed_000") if f.rule == "execution.low_rate")
    assert "只说支出时点" in finding.message
    assert finding.severity == "serious"  # 72.60% is below the 80% abnormal line


def test_findings_are_sorted_by_severity() -> None:
    order = {"blocking": 0, "serious": 1, "general": 2, "hint": 3}
    for seed_id in ("seed_000", "seed_001"):
        ranks = [order[f.severity] for f in _review(seed_id)]
        assert ranks == sorted(ranks)
