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
import itertools
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from operator import attrgetter
from typing import Any, NamedTuple

from jixiao.readers.pdfium_calls import untyped

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
    import pypdfium2.raw as pdfium_c

    edges: list[Edge] = []
    budget = [MAX_OBJECTS]
    objects = (pdfium_c.FPDFPage_GetObject(page, i) for i in range(pdfium_c.FPDFPage_CountObjects(page)))
    _collect(objects, None, edges, budget)
    return edges


def _collect(objects: Iterable[Any], parent: tuple[float, ...] | None, edges: list[Edge], budget: list[int]) -> None:
    import pypdfium2.raw as pdfium_c

    for obj in objects:
        budget[0] -= 1
        if budget[0] < 0:
            return
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            _path_edges(obj, parent, edges)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            matrix = _compose(parent, _matrix(obj))
            children = (pdfium_c.FPDFFormObj_GetObject(obj, j) for j in range(pdfium_c.FPDFFormObj_CountObjects(obj)))
            _collect(children, matrix, edges, budget)


def _matrix(obj: Any) -> tuple[float, ...]:
    import pypdfium2.raw as pdfium_c

    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(outer: tuple[float, ...] | None, inner: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix that applies ``inner`` first, then ``outer``."""
    if outer is None:
        return inner
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _path_edges(obj: Any, parent: tuple[float, ...] | None, edges: list[Edge]) -> None:
    """A path object's subpaths as edges, classified as pdfminer classifies them (line, rect, curve)."""
    import pypdfium2.raw as pdfium_c

    a, b, c, d, e, f = _compose(parent, _matrix(obj))
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
    filled = fill_mode.value != 0
    x, y = ctypes.c_float(), ctypes.c_float()
    x_address, y_address = ctypes.c_void_p(ctypes.addressof(x)), ctypes.c_void_p(ctypes.addressof(y))
    handle = ctypes.cast(obj, ctypes.c_void_p)
    get_segment = untyped("FPDFPath_GetPathSegment", ctypes.c_void_p)
    get_point, get_type = untyped("FPDFPathSegment_GetPoint"), untyped("FPDFPathSegment_GetType")
    move_to = pdfium_c.FPDF_SEGMENT_MOVETO
    subpaths: list[list[tuple[float, float]]] = []
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = ctypes.c_void_p(get_segment(handle, i))  # a handle: passed as a pointer, never as a C int
        if not segment.value or not get_point(segment, x_address, y_address):
            continue
        # page space, y negated so that ``top`` grows downward
        point = (a * x.value + c * y.value + e, -(b * x.value + d * y.value + f))
        if get_type(segment) == move_to or not subpaths:
            subpaths.append([point])
        else:
            subpaths[-1].append(point)
    for points in subpaths:
        edges.extend(_subpath_edges(points, filled))


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


def page_chars(textpage: Any, text: str) -> list[Char]:
    """The characters of a pdfium text page with their boxes; ``text`` is its text with one
    character per character index (pdfium's generated blanks and line ends are left out)."""
    import pypdfium2.raw as pdfium_c

    loose_box = untyped("FPDFText_GetLooseCharBox")
    box = pdfium_c.FS_RECTF()
    box_address = ctypes.c_void_p(ctypes.addressof(box))
    handle = ctypes.cast(textpage, ctypes.c_void_p)
    chars: list[Char] = []
    append = chars.append
    for index, ch in enumerate(text):
        if ch.isspace() and (ch in "\r\n" or pdfium_c.FPDFText_IsGenerated(textpage, index) == 1):
            continue
        if loose_box(handle, index, box_address):
            append(Char(ch, box.left, -box.top, box.right, -box.bottom))
    return chars


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
    vertical = [edge for edge in edges if edge.orientation == "v"]
    horizontal = [edge for edge in edges if edge.orientation == "h"]
    snapped = _snap(vertical, "v") + _snap(horizontal, "h")
    snapped.sort(key=lambda edge: (edge.orientation, edge.x0 if edge.orientation == "v" else edge.top))
    out: list[Edge] = []
    for (orientation, _), group in itertools.groupby(
            snapped, key=lambda edge: (edge.orientation, edge.x0 if edge.orientation == "v" else edge.top)):
        out.extend(_join(list(group), orientation))
    return out


def _snap(edges: list[Edge], orientation: str) -> list[Edge]:
    """Edges within :data:`SNAP` of one another (by x for vertical, by top for horizontal) moved to their mean."""
    if not edges:
        return []
    key = (lambda edge: edge.x0) if orientation == "v" else (lambda edge: edge.top)
    cluster_of = _clusters(map(key, edges), SNAP)
    groups: dict[int, list[Edge]] = {}
    for edge in edges:
        groups.setdefault(cluster_of[key(edge)], []).append(edge)
    out = []
    for number in sorted(groups):
        group = groups[number]
        mean = sum(map(key, group)) / len(group)
        for edge in group:
            shift = mean - key(edge)
            if orientation == "v":
                out.append(edge._replace(x0=edge.x0 + shift, x1=edge.x1 + shift))
            else:
                out.append(edge._replace(top=edge.top + shift, bottom=edge.bottom + shift))
    return out


def _join(edges: list[Edge], orientation: str) -> list[Edge]:
    """Collinear edges whose gap is at most :data:`JOIN` as one."""
    start, end, field = (attrgetter("x0"), attrgetter("x1"), "x1") if orientation == "h" else \
        (attrgetter("top"), attrgetter("bottom"), "bottom")
    edges.sort(key=start)
    joined = [edges[0]]
    for edge in edges[1:]:
        last = joined[-1]
        if start(edge) <= end(last) + JOIN:
            if end(edge) > end(last):
                joined[-1] = last._replace(**{field: end(edge)})
        else:
            joined.append(edge)
    return joined


Point = tuple[float, float]


def _crossings(edges: list[Edge]) -> dict[Point, tuple[set[Box], set[Box]]]:
    """Each crossing point: the boxes of the vertical and of the horizontal edges through it."""
    vertical = sorted((edge for edge in edges if edge.orientation == "v"), key=lambda edge: (edge.x0, edge.top))
    horizontal = sorted((edge for edge in edges if edge.orientation == "h"), key=lambda edge: (edge.top, edge.x0))
    crossings: dict[Point, tuple[set[Box], set[Box]]] = {}
    for v in vertical:
        for h in horizontal:
            if v.top <= h.top + CROSSING and v.bottom >= h.top - CROSSING \
                    and h.x0 - CROSSING <= v.x0 <= h.x1 + CROSSING:
                at = crossings.setdefault((v.x0, h.top), (set(), set()))
                at[0].add(v.bbox)
                at[1].add(h.bbox)
    return crossings


def _cells(crossings: dict[Point, tuple[set[Box], set[Box]]]) -> list[Box]:
    """The smallest cell whose top left corner is each crossing (pdfplumber's ``intersections_to_cells``)."""
    points = sorted(crossings)
    below: dict[float, list[Point]] = {}
    right: dict[float, list[Point]] = {}
    for point in points:  # sorted by x, then y: a column's points top down, a row's left to right
        below.setdefault(point[0], []).append(point)
        right.setdefault(point[1], []).append(point)

    def joined(p: Point, q: Point) -> bool:
        if p[0] == q[0] and crossings[p][0] & crossings[q][0]:
            return True
        return p[1] == q[1] and bool(crossings[p][1] & crossings[q][1])

    cells = []
    for point in points:
        column = below[point[0]]
        row = right[point[1]]
        found = None
        for under in column[column.index(point) + 1:]:
            if not joined(point, under):
                continue
            for beside in row[row.index(point) + 1:]:
                if not joined(point, beside):
                    continue
                corner = (beside[0], under[1])
                if corner in crossings and joined(corner, beside) and joined(corner, under):
                    found = (point[0], point[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _group_cells(cells: list[Box]) -> list[list[Box]]:
    """Cells that share corners, as tables, top to bottom (pdfplumber's ``cells_to_tables``)."""
    def corners(box: Box) -> tuple[Point, Point, Point, Point]:
        x0, top, x1, bottom = box
        return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))

    remaining = list(cells)
    current_corners: set[Point] = set()
    current: list[Box] = []
    tables = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            cell_corners = corners(cell)
            if not current or any(corner in current_corners for corner in cell_corners):
                current_corners.update(cell_corners)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(list(current))
            current_corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    tables.sort(key=lambda table: min((cell[1], cell[0]) for cell in table))
    return [table for table in tables if len(table) > 1]


def _table(cells: list[Box]) -> Table:
    bbox = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
    columns = sorted({cell[0] for cell in cells})
    rows = []
    for _, row_cells in itertools.groupby(sorted(cells, key=lambda cell: (cell[1], cell[0])), key=lambda cell: cell[1]):
        by_left = {cell[0]: cell for cell in row_cells}
        rows.append([by_left.get(x) for x in columns])
    return Table(bbox=bbox, rows=rows)


# -- text --------------------------------------------------------------------------------------


def text_of(chars: Sequence[Char]) -> str:
    """The characters as lines of words (pdfplumber's ``extract_text``): lines by their tops within
    :data:`TEXT_Y`, each left to right, a word break at a blank or a gap over :data:`TEXT_X`."""
    if not chars:
        return ""
    tops = [char.top for char in chars]
    if max(tops) - min(tops) <= TEXT_Y:  # one line (most cells): no clustering needed
        return " ".join(text for _, text in _words(chars))
    line_of = _clusters(tops, TEXT_Y)
    lines: dict[int, list[Char]] = {}
    for char in chars:
        lines.setdefault(line_of[char.top], []).append(char)
    words = [word for number in sorted(lines) for word in _words(lines[number])]
    # the words into lines again by their tops, as extract_text does
    word_line = _clusters((top for top, _ in words), TEXT_Y)
    grouped: dict[int, list[str]] = {}
    for top, text in sorted(words, key=lambda word: word_line[word[0]]):
        grouped.setdefault(word_line[top], []).append(text)
    return "\n".join(" ".join(grouped[number]) for number in sorted(grouped))


def _words(line: Sequence[Char]) -> list[tuple[float, str]]:
    """A line's words left to right, each with its top: a break at a blank, a step back, a gap wider
    than :data:`TEXT_X` or a top more than :data:`TEXT_Y` away from the character before."""
    words: list[tuple[float, str]] = []
    word: list[Char] = []
    append = word.append
    for char in sorted(line, key=_LEFT_RIGHT):
        if char.text.isspace():
            if word:
                words.append(_word(word))
                word.clear()
            continue
        if word:
            last = word[-1]
            if char.x0 < last.x0 or char.x0 > last.x1 + TEXT_X or abs(char.top - last.top) > TEXT_Y:
                words.append(_word(word))
                word.clear()
        append(char)
    if word:
        words.append(_word(word))
    return words


_LEFT_RIGHT = attrgetter("x0", "x1")


def _word(chars: list[Char]) -> tuple[float, str]:
    return min(char.top for char in chars), "".join([char.text for char in chars])


def cell_texts(table: Table, chars: Sequence[Char]) -> list[list[str | None]]:
    """Each row's cell texts (``None`` for a covered column), as pdfplumber's ``Table.extract``: a
    cell holds the characters whose centre lies in it (left and top edges in, right and bottom out)."""
    centred = sorted(((char.top + char.bottom) / 2, (char.x0 + char.x1) / 2, index, char)
                     for index, char in enumerate(chars))
    middles = [item[0] for item in centred]

    def inside(box: Box) -> list[Char]:
        x0, top, x1, bottom = box
        found = centred[bisect.bisect_left(middles, top):bisect.bisect_left(middles, bottom)]
        # back in the page's order, as the characters came (ties in a line keep it)
        return [item[3] for item in sorted((item for item in found if x0 <= item[1] < x1), key=lambda item: item[2])]

    return [[None if cell is None else text_of(inside(cell)) for cell in row] for row in table.rows]


def region_text(chars: Sequence[Char], top: float, bottom: float) -> str:
    """The text of the band between ``top`` and ``bottom`` across the page: the characters whose
    centre lies in it (a table's own characters stay in its cells, even where their boxes reach
    past its rules)."""
    return text_of([char for char in chars if top <= (char.top + char.bottom) / 2 < bottom])


# -- a 自评表 page ----------------------------------------------------------------------------

_BLANKS = re.compile(r"\s+")


def form_page_text(page: Any, textpage: Any, text: str) -> str | None:
    """A ruled page read as its tables' rows (one line a row, cells between tabs) with the lines
    above, between and below them; ``None`` when the page draws no table.

    Rows as a DOCX table reads: a cell merged across columns once, a cell merged down from the row
    above as an empty cell. ``text`` is the page's text with one character per character index.
    """
    tables = sorted(find_tables(page_edges(page)), key=lambda table: table.bbox[1])
    if not tables:
        return None
    chars = page_chars(textpage, text)
    parts: list[str] = []
    top = -math.inf
    for table in tables:
        _, table_top, _, bottom = table.bbox
        if table_top > top + 1:
            parts.append(region_text(chars, top, table_top))
        parts.append("\n".join(table_lines(table, chars)))
        top = bottom
    parts.append(region_text(chars, top, math.inf))
    return "\n".join(part for part in parts if part.strip())


def table_lines(table: Table, chars: Sequence[Char]) -> list[str]:
    """A ruled table's rows as tab-separated lines, merged cells as a DOCX table reads them."""
    texts = cell_texts(table, chars)
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
            # a wrapped cell's lines join without a blank; blanks inside a line become one space
            out.append(_BLANKS.sub(lambda m: " " if "\n" not in m.group() else "", (cells[j] or "")).strip())
        while out and not out[-1]:
            out.pop()
        if out:  # a row of nothing but empty cells is a rule the search split off, not a row of the form
            lines.append("\t".join(out))
    return lines
