"""Round trip: import a seed, render DOCX and PDF, import those again — every figure and every section's text."""

from __future__ import annotations

import difflib
import re
import unicodedata

import pytest

from jixiao.importer import import_file
from jixiao.scoring import default_framework_for, score_report

_NOT_WORDS = re.compile(r"[\s\W_]+")


def normalised(text: str) -> str:
    """Text without whitespace and punctuation, width-folded: what must survive a render and a re-import."""
    return _NOT_WORDS.sub("", unicodedata.normalize("NFKC", text))


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, normalised(a), normalised(b), autojunk=False).ratio()


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_every_figure_and_section_survives_render_and_import(seed, fmt, seed_renders) -> None:
    rendered = seed_renders[seed.id]
    first = import_file(seed.text_path).report
    again = import_file(rendered.docx if fmt == "docx" else rendered.pdf)
    assert again.ok, again.error
    # every figure the first import read is read again, unchanged
    figures = again.report.key_figures()
    assert {k: figures.get(k) for k in first.key_figures()} == first.key_figures()
    # and the figures are the published ones
    gold = seed.gold().key_figures()
    assert {k: v for k, v in figures.items() if k in gold} == gold
    # what is new was written by the scoring engine into the attached 自评表 (its weights and scores)
    result = score_report(first, default_framework_for(first.kind))
    engine = {item.name: item for item in result.items}
    for path, value in figures.items():
        if path == "evaluation.score" and path not in first.key_figures():
            assert result.complete and value == result.total  # the 自评表's 总分 row, the engine's total
            continue
        if path not in first.key_figures():
            index, name = re.fullmatch(r"indicators\[(\d+)\]\.(weight|score)", path).groups()
            assert getattr(engine[first.indicators[int(index)].name], name) == value, path
    # every section, in order, with its text (≥ 98% after whitespace and punctuation)
    sections = again.report.sections
    assert [(s.key, s.level) for s in sections] == [(s.key, s.level) for s in first.sections]
    for before, after in zip(first.sections, sections, strict=True):
        assert normalised(after.heading) == normalised(before.heading)
        assert similarity(before.text, after.text) >= 0.98, (before.heading, before.key)
    assert again.report.problems == first.problems and again.report.measures == first.measures
