"""Fixtures of the render tests: a narrative-rich report, a key-figures-only report, a synthetic one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jixiao import synthetic
from jixiao.render import Prepared, prepare
from jixiao.report import PerformanceReport
from jixiao.samples import sample

FIXTURES = Path(__file__).parent / "fixtures"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "render"

OUTLINE = [
    "一、基本情况",
    "（一）部门概况",
    "（二）部门整体收支情况",
    "（三）部门整体支出绩效目标",
    "（四）部门年度重点工作任务",
    "二、综合评价分析",
    "（一）自评结论综述",
    "（二）各项工作任务绩效目标完成情况分析",
    "（三）各重点任务项目支出完成情况分析",
    "（四）主要工作成效",
    "三、存在的主要问题",
    "四、下一步改进措施",
]
"""The outline both seed reports follow, in order."""

BUDGET_SENTENCE_000 = "全年预算数3663.27万元，执行数2659.40万元，完成预算的72.60%。"
"""The budget sentence of seed_000, word for word as the published report has it."""


@pytest.fixture
def full_report() -> PerformanceReport:
    """seed_000 (荔湾区委宣传部 2022) with its narrative, indicator levels, weights and scores."""
    return PerformanceReport.from_json((FIXTURES / "liwan_2022_full.json").read_bytes())


@pytest.fixture
def gold_report() -> PerformanceReport:
    """seed_001 (增城区委宣传部 2022) as the gold file has it: key figures only, no sources split."""
    return sample("seed_001").gold()


@pytest.fixture
def synthetic_report() -> PerformanceReport:
    return synthetic.report(7, 2023)


@pytest.fixture
def full(full_report: PerformanceReport) -> Prepared:
    return prepare(full_report)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``test-artifacts/render/``: files a person may look at after the run (PNG of the PDF …)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


requires_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
requires_poppler = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in ("pdftoppm", "pdffonts", "pdftotext")), reason="poppler-utils not installed"
)
