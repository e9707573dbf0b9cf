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


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing() -> object:
    """Tests hash with MD5: the production hasher (PBKDF2) costs half a second a password by design.

    Every test world makes four users and the browser tests log in through the form, so the
    default hasher alone took minutes of a run. Production settings are unchanged (tests/security/
    test_production.py starts the settings in a fresh process and checks PBKDF2); only tests hash fast.
    """
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield
