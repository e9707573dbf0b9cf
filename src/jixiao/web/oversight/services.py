"""Writes of 抽评: drawing a year's sample (redrawing supersedes and keeps the earlier draw) and the 复核
adjustments (复核调整) of a sampled item's score. Only the finance bureau and admins write here.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from jixiao.errors import JixiaoError
from jixiao.oversight.correction import AdjustmentInvalid, check_adjustment
from jixiao.oversight.sampling import SamplingRule, draw_sample, new_seed
from jixiao.web.accounts.models import User
from jixiao.web.departments.models import FiscalYear
from jixiao.web.departments.permissions import can_review
from jixiao.web.oversight.models import SampledItem, SampleDraw, ScoreAdjustment
from jixiao.web.oversight.selectors import CandidateRow, candidates


class OversightNotAllowed(JixiaoError):
    """A user who may not draw or adjust tried to (只有财政局用户可以抽评)."""


class DrawInvalid(JixiaoError):
    """A draw that cannot be made (no such year, nothing submitted to draw from)."""


class AdjustmentRejected(JixiaoError):
    """A 复核调整 that cannot be recorded (no reason, zero points, no self-assessed score)."""


def _candidate_data(row: CandidateRow) -> dict[str, object]:
    c = row.candidate
    return {"key": c.key, "kind": c.kind, "title": c.title, "department": c.department,
            "amount": None if c.amount is None else str(c.amount), "sector": c.sector, "severity": c.severity}


@transaction.atomic
def draw_year(*, year: int, rule: SamplingRule, user: User | None, seed: int | None = None,
              trusted: bool = False) -> SampleDraw:
    """Draw ``year``'s sample by ``rule`` (a fresh seed unless given), store rule, seed, population and items;
    an earlier draw of the year stays in history, superseded. ``trusted``: the demo data, no role check."""
    if not trusted and (user is None or not can_review(user)):
        raise OversightNotAllowed("只有财政局用户可以抽取抽评样本")
    fiscal_year = FiscalYear.objects.filter(year=year).first()
    if fiscal_year is None:
        raise DrawInvalid(f"{year} 年度不存在")
    rows = candidates(year=year)
    if not rows:
        raise DrawInvalid(f"{year} 年度没有已提交的自评，无法抽评")
    seed = new_seed() if seed is None else seed
    result = draw_sample([r.candidate for r in rows], rule, seed)
    for earlier in SampleDraw.objects.select_for_update().filter(fiscal_year=fiscal_year, is_current=True):
        earlier.is_current = False
        earlier.save()
    draw = SampleDraw.objects.create(
        fiscal_year=fiscal_year, rule_name=rule.name, rule_title=rule.title, rule_source=rule.source,
        rule=rule.model_dump(mode="json"), seed=seed, population=[_candidate_data(r) for r in rows],
        strata=[{"label": s.label, "size": s.size, "drawn": s.drawn} for s in result.strata],
        drawn_by=user if user is not None and user.pk else None)
    where = {r.candidate.key: r for r in rows}
    for sampled in result.items:
        row = where[sampled.candidate.key]
        c = sampled.candidate
        SampledItem.objects.create(
            draw=draw, key=c.key, kind=c.kind, department_id=row.department_id, budget_id=row.budget_id,
            project_year_id=row.project_year_id, document_id=row.document_id, title=c.title, amount=c.amount,
            sector=c.sector, severity=c.severity or "", stratum=sampled.stratum, reason=sampled.reason,
            forced=sampled.forced, self_score=row.self_score, self_grade=row.self_grade)
    return draw


@transaction.atomic
def add_adjustment(*, item: SampledItem, points: Decimal, reason: str, user: User | None,
                   trusted: bool = False) -> ScoreAdjustment:
    """Record one 复核调整 (points and reason) on a sampled item of a current draw."""
    if not trusted and (user is None or not can_review(user)):
        raise OversightNotAllowed("只有财政局用户可以调整复核分")
    if not item.draw.is_current:
        raise AdjustmentRejected("该抽评已被重新抽取取代，不能再调整")
    if item.self_score is None:
        raise AdjustmentRejected(f"“{item.title}”没有自评分，无法调整")
    try:
        checked = check_adjustment(points, reason)
    except AdjustmentInvalid as exc:
        raise AdjustmentRejected(str(exc)) from None
    return ScoreAdjustment.objects.create(item=item, points=checked.points, reason=checked.reason,
                                          adjusted_by=user if user is not None and user.pk else None)


@transaction.atomic
def withdraw_adjustment(*, adjustment: ScoreAdjustment, user: User) -> None:
    """Withdraw a 复核调整 (soft delete: it stays in history)."""
    if not can_review(user):
        raise OversightNotAllowed("只有财政局用户可以调整复核分")
    adjustment.delete()
