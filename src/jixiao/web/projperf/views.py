"""Pages of 项目绩效: a project's years, its goal declaration (with 目标审核 and 目标调整), monitoring
(月度执行数, indicator progress, warnings) and the year-end self-evaluation with the 附件1 downloads."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jixiao.declaration import load_declaration_rules, load_review_scheme
from jixiao.errors import JixiaoError
from jixiao.figures.rates import computed_rate
from jixiao.monitor.indicators import load_bands
from jixiao.render.pdf import RenderError
from jixiao.render.project import (
    render_project_form_pdf,
    render_project_form_xlsx,
    render_project_report_docx,
)
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.common.listing import list_state, paginate
from jixiao.web.common.locking import EditConflict
from jixiao.web.declarations.extensions import checks_of
from jixiao.web.declarations.forms import IndicatorForm, IndicatorFormSet, ReviewForm
from jixiao.web.declarations.services import DeclarationInvalid
from jixiao.web.departments.permissions import can_review, can_write_figures
from jixiao.web.evaluation.models import OPERATOR_SYMBOLS
from jixiao.web.monitoring.forms import WarningResponseForm
from jixiao.web.monitoring.selectors import default_monitoring_date
from jixiao.web.projects.models import Project
from jixiao.web.projects.selectors import project_for
from jixiao.web.projperf.forms import (
    ActualFormSet,
    AdjustmentForm,
    MonthlyForm,
    ProgressForm,
    ProjectDeclarationForm,
    SelfEvaluationForm,
)
from jixiao.web.projperf.models import FUND_ROWS, ProjectYear
from jixiao.web.projperf.selectors import (
    YearState,
    monitoring_of,
    performance_years,
    project_framework,
    project_report,
    review_queue,
    scored,
    year_state,
)
from jixiao.web.projperf.services import (
    BUDGETED,
    Actual,
    ProjectBudget,
    adjust_goals,
    record_monthly,
    record_progress,
    respond_to_warning,
    review_project_declaration,
    save_project_declaration,
    save_self_evaluation,
    submit_project_declaration,
    submit_self_evaluation,
)

YEAR_MIN, YEAR_MAX = 2000, 2100


def _project(request: AuthenticatedHttpRequest, project_id: int, *, write: bool = False) -> Project:
    """The project as the user may see it (404 otherwise); ``write``: its department's own users only (403)."""
    project = project_for(request.user, project_id)
    if write and not can_write_figures(request.user, project.department):
        raise PermissionDenied("财政局用户不能修改部门的项目数据")
    return project


def _year(year: int) -> int:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise Http404("没有这个年度")
    return year


def _common(request: AuthenticatedHttpRequest, state: YearState, tab: str, **extra: Any) -> dict[str, Any]:
    project = state.project
    # the 目标质量 checks beside each indicator where goals are declared and reviewed (given, or looked up once)
    checks = extra.pop("checks", None)
    if checks is None:
        checks = (checks_of(department=project.department, year=state.year, rows=state.indicators,
                            project_year=state.row) if tab in ("goals", "review") else [None] * len(state.indicators))
    return {"state": state, "project": project, "year": state.year, "row": state.row, "tab": tab,
            "can_write": can_write_figures(request.user, project.department), "can_review": can_review(request.user),
            "fund_rows": [(label, getattr(state.row, f"{p}_initial"), getattr(state.row, f"{p}_total"),
                           getattr(state.row, f"{p}_spent")) for p, label, _ in FUND_ROWS],
            "indicator_rows": [(i, OPERATOR_SYMBOLS.get(i.op, "定性" if i.op == "qualitative" else ""),
                                state.problems_of(n), checks[n] if n < len(checks) else None)
                               for n, i in enumerate(state.indicators)],
            "dimensions": {d.key: d.name for d in load_review_scheme().dimensions},
            "execution_weight": execution.weight if (execution := project_framework().execution_part) else None,
            **extra}


@login_required
def years(request: AuthenticatedHttpRequest, project_id: int) -> HttpResponse:
    """The project's performance years (项目绩效年度) and, for its own users, the next one to declare."""
    project = _project(request, project_id)
    rows = performance_years(project)
    return render(request, "projperf/years.html", {
        "project": project, "rows": rows, "next_year": _next_year(project, rows), "budgeted": project.status in BUDGETED,
        "can_write": can_write_figures(request.user, project.department)})


