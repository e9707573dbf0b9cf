"""Offset maps (偏移映射): from a cleaned text back to the text it was made from.

Normalisation is a chain of edits (delete a page mark, join two broken lines, replace
``\\geq`` by ``≥`` …). Each edit pass yields an :class:`OffsetMap`, a sorted array of
segments searched with ``bisect``: a segment either copies a run of the input verbatim
(offsets map one to one) or replaces a span of the input with other text (every offset
inside maps to the start of the replaced span, an end offset to its end). Maps compose, so
a span of the final text maps back to the original in O(log n) per pass. The forward
direction (``to_output``) exists for readers that work on an earlier pass's text (the header
reader looks at the source lines before they are joined) and report spans of the final text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple


class Edit(NamedTuple):
    """Replace ``source[start:end]`` with ``replacement``.

    A named tuple rather than a frozen dataclass: normalisation makes one per line and per run of
    spaces, and a frozen dataclass costs twice as much to build.
    """

    start: int
    end: int
    replacement: str


@dataclass
class OffsetMap:
    """Segments ``(out_start, in_start, in_end, verbatim)`` of one edit pass, sorted by out_start."""

    out_starts: list[int] = field(default_factory=list)
    in_starts: list[int] = field(default_factory=list)
    in_ends: list[int] = field(default_factory=list)
    verbatim: list[bool] = field(default_factory=list)
    out_length: int = 0
    in_length: int = 0

    def to_input(self, offset: int) -> int:
        """Input offset of the character at output ``offset`` (a start offset)."""
        if not self.out_starts:
            return min(offset, self.in_length)
        if offset >= self.out_length:
            return self.in_length
        i = bisect_right(self.out_starts, offset) - 1  # the segment (inline: evidence maps thousands of spans)
        if i < 0:
            i = 0
        if self.verbatim[i]:
            return self.in_starts[i] + (offset - self.out_starts[i])
        return self.in_starts[i]

    def to_input_end(self, offset: int) -> int:
        """Input offset one past the character before output ``offset`` (an end offset)."""
        if offset <= 0 or not self.out_starts:
            return min(max(offset, 0), self.in_length)
        if offset > self.out_length:
            return self.in_length
        i = bisect_right(self.out_starts, offset - 1) - 1
        if i < 0:
            i = 0
        if self.verbatim[i]:
            return self.in_starts[i] + (offset - self.out_starts[i])
        return self.in_ends[i]

    def _out_end(self, i: int) -> int:
        return self.out_starts[i + 1] if i + 1 < len(self.out_starts) else self.out_length

    def to_output(self, offset: int) -> int:
        """Output offset of the character at input ``offset`` (a start offset).

        An input character that an edit deleted maps to where the deletion left off.
        """
        if not self.out_starts:
            return min(max(offset, 0), self.out_length)
        i = bisect_right(self.in_starts, offset) - 1
        if i < 0:
            return 0
        if offset < self.in_ends[i]:
            return self.out_starts[i] + (offset - self.in_starts[i]) if self.verbatim[i] else self.out_starts[i]
        return self._out_end(i)

    def to_output_end(self, offset: int) -> int:
        """Output offset one past the input character before ``offset`` (an end offset)."""
        if offset <= 0 or not self.out_starts:
            return min(max(offset, 0), self.out_length)
        i = bisect_right(self.in_starts, offset - 1) - 1
        if i < 0:
            return 0
        if offset - 1 < self.in_ends[i] and self.verbatim[i]:
            return self.out_starts[i] + (offset - self.in_starts[i])
        return self._out_end(i)


def apply_edits(source: str, edits: Iterable[Edit], *, ordered: bool = False) -> tuple[str, OffsetMap]:
    """Apply non-overlapping edits (any order) to ``source``; return the text and its map.

    Overlapping edits are a programming error upstream; the later one is dropped rather than
    corrupting the map. ``ordered`` says the edits are sorted by start (the longer first at one
    start) already, as :func:`~jixiao.text.normalise` passes them: they are not sorted again.
    """
    parts: list[str] = []
    omap = OffsetMap(in_length=len(source))
    # the segment lists filled in place (a helper function per segment cost a third of the time)
    out_starts, in_starts, in_ends, verbatim = omap.out_starts, omap.in_starts, omap.in_ends, omap.verbatim
    out = 0
    cursor = 0
    for edit in edits if ordered else sorted(edits, key=lambda e: (e.start, -e.end)):
        start = edit.start
        if start < cursor:
            continue
        if start > cursor:  # the verbatim run before the edit
            out_starts.append(out)
            in_starts.append(cursor)
            in_ends.append(start)
            verbatim.append(True)
            text = source[cursor:start]
            parts.append(text)
            out += len(text)
        replacement = edit.replacement
        if replacement:
            out_starts.append(out)
            in_starts.append(start)
            in_ends.append(edit.end)
            verbatim.append(False)
            parts.append(replacement)
            out += len(replacement)
        cursor = edit.end
    if cursor < len(source):
        out_starts.append(out)
        in_starts.append(cursor)
        in_ends.append(len(source))
        verbatim.append(True)
        text = source[cursor:]
        parts.append(text)
        out += len(text)
    omap.out_length = out
    return "".join(parts), omap


@dataclass
class ChainMap:
    """Several passes composed: output of the last pass → input of the first."""

    passes: Sequence[OffsetMap]

    def to_input(self, offset: int) -> int:
        for omap in reversed(self.passes):
            offset = omap.to_input(offset)
        return offset

    def to_input_end(self, offset: int) -> int:
        for omap in reversed(self.passes):
            offset = omap.to_input_end(offset)
        return offset

    def to_output(self, offset: int, *, after: int = 0) -> int:
        """The final offset of ``offset`` in the output of pass ``after - 1`` (the input of pass ``after``)."""
        for omap in self.passes[after:]:
            offset = omap.to_output(offset)
        return offset

    def to_output_end(self, offset: int, *, after: int = 0) -> int:
        for omap in self.passes[after:]:
            offset = omap.to_output_end(offset)
        return offset
