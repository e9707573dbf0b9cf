"""The region (地区) of a report: the full administrative path of the place its department names.

A department is named after its place, often in short: ``荷塘区妇女联合会``, ``南县自然资源局``,
``中共云南省委宣传部``, ``攀枝花市仁和区同德镇人民政府``. The region is the whole path from the
province down (``湖南省株洲市荷塘区``, ``湖南省益阳市南县``, ``云南省``,
``四川省攀枝花市仁和区同德镇``), built from the gazetteer ``divisions.tsv`` (county level and
above; sources and licences in its header, built by ``scripts/build_divisions.py``):

* the place names at the start of the name are matched longest first, each one inside the
  previous (``株洲市`` then ``荷塘区``);
* a name that several divisions share (``朝阳区`` in 北京 and 长春) is settled by the other place
  names in the text; a current division is preferred to a former name of the same spelling;
  otherwise the region stays at the level all of them share (here: none), never a guess;
* a town (镇/乡/街道) below a county is appended when the name states it before the town's
  own organ (``同德镇人民政府``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_DATA = "divisions.tsv"
_MAX_NAME = 14
# prefixes before the place in an organ's name: 中共云南省委…, 共青团武威市委, 国家税务总局…
_ORGAN_PREFIX = re.compile(r"(?:中国共产党|中共|共青团|中国共青团|国家税务总局|中国人民政治协商会议|政协|民革|民盟|民建|民进|农工党|致公党|九三学社)")
_TOWN = re.compile(r"(?P<town>[\u4e00-\u9fff]{1,6}?(?:镇|乡|街道))(?=人民政府|政府|党委|办事处|街道办事处|财政所|卫生院|中心学校|中心校|$)")

_NOT_TOWNS = ("城乡", "乡镇", "城镇", "集镇", "村镇")


@dataclass(frozen=True)
class Division:
    """One administrative division (行政区划): its code, path of names and status."""

    code: str
    path: tuple[str, ...]
    current: bool

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def full_name(self) -> str:
        return "".join(self.path)


@dataclass(frozen=True)
class Gazetteer:
    """The divisions by name and by short form; which paths have divisions below them."""

    by_name: dict[str, tuple[Division, ...]]
    parents: frozenset[tuple[str, ...]]
    names_of: dict[tuple[str, ...], tuple[str, ...]]

    def has_children(self, division: Division) -> bool:
        return division.path in self.parents


@cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once (≈3300 rows)."""
    by_name: dict[str, list[Division]] = {}
    parents: set[tuple[str, ...]] = set()
    names_of: dict[tuple[str, ...], tuple[str, ...]] = {}
    text = (resources.files("jixiao.extract") / _DATA).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        code, path_text, status, aliases = [*line.split("\t"), "", "", ""][:4]
        path = tuple(path_text.split("/"))
        division = Division(code, path, status == "current")
        parents.update(path[:i] for i in range(1, len(path)))
        names = (path[-1], *filter(None, aliases.split(",")))
        names_of[path] = names
        for name in names:
            by_name.setdefault(name, []).append(division)
    return Gazetteer({k: tuple(v) for k, v in by_name.items()}, frozenset(parents), names_of)


@dataclass(frozen=True)
class RegionMatch:
    """The region of a name and where in the name its places are stated."""

    region: str
    start: int
    end: int
    division: Division | None


def _longest(text: str, pos: int, table: dict[str, tuple[Division, ...]]) -> tuple[int, tuple[Division, ...]]:
    for length in range(min(_MAX_NAME, len(text) - pos), 1, -1):
        found = table.get(text[pos : pos + length])
        if found:
            return length, found
    return 0, ()


def _inside(child: Division, parent: Division) -> bool:
    return len(child.path) > len(parent.path) and child.path[: len(parent.path)] == parent.path


def _settle(candidates: tuple[Division, ...], context: str) -> tuple[str, ...] | None:
    """The one path among ``candidates`` the context points to, else the path they share."""
    if len(candidates) == 1:
        return candidates[0].path
    names_of = gazetteer().names_of
    scores = []
    for division in candidates:
        names = {name for i in range(1, len(division.path)) for name in names_of.get(division.path[:i], ())}
        scores.append(sum(1 for name in names if name in context))
    best = max(scores)
    if best > 0 and scores.count(best) == 1:
        return candidates[scores.index(best)].path
    current = [d for d in candidates if d.current]
    if len(current) == 1:
        return current[0].path
    shared: tuple[str, ...] = candidates[0].path
    for division in candidates[1:]:
        n = 0
        while n < min(len(shared), len(division.path)) and shared[n] == division.path[n]:
            n += 1
        shared = shared[:n]
    return shared or None


def region_of(name: str, context: str = "") -> RegionMatch | None:
    """The region a department (or place) name states, with the span of its places in ``name``.

    ``context`` (the report's opening) settles names that several divisions share.
    """
    table = gazetteer().by_name
    prefix = _ORGAN_PREFIX.match(name)
    start = pos = prefix.end() if prefix else 0
    chain: list[tuple[Division, ...]] = []
    while pos < len(name):
        length, found = _longest(name, pos, table)
        if not length:
            break
        if chain:
            inner = tuple(d for d in found if any(_inside(d, p) for p in chain[-1]))
            if not inner:
                break
            chain[-1] = tuple(p for p in chain[-1] if any(_inside(d, p) for d in inner))
            found = inner
        chain.append(found)
        pos += length
    if not chain:
        return None
    path = _settle(chain[-1], context)
    if path is None:
        return None
    division = next((d for d in chain[-1] if d.path == path), None)
    region = "".join(path)
    end = pos
    if division is not None and not gazetteer().has_children(division):
        town = _TOWN.match(name, pos)
        if town and not town.group("town").startswith(_NOT_TOWNS):
            region += town.group("town")
            end = town.end("town")
    return RegionMatch(region, start, end, division)


def is_place(name: str) -> bool:
    """Whether ``name`` is nothing but a place (``岳阳楼区``, ``攀枝花市仁和区同德镇``): no organ."""
    match = region_of(name)
    return match is not None and match.start == 0 and match.end == len(name)