def _next_year(project: Project, rows: list[ProjectYear]) -> int | None:
    """The year the project's next declaration is for: its first year, then the year after the latest
    declared, within its period (None once every year of it is declared)."""
    year = rows[0].year + 1 if rows else project.start_year
    return None if project.end_year is not None and year > project.end_year else year


# -- declaration ---------------------------------------------------------------------------------


def _declaration_forms(state: YearState) -> tuple[ProjectDeclarationForm, Any]:
    row = state.row
    initial: dict[str, Any] = {"goals": "\n".join(g.text for g in state.goals), "initial": row.initial,
                               "total": row.total, "version": state.version}
    for prefix, _, _ in FUND_ROWS:
        initial[f"{prefix}_initial"] = getattr(row, f"{prefix}_initial")
        initial[f"{prefix}_total"] = getattr(row, f"{prefix}_total")
    formset = IndicatorFormSet(prefix="ind", initial=[IndicatorForm.initial_for(r) for r in state.indicators])
    return ProjectDeclarationForm(initial=initial), formset


def _declaration_page(request: AuthenticatedHttpRequest, state: YearState, *, form: Any, formset: Any,
                      bound: bool = False, **extra: Any) -> HttpResponse:
    rules = load_declaration_rules()
    can_write = can_write_figures(request.user, state.project.department)
    # beside each saved row: its checks against history, peers and money (目标质量, when installed)
    checks = checks_of(department=state.project.department, year=state.year, rows=state.indicators,
                       project_year=state.row)
    form_rows = [(f, [] if bound else state.problems_of(i), None if bound or i >= len(checks) else checks[i])
                 for i, f in enumerate(formset.forms)]
    adjustment = extra.pop("adjustment", None) or AdjustmentForm(indicators=state.indicators)
    return render(request, "projperf/goals.html", _common(
        request, state, "goals", form=form, formset=formset, form_rows=form_rows, bound=bound, checks=checks,
        editing=can_write and state.row.editable, fresh=state.row.pk is None,
        adjustment=adjustment, adjusting=can_write and state.row.status == ProjectYear.Status.APPROVED,
        level2_options=sorted({v for values in rules.level2.values() for v in values}), **extra))


@login_required
def goals(request: AuthenticatedHttpRequest, project_id: int, year: int) -> HttpResponse:
    """项目绩效目标申报: the budget, 年度总体目标 and indicators of the year; save / submit (own users)."""
    year = _year(year)
    if request.method != "POST":
        project = _project(request, project_id)
        state = year_state(project=project, year=year)
        form, formset = _declaration_forms(state)
        return _declaration_page(request, state, form=form, formset=formset)
    project = _project(request, project_id, write=True)
    form = ProjectDeclarationForm(request.POST)
    formset = IndicatorFormSet(request.POST, prefix="ind")
    if not (form.is_valid() and formset.is_valid()):
        messages.error(request, "填写有误，请按提示修改")
        return _declaration_page(request, year_state(project=project, year=year), form=form, formset=formset,
                                 bound=True)
    kept = [f for f in formset.forms if not f.cleaned_data.get("DELETE") and f.cleaned_data.get("name", "").strip()]
    indicators = [f.declared() for f in kept]
    budget = ProjectBudget(form.cleaned_data["initial"], form.cleaned_data["total"], form.funds())
    try:
        save_project_declaration(project=project, year=year, goals=form.goal_texts(), indicators=indicators,
                                 budget=budget, version=form.cleaned_data["version"],
                                 links=[f.library_choice() for f in kept])
    except EditConflict as exc:
        return _declaration_page(request, year_state(project=project, year=year), form=form, formset=formset,
                                 bound=True, conflict=exc)
    except JixiaoError as exc:
        messages.error(request, str(exc))
        return redirect(reverse("project-goals", args=[project.pk, year]))
    if request.POST.get("action") == "submit":
        try:
            submit_project_declaration(project=project, year=year, user=request.user)
        except DeclarationInvalid as exc:
            messages.error(request, f"已保存，但有{len(exc.problems)}个须修改的问题，未能提交（见下方标注）")
        except JixiaoError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"{year} 年度项目绩效目标已提交财政局审核")
    else:
        messages.success(request, "已保存")
    return redirect(reverse("project-goals", args=[project.pk, year]))


