"""目标质量 (target quality): the checks of a declaration's targets, 目标设置质量, the board's figures.

This app's part of ``/api/``: its router and the schemas of what it reads. A department reads its
own declarations' checks and the peers' anonymised statistics; 目标设置质量 by department names
only the departments the user may see (a department user: itself).
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.

from ninja import Router, Schema
from pydantic import Field

from jixiao.indicators.checks import CheckResult
from jixiao.report import Number
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.departments.permissions import DepartmentRequest, require_department_access
from jixiao.web.evaluation.models import Indicator
from jixiao.web.targets.selectors import (
    QualityRow,
    box_plot,
    most_low_targets,
    quality_by_department,
    quality_by_industry,
    row_checks,
    usage,
)

# -- schemas --------------------------------------------------------------------------------------


class TargetSuggestionOut(Schema):
    """One thing to reconsider about a target (建议), with the figures it rests on; never applied by itself."""

    kind: str = Field(description="检查项（历史/同类/资金/可量化）")
    label: str = Field(description="检查项名称")
    message: str = Field(description="说明")
    basis: str = Field(description="依据")


class TargetPeersOut(Schema):
    """The peers' anonymised statistics (同类统计): counts and quartiles, no department named."""

    year: int | None = Field(description="统计年度")
    count: int = Field(description="同类样本数")
    target_q1: Number | None = Field(description="指标值第一四分位数")
    target_median: Number | None = Field(description="指标值中位数")
    target_q3: Number | None = Field(description="指标值第三四分位数")
    actual_median: Number | None = Field(description="实际完成值中位数")
    cost_median: Number | None = Field(description="单位成本中位数（万元）")


class TargetHistoryOut(Schema):
    year: int
    target: Number | None = Field(description="指标值")
    actual: Number | None = Field(description="实际完成值")


class TargetCheckOut(Schema):
    """The checks of one declared indicator (目标值合理性检查)."""

    position: int = Field(description="指标序号（从 0 起）")
    name: str = Field(description="三级指标")
    in_library: bool = Field(description="是否对应指标库指标")
    basis: str = Field("", description="取值依据（近年实际、同类中位数、建议目标）")
    proposed_target: Number | None = Field(None, description="建议指标值")
    proposed_basis: str | None = Field(None, description="建议依据（计划标准/历史标准/行业标准）")
    suggestions: list[TargetSuggestionOut] = Field(default_factory=list)
    history: list[TargetHistoryOut] = Field(default_factory=list, description="本部门历年数据")
    peers: TargetPeersOut | None = None


class TargetQualityRowOut(Schema):
    """目标设置质量 of one department or 行业: how often targets were exceeded by the over-achievement line."""

    key: str
    label: str = Field(description="部门或行业")
    observed: int = Field(description="有指标值和实际值的指标数")
    exceeded: int = Field(description="实际完成值达到指标值 130% 及以上的指标数")
    share: Number | None = Field(description="超额比例（%）")


class TargetQualityOut(Schema):
    year: int | None
    departments: list[TargetQualityRowOut]
    industries: list[TargetQualityRowOut]


class TargetUsageOut(Schema):
    code: str = Field(description="指标编码")
    name: str = Field(description="指标名称")
    industry: str = Field(description="行业")
    departments: int = Field(description="使用部门数")
    projects: int = Field(description="使用项目数")


class TargetBoxOut(Schema):
    """Targets and actuals of one library indicator by year: [最小, 第一四分位数, 中位数, 第三四分位数, 最大]."""

    years: list[str]
    targets: list[list[float | None]]
    actuals: list[list[float | None]]


class TargetBoardOut(Schema):
    usage: list[TargetUsageOut]
    most_low: list[TargetQualityRowOut] = Field(description="目标偏低（超额 130%）最多的部门")


# -- router ---------------------------------------------------------------------------------------

router = Router(tags=["目标质量"])


def check_out(position: int, name: str, result: CheckResult | None) -> TargetCheckOut:
    if result is None:
        return TargetCheckOut(position=position, name=name, in_library=False, basis="", proposed_target=None,
                              proposed_basis=None)
    peers = result.peers
    return TargetCheckOut(
        position=position, name=name, in_library=True, basis=result.basis, proposed_target=result.proposed_target,
        proposed_basis=result.proposed_basis,
        suggestions=[TargetSuggestionOut(kind=s.kind, label=s.label, message=s.message, basis=s.basis)
                     for s in result.suggestions],
        history=[TargetHistoryOut(year=h.year, target=h.target, actual=h.actual) for h in result.history],
        peers=None if peers is None else TargetPeersOut(
            year=peers.year, count=peers.count, target_q1=peers.target_q1, target_median=peers.target_median,
            target_q3=peers.target_q3, actual_median=peers.actual_median, cost_median=peers.cost_median))


def quality_out(row: QualityRow) -> TargetQualityRowOut:
    return TargetQualityRowOut(key=row.key, label=row.label, observed=row.observed, exceeded=row.exceeded,
                               share=row.share)


@router.get("/departments/{department_id}/years/{year}/target-checks", response=list[TargetCheckOut])
@require_department_access()
def get_target_checks(request: DepartmentRequest, department_id: int, year: int) -> list[TargetCheckOut]:
    """The checks of each indicator of the department's declaration of ``year``, in order: own history, the peers'
    anonymised statistics (count, quartiles, median), the money, quantifiability, a proposed target with its basis.

    Who: the department's own users, the finance bureau and admins."""
    rows = list(Indicator.objects.filter(department=request.department, fiscal_year__year=year)
                .order_by("position", "pk"))
    results = row_checks(department=request.department, year=year, rows=rows)
    return [check_out(i, row.name, r) for i, (row, r) in enumerate(zip(rows, results, strict=True))]


@router.get("/target-quality", response=TargetQualityOut)
def get_target_quality(request: AuthenticatedHttpRequest, year: int | None = None) -> TargetQualityOut:
    """目标设置质量: per department the user may see, and per 行业 (anonymised across all departments).

    Who: anyone logged in; a department user's list of departments holds only its own."""
    return TargetQualityOut(year=year, departments=[quality_out(r) for r in quality_by_department(user=request.user, year=year)],
                            industries=[quality_out(r) for r in quality_by_industry(year=year)])


@router.get("/target-board", response=TargetBoardOut)
def get_target_board(request: AuthenticatedHttpRequest) -> TargetBoardOut:
    """The board's figures: indicator usage across departments, the departments with the most low targets.

    Who: anyone logged in; the departments listed are those the user may see."""
    return TargetBoardOut(
        usage=[TargetUsageOut(code=u.code, name=u.name, industry=u.industry, departments=u.departments,
                              projects=u.projects) for u in usage()],
        most_low=[quality_out(r) for r in most_low_targets(user=request.user)])


@router.get("/target-board/box", response=TargetBoxOut)
def get_target_box(request: AuthenticatedHttpRequest, code: str = "", industry: str = "") -> TargetBoxOut:
    """Targets vs actuals of one library indicator (``code``, ``industry``) by year (box plot; anonymised
    statistics); no indicator given: the most used one.

    Who: anyone logged in."""
    if not code:
        used = usage(limit=1)
        code, industry = (used[0].code, used[0].industry) if used else ("", "")
    return TargetBoxOut(**box_plot(code=code, industry=industry))
