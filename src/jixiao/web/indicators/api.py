"""The 指标库 in ``/api/``: list/search (the declaration forms' picker reads it), detail, propose, review.

The same services and permissions as the pages: departments read and propose; the finance
bureau reviews (通过 / 退回 / 停用 / 恢复). Schema names carry ``Library`` so none clashes with another app's.
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import time.

from collections.abc import Callable
from typing import Literal, cast

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Query, Router, Schema
from pydantic import Field

from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.common.locking import version_of
from jixiao.web.indicators import selectors, services
from jixiao.web.indicators.models import LibraryIndicator, Status
from jixiao.web.indicators.permissions import can_manage, can_propose, can_read, visible_to

router = Router(tags=["指标库"])

StatusValue = Literal["draft", "review", "active", "retired"]
OperatorValue = Literal[">=", ">", "=", "<", "<=", "qualitative", ""]


class LibraryIndicatorOut(Schema):
    """A library indicator with its status, version and the version for optimistic locking."""

    id: int
    code: str = Field(description="指标编码")
    name: str = Field(description="指标名称（三级指标）")
    level1: str = Field(description="一级指标")
    level2: str = Field(description="二级指标")
    scope: Literal["共性", "个性"]
    industry: str = Field(description="行业")
    field: str = Field(description="领域")
    operator: str = Field(description="计算符号：>=、>、=、<、<=、qualitative（定性），空为未定")
    operator_label: str = Field(description="计算符号的显示：≥ ＞ ＝ ＜ ≤ 定性")
    unit: str = Field(description="计量单位")
    explanation: str = Field(description="指标解释")
    formula: str = Field(description="计算公式")
    scoring_standard: str = Field(description="评(扣)分标准")
    data_source: str = Field(description="数据来源")
    evidence: str = Field(description="佐证资料要求")
    source: str = Field(description="出处")
    status: StatusValue
    status_label: str = Field(description="草稿 / 审核 / 入库 / 停用")
    version: int = Field(description="版本（入库为 1，每次审定的修改加 1；未入库为 0）")
    lock_version: int = Field(description="修改、审核时回传，期间他人已保存 → 409")
    proposed_by_department: str | None = Field(None, description="提出部门")
    review_note: str = Field(description="审核意见")


class LibraryListOut(Schema):
    count: int
    indicators: list[LibraryIndicatorOut]


class LibraryFilters(Schema):
    q: str | None = Field(None, max_length=100, description="名称、编码或关键词")
    industry: str | None = Field(None, max_length=60, description="行业")
    field: str | None = Field(None, max_length=60, description="领域")
    level1: str | None = Field(None, max_length=50, description="一级指标")
    level2: str | None = Field(None, max_length=50, description="二级指标")
    scope: Literal["共性", "个性"] | None = None
    status: StatusValue | None = Field(None, description="默认只查入库的指标；财政局可查其他状态")
    limit: int = Field(20, ge=1, le=200)


class LibraryProposalIn(Schema):
    """A proposed indicator (提出新指标), reviewed by the finance bureau before it enters the library."""

    name: str = Field(min_length=1, max_length=300, description="指标名称")
    level1: str = Field(min_length=1, max_length=50, description="一级指标")
    level2: str = Field("", max_length=50, description="二级指标")
    industry: str = Field(min_length=1, max_length=60, description="行业（行业分类中的名称）")
    field: str = Field("", max_length=60, description="领域")
    operator: OperatorValue = Field("", description="计算符号")
    unit: str = Field("", max_length=30, description="计量单位")
    scoring_standard: str = Field("", max_length=5000, description="评(扣)分标准")
    explanation: str = Field("", max_length=5000, description="指标解释")


class LibraryReviewIn(Schema):
    action: Literal["approve", "reject", "retire", "reinstate"] = Field(
        description="approve 通过入库 / reject 退回（须写原因）/ retire 停用 / reinstate 恢复使用")
    note: str = Field("", max_length=2000, description="审核意见；退回时必填")
    lock_version: int = Field(description="GET 所得的 lock_version；期间他人已保存 → 409")


def _out(row: LibraryIndicator) -> LibraryIndicatorOut:
    return LibraryIndicatorOut(
        id=row.pk, code=row.code, name=row.name, level1=row.level1, level2=row.level2, scope=cast(Literal["共性", "个性"], row.scope),
        industry=row.industry, field=row.field, operator=row.operator, operator_label=row.operator_label,
        unit=row.unit, explanation=row.explanation, formula=row.formula, scoring_standard=row.scoring_standard,
        data_source=row.data_source, evidence=row.evidence, source=row.source, status=cast(StatusValue, row.status),
        status_label=Status(row.status).label, version=row.version, lock_version=version_of(row),
        proposed_by_department=row.proposed_by_department.name if row.proposed_by_department else None,
        review_note=row.review_note)


def _reader(request: AuthenticatedHttpRequest) -> None:
    if not can_read(request.user):
        raise PermissionDenied("无权查看指标库")


def _visible(request: AuthenticatedHttpRequest, indicator_id: int) -> LibraryIndicator:
    row = visible_to(request.user).select_related("proposed_by_department").filter(pk=indicator_id).first()
    if row is None:
        raise Http404("指标不存在")
    return row


@router.get("/indicators", response=LibraryListOut)
def library_search(request: AuthenticatedHttpRequest, filters: Query[LibraryFilters]) -> LibraryListOut:
    """指标库检索: 入库 indicators by name, 行业, 领域, 一级/二级, 共性/个性 (the declaration forms' picker).

    Who: 部门用户 (入库 and 停用 indicators, and its own department's proposals), 财政局用户, 管理员."""
    _reader(request)
    status = filters.status or "active"
    if status != "active" and not can_manage(request.user):
        status = "active"  # departments pick from the library; other states are the reviewer's
    rows = list(selectors.search(q=filters.q, industry=filters.industry, field=filters.field, level1=filters.level1,
                                 level2=filters.level2, scope=filters.scope, status=status, limit=filters.limit,
                                 within=visible_to(request.user)))
    return LibraryListOut(count=len(rows), indicators=[_out(row) for row in rows])


@router.get("/indicators/{indicator_id}", response=LibraryIndicatorOut)
def library_indicator(request: AuthenticatedHttpRequest, indicator_id: int) -> LibraryIndicatorOut:
    """One library indicator with all its fields.

    Who: 财政局用户, 管理员; a department user 入库 and 停用 ones and its own department's proposals (else 404)."""
    _reader(request)
    return _out(_visible(request, indicator_id))


@router.post("/indicators", response=LibraryIndicatorOut)
def library_propose(request: AuthenticatedHttpRequest, payload: LibraryProposalIn) -> LibraryIndicatorOut:
    """提出新指标: enters as 审核 (or the library's indicator of the same name, 行业 and unit is returned).

    Who: 部门用户, 财政局用户, 管理员."""
    if not can_propose(request.user):
        raise PermissionDenied("无权提出指标")
    row = services.propose(actor=request.user, proposed_by_department=request.user.department,
                           **payload.model_dump())
    return _out(row)


@router.post("/indicators/{indicator_id}/review", response=LibraryIndicatorOut)
def library_review(request: AuthenticatedHttpRequest, indicator_id: int, payload: LibraryReviewIn
                   ) -> LibraryIndicatorOut:
    """审核: 通过入库、退回、停用、恢复使用 (the finance bureau).

    Who: 财政局用户, 管理员 (a department user: 403 for what it sees, 404 for others' proposals)."""
    row = _visible(request, indicator_id)  # first: what a user may not see is not there (404), whatever they may do
    if not can_manage(request.user):
        raise PermissionDenied("只有财政局用户可以审核指标")
    actions: dict[str, Callable[..., LibraryIndicator]] = {
        "approve": services.approve, "reject": services.reject, "retire": services.retire,
        "reinstate": services.reinstate}
    action = actions[payload.action]
    extra = {"note": payload.note} if payload.action != "reinstate" else {}
    return _out(action(indicator=row, actor=request.user, version=payload.lock_version, **extra))
