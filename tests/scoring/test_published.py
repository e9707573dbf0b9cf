"""A published 项目支出绩效自评表 typed by hand (池州 2022, S1), reproduced by the engine.

Every row that was seen is reproduced exactly; the one disagreement (预算执行率: published 0,
engine 10) is asserted on purpose, with the publisher's error explained in the fixture.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.report import PerformanceReport
from jixiao.scoring import load_framework, score_report

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("published_*.json"))


@pytest.fixture(params=FIXTURES, ids=[p.stem for p in FIXTURES])
def published(request: pytest.FixtureRequest) -> dict:  # type: ignore[type-arg]
    return json.loads(Path(request.param).read_text(encoding="utf-8"))


def test_fixture_names_its_source(published: dict) -> None:  # type: ignore[type-arg]
    assert published["source_url"].startswith("http")
    assert published["report"]["source"]["path"] == published["source_url"]


def test_every_published_indicator_score_is_reproduced(published: dict) -> None:  # type: ignore[type-arg]
    report = PerformanceReport.model_validate(published["report"])
    result = score_report(report, load_framework("caiyu-2020-10"))
    scores = {item.name: item.score for item in result.items}
    expected = published["published"]["indicator_scores"]
    assert expected
    for name, score in expected.items():
        assert scores[name] == Decimal(str(score)), name


def test_the_documented_disagreement_is_the_only_one(published: dict) -> None:  # type: ignore[type-arg]
    report = PerformanceReport.model_validate(published["report"])
    result = score_report(report, load_framework("caiyu-2020-10"))
    for disagreement in published["disagreements"]:
        item = next(i for i in result.items if i.name == disagreement["item"])
        assert item.score == Decimal(str(disagreement["engine"]))
        assert item.score != Decimal(str(disagreement["published"]))
