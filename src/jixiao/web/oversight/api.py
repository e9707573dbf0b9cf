"""抽评 and 考核: draws with their rule, seed and items; a sampled item's 复核调整; the 考核 ranking and a
department's result with every line explained.

This app's part of ``/api/``: its router and the schemas of what it reads and writes.
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import time.

from datetime import datetime

from ninja import Query, Router, Schema
from pydantic import Field

from jixiao.oversight.assessment import AssessmentResult
from jixiao.report import Number
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.common.api import YEAR_RANGE
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import DepartmentRequest, can_review, require_department_access
from jixiao.web.oversight.models import SampleDraw
from jixiao.web.oversight.selectors import (
    ItemNotFound,
    ItemView,
    assessment_results,
    draw_items,
    draw_of,
    draws_of,
    item_for,
    ranking,
    rule_named,
)
from jixiao.web.oversight.services import add_adjustment, draw_year

router = Router(tags=["抽评与考核"])


class SampleAdjustmentOut(Schema):
    """One 复核调整 of a sampled item."""

    id: int
    points: Number = Field(description="调整分值（负数为扣分）")
    reason: str = Field(description="调整理由")
    adjusted_at: datetime


class SampledItemOut(Schema):
    """A drawn self-evaluation with the reason it was drawn and its 自评分 → 复核分."""

    id: int
    draw_id: int
    year: int
    key: str = Field(description="对象标识：department:<预算 id> 或 project:<项目年度 id>")
    kind: str = Field(description="department 部门整体支出自评 | project 项目支出自评")
    department_id: int
    department: str
    title: str
    amount: Number | None = Field(description="全年预算数（万元）")
    sector: str = Field(description="行业")
    stratum: str = Field(description="所在分层")
    reason: str = Field(description="抽取原因")
    forced: bool = Field(description="必抽（复核发现严重问题）")
    document_id: int | None = Field(description="自评报告文件（复核页 /reviews/<id>/）")
    self_score: Number | None = Field(description="自评分")
    self_grade: str = Field(description="自评等级")
    score: Number | None = Field(description="复核分（无调整时等于自评分）")
    grade: str | None = Field(description="复核等级，按评分框架的等级区间")
    adjustments: list[SampleAdjustmentOut]


class SampleStratumOut(Schema):
    label: str
    size: int
    drawn: int


class SampleDrawOut(Schema):
    """One 抽评 draw: its rule as it was, the seed, the population size, the strata and the items the caller sees."""

    id: int
    year: int
    current: bool = Field(description="当前有效；false：已被重新抽取取代")
    rule: str
    rule_title: str
    rule_source: str
    seed: int
    population: int | None = Field(description="抽评范围的对象数（仅财政局）")
    strata: list[SampleStratumOut]
    drawn_at: datetime
    items: list[SampledItemOut]


class SampleDrawIn(Schema):
    year: int
    rule: str | None = Field(None, description="抽评规则名称（默认 sampling-local）")
    seed: int | None = Field(None, ge=0, description="随机种子；省略则随机生成")


class SampleAdjustmentIn(Schema):
    points: Number = Field(description="调整分值（负数为扣分），最多两位小数")
    reason: str


class ManagementAssessmentLineOut(Schema):
    key: str
    title: str = Field(description="考核项")
    score: Number = Field(description="得分")
    points: Number = Field(description="分值")
    basis: str = Field(description="评分依据")
    detail: str = Field(description="计分说明")


class ManagementAssessmentOut(Schema):
    """A department's 绩效管理工作考核 of a year, every item explained."""

    department_id: int
    department: str
    year: int
    rank: int | None = Field(None, description="名次（排名中）")
    total: Number
    grade: str
    framework: str
    framework_source: str
    lines: list[ManagementAssessmentLineOut]


def _item_out(v: ItemView) -> SampledItemOut:
    i, c = v.item, v.correction
    return SampledItemOut(
        id=i.pk, draw_id=i.draw_id, year=i.draw.fiscal_year.year, key=i.key, kind=i.kind, department_id=i.department_id,
        department=i.department.name, title=i.title, amount=i.amount, sector=i.sector, stratum=i.stratum,
        reason=i.reason, forced=i.forced, document_id=i.document_id, self_score=i.self_score, self_grade=i.self_grade,
        score=c.score if c else None, grade=c.grade if c else (i.self_grade or None),
        adjustments=[SampleAdjustmentOut(id=a.pk, points=a.points, reason=a.reason, adjusted_at=a.created_at)
                     for a in v.adjustments])