@login_required
@require_POST
def adjust(request: AuthenticatedHttpRequest, project_id: int, year: int) -> HttpResponse:
    """目标调整 of an approved declaration: new 全年预算数 / indicator targets with the reason."""
    year = _year(year)
    project = _project(request, project_id, write=True)
    state = year_state(project=project, year=year)
    form = AdjustmentForm(request.POST, indicators=state.indicators)
    if form.is_valid():
        targets = form.targets()
        if form.is_valid():
            try:
                made = adjust_goals(project=project, year=year, reason=form.cleaned_data["reason"],
                                    user=request.user, total=form.cleaned_data.get("total"), targets=targets)
            except JixiaoError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, f"已记录 {len(made)} 项目标调整" if made else "没有改动，未记录调整")
            return redirect(reverse("project-goals", args=[project.pk, year]) + "#adjustments")
    messages.error(request, "目标调整填写有误，请按提示修改")
    f, formset = _declaration_forms(state)
    return _declaration_page(request, state, form=f, formset=formset, adjustment=form)


@login_required
def review(request: AuthenticatedHttpRequest, project_id: int, year: int) -> HttpResponse:
    """目标审核 of a submitted project declaration (finance bureau), beside the read-only declaration."""
    year = _year(year)
    project = _project(request, project_id)
    if not can_review(request.user):
        raise PermissionDenied("只有财政局用户可以审核绩效目标")
    form = ReviewForm(request.POST or None, scheme=load_review_scheme())
    if request.method == "POST" and form.is_valid():
        try:
            result = review_project_declaration(project=project, year=year, reviewer=request.user,
                                                grades=form.grades(), overall=form.cleaned_data["overall"],
                                                comment=form.cleaned_data["comment"])
        except JixiaoError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"{project.name} {year} 年度绩效目标审核结果：{result.overall}"
                                      f"（{result.consequence}），{result.get_decision_display()}")
            return redirect(reverse("project-goals", args=[project.pk, year]))
    state = year_state(project=project, year=year)
    return render(request, "projperf/review.html", _common(request, state, "goals", form=form,
                                                            scheme=load_review_scheme()))


@login_required
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """项目绩效目标审核队列: the project-years the user sees, 已提交 first."""
    status = request.GET.get("status", "")
    status = status if status in ProjectYear.Status.values else ""
    state = list_state(request, sorts=(), default="", filters=("status",))
    rows = review_queue(user=request.user, status=status)
    return render(request, "projperf/queue.html", {
        "page": paginate(rows, state), "state": state, "status": status, "statuses": ProjectYear.Status.choices,
        "can_review": can_review(request.user)})


# -- monitoring ----------------------------------------------------------------------------------


def _monitoring_date(request: AuthenticatedHttpRequest, year: int) -> date:
    text = request.GET.get("on") or request.POST.get("on") or ""
    try:
        on = date.fromisoformat(text) if text else default_monitoring_date(year)
    except ValueError:
        on = default_monitoring_date(year)
    return on if on.year == year else default_monitoring_date(year)


@login_required
def monitoring(request: AuthenticatedHttpRequest, project_id: int, year: int) -> HttpResponse:
    """双监控 of the project-year: 月度执行数 against 序时进度, indicators by colour, warnings and responses."""
    year = _year(year)
    writes = request.method == "POST"
    project = _project(request, project_id, write=writes)
    on = _monitoring_date(request, year)
    state = year_state(project=project, year=year)
    monthly_form = MonthlyForm(initial={f"m{m}": v for m, v in state.monthly.items()})
    if writes:
        step = request.POST.get("step", "")
        try:
            if step == "monthly":
                monthly_form = MonthlyForm(request.POST)
                if monthly_form.is_valid():
                    record_monthly(project=project, year=year, amounts=monthly_form.amounts())
                    messages.success(request, "月度执行数已保存")
                    return redirect(_monitoring_url(project, year, on))
                messages.error(request, "月度执行数填写有误，请按提示修改")
            elif step == "progress":
                return _progress(request, state, on)
            elif step == "response":
                return _response(request, project, year, on)
            else:
                messages.error(request, "无法识别的操作")
        except (JixiaoError, ValueError) as exc:
            messages.error(request, str(exc))
            return redirect(_monitoring_url(project, year, on))
    watching = monitoring_of(state, on=on) if state.row.pk else None
    response_forms = {}
    if watching is not None:
        for w in watching.warnings:
            response = w.response
            response_forms[w.key] = WarningResponseForm(initial={
                "warning_key": w.key, "on": on, "action": response.action if response else None,
                "reason": response.reason if response else "", "version": response.version if response else 0})
    return render(request, "projperf/monitoring.html", _common(
        request, state, "monitoring", on=on, monthly_form=monthly_form, watching=watching, bands=load_bands(),
        progress_form=ProgressForm(initial={"on": on}),
        warnings=[(w, response_forms[w.key]) for w in (watching.warnings if watching else [])]))


