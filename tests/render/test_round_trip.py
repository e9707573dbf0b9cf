"""Round trip: import a seed, render DOCX and PDF, import those again — the same key figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.importer import import_file
from jixiao.render import render, render_batch
from jixiao.samples import samples


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("round_trip")
    reports = {s.id: import_file(s.text_path).report for s in samples()}
    files: dict[str, dict[str, Path]] = {seed_id: {} for seed_id in reports}
    for seed_id, report in reports.items():
        files[seed_id]["docx"] = render(report, "docx", folder / f"{seed_id}.docx")
    # one LibreOffice start for both PDFs
    batch = render_batch([(report, folder / f"{seed_id}.pdf") for seed_id, report in reports.items()], "pdf")
    assert not batch.failed, batch.failed
    for seed_id in reports:
        files[seed_id]["pdf"] = folder / f"{seed_id}.pdf"
    return files


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_every_key_figure_survives_render_and_import(seed, fmt, rendered) -> None:
    first = import_file(seed.text_path).report
    again = import_file(rendered[seed.id][fmt])
    assert again.ok, again.error
    assert again.report.key_figures() == first.key_figures()
    # and the figures are the published ones
    gold = seed.gold().key_figures()
    assert {k: v for k, v in again.report.key_figures().items() if k in gold} == gold
