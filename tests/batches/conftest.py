"""Shared for the batch tests: synthetic reports rendered by our renderer (PDF and text), once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao import synthetic
from jixiao.render import render_batch


@pytest.fixture(scope="session")
def rendered_reports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three PDFs (through LibreOffice) and three Markdown texts of synthetic departments."""
    folder = tmp_path_factory.mktemp("rendered")
    reports = list(synthetic.reports(6, (2023,)))
    pdfs = render_batch([(r, folder / f"r{n}.pdf") for n, r in enumerate(reports[:3])], "pdf", timeout=120)
    texts = render_batch([(r, folder / f"r{n}.txt") for n, r in enumerate(reports[3:], 3)], "md")
    if pdfs.failed or texts.failed:
        pytest.skip(f"无法生成测试用报告：{(pdfs.failed + texts.failed)[0][1]}")
    return [*pdfs.written, *texts.written]