def _monitoring_url(project: Project, year: int, on: date) -> str:
    return reverse("project-monitoring", args=[project.pk, year]) + f"?on={on.isoformat()}"


def _progress(request: AuthenticatedHttpRequest, state: YearState, on: date) -> HttpResponse:
    form = ProgressForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(_monitoring_url(state.project, state.year, on))
    indicator = next((i for i in state.indicators if i.pk == form.cleaned_data["indicator"]), None)
    if indicator is None:
        messages.error(request, "没有这个指标")
        return redirect(_monitoring_url(state.project, state.year, on))
    qualitative = indicator.op == "qualitative"
    value = None if qualitative else form.number()
    if not qualitative and (form.cleaned_data.get("value") or "").strip() and value is None:
        messages.error(request, f"指标“{indicator.name}”的当前完成值应为数字")
        return redirect(_monitoring_url(state.project, state.year, on))
    record_progress(indicator=indicator, on=form.cleaned_data["on"], value=value,
                    value_text=form.cleaned_data["value"] if qualitative else "", cause=form.cleaned_data["cause"],
                    reason=form.cleaned_data["reason"], feasibility=form.cleaned_data["feasibility"])
    messages.success(request, f"已记录指标“{indicator.name}”{form.cleaned_data['on']:%Y-%m-%d} 的完成情况")
    return redirect(_monitoring_url(state.project, state.year, form.cleaned_data["on"]))


def _response(request: AuthenticatedHttpRequest, project: Project, year: int, on: date) -> HttpResponse:
    form = WarningResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(_monitoring_url(project, year, on))
    try:
        respond_to_warning(project=project, year=year, key=form.cleaned_data["warning_key"],
                           action=form.cleaned_data["action"], reason=form.cleaned_data["reason"],
                           user=request.user, version=form.cleaned_data["version"])
    except EditConflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "预警响应已保存")
    return redirect(_monitoring_url(project, year, on))


# -- self-evaluation -----------------------------------------------------------------------------


def _evaluation_forms(state: YearState) -> tuple[SelfEvaluationForm, Any]:
    row = state.row
    initial: dict[str, Any] = {"spent": row.spent, "problems": row.problems, "measures": row.measures,
                               "version": state.version, "goal_actuals": "\n".join(g.actual for g in state.goals)}
    for prefix, _, _ in FUND_ROWS:
        initial[f"{prefix}_spent"] = getattr(row, f"{prefix}_spent")
    actuals = ActualFormSet(prefix="act", initial=[
        {"id": i.pk, "actual": i.actual_text if i.op == "qualitative" else
         ("" if i.actual is None else f"{i.actual.normalize():f}"), "deviation_reason": i.deviation_reason}
        for i in state.indicators])
    return SelfEvaluationForm(initial=initial), actuals


def _evaluation_page(request: AuthenticatedHttpRequest, state: YearState, *, form: Any, actuals: Any,
                     **extra: Any) -> HttpResponse:
    result = scored(state) if state.row.pk else None
    missing = result.missing if result else {}
    assessments = {a.index: a for a in result.assessments} if result else {}
    rows = [(i, f, assessments.get(n), missing.get(n)) for n, (i, f) in enumerate(zip(state.indicators, actuals.forms,
                                                                                     strict=False))]
    can_write = can_write_figures(request.user, state.project.department)
    row = state.row
    return render(request, "projperf/evaluation.html", _common(
        request, state, "evaluation", form=form, actuals=actuals, rows=rows, result=result,
        execution_rate=computed_rate(row.total, row.spent), framework_title=project_framework().title,
        editing=can_write and row.pk is not None and row.status == ProjectYear.Status.APPROVED
        and row.evaluation_status != ProjectYear.EvaluationStatus.SUBMITTED, **extra))


