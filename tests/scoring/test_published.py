"""Published 自评表 typed by hand (tests/scoring/fixtures/published_*.json), reproduced by the engine.

Every published score is reproduced exactly except the disagreements each fixture lists, and
each listed disagreement is real (the engine's figure differs from the publisher's, for the
reason the fixture gives).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jixiao.report import PerformanceReport
from jixiao.scoring import load_framework, score_report

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("published_*.json"))


@pytest.fixture(params=FIXTURES, ids=[p.stem for p in FIXTURES])
def published(request: pytest.FixtureRequest) -> dict[str, Any]:
    return json.loads(Path(request.param).read_text(encoding="utf-8"))


def _engine_scores(published: dict[str, Any]) -> dict[str, Decimal]:
    report = PerformanceReport.model_validate(published["report"])
    result = score_report(report, load_framework("caiyu-2020-10"))
    return {item.name: item.score for item in result.items}


def test_there_are_published_tables() -> None:
    assert len(FIXTURES) >= 1


def test_fixture_names_its_source(published: dict[str, Any]) -> None:
    assert published["source_url"].startswith("http")
    assert published["report"]["source"]["path"] == published["source_url"]
    assert published["completeness"]


def test_every_published_score_is_reproduced_but_the_documented_disagreements(published: dict[str, Any]) -> None:
    engine = _engine_scores(published)
    disagreements = {d["item"]: d for d in published["disagreements"]}
    assert published["published"]["scores"]
    for name, score in published["published"]["scores"].items():
        if name in disagreements:
            continue
        assert engine[name] == Decimal(str(score)), name


def test_each_documented_disagreement_is_real(published: dict[str, Any]) -> None:
    engine = _engine_scores(published)
    for item, disagreement in ((d["item"], d) for d in published["disagreements"]):
        assert Decimal(str(disagreement["published"])) == Decimal(str(published["published"]["scores"][item]))
        assert engine[item] == Decimal(str(disagreement["engine"]))
        assert engine[item] != Decimal(str(disagreement["published"]))
        assert disagreement["why"]
