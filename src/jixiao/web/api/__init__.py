"""The JSON API (接口), django-ninja, mounted at ``/api/``: one router module per domain.

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
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder
from ninja.security import SessionAuth

from jixiao.errors import JixiaoError
from jixiao.report import decimal_to_json_number
from jixiao.web.api import budgets, dashboard, departments, evaluation, monitoring, reviews
from jixiao.web.budgets.services import BudgetNotFound, FiscalYearClosed
from jixiao.web.evaluation.services import SelfEvaluationInvalid, SelfEvaluationLocked


class NumberEncoder(NinjaJSONEncoder):
    """Decimal → JSON number (ninja's default would write a string)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            return decimal_to_json_number(o)
        return super().default(o)


class NumberRenderer(JSONRenderer):
    encoder_class = NumberEncoder
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="jixiao 预算绩效管理 API",
    version="1",
    description="部门、预算与月度执行、自评报告（jixiao.report/1）、评分、双监控、复核。权限与页面相同。",
    auth=SessionAuth(),
    renderer=NumberRenderer(),
    urls_namespace="api",
    docs_decorator=login_required,
)
for module in (departments, budgets, evaluation, monitoring, reviews, dashboard):
    api.add_router("", module.router)


def _error(request: HttpRequest, status: int, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=status)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, exc)


@api.exception_handler(BudgetNotFound)
def _no_budget(request: HttpRequest, exc: JixiaoError) -> HttpResponse:
    return _error(request, 404, exc)


@api.exception_handler(FiscalYearClosed)
def _closed(request: HttpRequest, exc: JixiaoError) -> HttpResponse:
    return _error(request, 409, exc)


@api.exception_handler(SelfEvaluationLocked)
def _submitted(request: HttpRequest, exc: JixiaoError) -> HttpResponse:
    return _error(request, 409, exc)


@api.exception_handler(SelfEvaluationInvalid)
def _invalid_self_evaluation(request: HttpRequest, exc: SelfEvaluationInvalid) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc), "indicators": exc.indicators,
                                         "missing_reason": sorted(exc.missing_reason), "fields": exc.fields},
                               status=422)


__all__ = ["api"]
