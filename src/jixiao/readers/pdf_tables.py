"""Ruled tables of a PDF page read from pdfium's own objects (表格线): a 自评表 page as rows of cells.

A 绩效自评表 printed from Excel or an 一体化 system is a ruled grid whose text layer runs out of row
order (wrapped and merged cells are drawn after the plain ones). pdfplumber finds such grids well,
but it parses the page a second time with pdfminer: ≈ 0.1 s a page, twenty times what reading the
whole report's text with pdfium costs, and most real reports end with such pages. This module does
pdfplumber's search on what pdfium already has open — the page's drawn paths (also inside form
objects) and the characters of its text page with their boxes — with pdfplumber's "lines" strategy
and tolerances (``pdfplumber.table.TableFinder``, defaults of pdfplumber 0.11):

1. edges: each painted subpath is a line (two points), a rectangle (four sides; a filled rectangle
   wider than a rule is shading and dropped) or a curve (its axis-parallel steps); edges shorter than
   1 pt are dropped;
2. edges within 3 pt of one another are snapped to their mean, collinear edges with gaps up to 3 pt
   joined, and edges shorter than 3 pt dropped;
3. a vertical and a horizontal edge that come within 3 pt cross; the smallest rectangle from each
   crossing whose four corners are crossings joined by edges is a cell; cells that share a corner
   are one table (a table has two cells or more);
4. a cell's text is the characters whose centre lies in it, in lines by their tops (3 pt), each
   line left to right with a word break at a blank or a gap over 3 pt, as ``extract_text`` gives it.

Coordinates are pdfium's page space with y negated (``top`` grows downward, as in pdfplumber).
"""

from __future__ import annotations

import bisect
import ctypes
import functools
import itertools
import math
import re
import struct
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

from jixiao.readers.pdfium_calls import Handle, untyped

SNAP = 3.0
"""Edges this close (pt) are moved onto their mean (pdfplumber's ``snap_tolerance``)."""
JOIN = 3.0
"""Collinear edges with a gap up to this (pt) are one edge (``join_tolerance``)."""
MIN_EDGE = 3.0
"""Edges shorter than this (pt) after joining are dropped (``edge_min_length``)."""
MIN_EDGE_BEFORE = 1.0
"""Edges shorter than this (pt) are not considered at all (``edge_min_length_prefilter``)."""
CROSSING = 3.0
"""A vertical and a horizontal edge closer than this (pt) cross (``intersection_tolerance``)."""
TEXT_X = 3.0
"""A gap wider than this (pt) between two characters of a line is a word break (``x_tolerance``)."""
TEXT_Y = 3.0
"""Characters whose tops differ by up to this (pt) are on one line (``y_tolerance``)."""
RULE_MAX = 2.0
"""A filled rectangle thinner than this (pt) is a drawn rule (a cell border), a wider one shading."""

MAX_PAIRS = 250_000
"""Vertical × horizontal edges compared on one page: a 自评表 of 40 rows and 12 columns compares ≈ 600; a
page drawing a fine grid of thousands of rules (a chart, a crafted file) is not searched — its text stays
as pdfium gives it — rather than cost minutes of a batch."""

MAX_OBJECTS = 20_000
"""Page objects looked at on one page: a table page draws hundreds; a page of thousands of vector
strokes (a chart) is not a form, and its tables are not searched beyond this many."""


class Edge(NamedTuple):
    """One ruling line: ``v`` (vertical, ``x0 == x1`` once snapped) or ``h`` (horizontal)."""

    orientation: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)


class Char(NamedTuple):
    """A character of the text page with its box (pdfium's loose box, as pdfminer's: origin to advance)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


CharRow = tuple[str, float, float, float, float]
"""A character as :class:`Char`'s fields (text, x0, top, x1, bottom): what :func:`page_chars` gives."""

Box = tuple[float, float, float, float]
"""x0, top, x1, bottom."""


