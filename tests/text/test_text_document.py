"""The parsed document: evidence in original offsets, pages from the page map, paragraph filters."""

from __future__ import annotations

import re

from jixiao.samples import Sample
from jixiao.text import parse_document


def test_evidence_is_in_original_offsets_with_page_and_section(seed_001: Sample) -> None:
    text = seed_001.text()
    page_two = text.index("—7—")
    document = parse_document(text, page_starts=[page_two, 0])  # order does not matter
    start = document.text.index("场招聘会")
    evidence = document.evidence(start - 1, start + 4)
    assert evidence.text == "专\n\n\n\n—7—\n\n场招聘会"
    assert evidence.page == 1  # starts on page 1, runs over the page mark
    assert evidence.section == "8.充分发挥“互联网+”精准服务效能，聚焦网络赋能“稳就业、保民生、强人才”，引"
    assert document.page_at(page_two + 10) == 2
    assert parse_document(text).page_at(page_two) is None


def test_paragraph_filters(seed_000: Sample) -> None:
    document = parse_document(seed_000.text())
    with_amounts = document.paragraphs_with(re.compile(r"\d万元"))
    assert [document.text[start:end][:5] for start, end in with_amounts] == ["全年预算数", "按资金来源"]
    offset = document.text.index("年末结转和结余")
    start, end = document.paragraph_span(offset)
    assert document.text[start:end].startswith("按资金来源分")
