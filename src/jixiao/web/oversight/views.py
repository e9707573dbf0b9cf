"""Pages of 抽评 (the year's draw, earlier draws, a sampled item with its 复核调整) and 考核 (ranking, a
department's result, the Excel export). Who may do what: ``departments.permissions`` (``can_review``)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from jixiao.figures import format as fmt
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import DepartmentRequest, can_review, require_department_access
from jixiao.web.oversight.export import ranking_xlsx
from jixiao.web.oversight.forms import AdjustmentForm, DrawForm
from jixiao.web.oversight.models import SampleDraw
from jixiao.web.oversight.selectors import (
    ItemNotFound,
    adjustment_history,
    assessment_results,
    assessment_years,
    current_draw,
    draw_items,
    draw_of,
    draws_of,
    item_for,
    latest_assessment_year,
    ranking,
    rule_choices,
    rule_named,
    years_with_candidates,
)
from jixiao.web.oversight.services import (
    AdjustmentRejected,
    DrawInvalid,
    add_adjustment,
    draw_year,
    withdraw_adjustment,
)


def _year(request: AuthenticatedHttpRequest, years: list[int], default: int | None) -> int | None:
    try:
        chosen = int(request.GET.get("year", ""))
    except ValueError:
        return default
    return chosen if chosen in years else default


def _default_year(years: list[int]) -> int | None:
    past = [y for y in years if y < date.today().year]
    return max(past) if past else (max(years) if years else None)


@login_required
def sampling(request: AuthenticatedHttpRequest) -> HttpResponse:
    """抽评: the year's current draw (its rule, seed, strata and items) and earlier draws; POST draws (财政局)."""
    years = years_with_candidates()
    year = _year(request, years, _default_year(years))
    writable = can_review(request.user)
    form = DrawForm(request.POST or None, rules=rule_choices()) if writable else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("只有财政局用户可以抽取抽评样本")
        try:
            year = int(request.POST.get("year", ""))
        except ValueError:
            year = None
        if year not in years:
            form.add_error(None, "请选择要抽评的年度")
        elif form.is_valid():
            try:
                made = draw_year(year=year, rule=rule_named(form.cleaned_data["rule"]), user=request.user,
                                 seed=form.cleaned_data["seed"])
            except DrawInvalid as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"已抽取 {year} 年度抽评样本 {made.items.count()} 个（随机种子 {made.seed}）")
                return redirect(f"{reverse('sampling')}?year={year}")
    draw = current_draw(year=year) if year is not None else None
    return render(request, "oversight/sampling.html", {
        "years": years, "year": year, "draw": draw, "form": form, "can_draw": writable,
        "items": draw_items(draw=draw, user=request.user) if draw else [],
        "history": draws_of(year=year) if year is not None and writable else [],
    }, status=400 if form is not None and form.errors else 200)


@login_required
@require_GET
def draw(request: AuthenticatedHttpRequest, draw_id: int) -> HttpResponse:
    """One draw, current or superseded: its rule as it was, seed, population size, strata and items."""
    found: SampleDraw | None = draw_of(draw_id=draw_id)
    if found is None:
        raise Http404("抽评批次不存在")
    items = draw_items(draw=found, user=request.user)
    if not can_review(request.user) and not items:
        raise Http404("抽评批次不存在")  # a department sees only draws that name it
    return render(request, "oversight/draw.html", {"draw": found, "items": items, "can_draw": can_review(request.user),
                                                   "population": len(found.population)})


@login_required
def item(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    """A sampled item: why it was drawn, 自评分 → 复核分 with every adjustment; POST adds one, or with ``withdraw``
    (an adjustment's id) withdraws it (财政局)."""
    try:
        view = item_for(user=request.user, item_id=item_id)
    except ItemNotFound as exc:
        raise Http404(str(exc)) from exc
    writable = can_review(request.user) and view.item.draw.is_current
    withdrawing = request.method == "POST" and "withdraw" in request.POST
    form = AdjustmentForm(request.POST if request.method == "POST" and not withdrawing else None) if writable else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("只有财政局用户可以调整复核分")
        if withdrawing:  # 撤回 one of the item's live adjustments (kept in 调整记录)
            adjustment = next((a for a in view.adjustments if str(a.pk) == request.POST["withdraw"]), None)
            if adjustment is None:
                messages.error(request, "该复核调整不存在或已撤回")
            else:
                withdraw_adjustment(adjustment=adjustment, user=request.user)
                sign = "+" if adjustment.points > 0 else ""
                messages.success(request, f"已撤回复核调整（{sign}{fmt.plain(adjustment.points)} 分），记录保留在调整记录中")
            return redirect("sampled-item", item_id=item_id)
        if form.is_valid():
            try:
                add_adjustment(item=view.item, points=form.cleaned_data["points"], reason=form.cleaned_data["reason"],
                               user=request.user)
            except AdjustmentRejected as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "已记录复核调整")
                return redirect("sampled-item", item_id=item_id)
    return render(request, "oversight/item.html", {"view": view, "form": form, "history": adjustment_history(view.item)},
                  status=400 if form is not None and form.errors else 200)


@login_required
@require_GET
def assessment(request: AuthenticatedHttpRequest) -> HttpResponse:
    """考核排名 (财政局): every department's score and grade for the year, each line explained; a department
    user goes to its own result."""
    if not request.user.sees_all_departments:
        if request.user.department_id is None:
            raise PermissionDenied("只有财政局用户可以查看考核排名")
        return redirect(reverse("department-assessment", args=[request.user.department_id]) +
                        (f"?year={request.GET['year']}" if "year" in request.GET else ""))
    years = assessment_years()
    year = _year(request, years, latest_assessment_year() or (years[0] if years else None))
    data = ranking(user=request.user, year=year) if year is not None else None
    return render(request, "oversight/assessment.html", {"years": years, "year": year, "data": data})


@login_required
@require_GET
def assessment_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The ranking of the year as an Excel file (导出 Excel), for the departments the user sees."""
    years = assessment_years()
    year = _year(request, years, latest_assessment_year() or (years[0] if years else None))
    if year is None:
        raise Http404("没有可考核的年度")
    response = HttpResponse(ranking_xlsx(ranking(user=request.user, year=year)),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="assessment-{year}.xlsx"'
    return response


@login_required
@require_GET
@require_department_access()
def department_assessment(request: DepartmentRequest, department_id: int) -> HttpResponse:
    """A department's own 考核 result of the year: every item's 得分 / 分值 / 依据."""
    years = assessment_years()
    year = _year(request, years, latest_assessment_year() or (years[0] if years else None))
    found = (assessment_results(year=year, departments=Department.objects.filter(pk=request.department.pk))
             if year is not None else [])
    return render(request, "oversight/department.html", {
        "department": request.department, "years": years, "year": year, "result": found[0] if found else None})