class Table(NamedTuple):
    """A ruled table: its cells, and its rows as pdfplumber gives them (a cell, or ``None`` where a
    cell merged from the left or from above covers the column)."""

    bbox: Box
    rows: list[list[Box | None]]


# -- reading the page ------------------------------------------------------------------------


def page_edges(page: Any) -> list[Edge]:
    """The ruling edges drawn on a pdfium page (``FPDF_PAGE``), form objects included."""
    reader = _PathReader()
    handle = ctypes.cast(page, ctypes.c_void_p)
    get_object = untyped("FPDFPage_GetObject", Handle)
    objects = (get_object(handle, i) for i in range(untyped("FPDFPage_CountObjects")(handle)))
    reader.collect(objects, None)
    return reader.edges


class _PathReader:
    """The edges of a page's path objects, read with one set of C buffers for the whole page.

    Calls pdfium untyped (:func:`~jixiao.readers.pdfium_calls.untyped`): a page draws hundreds of
    objects, and a ruled page's rules are each a path of two or five segments read one call at a time.
    """

    def __init__(self) -> None:
        self.edges: list[Edge] = []
        self.budget = MAX_OBJECTS
        self.matrix = (ctypes.c_float * 6)()
        self.point = (ctypes.c_float * 2)()
        self.fill_mode, self.stroke = ctypes.c_int(), ctypes.c_int()
        address = ctypes.addressof(self.point)
        self.x_address, self.y_address = ctypes.c_void_p(address), ctypes.c_void_p(address + 4)
        self.matrix_address = ctypes.c_void_p(ctypes.addressof(self.matrix))
        self.fill_address = ctypes.c_void_p(ctypes.addressof(self.fill_mode))
        self.stroke_address = ctypes.c_void_p(ctypes.addressof(self.stroke))

    def collect(self, objects: Iterable[Any], parent: tuple[float, ...] | None) -> None:
        import pypdfium2.raw as pdfium_c

        get_type = untyped("FPDFPageObj_GetType")
        path_type, form_type = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
        for obj in objects:
            self.budget -= 1
            if self.budget < 0:
                return
            kind = get_type(obj)
            if kind == path_type:
                self.path(obj, parent)
            elif kind == form_type:
                matrix = _compose(parent, self.object_matrix(obj))
                form = ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT)
                children = (ctypes.cast(pdfium_c.FPDFFormObj_GetObject(form, j), ctypes.c_void_p)
                            for j in range(pdfium_c.FPDFFormObj_CountObjects(form)))
                self.collect(children, matrix)

    def object_matrix(self, obj: Any) -> tuple[float, ...]:
        if not untyped("FPDFPageObj_GetMatrix")(obj, self.matrix_address):
            return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        return _SIX_FLOATS(self.matrix)

    def path(self, obj: Any, parent: tuple[float, ...] | None) -> None:
        """A path object's subpaths as edges, classified as pdfminer classifies them (line, rect, curve)."""
        import pypdfium2.raw as pdfium_c

        a, b, c, d, e, f = _compose(parent, self.object_matrix(obj))
        get_segment = untyped("FPDFPath_GetPathSegment", Handle)
        get_point, get_type = untyped("FPDFPathSegment_GetPoint"), untyped("FPDFPathSegment_GetType")
        move_to = pdfium_c.FPDF_SEGMENT_MOVETO
        x_address, y_address, point = self.x_address, self.y_address, self.point
        subpaths: list[list[tuple[float, float]]] = []
        for i in range(untyped("FPDFPath_CountSegments")(obj)):
            segment = get_segment(obj, i)
            if not segment.value or not get_point(segment, x_address, y_address):
                continue
            x, y = _TWO_FLOATS(point)
            # page space, y negated so that ``top`` grows downward
            at = (a * x + c * y + e, -(b * x + d * y + f))
            if not subpaths or get_type(segment) == move_to:
                subpaths.append([at])
            else:
                subpaths[-1].append(at)
        filled: bool | None = None  # asked of pdfium only for a rectangle (the rest do not depend on it)
        for points in subpaths:
            if filled is None and len(points) == 5:
                self.fill_mode.value = 0
                untyped("FPDFPath_GetDrawMode")(obj, self.fill_address, self.stroke_address)
                filled = self.fill_mode.value != 0
            self.edges.extend(_subpath_edges(points, bool(filled)))


