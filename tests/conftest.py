"""Shared fixtures: the seed reports and their gold figures."""

from __future__ import annotations

import pytest

from jixiao.samples import Sample, sample, samples

# Real PDF and DOCX files built from the seeds, and bad inputs: available to every test.
pytest_plugins = ["fixtures.pytest_documents"]


@pytest.fixture(params=[s.id for s in samples()])
def seed(request: pytest.FixtureRequest) -> Sample:
    """Each seed report in turn."""
    return sample(request.param)


@pytest.fixture
def seed_000() -> Sample:
    return sample("seed_000")


@pytest.fixture
def seed_001() -> Sample:
    return sample("seed_001")
