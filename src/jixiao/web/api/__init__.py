"""The JSON API (接口), django-ninja, mounted at ``/api/``: each app's router (``<app>/api.py``) and the
errors every domain maps to a status (``STATUS_OF_ERROR``).

Session authentication (the same login as the pages) with CSRF on unsafe methods; the
OpenAPI document at ``/api/openapi.json`` and Swagger UI at ``/api/docs`` served from
ninja's own static files (``ninja`` is in INSTALLED_APPS, so no CDN). Decimals leave as JSON
numbers exactly as ``PerformanceReport.to_json_data()`` writes them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.operation import Operation
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder
from ninja.security import SessionAuth

from jixiao.report import decimal_to_json_number
from jixiao.web.audit.api import router as audit
from jixiao.web.batches.api import router as batches
from jixiao.web.budgets.api import router as budgets
from jixiao.web.budgets.services import BudgetNotFound, FiscalYearClosed, MonthlyImportRejected
from jixiao.web.common.locking import EditConflict
from jixiao.web.dashboard.api import router as dashboard
from jixiao.web.declarations.api import router as declarations
from jixiao.web.declarations.services import (
    DeclarationInvalid,
    DeclarationLocked,
    DeclarationStateError,
    InvalidReview,
)
from jixiao.web.departments.api import router as departments
from jixiao.web.disclosure.api import router as disclosure
from jixiao.web.disclosure.services import PublicationRefused, PublishNotAllowed
from jixiao.web.evaluation.api import router as evaluation
from jixiao.web.evaluation.services import SelfEvaluationInvalid, SelfEvaluationLocked
from jixiao.web.exante.api import router as exante
from jixiao.web.exante.services import ExanteInvalid, ExanteStateError
from jixiao.web.indicators import services as library
from jixiao.web.indicators.api import router as indicators
from jixiao.web.monitoring.api import router as monitoring
from jixiao.web.monitoring.services import InvalidResponse, UnknownWarning
from jixiao.web.oversight.api import router as oversight
from jixiao.web.oversight.selectors import ItemNotFound as SampledItemNotFound
from jixiao.web.oversight.services import AdjustmentRejected, DrawInvalid, OversightNotAllowed
from jixiao.web.projects.api import router as projects
from jixiao.web.projects.services import ProjectInvalid, TransitionRefused
from jixiao.web.projperf.api import router as projperf
from jixiao.web.projperf.services import ProjectPerformanceInvalid, SelfEvaluationIncomplete
from jixiao.web.results.api import router as results
from jixiao.web.results.services import EvaluationYearNotFound, RectificationInvalid, RectificationNotFound
from jixiao.web.reviews.api import router as reviews
from jixiao.web.reviews.services import (
    OtherDepartmentsReport,
    ReviewInvalid,
    ReviewNotAllowed,
    UploadRejected,
)
from jixiao.web.targets.api import router as targets


class NumberEncoder(NinjaJSONEncoder):
    """Decimal → JSON number (ninja's default would write a string)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            return decimal_to_json_number(o)
        return super().default(o)


class NumberRenderer(JSONRenderer):
    encoder_class = NumberEncoder
    json_dumps_params = {"ensure_ascii": False}


class JixiaoAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """``jixiao_web_api_<app>_<handler>``: the ids the API had when its routers lived in ``api/<app>.py``.

        ninja's default is the handler's module path, which moved into the apps; clients, generated
        code and the schemathesis run name operations by these ids, so they stay.
        """
        app = operation.view_func.__module__.removeprefix("jixiao.web.").split(".")[0]
        return f"jixiao_web_api_{app}_{operation.view_func.__name__}"


api = JixiaoAPI(
    title="jixiao 预算绩效管理 API",
    version="1",
    description="部门、预算与月度执行、自评报告（jixiao.report/1）、评分、双监控、复核。权限与页面相同。",
    auth=SessionAuth(),
    renderer=NumberRenderer(),
    urls_namespace="api",
    docs_decorator=login_required,
)
for router in (departments, budgets, evaluation, monitoring, reviews, dashboard, declarations, results, audit,
               projects, exante, batches):
    api.add_router("", router)
api.add_router("", projperf)  # 项目绩效 (issue 16)
api.add_router("", oversight)  # 抽评与考核 (issue 19)
api.add_router("", disclosure)  # 信息公开 (issue 19)
api.add_router("", indicators)  # 指标库 (issue 17)
api.add_router("", targets)  # 目标质量 (issue 17)


STATUS_OF_ERROR: dict[type[Exception], int] = {
    PermissionDenied: 403, OtherDepartmentsReport: 403, ReviewNotAllowed: 403,
    BudgetNotFound: 404, UnknownWarning: 404, RectificationNotFound: 404, EvaluationYearNotFound: 404,
    ExanteStateError: 409, ExanteInvalid: 422,
    FiscalYearClosed: 409, DeclarationLocked: 409, TransitionRefused: 409, ProjectInvalid: 422, DeclarationStateError: 409, SelfEvaluationLocked: 409,
    InvalidResponse: 422, RectificationInvalid: 422, InvalidReview: 422, UploadRejected: 422, ReviewInvalid: 422,
}
"""Each domain's named exceptions and the status they answer with; the message is the ``detail``.

403: seen but not the user's to change; 404: not there or not visible (existence not revealed);
409: the record's state forbids it (closed year, submitted, locked); 422: the request's content."""
STATUS_OF_ERROR.update({ProjectPerformanceInvalid: 422, SelfEvaluationIncomplete: 422})  # 项目绩效
STATUS_OF_ERROR.update({OversightNotAllowed: 403, SampledItemNotFound: 404, DrawInvalid: 422,  # 抽评与考核
                        AdjustmentRejected: 422})
STATUS_OF_ERROR.update({PublishNotAllowed: 403, PublicationRefused: 409})  # 信息公开
STATUS_OF_ERROR.update({library.IndicatorInvalid: 422, library.TransitionRefused: 409})  # 指标库


def _error(request: HttpRequest, status: int, exc: Exception | str, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc), **extra}, status=status)