def _draw_out(draw: SampleDraw, request: AuthenticatedHttpRequest) -> SampleDrawOut:
    finance = can_review(request.user)
    return SampleDrawOut(
        id=draw.pk, year=draw.fiscal_year.year, current=draw.is_current, rule=draw.rule_name, rule_title=draw.rule_title,
        rule_source=draw.rule_source, seed=draw.seed, population=len(draw.population) if finance else None,
        strata=[SampleStratumOut(**s) for s in draw.strata] if finance else [], drawn_at=draw.created_at,
        items=[_item_out(v) for v in draw_items(draw=draw, user=request.user)])


def _assessment_out(result: AssessmentResult, department_id: int, place: int | None = None) -> ManagementAssessmentOut:
    return ManagementAssessmentOut(
        department_id=department_id, department=result.department, year=result.year, rank=place, total=result.total,
        grade=result.grade, framework=result.framework.title, framework_source=result.framework.source,
        lines=[ManagementAssessmentLineOut(key=line.key, title=line.title, score=line.score, points=line.points, basis=line.basis,
                                 detail=line.detail) for line in result.lines])


@router.get("/oversight/draws", response=list[SampleDrawOut])
def list_draws(request: AuthenticatedHttpRequest, year: int = Query(..., **YEAR_RANGE)) -> list[SampleDrawOut]:
    """The draws of `year`, newest first (current and superseded), each with the items the caller sees.

    Who: the finance bureau sees every draw whole; a department only the draws naming it, only its own items.
    """
    out = [_draw_out(d, request) for d in draws_of(year=year)]
    return out if can_review(request.user) else [d for d in out if d.items]


@router.post("/oversight/draws", response=SampleDrawOut)
def post_draw(request: AuthenticatedHttpRequest, payload: SampleDrawIn) -> SampleDrawOut:
    """Draw the year's sample by the rule and seed (a fresh seed when omitted); an earlier draw stays, superseded.

    Who: 财政局用户, 管理员.
    """
    draw = draw_year(year=payload.year, rule=rule_named(payload.rule), user=request.user, seed=payload.seed)
    return _draw_out(draw, request)


@router.get("/oversight/draws/{draw_id}", response=SampleDrawOut)
def get_draw(request: AuthenticatedHttpRequest, draw_id: int) -> SampleDrawOut:
    """One draw with its rule, seed, strata and items.

    Who: the finance bureau; a department only a draw naming it (else 404).
    """
    draw = draw_of(draw_id=draw_id)
    if draw is None:
        raise ItemNotFound("抽评批次不存在")
    out = _draw_out(draw, request)
    if not can_review(request.user) and not out.items:
        raise ItemNotFound("抽评批次不存在")
    return out


@router.get("/oversight/items/{item_id}", response=SampledItemOut)
def get_sampled_item(request: AuthenticatedHttpRequest, item_id: int) -> SampledItemOut:
    """A sampled item: why it was drawn, 自评分, every 复核调整, 复核分 and grade.

    Who: those who see its department.
    """
    return _item_out(item_for(user=request.user, item_id=item_id))


@router.post("/oversight/items/{item_id}/adjustments", response=SampledItemOut)
def post_adjustment(request: AuthenticatedHttpRequest, item_id: int, payload: SampleAdjustmentIn) -> SampledItemOut:
    """Record a 复核调整 (points and reason); answers the item with its new 复核分 and grade.

    Who: 财政局用户, 管理员.
    """
    view = item_for(user=request.user, item_id=item_id)
    add_adjustment(item=view.item, points=payload.points, reason=payload.reason, user=request.user)
    return _item_out(item_for(user=request.user, item_id=item_id))


@router.get("/oversight/assessment", response=list[ManagementAssessmentOut])
def get_ranking(request: AuthenticatedHttpRequest, year: int = Query(..., **YEAR_RANGE)) -> list[ManagementAssessmentOut]:
    """The 考核 ranking of `year`: each department's total, grade, rank and every item's 得分/分值/依据.

    Who: the finance bureau sees every department with its rank; a department only its own result, no rank.
    """
    data = ranking(user=request.user, year=year)
    ranked = request.user.sees_all_departments
    return [_assessment_out(r, department_id, place if ranked else None) for place, r, department_id in data.rows]


@router.get("/departments/{department_id}/assessment", response=ManagementAssessmentOut)
@require_department_access()
def get_department_assessment(request: DepartmentRequest, department_id: int, year: int = Query(..., **YEAR_RANGE)) -> ManagementAssessmentOut:
    """A department's 考核 of `year`, every item explained (no rank: a department sees only its own).

    Who: those who see the department.
    """
    found = assessment_results(year=year, departments=Department.objects.filter(pk=request.department.pk))
    if not found:
        raise ItemNotFound(f"{year} 年度本部门没有预算记录，无法考核")
    return _assessment_out(found[0], request.department.pk)
