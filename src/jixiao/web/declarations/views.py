"""Pages of goal declaration (绩效目标申报) and the finance bureau's goal review (目标审核)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from jixiao.declaration import load_declaration_rules, load_review_scheme
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.budgets.services import FiscalYearClosed
from jixiao.web.common.listing import list_state, paginate, sort_rows
from jixiao.web.common.locking import EditConflict
from jixiao.web.declarations.extensions import checks_of
from jixiao.web.declarations.flows import save_declaration
from jixiao.web.declarations.forms import DeclarationForm, IndicatorForm, IndicatorFormSet, ReviewForm
from jixiao.web.declarations.models import GoalDeclaration
from jixiao.web.declarations.selectors import (
    DECLARATION_FILTERS,
    DeclarationState,
    declaration_list,
    declaration_state,
    next_declaration_years,
)
from jixiao.web.declarations.services import (
    DeclarationInvalid,
    DeclarationLocked,
    DeclarationStateError,
    DeclaredBudget,
    InvalidReview,
    review_declaration,
    submit_declaration,
)
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.departments.permissions import (
    DepartmentRequest,
    can_review,
    can_write_figures,
    require_department_access,
    require_review_access,
)
from jixiao.web.evaluation.models import OPERATOR_SYMBOLS

STATUS_CHOICES = GoalDeclaration.Status.choices
QUEUE_SORTS = {
    "department": lambda r: (r.department.name, -r.year), "year": lambda r: (r.year, r.department.name),
    "status": lambda r: (r.status_label, r.department.name),
    "submitted": lambda r: r.submitted_at,
}
"""Columns the declarations list sorts by (none asked: 已提交 first, then by year and department)."""


def _context(request: AuthenticatedHttpRequest, state: DeclarationState, **extra: Any) -> dict[str, Any]:
    can_write = can_write_figures(request.user, state.department)
    # beside each saved row: its checks against history, peers and money (目标质量, when installed)
    checks = checks_of(department=state.department, year=state.year, rows=state.indicators)
    rows = [(row, OPERATOR_SYMBOLS.get(row.op, "定性" if row.op == "qualitative" else ""), state.problems_of(i),
             checks[i]) for i, row in enumerate(state.indicators)]
    rules = load_declaration_rules()
    formset = extra.get("formset")
    if formset is not None:
        bound = extra.get("bound")
        extra["form_rows"] = [(f, [] if bound else state.problems_of(i),
                               None if bound or i >= len(checks) else checks[i]) for i, f in enumerate(formset.forms)]
    # A declaration nothing was ever saved of opens clean: its problems show after the first save, next to their field.
    fresh = state.declaration.pk is None and not state.goals and not state.indicators
    placed: dict[str, list[Any]] = {"goals": [], "budget": [], "indicators": [], "other": []}
    for problem in [] if fresh else state.general_problems:
        part = problem.code.split(".", 1)[0]
        placed["goals" if part == "goals" else "budget" if part == "budget"
               else "indicators" if part in ("indicators", "weights") else "other"].append(problem)
    return {"state": state, "department": state.department, "year": state.year, "rows": rows, "fresh": fresh,
            "placed": placed,
            "can_write": can_write, "editing": can_write and state.declaration.editable,
            "can_review": can_review(request.user), "dimensions": {d.key: d.name for d in state.scheme.dimensions},
            "level2_options": sorted({v for values in rules.level2.values() for v in values}), **extra}


def _forms(state: DeclarationState) -> tuple[DeclarationForm, Any]:
    budget = state.budget
    form = DeclarationForm(initial={
        "goals": "\n".join(g.text for g in state.goals),
        "initial": budget.initial if budget else None, "basic": budget.basic if budget else None,
        "project": budget.project if budget else None, "version": state.version})
    formset = IndicatorFormSet(prefix="ind", initial=[IndicatorForm.initial_for(r) for r in state.indicators])
    return form, formset


def _page(department_id: int, year: int) -> str:
    return reverse("declaration", args=[department_id, year])


@login_required
def declaration(request: DepartmentRequest, department_id: int, year: int) -> HttpResponse:
    """The department's declaration of the year: read it (GET) or change it (POST, its own users).

    (``request.department`` is set by the decorators of ``_show`` and ``_change``.)
    """
    if request.method == "POST":
        return _change(request, department_id=department_id, year=year)
    return _show(request, department_id=department_id, year=year)


@require_department_access()
def _show(request: DepartmentRequest, department_id: int, year: int) -> HttpResponse:
    state = declaration_state(department=request.department, year=year)
    form, formset = _forms(state)
    return render(request, "declarations/declaration.html", _context(request, state, form=form, formset=formset))


@require_department_access(write=True)
def _change(request: DepartmentRequest, department_id: int, year: int) -> HttpResponse:
    department = request.department
    action = request.POST.get("action", "save")
    try:
        form = DeclarationForm(request.POST)
        formset = IndicatorFormSet(request.POST, prefix="ind")
        if not (form.is_valid() and formset.is_valid()):
            state = declaration_state(department=department, year=year)
            messages.error(request, "填写有误，请按提示修改")
            return render(request, "declarations/declaration.html",
                          _context(request, state, form=form, formset=formset, bound=True))
        kept = [f for f in formset.forms if not f.cleaned_data.get("DELETE") and f.cleaned_data.get("name", "").strip()]
        indicators = [f.declared() for f in kept]
        amounts = [form.cleaned_data[name] for name in ("initial", "basic", "project")]
        # all three left blank: no budget is declared (a blank form must not create an empty budget)
        budget = DeclaredBudget(*amounts) if any(a is not None for a in amounts) else None
        try:
            save_declaration(department=department, year=year, goals=form.goal_texts(), indicators=indicators,
                             budget=budget, version=form.cleaned_data["version"],
                             links=[f.library_choice() for f in kept])
        except EditConflict as exc:  # what was typed stays in the form, what changed above it
            state = declaration_state(department=department, year=year)
            return render(request, "declarations/declaration.html",
                          _context(request, state, form=form, formset=formset, bound=True, conflict=exc))
        if action == "submit":
            submit_declaration(department=department, year=year, user=request.user)
            messages.success(request, f"{year} 年度绩效目标已提交财政局审核")
        else:
            messages.success(request, "已保存")
    except DeclarationInvalid as exc:
        messages.error(request, f"已保存，但有{len(exc.problems)}个须修改的问题，未能提交（见下方标注）")
    except (DeclarationLocked, DeclarationStateError, FiscalYearClosed) as exc:
        messages.error(request, str(exc))
    return redirect(_page(department.pk, year))


@login_required
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The declarations the user sees (目标审核队列): submitted first, filtered by status, year and department;
    a department user also sees its drafts and starts the next year's."""
    state = list_state(request, sorts=QUEUE_SORTS, default="", filters=DECLARATION_FILTERS)
    status = state.filters["status"] if state.filters["status"] in dict(STATUS_CHOICES) else ""
    rows = declaration_list(user=request.user, status=status, year=state.filters["year"],
                            department=state.filters["department"])
    if state.sort:
        rows = sort_rows(rows, state, QUEUE_SORTS)
    visible = Department.objects.visible_to(request.user)
    years = sorted(set(FiscalYear.objects.filter(budgets__department__in=visible).values_list("year", flat=True))
                   | {r.year for r in rows}, reverse=True)
    departments = list(visible.order_by("name").values_list("pk", "name")) if request.user.sees_all_departments else []
    return render(request, "declarations/queue.html", {
        "page": paginate(rows, state), "state": state, "status": status, "statuses": STATUS_CHOICES,
        "years": years, "departments": [(str(pk), name) for pk, name in departments],
        "next_years": [(d, y) for d, y in next_declaration_years(user=request.user)
                       if can_write_figures(request.user, d)],
        "can_review": can_review(request.user)})


@login_required
@require_review_access("只有财政局用户可以审核绩效目标")
def review(request: DepartmentRequest, department_id: int, year: int) -> HttpResponse:
    """The finance bureau's review form of a submitted declaration (目标审核), beside the read-only declaration."""
    department = request.department
    scheme = load_review_scheme()
    form = ReviewForm(request.POST or None, scheme=scheme)
    if request.method == "POST" and form.is_valid():
        try:
            result = review_declaration(department=department, year=year, reviewer=request.user,
                                        grades=form.grades(), overall=form.cleaned_data["overall"],
                                        comment=form.cleaned_data["comment"])
        except (DeclarationStateError, InvalidReview) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"{department.name} {year} 年度绩效目标审核结果：{result.overall}"
                                      f"（{result.consequence}），{result.get_decision_display()}")
            return redirect(reverse("declarations"))
    state = declaration_state(department=department, year=year)
    return render(request, "declarations/review.html", _context(request, state, form=form))
