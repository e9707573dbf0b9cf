"""The stored self-evaluation (自评报告) and its score, by the core."""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.

from typing import Any

from django.http import HttpRequest, JsonResponse
from ninja import Router

from jixiao.report import PerformanceReport
from jixiao.scoring import ScoreResult, score_report
from jixiao.web.api.schemas import (
    SelfEvaluationIn,
    SelfEvaluationIndicatorOut,
    SelfEvaluationOut,
    SelfEvaluationTaskOut,
    ValidationErrors,
)
from jixiao.web.departments.permissions import require_department_access
from jixiao.web.evaluation.selectors import SelfEvaluation, self_evaluation, stored_report
from jixiao.web.evaluation.services import IndicatorEntry, save_self_evaluation

router = Router(tags=["自评"])


def _json(data: Any) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@router.get("/departments/{department_id}/reports/{year}", response=PerformanceReport, by_alias=True)
@require_department_access()
def get_report(request: HttpRequest, department_id: int, year: int) -> JsonResponse:
    """The report as ``jixiao.report/1`` JSON (自评报告), exactly ``to_json_data()``."""
    return _json(stored_report(request.department, year).to_json_data())  # type: ignore[attr-defined]


@router.get("/departments/{department_id}/scores/{year}", response=ScoreResult)
@require_department_access()
def get_score(request: HttpRequest, department_id: int, year: int) -> JsonResponse:
    """The automatic score, grade and the explanation of every point (自动评分)."""
    return _json(score_report(stored_report(request.department, year)).to_json_data())  # type: ignore[attr-defined]


def _self_evaluation_out(department_id: int, year: int, entry: SelfEvaluation) -> SelfEvaluationOut:
    return SelfEvaluationOut(
        department_id=department_id, year=year, total=entry.score.total, grade=entry.score.grade,
        framework=entry.score.framework, status=entry.status, levels=entry.levels,
        indicators=[SelfEvaluationIndicatorOut(**vars(row)) for row in entry.indicators],
        tasks=[SelfEvaluationTaskOut(position=p, title=t.title, text=t.text) for p, t in enumerate(entry.tasks)],
        problems=entry.problems, measures=entry.measures,
    )


@router.get("/departments/{department_id}/self-evaluation/{year}", response=SelfEvaluationOut)
@require_department_access()
def get_self_evaluation(request: HttpRequest, department_id: int, year: int) -> SelfEvaluationOut:
    """年终自评: actuals, 偏差原因, narrative, and the core's score of each indicator and the total."""
    return _self_evaluation_out(department_id, year, self_evaluation(request.department, year))  # type: ignore[attr-defined]


@router.put("/departments/{department_id}/self-evaluation/{year}",
            response={200: SelfEvaluationOut, 422: ValidationErrors})
@require_department_access(write=True)
def put_self_evaluation(request: HttpRequest, department_id: int, year: int, payload: SelfEvaluationIn
                        ) -> SelfEvaluationOut:
    """Save (and with ``submit`` submit) the 年终自评 through the form's service; returns the new score.

    Reasons owed or a malformed entry → 422; a submitted one → 409.
    """
    department = request.department  # type: ignore[attr-defined]
    indicators: dict[int, IndicatorEntry] = {}
    for item in payload.indicators:
        entry: IndicatorEntry = {}
        for name in ("actual", "level", "deviation_reason"):
            if name in item.model_fields_set:
                entry[name] = getattr(item, name) if name != "deviation_reason" else (item.deviation_reason or "")  # type: ignore[literal-required]
        indicators[item.position] = entry
    save_self_evaluation(department=department, year=year, indicators=indicators,
                         tasks={t.position: t.text for t in payload.tasks},
                         problems=payload.problems, measures=payload.measures, submit=payload.submit)
    return _self_evaluation_out(department_id, year, self_evaluation(department, year))
