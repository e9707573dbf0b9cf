"""年终自评: the automatic score with the reason of every point, and the report downloads."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from jixiao.figures import format as fmt
from jixiao.render import FORMATS, SUFFIXES, Format, RenderError, RenderOptions, render_bytes
from jixiao.report import PerformanceReport
from jixiao.scoring import ScoreResult, default_framework_for, score_report
from jixiao.web.budgets.services import BudgetNotFound, FiscalYearClosed
from jixiao.web.common.locking import EditConflict
from jixiao.web.departments.permissions import DepartmentRequest, can_write_figures, require_department_access
from jixiao.web.evaluation import extensions  # 项目支出 from the projects, filled by the 项目绩效 app
from jixiao.web.evaluation.forms import SelfEvaluationForm
from jixiao.web.evaluation.models import OPERATOR_SYMBOLS, Evaluation
from jixiao.web.evaluation.selectors import missing_entries, self_evaluation, stored_report
from jixiao.web.evaluation.services import SelfEvaluationInvalid, SelfEvaluationLocked, save_self_evaluation

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "form-pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


@login_required
@require_department_access()
def detail(request: DepartmentRequest, department_id: int, year: int) -> HttpResponse:
    """The core's score and grade of the stored report, every item with its explanation."""
    department = request.department
    report = stored_report(department, year)
    return render(request, "evaluation/detail.html", {
        "department": department, "year": year, "report": report, **_score_context(score_report(report), report),
        "can_write": can_write_figures(request.user, department),
        "project_spending": extensions.spending(department=department, year=year, stated=report.budget.by_nature.project),
    })


def _score_context(score: ScoreResult, report: PerformanceReport) -> dict[str, object]:
    """What ``evaluation/_score.html`` shows: the score, its framework by title, its items with their 计算符号, the downloads."""
    return {"score": score, "items": [(item, OPERATOR_SYMBOLS.get(item.op, "")) for item in score.items],
            "framework_title": default_framework_for(report.kind).title or "评分框架",
            "formats": [f for f in FORMATS if f != "html"]}


@login_required
@require_department_access(write_unsafe=True)
def edit(request: DepartmentRequest, department_id: int, year: int) -> HttpResponse:
    """年终自评填报: the form (read-only for the finance bureau), then the core's score explained."""
    department = request.department
    entry = self_evaluation(department, year)
    can_write = can_write_figures(request.user, department)
    locked = entry.status == Evaluation.Status.SUBMITTED
    conflict: EditConflict | None = None
    form = SelfEvaluationForm(request.POST if request.method == "POST" else None, entry=entry,
                              disabled=not can_write or locked)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_self_evaluation(department=department, year=year, **form.service_arguments(),
                                         submit=request.POST.get("action") == "submit")
        except BudgetNotFound as exc:
            raise Http404(str(exc)) from exc
        except SelfEvaluationInvalid as exc:
            form.add_service_errors(exc)
        except (FiscalYearClosed, SelfEvaluationLocked) as exc:
            form.add_error(None, str(exc))
        except EditConflict as exc:
            conflict = exc  # shown above the form with what changed; what was typed stays in it
        else:
            done = "已提交" if saved.evaluation.status == Evaluation.Status.SUBMITTED else "已保存"
            messages.success(request, f"{done}年终自评：系统评分 {fmt.score(saved.score.total)} 分，等级 {saved.score.grade}")
            missing = missing_entries(self_evaluation(department, year))
            if missing:
                messages.warning(request, f"{done}，但尚未填写完整：" + "；".join(missing) + "。")
            return redirect("evaluation-edit", department_id=department.pk, year=year)
    return render(request, "evaluation/edit.html", {
        "department": department, "year": year, "report": entry.report, "entry": entry, "form": form,
        "can_write": can_write and not locked, "locked": locked, **_score_context(entry.score, entry.report),
        "missing": missing_entries(entry),
        "conflict": conflict,
    })


@login_required
@require_department_access()
def download(request: DepartmentRequest, department_id: int, year: int, fmt: str) -> HttpResponse:
    """The report rendered by the core (DOCX 报告, XLSX 自评表, PDF, Markdown)."""
    if fmt not in CONTENT_TYPES:
        raise Http404("不支持的格式")
    department = request.department
    report = stored_report(department, year)
    lines = extensions.spending_lines(department=department, year=year, stated=report.budget.by_nature.project)
    try:
        data = render_bytes(report, fmt, options=RenderOptions(project_lines=tuple(lines)))
    except RenderError as exc:
        return HttpResponse(f"无法生成文件：{exc}", status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    suffix = SUFFIXES[cast(Format, fmt)]  # one of CONTENT_TYPES' keys (checked above)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{department.name}{year}年度自评{'表' if fmt == 'form-pdf' else ''}{suffix}") or ""
    return response
