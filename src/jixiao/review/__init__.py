"""The review (复核): check a report as a finance-bureau reviewer would, with evidence.

``review(report, document)`` runs every registered rule (families: arithmetic 数字勾稽,
consistency 前后一致, targets 目标与指标, execution 预算执行, text 文字质量) and returns
:class:`~jixiao.report.Finding` objects; ``review_text(text)`` parses and extracts first.
No Django here: the CLI and the web app both call these functions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence

from jixiao.extract.pipeline import report_from_document
from jixiao.report import Finding, PerformanceReport, Source
from jixiao.review.engine import FAMILIES, RULES, SEVERITY_LABELS, SEVERITY_ORDER, Rule, all_rules, run_rules
from jixiao.review.profile import Profile, ProfileError, load_profile
from jixiao.scoring.framework import Framework
from jixiao.text.document import Document, parse_document

__all__ = [
    "FAMILIES",
    "RULES",
    "SEVERITY_LABELS",
    "SEVERITY_ORDER",
    "Profile",
    "ProfileError",
    "Rule",
    "all_rules",
    "finding_key",
    "load_profile",
    "review",
    "review_text",
]


def review(
    report: PerformanceReport, document: Document | None = None, *, profile: Profile | None = None,
    framework: Framework | None = None,
) -> list[Finding]:
    """Findings on ``report``; text rules run only when the parsed ``document`` is given.

    ``framework`` supplies the lines (130%, 90%); by default the framework for the report's kind.
    """
    return run_rules(report, document, profile, framework=framework)


def finding_key(finding: Finding) -> str:
    """A finding's stable key (发现标识): its rule id and evidence offsets, e.g. ``execution.low_rate@120-168``.

    The same text reviewed again gives the same key, so a reviewer's decision on a finding
    outlives the review that produced it. A finding with no evidence (a missing section) has
    no offsets; its message, which names what is missing, stands in for them as a short digest.
    Offsets of very many spans are digested too, so that a key stays under 200 characters.
    """
    if not finding.evidence:
        return finding.rule + "#" + _digest(finding.message)
    spans = ",".join(f"{e.start}-{e.end}" for e in finding.evidence)
    return finding.rule + "@" + (spans if len(spans) <= 120 else "~" + _digest(spans))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def review_text(
    text: str,
    page_starts: Sequence[int] = (),
    *,
    profile: Profile | None = None,
    source: Source | None = None,
    framework: Framework | None = None,
    target_basis: Callable[[PerformanceReport], Mapping[int, str]] | None = None,
) -> tuple[PerformanceReport, list[Finding]]:
    """Parse and extract ``text`` once, then review the report together with its document.

    ``target_basis``: given the extracted report, the basis of each indicator's library check
    (the web's 目标质量 knows the library; the core does not), for ``targets.low_against_library``.
    """
    document = parse_document(text, page_starts)
    report = report_from_document(document, source=source)
    basis = target_basis(report) if target_basis is not None else None
    return report, run_rules(report, document, profile, framework=framework, target_basis=basis)