def _answer_with(status: int) -> Any:
    def handler(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _error(request, status, exc)

    return handler


for _exception, _status in STATUS_OF_ERROR.items():
    api.add_exception_handler(_exception, _answer_with(_status))


# Errors that carry more than a line: the detail plus what the caller needs to fix each part.

@api.exception_handler(ValidationError)
def _malformed(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A malformed request: one line per problem, in the shape of every other 4xx (``detail`` + ``errors``)."""
    errors = [f"{'.'.join(str(part) for part in error.get('loc', ()))}: {error.get('msg', '')}"
              for error in exc.errors]
    return _error(request, 422, "请求数据无效：" + "；".join(errors), errors=errors)


@api.exception_handler(MonthlyImportRejected)
def _import_rejected(request: HttpRequest, exc: MonthlyImportRejected) -> HttpResponse:
    return _error(request, 422, "未导入任何数据", errors=exc.lines)


@api.exception_handler(DeclarationInvalid)
def _declaration_invalid(request: HttpRequest, exc: DeclarationInvalid) -> HttpResponse:
    problems = [{"code": p.code, "message": p.message, "indicator": p.indicator} for p in exc.problems]
    return _error(request, 422, exc, problems=problems)


@api.exception_handler(SelfEvaluationInvalid)
def _invalid_self_evaluation(request: HttpRequest, exc: SelfEvaluationInvalid) -> HttpResponse:
    return _error(request, 422, exc, indicators=exc.indicators, missing_reason=sorted(exc.missing_reason),
                  fields=exc.fields)


@api.exception_handler(EditConflict)
def _edit_conflict(request: HttpRequest, exc: EditConflict) -> HttpResponse:
    """Saved by someone else since the caller's ``version`` (乐观锁): 409, the version now and what changed."""
    return _error(request, 409, exc, version=exc.version, changes=exc.changes)


__all__ = ["api"]
