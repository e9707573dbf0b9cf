"""Fixtures of the render tests: a narrative-rich report, a key-figures-only report, a synthetic one."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
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


SIGNED_ON = date(2023, 3, 15)
"""The 成文日期 the seeds are rendered with in tests (the default is the day of rendering)."""


@dataclass
class SeedRender:
    """One seed imported and rendered: the report, its DOCX/XLSX, their PDFs and the PNG of every page."""

    seed_id: str
    report: PerformanceReport
    docx: Path
    xlsx: Path
    pdf: Path
    form_pdf: Path
    pages: list[Path]
    form_pages: list[Path]


@pytest.fixture(scope="session")
def seed_renders(tmp_path_factory: pytest.TempPathFactory, artifacts: Path) -> dict[str, SeedRender]:
    """Each seed imported, rendered to DOCX and XLSX, and both converted to PDF in ONE LibreOffice call.

    Every page of both PDFs is kept as a PNG in ``test-artifacts/render/<seed>/`` for a person to look at.
    """
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        pytest.skip("LibreOffice (soffice) or poppler-utils (pdftoppm) not installed: run scripts/install-system-deps")
    from jixiao.importer import import_file
    from jixiao.render import RenderOptions, render
    from jixiao.render import pdf as pdf_converter
    from jixiao.samples import samples

    folder = tmp_path_factory.mktemp("seed_renders")
    options = RenderOptions(signed_on=SIGNED_ON)
    staged: dict[str, tuple[PerformanceReport, Path, Path]] = {}
    for seed in samples():
        report = import_file(seed.text_path).report
        staged[seed.id] = (report, render(report, "docx", folder / f"{seed.id}.docx", options=options),
                           render(report, "xlsx", folder / f"{seed.id}-form.xlsx", options=options))
    pdfs = pdf_converter.convert([path for _, docx, xlsx in staged.values() for path in (docx, xlsx)], folder / "pdf")
    out: dict[str, SeedRender] = {}
    for index, (seed_id, (report, docx, xlsx)) in enumerate(staged.items()):
        pdf, form_pdf = pdfs[2 * index], pdfs[2 * index + 1]
        target = artifacts / seed_id
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for source, prefix in ((pdf, "page"), (form_pdf, "form")):
            subprocess.run(["pdftoppm", "-r", "60", "-png", str(source), str(target / prefix)], check=True, timeout=300)
        out[seed_id] = SeedRender(seed_id, report, docx, xlsx, pdf, form_pdf,
                                  sorted(target.glob("page-*.png")), sorted(target.glob("form-*.png")))
    return out
