"""Builders for small hand-made reports and frameworks used by the scoring tests."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.report import Budget, Indicator, PerformanceReport
from jixiao.scoring import Framework, load_framework
from jixiao.scoring.framework import shipped_frameworks


@pytest.fixture
def tenhao() -> Framework:
    """The 财预〔2020〕10号 framework as shipped."""
    return load_framework("caiyu-2020-10")


@pytest.fixture
def make_report() -> Callable[..., PerformanceReport]:
    def build(*indicators: Indicator, total: str = "100", spent: str = "100", kind: str = "project") -> PerformanceReport:
        return PerformanceReport(kind=kind, budget=Budget(total=Decimal(total), spent=Decimal(spent)),
                                 indicators=list(indicators))
    return build


@pytest.fixture
def framework_file(tmp_path: Path) -> Callable[[Callable[[str], str]], Path]:
    """A copy of the 10号 framework with one edit applied to its text."""
    def write(edit: Callable[[str], str]) -> Path:
        text = shipped_frameworks()["caiyu-2020-10"].read_text(encoding="utf-8")
        changed = edit(text)
        assert changed != text, "the edit must change the framework"
        path = tmp_path / "custom.toml"
        path.write_text(changed, encoding="utf-8")
        return path
    return write
