"""Collected facts (事实) before they become a report: candidates, evidence and conflicts.

Every pattern that finds a value adds a :class:`Candidate` with its normalised span. When a
key path received more than one distinct value, the document contradicts itself:

* the conflict is always recorded (``report.conflicts`` and a warning);
* the field is filled only if the statements inside the authoritative section — the budget
  section for budget figures (部门整体收支情况 / 预算执行 …) — agree on one value; otherwise
  it stays None (never guessed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jixiao.figures.labels import label as _label
from jixiao.report import Conflict, Evidence
from jixiao.text.document import Document


@dataclass(frozen=True)
class Candidate:
    """One statement of a value, span in normalised offsets."""

    value: Any
    start: int
    end: int
    authoritative: bool = False
    fallback: bool = False
    """A statement that counts only when the key has no other (收入总计 beside 预算收入)."""


@dataclass
class Facts:
    """Candidates per key path, resolved into values, evidence, conflicts and warnings."""

    document: Document
    candidates: dict[str, list[Candidate]] = field(default_factory=dict)
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    def add(
        self, path: str, value: Any, start: int, end: int, *, authoritative: bool = False, fallback: bool = False
    ) -> None:
        self.candidates.setdefault(path, []).append(Candidate(value, start, end, authoritative, fallback))

    def add_original(self, path: str, value: Any, start: int, end: int, *, authoritative: bool = False) -> None:
        """Add a candidate found in the ORIGINAL text (a table cell): the span is mapped once."""
        document = self.document
        first = document.from_original(start)
        # the end through the last character: the line break after it may have been joined away
        last = document.from_original(end - 1) + 1 if end > start else first
        self.add(path, value, first, max(last, first), authoritative=authoritative)

    def cite_original(self, path: str, start: int, end: int) -> None:
        """:meth:`cite` for a span of the ORIGINAL text."""
        document = self.document
        first = document.from_original(start)
        last = document.from_original(end - 1) + 1 if end > start else first
        self.cite(path, first, max(last, first))

    def peek(self, path: str) -> Any:
        """The value of ``path`` if its candidates so far agree on one, else None (nothing recorded)."""
        distinct = _distinct([candidate.value for candidate in self.candidates.get(path, [])])
        return distinct[0] if len(distinct) == 1 else None

    def cite(self, path: str, start: int, end: int) -> None:
        """Attach evidence to ``path`` directly (for values that are not resolved, e.g. goals)."""
        self.evidence.setdefault(path, []).append(self.document.evidence(start, end))

    def resolve(self, path: str) -> Any:
        """The value of ``path`` by the conflict rule; evidence and conflicts are recorded."""
        candidates = self.candidates.get(path, [])
        candidates = [c for c in candidates if not c.fallback] or candidates
        if not candidates:
            return None
        distinct = _distinct([candidate.value for candidate in candidates])
        if len(distinct) == 1:
            self._cite_all(path, candidates)
            return distinct[0]
        self._record_conflict(path, candidates, distinct)
        values_text = "、".join(str(value) for value in distinct)
        chosen = [candidate for candidate in candidates if candidate.authoritative]
        authoritative = _distinct([candidate.value for candidate in chosen])
        if len(authoritative) == 1:
            self._cite_all(path, chosen)
            self.warnings.append(f"{_label(path)}前后不一致（{values_text}），采用{_authority(path)}的数值")
            return authoritative[0]
        self._cite_all(path, candidates)
        self.warnings.append(f"{_label(path)}前后不一致（{values_text}），未采用")
        return None

    def label(self, path: str) -> str:
        """The Chinese name of a key path, for warnings."""
        return _label(path)

    def _cite_all(self, path: str, candidates: list[Candidate]) -> None:
        self.evidence[path] = [self.document.evidence(c.start, c.end) for c in candidates]

    def _record_conflict(self, path: str, candidates: list[Candidate], distinct: list[Any]) -> None:
        """A numeric contradiction goes to ``report.conflicts``; a textual one only to the warnings."""
        if all(isinstance(value, Decimal | int) and not isinstance(value, bool) for value in distinct):
            evidence = [self.document.evidence(c.start, c.end) for c in candidates]
            self.conflicts.append(
                Conflict(path=path, values=[Decimal(v) for v in distinct], evidence=evidence)
            )


def _authority(path: str) -> str:
    if path in _IDENTITY_PATHS:
        return "报告标题"  # the document's own title outranks a web page's or library's
    return "自评结论部分" if path.startswith("evaluation.") else "收支情况部分"


_IDENTITY_PATHS = frozenset({"title", "department", "region", "year", "kind", "form"})


_CENT = Decimal("0.01")


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) else 0


def _same_to_the_cent(a: Any, b: Any) -> bool:
    """Whether one value is the other rounded to the cent of 万元 (``1.43`` printed for ``14280元`` = ``1.428``).

    Only a statement with exactly two places against a finer one (an amount converted from 元, or
    from a table to the cent): the same amount written at two precisions, not a contradiction.
    """
    if not (isinstance(a, Decimal) and isinstance(b, Decimal)) or not (a.is_finite() and b.is_finite()):
        return False
    coarse, fine = (a, b) if _places(a) <= _places(b) else (b, a)
    if _places(coarse) != 2 or _places(fine) <= 2:
        return False
    return fine.quantize(_CENT, rounding=ROUND_HALF_UP) == coarse


def _distinct(values: list[Any]) -> list[Any]:
    """The values that differ; of two that are the same amount to the cent, the finer one stays."""
    distinct: list[Any] = []
    for value in values:
        same = next((i for i, seen in enumerate(distinct) if value == seen or _same_to_the_cent(value, seen)), None)
        if same is None:
            distinct.append(value)
        elif _same_to_the_cent(value, distinct[same]) and _places(value) > _places(distinct[same]):
            distinct[same] = value
    return distinct