@login_required
def evaluation(request: AuthenticatedHttpRequest, project_id: int, year: int) -> HttpResponse:
    """年终项目自评: actuals and reasons, the engine's score with every point explained, submit, downloads."""
    year = _year(year)
    if request.method != "POST":
        project = _project(request, project_id)
        state = year_state(project=project, year=year)
        form, actuals = _evaluation_forms(state)
        return _evaluation_page(request, state, form=form, actuals=actuals)
    project = _project(request, project_id, write=True)
    state = year_state(project=project, year=year)
    form = SelfEvaluationForm(request.POST)
    actuals = ActualFormSet(request.POST, prefix="act")
    if not (form.is_valid() and actuals.is_valid()):
        messages.error(request, "填写有误，请按提示修改")
        return _evaluation_page(request, state, form=form, actuals=actuals)
    indicators = {i.pk: i for i in state.indicators}
    entries = []
    for f in actuals.forms:
        indicator = indicators.get(f.cleaned_data.get("id") or 0)
        if indicator is None:
            continue
        text = (f.cleaned_data.get("actual") or "").strip()
        number = None
        if indicator.op != "qualitative" and text:
            try:
                number = Decimal(text.replace(",", ""))
            except ArithmeticError:
                number = None
            if number is None or not number.is_finite():
                f.add_error("actual", "定量指标的实际完成值应为数字")
                continue
        entries.append(Actual(indicator.pk, number, text if indicator.op == "qualitative" else "",
                              f.cleaned_data.get("deviation_reason") or ""))
    if any(f.errors for f in actuals.forms):
        messages.error(request, "填写有误，请按提示修改")
        return _evaluation_page(request, state, form=form, actuals=actuals)
    try:
        save_self_evaluation(project=project, year=year, spent=form.cleaned_data["spent"], actuals=entries,
                             problems=form.cleaned_data["problems"], measures=form.cleaned_data["measures"],
                             version=form.cleaned_data["version"], funds_spent=form.funds_spent(),
                             goal_actuals=form.cleaned_data["goal_actuals"].splitlines())
        if request.POST.get("action") == "submit":
            submitted = submit_self_evaluation(project=project, year=year)
            messages.success(request, f"自评已提交：总分 {submitted.score:.2f}，等级 {submitted.grade}")
        else:
            messages.success(request, "已保存")
    except EditConflict as exc:
        return _evaluation_page(request, year_state(project=project, year=year), form=form, actuals=actuals,
                                conflict=exc)
    except JixiaoError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("project-evaluation", args=[project.pk, year]))


DOWNLOADS = {
    "form.xlsx": (render_project_form_xlsx, "项目支出绩效自评表.xlsx",
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "form.pdf": (render_project_form_pdf, "项目支出绩效自评表.pdf", "application/pdf"),
    "report.docx": (render_project_report_docx, "项目支出绩效自评报告.docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


@login_required
def download(request: AuthenticatedHttpRequest, project_id: int, year: int, filename: str) -> HttpResponse:
    """The 附件1 自评表 (XLSX, PDF) or the project self-evaluation report (DOCX), scored by the engine."""
    from urllib.parse import quote

    year = _year(year)
    if filename not in DOWNLOADS:
        raise Http404("没有这个文件")
    project = _project(request, project_id)
    state = year_state(project=project, year=year)
    if state.row.pk is None:
        raise Http404(f"{project.name} {year} 年度尚无项目绩效数据")
    render_file, title, content_type = DOWNLOADS[filename]
    try:
        data = render_file(project_report(state.row, goals=state.goals, indicators=state.indicators),
                           framework=project_framework())
    except RenderError as exc:
        messages.error(request, str(exc))
        return redirect(reverse("project-evaluation", args=[project.pk, year]))
    response = HttpResponse(data, content_type=content_type)
    name = f"{project.name}{year}年度{title}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response



def project_section(request: AuthenticatedHttpRequest, project: Project) -> dict[str, Any] | None:
    """The 项目绩效 section of the project's page: each year's budget, status, execution and grade."""
    rows = performance_years(project)
    return {"rows": rows, "next_year": _next_year(project, rows), "budgeted": project.status in BUDGETED,
            "can_write": project.deleted_at is None and can_write_figures(request.user, project.department)}
