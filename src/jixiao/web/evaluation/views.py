"""年终自评: the automatic score with the reason of every point, and the report downloads."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from jixiao.render import FORMATS, SUFFIXES, RenderError, render_bytes
from jixiao.scoring import score_report
from jixiao.web.evaluation.selectors import stored_report
from jixiao.web.permissions import require_department_access

OPERATORS = {">=": "≥", ">": "＞", "=": "＝", "<": "＜", "<=": "≤"}
"""计算符号 as the 自评表 prints them; other ops (qualitative, formulas) show no symbol."""

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


@login_required
@require_department_access()
def detail(request: HttpRequest, department_id: int, year: int) -> HttpResponse:
    """The core's score and grade of the stored report, every item with its explanation."""
    department = request.department  # type: ignore[attr-defined]
    report = stored_report(department, year)
    score = score_report(report)
    items = [(item, OPERATORS.get(item.op, "")) for item in score.items]
    return render(request, "evaluation/detail.html", {
        "department": department, "year": year, "report": report, "score": score, "items": items,
        "formats": [f for f in FORMATS if f != "html"],
    })


@login_required
@require_department_access()
def download(request: HttpRequest, department_id: int, year: int, fmt: str) -> HttpResponse:
    """The report rendered by the core (DOCX 报告, XLSX 自评表, PDF, Markdown)."""
    if fmt not in CONTENT_TYPES:
        raise Http404("不支持的格式")
    department = request.department  # type: ignore[attr-defined]
    report = stored_report(department, year)
    try:
        data = render_bytes(report, fmt)
    except RenderError as exc:
        return HttpResponse(f"无法生成文件：{exc}", status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{department.name}{year}年度自评{SUFFIXES[fmt]}")
    return response
