"""The review engine (复核引擎): a registry of rules by id, grouped in families, and the runner.

A rule is a small function over a :class:`Context` (the report, the parsed document when
there is one, the profile) that yields :class:`~jixiao.report.Finding` objects. Rules declare
their metadata (what they check, the domain basis, the default severity, an example) where
they are defined; the catalogue in ``docs/review-rules.md`` is generated from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from jixiao.report import Evidence, Finding, PerformanceReport, Severity
from jixiao.review.profile import Profile, default_profile
from jixiao.scoring.framework import Framework, default_framework_for
from jixiao.text.document import Document

SEVERITY_ORDER: dict[str, int] = {"blocking": 0, "serious": 1, "general": 2, "hint": 3}
SEVERITY_LABELS: dict[str, str] = {"blocking": "阻断", "serious": "严重", "general": "一般", "hint": "提示"}

FAMILIES: dict[str, str] = {
    "arithmetic": "数字勾稽（算术）",
    "consistency": "前后一致性",
    "targets": "绩效目标与指标",
    "execution": "预算执行",
    "text": "文字质量与结构",
}

RuleFunction = Callable[["Context"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered check: its stable id, metadata for the catalogue, and the function."""

    id: str
    title: str
    severity: Severity
    checks: str
    basis: str
    example: str
    function: RuleFunction = field(repr=False)
    needs_document: bool = False

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str,
    *,
    title: str,
    severity: Severity,
    checks: str,
    basis: str,
    example: str,
    needs_document: bool = False,
) -> Callable[[RuleFunction], RuleFunction]:
    """Register the decorated function as rule ``rule_id`` (dotted, ``family.name``)."""

    def register(function: RuleFunction) -> RuleFunction:
        family = rule_id.split(".", 1)[0]
        if family not in FAMILIES:
            raise ValueError(f"unknown rule family: {rule_id}")
        if rule_id in RULES:
            raise ValueError(f"rule registered twice: {rule_id}")
        RULES[rule_id] = Rule(rule_id, title, severity, checks, basis, example, function, needs_document)
        return function

    return register


def all_rules() -> list[Rule]:
    """Every rule, families in catalogue order; importing the family modules registers them."""
    from jixiao.review import (  # noqa: F401
        arithmetic,
        consistency,
        dates,
        execution,
        leftovers,
        stated,
        targets,
        text_quality,
    )

    order = list(FAMILIES)
    return sorted(RULES.values(), key=lambda r: (order.index(r.family), r.id))


def rule_title(rule_id: str) -> str:
    """The Chinese title of rule ``rule_id`` (what a reader sees; the id only in a tooltip), 复核规则 if unknown."""
    if not RULES:
        all_rules()
    found = RULES.get(rule_id.split("@", 1)[0].split("#", 1)[0])
    return found.title if found else "复核规则"


_SENTENCE = re.compile(r"[^。！？；：!?;:\n]+[。！？；：!?;:]?")


@dataclass
class Context:
    """What a rule sees: the report, the normalised document (or None), the profile, the framework.

    The profile holds the review's own limits; the scoring framework holds the lines the report
    is judged by everywhere (the 130% over-achievement line, the 90% execution line), by
    default the framework for the report's kind.
    """

    report: PerformanceReport
    document: Document | None
    profile: Profile
    _current: Rule | None = None
    memo: dict[str, Any] = field(default_factory=dict)
    """What several rules compute once (the figures of the text, its tables), keyed by name."""
    given_framework: Framework | None = None
    target_basis: Mapping[int, str] = field(default_factory=dict)
    """Indicator index → the basis of its library check (目标值检查依据: 近年实际、同类中位数、建议目标),
    for the indicators checked against the 指标库; given by the caller that knows the library (the web)."""

    @cached_property
    def framework(self) -> Framework:
        return self.given_framework or default_framework_for(self.report.kind)

    # -- evidence ----------------------------------------------------------------------

    def evidence(self, *paths: str) -> list[Evidence]:
        """The report's evidence for key paths (``budget.spent``), in the order given."""
        found: list[Evidence] = []
        for path in paths:
            found.extend(self.report.evidence.get(path, []))
        return found

    def span(self, start: int, end: int) -> Evidence:
        """Evidence for the normalised span ``[start, end)`` of the document."""
        assert self.document is not None
        return self.document.evidence(start, end)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans of the normalised text (split at 。！？；： and line ends; 完成情况： is a label)."""
        if self.document is None:
            return []
        return [(m.start(), m.end()) for m in _SENTENCE.finditer(self.document.text) if m.group().strip()]

    # -- findings ----------------------------------------------------------------------

    def finding(
        self,
        message: str,
        evidence: Sequence[Evidence] = (),
        suggestion: str | None = None,
        *,
        severity: Severity | None = None,
        rule_id: str | None = None,
    ) -> Finding:
        """A finding of the running rule; the profile may override its severity."""
        current = self._current
        assert current is not None or rule_id is not None
        rid = rule_id or (current.id if current else "")
        base = severity or (RULES[rid].severity if rid in RULES else "general")
        return Finding(
            rule=rid,
            severity=self.profile.severity_of(rid, base),
            message=message,
            evidence=_unique_evidence(evidence),
            suggestion=suggestion,
        )


def _unique_evidence(evidence: Sequence[Evidence]) -> list[Evidence]:
    seen: set[tuple[int, int]] = set()
    unique: list[Evidence] = []
    for item in evidence:
        if (item.start, item.end) not in seen:
            seen.add((item.start, item.end))
            unique.append(item)
    return unique


def _position(finding: Finding) -> int:
    return min((e.start for e in finding.evidence), default=-1)


def run_rules(
    report: PerformanceReport,
    document: Document | None,
    profile: Profile | None = None,
    *,
    only: Iterable[str] | None = None,
    framework: Framework | None = None,
    target_basis: Mapping[int, str] | None = None,
) -> list[Finding]:
    """Run every enabled rule (or those in ``only``) and sort findings by severity, then position.

    ``target_basis``: the library checks' basis per indicator index (see ``Context.target_basis``).
    """
    context = Context(report=report, document=document, profile=profile or default_profile(),
                      given_framework=framework, target_basis=dict(target_basis or {}))
    wanted = set(only) if only is not None else None
    findings: list[Finding] = []
    for item in all_rules():
        if wanted is not None and item.id not in wanted and item.family not in wanted:
            continue
        if not context.profile.enabled(item.id) or (item.needs_document and document is None):
            continue
        context._current = item
        findings.extend(item.function(context))
    context._current = None
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], _position(f), f.rule))
    return findings


def catalogue_data() -> list[dict[str, Any]]:
    """The registry's metadata, one dict per rule, for docs and the web app."""
    return [
        {
            "id": r.id,
            "family": r.family,
            "family_title": FAMILIES[r.family],
            "title": r.title,
            "severity": r.severity,
            "checks": r.checks,
            "basis": r.basis,
            "example": r.example,
            "needs_document": r.needs_document,
        }
        for r in all_rules()
    ]
