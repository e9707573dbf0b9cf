"""The stored self-evaluation (自评报告) and its score, by the core.

This app's part of ``/api/``: its router and the schemas of what it reads and writes.
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.


from typing import Any

from django.http import JsonResponse
from ninja import Router, Schema
from pydantic import Field

from jixiao.report import Number, PerformanceReport
from jixiao.scoring import ScoreResult, score_report
from jixiao.web.departments.permissions import DepartmentRequest, require_department_access
from jixiao.web.evaluation.selectors import SelfEvaluation, self_evaluation, stored_report
from jixiao.web.evaluation.services import IndicatorEntry, save_self_evaluation

# -- schemas --------------------------------------------------------------------------------------

class SelfEvaluationIndicatorOut(Schema):
    """One indicator of the 年终自评 with the core's score and whether a 偏差原因 is owed."""

    position: int = Field(description="序号（从 0 起），PUT 以它指定指标")
    name: str
    level1: str
    level2: str
    op: str
    kind: str = Field(description="quantitative（填数值 actual）| qualitative（选档次 level）")
    target: Number | None
    target_text: str
    unit: str
    weight: Number = Field(description="分值")
    actual: Number | None = Field(description="实际完成值")
    actual_text: str
    level: str | None = Field(description="定性指标完成档次")
    deviation_reason: str = Field(description="偏差原因分析及改进措施")
    reason_required: str | None = Field(description="须填写偏差原因的理由；不须填写为 null")
    score: Number = Field(description="系统得分")
    explanation: str = Field(description="得分说明")


class SelfEvaluationTaskOut(Schema):
    position: int
    title: str
    text: str = Field(description="完成情况")


class SelfEvaluationOut(Schema):
    """年终自评: indicators, narrative and the core's total and grade."""

    department_id: int
    year: int
    total: Number = Field(description="系统评分")
    grade: str
    framework: str
    status: str = Field(description="draft（填报中）| submitted（已提交，锁定）")
    levels: list[str] = Field(description="定性指标可选档次")
    indicators: list[SelfEvaluationIndicatorOut]
    tasks: list[SelfEvaluationTaskOut]
    problems: list[str] = Field(description="存在的主要问题")
    measures: list[str] = Field(description="下一步改进措施")
    version: int = Field(description="乐观锁版本：PUT 时原样送回，期间他人已保存则 409")


class SelfEvaluationIndicatorIn(Schema):
    """What to change on one indicator; a field left out keeps the stored value."""

    position: int = Field(ge=0)
    actual: Number | None = Field(None, max_digits=15, decimal_places=4, description="实际完成值（定量）")
    level: str | None = Field(None, description="完成档次（定性）")
    deviation_reason: str | None = Field(None, description="偏差原因分析及改进措施")


class SelfEvaluationTaskIn(Schema):
    position: int = Field(ge=0)
    text: str


class SelfEvaluationIn(Schema):
    """年终自评填报: only what is given changes; ``problems`` / ``measures`` replace the lists."""

    indicators: list[SelfEvaluationIndicatorIn] = Field(default_factory=list)
    tasks: list[SelfEvaluationTaskIn] = Field(default_factory=list)
    problems: list[str] | None = None
    measures: list[str] | None = None
    submit: bool = Field(False, description="同时提交（提交后锁定，不能再修改）")
    version: int = Field(description="GET 得到的 version；期间他人已保存 → 409，不覆盖")


class ValidationErrors(Schema):
    """A self-evaluation that cannot be saved: the line, and what to fix per indicator and field."""

    detail: str
    indicators: dict[int, str] = Field(default_factory=dict, description="指标序号 → 错误")
    missing_reason: list[int] = Field(default_factory=list, description="其中须填写偏差原因而未填的指标序号")
    fields: dict[str, str] = Field(default_factory=dict)
    errors: list[str] = Field(default_factory=list, description="请求格式错误，每行一处")


# -- router ---------------------------------------------------------------------------------------

router = Router(tags=["自评"])


def _json(data: Any) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@router.get("/departments/{department_id}/reports/{year}", response=PerformanceReport, by_alias=True)
@require_department_access()
def get_report(request: DepartmentRequest, department_id: int, year: int) -> JsonResponse:
    """The stored report as `jixiao.report/1` JSON (自评报告), exactly `to_json_data()`.

    Who: those who see the department.
    """
    return _json(stored_report(request.department, year).to_json_data())


@router.get("/departments/{department_id}/scores/{year}", response=ScoreResult)
@require_department_access()
def get_score(request: DepartmentRequest, department_id: int, year: int) -> JsonResponse:
    """The core's `score_report` on the stored report (自动评分): total, grade, every item with its reason.

    Who: those who see the department.
    """
    return _json(score_report(stored_report(request.department, year)).to_json_data())


def _self_evaluation_out(department_id: int, year: int, entry: SelfEvaluation) -> SelfEvaluationOut:
    return SelfEvaluationOut(
        department_id=department_id, year=year, total=entry.score.total, grade=entry.score.grade,
        framework=entry.score.framework, status=entry.status, levels=entry.levels,
        indicators=[SelfEvaluationIndicatorOut(**vars(row)) for row in entry.indicators],
        tasks=[SelfEvaluationTaskOut(position=p, title=t.title, text=t.text) for p, t in enumerate(entry.tasks)],
        problems=entry.problems, measures=entry.measures, version=entry.version,
    )


@router.get("/departments/{department_id}/self-evaluation/{year}", response=SelfEvaluationOut)
@require_department_access()
def get_self_evaluation(request: DepartmentRequest, department_id: int, year: int) -> SelfEvaluationOut:
    """年终自评: every indicator (actual or level, 偏差原因, whether one is owed and why, the engine's score and
    explanation), key tasks, problems, measures, total, grade, status.

    Who: those who see the department.
    """
    return _self_evaluation_out(department_id, year, self_evaluation(request.department, year))


@router.put("/departments/{department_id}/self-evaluation/{year}",
            response={200: SelfEvaluationOut, 422: ValidationErrors})
@require_department_access(write=True)
def put_self_evaluation(request: DepartmentRequest, department_id: int, year: int, payload: SelfEvaluationIn
                        ) -> SelfEvaluationOut:
    """Save the 年终自评 through the page's service `{"indicators": [{"position": 1, "actual": 161,
    "deviation_reason": "…"}], "tasks": [{"position": 0, "text": "…"}], "problems": […], "measures": […],
    "submit": false, "version": 1764636000000000}`; returns the GET shape with the new score and version. A
    reason owed or a malformed entry → 422 `{detail, indicators: {position: message}}`; submitted or closed
    year → 409; saved by someone else since `version` → 409 `{detail, version, changes}`, nothing written.

    Who: the department's own users, admin.
    """
    department = request.department
    indicators: dict[int, IndicatorEntry] = {}
    for item in payload.indicators:
        entry: IndicatorEntry = {}
        for name in ("actual", "level", "deviation_reason"):
            if name in item.model_fields_set:
                entry[name] = getattr(item, name) if name != "deviation_reason" else (item.deviation_reason or "")
        indicators[item.position] = entry
    save_self_evaluation(department=department, year=year, indicators=indicators,
                         tasks={t.position: t.text for t in payload.tasks},
                         problems=payload.problems, measures=payload.measures, submit=payload.submit,
                         version=payload.version)
    return _self_evaluation_out(department_id, year, self_evaluation(department, year))
