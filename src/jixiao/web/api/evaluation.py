"""The stored self-evaluation (自评报告) and its score, by the core."""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.

from typing import Any

from django.http import HttpRequest, JsonResponse
from ninja import Router

from jixiao.report import PerformanceReport
from jixiao.scoring import ScoreResult, score_report
from jixiao.web.evaluation.selectors import stored_report
from jixiao.web.permissions import require_department_access

router = Router(tags=["自评"])


def _json(data: Any) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@router.get("/departments/{department_id}/reports/{year}", response=PerformanceReport)
@require_department_access()
def get_report(request: HttpRequest, department_id: int, year: int) -> JsonResponse:
    """The report as ``jixiao.report/1`` JSON (自评报告), exactly ``to_json_data()``."""
    return _json(stored_report(request.department, year).to_json_data())  # type: ignore[attr-defined]


@router.get("/departments/{department_id}/scores/{year}", response=ScoreResult)
@require_department_access()
def get_score(request: HttpRequest, department_id: int, year: int) -> JsonResponse:
    """The automatic score, grade and the explanation of every point (自动评分)."""
    return _json(score_report(stored_report(request.department, year)).to_json_data())  # type: ignore[attr-defined]