_SIX_FLOATS = struct.Struct("6f").unpack_from
_TWO_FLOATS = struct.Struct("2f").unpack_from


def _compose(outer: tuple[float, ...] | None, inner: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix that applies ``inner`` first, then ``outer``."""
    if outer is None:
        return inner
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _subpath_edges(points: Sequence[tuple[float, float]], filled: bool) -> Iterator[Edge]:
    if len(points) < 2:
        return
    if len(points) == 2 or (len(points) == 3 and points[2] == points[0]):  # m l, m l h
        (xa, ya), (xb, yb) = points[0], points[1]
        yield Edge("h" if ya == yb else "v", min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))
        return
    if len(points) == 5 and points[4] == points[0]:  # m l l l h, re: a rectangle if its sides are axis-parallel
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[:4]
        if (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0):
            left, right = min(x0, x2), max(x0, x2)
            top, bottom = min(y0, y2), max(y0, y2)
            if filled and min(right - left, bottom - top) > RULE_MAX:
                return  # shading behind text, not a rule
            yield Edge("h", left, top, right, top)
            yield Edge("h", left, bottom, right, bottom)
            yield Edge("v", left, top, left, bottom)
            yield Edge("v", right, top, right, bottom)
            return
    for (xa, ya), (xb, yb) in itertools.pairwise(points):
        if xa == xb:
            yield Edge("v", xa, min(ya, yb), xb, max(ya, yb))
        elif ya == yb:
            yield Edge("h", min(xa, xb), ya, max(xa, xb), yb)


def page_chars(textpage: Any, text: str) -> list[CharRow]:
    """The characters of a pdfium text page with their boxes, as tuples in :class:`Char`'s order;
    ``text`` is its text with one character per character index (pdfium's generated blanks and line
    ends are left out)."""
    loose_box, is_generated = untyped("FPDFText_GetLooseCharBox"), untyped("FPDFText_IsGenerated")
    box = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
    box_address = ctypes.c_void_p(ctypes.addressof(box))
    handle = ctypes.cast(textpage, ctypes.c_void_p)
    chars: list[CharRow] = []
    append = chars.append
    for index, ch in enumerate(text):
        if ch.isspace() and (ch in "\r\n" or is_generated(handle, index) == 1):
            continue
        if loose_box(handle, index, box_address):
            left, top, right, bottom = _FOUR_FLOATS(box)
            append((ch, left, -top, right, -bottom))
    return chars


_FOUR_FLOATS = struct.Struct("4f").unpack_from


# -- the table search (pdfplumber's "lines" strategy) ------------------------------------------


def find_tables(edges: Iterable[Edge]) -> list[Table]:
    """The ruled tables the edges draw, top to bottom."""
    kept = [edge for edge in edges
            if (edge.bottom - edge.top if edge.orientation == "v" else edge.x1 - edge.x0) >= MIN_EDGE_BEFORE]
    merged = [edge for edge in _merge(kept)
              if (edge.bottom - edge.top if edge.orientation == "v" else edge.x1 - edge.x0) >= MIN_EDGE]
    vertical = sum(1 for edge in merged if edge.orientation == "v")
    if vertical * (len(merged) - vertical) > MAX_PAIRS:
        return []
    crossings = _crossings(merged)
    return [_table(cells) for cells in _group_cells(_cells(crossings))]


def _clusters(values: Iterable[float], tolerance: float) -> dict[float, int]:
    """Each value's cluster: sorted values, a new cluster where one is more than ``tolerance`` above
    the one before (pdfplumber's ``cluster_list``)."""
    clusters: dict[float, int] = {}
    number, last = -1, None
    for value in sorted(set(values)):
        if last is None or value > last + tolerance:
            number += 1
        clusters[value] = number
        last = value
    return clusters


def _merge(edges: list[Edge]) -> list[Edge]:
    """The edges snapped (:func:`_snap`) and joined (:func:`_join`): the horizontal ones by their
    tops, then the vertical ones by their x."""
    out: list[Edge] = []
    for orientation in ("h", "v"):
        snapped = _snap([edge for edge in edges if edge.orientation == orientation], orientation)
        place = 1 if orientation == "v" else 2  # x0, or top
        snapped.sort(key=itemgetter(place))
        for _, group in itertools.groupby(snapped, key=itemgetter(place)):
            out.extend(_join(list(group), orientation))
    return out


_new_edge = functools.partial(tuple.__new__, Edge)
"""An :class:`Edge` from its fields as a tuple, without the Python-level ``__new__`` of a named tuple."""


def _snap(edges: list[Edge], orientation: str) -> list[Edge]:
    """Edges within :data:`SNAP` of one another (by x for vertical, by top for horizontal) moved to their mean."""
    if not edges:
        return []
    key: Callable[[Edge], float] = itemgetter(1 if orientation == "v" else 2)  # x0, or top
    cluster_of = _clusters(list(map(key, edges)), SNAP)
    groups: dict[int, list[Edge]] = {}
    for edge in edges:
        groups.setdefault(cluster_of[key(edge)], []).append(edge)
    out = []
    for number in sorted(groups):
        group = groups[number]
        mean = sum(map(key, group)) / len(group)
        for edge in group:
            _, x0, top, x1, bottom = edge
            if orientation == "v":
                shift = mean - x0
                out.append(_new_edge(("v", x0 + shift, top, x1 + shift, bottom)))
            else:
                shift = mean - top
                out.append(_new_edge(("h", x0, top + shift, x1, bottom + shift)))
    return out


def _join(edges: list[Edge], orientation: str) -> list[Edge]:
    """Collinear edges whose gap is at most :data:`JOIN` as one."""
    start, end = (1, 3) if orientation == "h" else (2, 4)  # x0, x1 or top, bottom
    start_of: Callable[[Edge], float] = itemgetter(start)
    end_of: Callable[[Edge], float] = itemgetter(end)
    edges.sort(key=start_of)
    joined = [edges[0]]
    for edge in edges[1:]:
        last = joined[-1]
        if start_of(edge) <= end_of(last) + JOIN:
            if end_of(edge) > end_of(last):
                fields = list(last)
                fields[end] = end_of(edge)
                joined[-1] = _new_edge(fields)
        else:
            joined.append(edge)
    return joined


Point = tuple[float, float]

_Crossings = dict[Point, tuple[set[int], set[int]]]
"""Each crossing point: the vertical and the horizontal edges through it (by their numbers)."""


def _crossings(edges: list[Edge]) -> _Crossings:
    """Each crossing point: the vertical and the horizontal edges through it."""
    vertical = [edge for edge in edges if edge.orientation == "v"]
    horizontal = sorted((edge for edge in edges if edge.orientation == "h"), key=itemgetter(2))
    tops = [edge.top for edge in horizontal]
    crossings: _Crossings = {}
    for v_number, (_, x, v_top, _, v_bottom) in enumerate(vertical):
        # the rules whose tops are near the edge's span (with a margin: the exact test follows)
        first = bisect.bisect_left(tops, v_top - CROSSING - 1)
        last = bisect.bisect_right(tops, v_bottom + CROSSING + 1)
        for h_number in range(first, last):
            _, h_x0, top, h_x1, _ = horizontal[h_number]
            if v_top <= top + CROSSING and v_bottom >= top - CROSSING and h_x0 - CROSSING <= x <= h_x1 + CROSSING:
                at = crossings.get((x, top))
                if at is None:
                    crossings[(x, top)] = ({v_number}, {h_number})
                else:
                    at[0].add(v_number)
                    at[1].add(h_number)
    return crossings


def _cells(crossings: _Crossings) -> list[Box]:
    """The smallest cell whose top left corner is each crossing (pdfplumber's ``intersections_to_cells``):
    the first crossing below it on its vertical edge and the first beside it on its horizontal edge
    whose far corner is a crossing on both."""
    points = sorted(crossings)
    below: dict[float, list[Point]] = {}
    right: dict[float, list[Point]] = {}
    places: list[tuple[int, int]] = []
    for point in points:  # sorted by x, then y: a column's points top down, a row's left to right
        column = below.setdefault(point[0], [])
        row = right.setdefault(point[1], [])
        places.append((len(column), len(row)))
        column.append(point)
        row.append(point)
    cells = []
    for point, (in_column, in_row) in zip(points, places, strict=True):
        verticals, horizontals = crossings[point]
        row = right[point[1]][in_row + 1:]
        found = None
        for under in below[point[0]][in_column + 1:]:
            under_verticals, under_horizontals = crossings[under]
            if verticals.isdisjoint(under_verticals):
                continue
            for beside in row:
                beside_verticals, beside_horizontals = crossings[beside]
                if horizontals.isdisjoint(beside_horizontals):
                    continue
                corner = crossings.get((beside[0], under[1]))
                if corner is not None and not corner[0].isdisjoint(beside_verticals) \
                        and not corner[1].isdisjoint(under_horizontals):
                    found = (point[0], point[1], beside[0], under[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _group_cells(cells: list[Box]) -> list[list[Box]]:
    """Cells that share corners, as tables, top to bottom (pdfplumber's ``cells_to_tables``: each
    table the cells reached from one another through shared corners)."""
    corners = [((x0, top), (x0, bottom), (x1, top), (x1, bottom)) for x0, top, x1, bottom in cells]
    at_corner: dict[Point, list[int]] = {}
    for number, four in enumerate(corners):
        for corner in four:
            at_corner.setdefault(corner, []).append(number)
    seen = [False] * len(cells)
    tables = []
    for first in range(len(cells)):
        if seen[first]:
            continue
        seen[first] = True
        table, stack = [], [first]
        while stack:
            number = stack.pop()
            table.append(cells[number])
            for corner in corners[number]:
                for other in at_corner[corner]:
                    if not seen[other]:
                        seen[other] = True
                        stack.append(other)
        if len(table) > 1:
            tables.append(table)
    # a cell is found from its top left corner, one a crossing: the tables' first cells differ
    tables.sort(key=lambda table: min((cell[1], cell[0]) for cell in table))
    return tables


def _table(cells: list[Box]) -> Table:
    bbox = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
    columns = sorted({cell[0] for cell in cells})
    rows = []
    for _, row_cells in itertools.groupby(sorted(cells, key=lambda cell: (cell[1], cell[0])), key=lambda cell: cell[1]):
        by_left = {cell[0]: cell for cell in row_cells}
        rows.append([by_left.get(x) for x in columns])
    return Table(bbox=bbox, rows=rows)


# -- text --------------------------------------------------------------------------------------

_X_ORDER = itemgetter(1, 3)
"""A character's place left to right: x0, then x1 (a stable sort keeps ties in the page's order)."""


def text_of(chars: Sequence[CharRow]) -> str:
    """The characters as lines of words (pdfplumber's ``extract_text``): lines by their tops within
    :data:`TEXT_Y`, each left to right, a word break at a blank or a gap over :data:`TEXT_X`."""
    return _text(sorted(chars, key=_X_ORDER))


def _text(chars: Sequence[CharRow]) -> str:
    """:func:`text_of` of characters already left to right (sorted by :data:`_X_ORDER`, stably)."""
    if not chars:
        return ""
    tops = [char[2] for char in chars]
    if max(tops) - min(tops) <= TEXT_Y:  # one line (most cells): no clustering needed
        return _line_text(chars)
    line_of = _clusters(tops, TEXT_Y)
    lines: dict[int, list[CharRow]] = {}
    for char in chars:  # each line stays left to right
        lines.setdefault(line_of[char[2]], []).append(char)
    words = [word for number in sorted(lines) for word in _words(lines[number])]
    # the words into lines again by their tops, as extract_text does
    word_line = _clusters((top for top, _ in words), TEXT_Y)
    grouped: dict[int, list[str]] = {}
    for top, text in sorted(words, key=lambda word: word_line[word[0]]):
        grouped.setdefault(word_line[top], []).append(text)
    return "\n".join(" ".join(grouped[number]) for number in sorted(grouped))


def _breaks(char: CharRow, last: CharRow) -> bool:
    """Whether a word ends between ``last`` and ``char`` (its right neighbour on the line): a step back,
    a gap wider than :data:`TEXT_X` or a top more than :data:`TEXT_Y` away."""
    return char[1] < last[1] or char[1] > last[3] + TEXT_X or abs(char[2] - last[2]) > TEXT_Y


def _line_text(line: Sequence[CharRow]) -> str:
    """The words of a line (left to right) joined by blanks: ``" ".join`` of :func:`_words`' texts."""
    out: list[str] = []
    append = out.append
    gap, rise = TEXT_X, TEXT_Y
    in_word = False
    last_x0 = last_x1 = last_top = 0.0
    for text, x0, top, x1, _ in line:
        if text.isspace():
            in_word = False
            continue
        if not in_word:
            if out:
                append(" ")
            in_word = True
        elif x0 < last_x0 or x0 > last_x1 + gap or abs(top - last_top) > rise:  # as _breaks
            append(" ")
        append(text)
        last_x0, last_x1, last_top = x0, x1, top
    return "".join(out)


def _words(line: Sequence[CharRow]) -> list[tuple[float, str]]:
    """A line's words (its characters left to right), each with its top: a break at a blank or
    where :func:`_breaks`."""
    words: list[tuple[float, str]] = []
    word: list[CharRow] = []
    for char in line:
        if char[0].isspace():
            if word:
                words.append(_word(word))
                word = []
            continue
        if word and _breaks(char, word[-1]):
            words.append(_word(word))
            word = []
        word.append(char)
    if word:
        words.append(_word(word))
    return words


def _word(chars: list[CharRow]) -> tuple[float, str]:
    return min(char[2] for char in chars), "".join([char[0] for char in chars])


class _PageChars:
    """A page's characters ordered once for every cell and band asked of them: left to right
    (:data:`_X_ORDER`, ties in the page's order), and by the heights of their centres."""

    def __init__(self, chars: Sequence[CharRow]) -> None:
        # by x1, then (stably) by x0: sorted by (x0, x1) with ties in the page's order, with float keys
        ordered = sorted(chars, key=_X1)
        ordered.sort(key=_X0)
        self.ordered = ordered
        middle = [(char[2] + char[4]) / 2 for char in ordered]
        centre = [(char[1] + char[3]) / 2 for char in ordered]
        # the places left to right by the heights of the centres (ties left to right)
        self.ranks = sorted(range(len(ordered)), key=middle.__getitem__)
        self.middles = [middle[rank] for rank in self.ranks]
        self.centre = centre
        self.bands: dict[tuple[float, float], tuple[list[float], list[int]]] = {}

    def inside(self, box: Box) -> list[CharRow]:
        """The characters whose centre lies in ``box`` (left and top edges in, right and bottom out),
        left to right."""
        x0, top, x1, bottom = box
        band = self.bands.get((top, bottom))
        if band is None:  # the band's characters by their centres' x, once for the cells of a row
            middles = self.middles
            first, last = bisect.bisect_left(middles, top), bisect.bisect_left(middles, bottom)
            ranks = sorted(self.ranks[first:last], key=self.centre.__getitem__)
            band = self.bands[(top, bottom)] = ([self.centre[rank] for rank in ranks], ranks)
        centres, ranks = band
        first, last = bisect.bisect_left(centres, x0), bisect.bisect_left(centres, x1)
        ordered = self.ordered
        return [ordered[rank] for rank in sorted(ranks[first:last])]

    def band(self, top: float, bottom: float) -> list[CharRow]:
        """The characters whose centre lies between ``top`` (in) and ``bottom`` (out), left to right."""
        middles = self.middles
        first, last = bisect.bisect_left(middles, top), bisect.bisect_left(middles, bottom)
        ordered = self.ordered
        return [ordered[rank] for rank in sorted(self.ranks[first:last])]


_X0: Callable[[CharRow], float] = itemgetter(1)
_X1: Callable[[CharRow], float] = itemgetter(3)


def cell_texts(table: Table, chars: Sequence[CharRow]) -> list[list[str | None]]:
    """Each row's cell texts (``None`` for a covered column), as pdfplumber's ``Table.extract``: a
    cell holds the characters whose centre lies in it (left and top edges in, right and bottom out)."""
    return _cell_texts(table, _PageChars(chars))


def _cell_texts(table: Table, chars: _PageChars) -> list[list[str | None]]:
    inside = chars.inside
    return [[None if cell is None else _text(inside(cell)) for cell in row] for row in table.rows]


def region_text(chars: Sequence[CharRow], top: float, bottom: float) -> str:
    """The text of the band between ``top`` and ``bottom`` across the page: the characters whose
    centre lies in it (a table's own characters stay in its cells, even where their boxes reach
    past its rules)."""
    return text_of([char for char in chars if top <= (char[2] + char[4]) / 2 < bottom])


# -- a 自评表 page ----------------------------------------------------------------------------

_BLANKS = re.compile(r"\s+")


def _join_blank(match: re.Match[str]) -> str:
    return " " if "\n" not in match.group() else ""


def form_page_text(page: Any, textpage: Any, text: str) -> str | None:
    """A ruled page read as its tables' rows (one line a row, cells between tabs) with the lines
    above, between and below them; ``None`` when the page draws no table.

    Rows as a DOCX table reads: a cell merged across columns once, a cell merged down from the row
    above as an empty cell. ``text`` is the page's text with one character per character index.
    """
    tables = sorted(find_tables(page_edges(page)), key=lambda table: table.bbox[1])
    if not tables:
        return None
    chars = _PageChars(page_chars(textpage, text))
    parts: list[str] = []
    top = -math.inf
    for table in tables:
        _, table_top, _, bottom = table.bbox
        if table_top > top + 1:
            parts.append(_text(chars.band(top, table_top)))
        parts.append("\n".join(_table_lines(table, chars)))
        top = bottom
    parts.append(_text(chars.band(top, math.inf)))
    return "\n".join(part for part in parts if part.strip())


def table_lines(table: Table, chars: Sequence[CharRow]) -> list[str]:
    """A ruled table's rows as tab-separated lines, merged cells as a DOCX table reads them."""
    return _table_lines(table, _PageChars(chars))


def _table_lines(table: Table, chars: _PageChars) -> list[str]:
    texts = _cell_texts(table, chars)
    columns = max((len(row) for row in table.rows), default=0)
    left: list[float | None] = [None] * columns
    for row in table.rows:
        for j, box in enumerate(row):
            if box is not None and (left[j] is None or box[0] < (left[j] or 0)):
                left[j] = box[0]
    lines = []
    for row, cells in zip(table.rows, texts, strict=True):
        out: list[str] = []
        for j, box in enumerate(row):
            if box is None:
                x = left[j]
                covered = x is not None and any(other is not None and other[0] < x - 1 < other[2] - 2
                                                for other in row[:j])
                if not covered:
                    out.append("")  # merged down from the row above
                continue
            # a wrapped cell's lines join without a blank; blanks inside a line become one space (a
            # line from _text is words between single blanks already, without blanks at its ends)
            text = cells[j] or ""
            out.append(text if "\n" not in text else _BLANKS.sub(_join_blank, text).strip())
        while out and not out[-1]:
            out.pop()
        if out:  # a row of nothing but empty cells is a rule the search split off, not a row of the form
            lines.append("\t".join(out))
    return lines
