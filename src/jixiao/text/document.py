"""The parsed document (文档): original text, normalised text, offset map, page map, outline.

What the extractor and the review rules work on. Rules search the normalised text; whatever
they point at is turned into :class:`~jixiao.report.Evidence` in ORIGINAL offsets, with the
page (from the reader's page map) and the enclosing section filled in.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from jixiao.report import Evidence
from jixiao.text.normalise import NormalisedText, normalise
from jixiao.text.outline import Outline, paragraph_spans, parse_outline


@dataclass(frozen=True)
class Document:
    """A report text ready for extraction and review; offsets are normalised unless named."""

    normalised: NormalisedText
    page_starts: tuple[int, ...]
    outline: Outline

    @property
    def text(self) -> str:
        """The normalised text: one paragraph per line."""
        return self.normalised.text

    @property
    def original(self) -> str:
        return self.normalised.original

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Spans of the paragraphs (lines) of the normalised text."""
        return paragraph_spans(self.text)

    def paragraphs_with(self, pattern: re.Pattern[str], needs: str = "") -> list[tuple[int, int]]:
        """Paragraphs in which ``pattern`` occurs: a cheap filter before costly patterns.

        ``needs``, when given, are characters one of which every match of ``pattern`` contains:
        a paragraph without any of them is passed over without running the pattern.
        """
        text = self.text
        if not needs:
            return [(start, end) for start, end in self.paragraphs if pattern.search(text, start, end)]
        return [
            (start, end) for start, end in self.paragraphs
            if any(text.find(char, start, end) >= 0 for char in needs) and pattern.search(text, start, end)
        ]

    def page_at(self, original_offset: int) -> int | None:
        """1-based page of an original offset, or None without a page map."""
        if not self.page_starts:
            return None
        return max(bisect_right(self.page_starts, original_offset), 1)

    def section_at(self, offset: int) -> list[str]:
        """Title path of the section around normalised ``offset``."""
        return self.outline.section_at(offset)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """A normalised span ``[start, end)`` as an original span."""
        return self.normalised.span_to_original(start, end)

    def from_original(self, offset: int) -> int:
        """The normalised offset of original ``offset`` (for what was found in the original text,
        such as the cells of a table, which normalisation joins into one line)."""
        return self.normalised.offset_map.to_output(offset)

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for the normalised span ``[start, end)``: original offsets, page, section."""
        orig_start, orig_end = self.to_original(start, end)
        # a span ending at a paragraph break would take the blank lines of the original with it
        while orig_end > orig_start and self.original[orig_end - 1].isspace():
            orig_end -= 1
        while orig_start < orig_end and self.original[orig_start].isspace():
            orig_start += 1
        node = self.outline.section_node_at(start)  # its title is the last of section_at's path
        return Evidence(
            start=orig_start,
            end=orig_end,
            page=self.page_at(orig_start),
            section=node.title if node is not None else None,
            text=self.original[orig_start:orig_end],
        )

    def paragraph_span(self, offset: int) -> tuple[int, int]:
        """The normalised paragraph (line) around ``offset``."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, len(self.text) if end < 0 else end


def parse_document(text: str, page_starts: Sequence[int] = ()) -> Document:
    """Normalise ``text`` and build its outline; ``page_starts`` are original offsets of pages."""
    normalised = normalise(text)
    return Document(
        normalised=normalised,
        page_starts=tuple(sorted(int(start) for start in page_starts)),
        outline=parse_outline(normalised.text),
    )
