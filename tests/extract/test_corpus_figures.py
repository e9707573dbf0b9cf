"""Figures and indicators on the real-report corpus (真实报告语料), scored by ``tests/fixtures/corpus.py``.

Counted over the reports the importer reads (a text refused as “not a report” is the identity
reader's concern and is measured by ``benchmarks/bench_accuracy.py`` as unread): of the figures
the gold states, at least 90 % right; no figure the text does not state; most indicators recalled.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.corpus import Measurement, default_folder, measure


@pytest.fixture(scope="module")
def measured() -> Measurement:
    folder = default_folder()
    if folder is None:
        pytest.skip("没有找到真实报告语料（../shared/corpus 或 $JIXIAO_CORPUS），跳过语料测试")
    return measure(Path(folder))


def test_no_figure_is_invented(measured: Measurement) -> None:
    assert measured.invented == []


def test_nine_in_ten_stated_figures_are_right(measured: Measurement) -> None:
    read = [r for r in measured.results if r.report is not None]
    states = [state for r in read for state in r.figures.values()]
    stated = sum(1 for state in states if state in ("right", "wrong", "missed"))
    assert stated >= 10, "the corpus should state figures in the reports read"
    right = states.count("right")
    assert right >= 0.9 * stated, [(r.case.id, k, s) for r in read for k, s in r.figures.items() if s in ("wrong", "missed")]
    assert measured.wrong == []


def test_most_indicators_are_recalled(measured: Measurement) -> None:
    read = [r for r in measured.results if r.report is not None]
    recalled = [hit for r in read for hit in r.indicators]
    assert recalled, "the corpus should state indicators in the reports read"
    assert sum(recalled) >= 0.75 * len(recalled)


def test_table_layouts_of_the_corpus_give_their_figures(measured: Measurement) -> None:
    """Every report whose figures stand in a table (pipe rows, one cell per line) has them all right."""
    for result in measured.results:
        if result.report is None:
            continue
        text = result.case.text_path.read_text(encoding="utf-8")
        tabled = "预算数(A)" in text or "全年预算数(A)" in text or "年预算数\n" in text
        if tabled:
            wrong = {key: state for key, state in result.figures.items() if state in ("wrong", "missed", "invented")}
            assert wrong == {}, result.case.id
