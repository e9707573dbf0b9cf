"""Helpers for tests of the rules that read the text itself: review a text with no extracted figures.

The rules of :mod:`jixiao.review.stated`, :mod:`~jixiao.review.dates` and
:mod:`~jixiao.review.leftovers` must work whatever the extractor filled, so their tests review
the parsed document beside an empty report; corpus texts are read by path and skipped when the
corpus folder is absent.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from fixtures.corpus import default_folder
from jixiao.extract.pipeline import ExtractError, report_from_document
from jixiao.report import Finding, PerformanceReport
from jixiao.review import review
from jixiao.text.document import parse_document

TITLE = "某区某局2022年度部门整体支出绩效自评报告\n\n一、基本情况\n\n"


def review_body(body: str, *, title: str = TITLE, rules: tuple[str, ...] = ()) -> list[Finding]:
    """Findings of ``rules`` (ids or families; all when empty) on a report made of ``body``."""
    return only(review(PerformanceReport(), parse_document(title + body + "\n")), rules)


def only(findings: list[Finding], rules: tuple[str, ...]) -> list[Finding]:
    if not rules:
        return findings
    return [f for f in findings if f.rule in rules or f.rule.split(".", 1)[0] in rules]


def corpus_text(case_id: str) -> str:
    """A corpus text by its number; skips the test when the corpus folder is absent."""
    folder = default_folder()
    if folder is None or not (Path(folder) / f"{case_id}.txt").exists():
        pytest.skip(f"语料目录不存在（../shared/corpus 或 JIXIAO_CORPUS），跳过语料 {case_id}")
    return (Path(folder) / f"{case_id}.txt").read_text(encoding="utf-8")


def review_corpus(case_id: str, *, extracted: bool = True, rules: tuple[str, ...] = ()) -> list[Finding]:
    """Review a corpus text: with the extractor's report (an empty one if it refuses the text), or
    with an empty report when ``extracted`` is False."""
    document = parse_document(corpus_text(case_id))
    report = PerformanceReport()
    if extracted:
        # the importer's refusal is not the review's business: the text is reviewed all the same
        with contextlib.suppress(ExtractError):
            report = report_from_document(document)
    return only(review(report, document), rules)


def text_of(findings: list[Finding]) -> str:
    return "\n".join(f.message + " | " + " ".join(e.text for e in f.evidence) for f in findings)
