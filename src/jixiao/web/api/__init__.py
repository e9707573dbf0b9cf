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
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder
from ninja.security import SessionAuth

from jixiao.errors import JixiaoError
from jixiao.report import decimal_to_json_number
from jixiao.web.api import (
    audit,
    budgets,
    dashboard,
    declarations,
    departments,
    evaluation,
    monitoring,
    results,
    reviews,
)
from jixiao.web.budgets.services import BudgetNotFound, FiscalYearClosed, MonthlyImportRejected
from jixiao.web.declarations.services import (
    DeclarationInvalid,
    DeclarationLocked,
    DeclarationStateError,
    InvalidReview,
)
from jixiao.web.monitoring.services import InvalidResponse, UnknownWarning
from jixiao.web.results.services import EvaluationYearNotFound, RectificationInvalid, RectificationNotFound


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
for module in (departments, budgets, evaluation, monitoring, reviews, dashboard, declarations, results, audit):
    api.add_router("", module.router)


def _error(request: HttpRequest, status: int, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=status)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A malformed request: one line per problem, in the shape of every other 4xx (``detail`` + ``errors``)."""
    errors = [f"{'.'.join(str(part) for part in error.get('loc', ()))}: {error.get('msg', '')}"
              for error in exc.errors]
    return api.create_response(request, {"detail": "请求数据无效：" + "；".join(errors), "errors": errors}, status=422)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, exc)


@api.exception_handler(MonthlyImportRejected)
def _import_rejected(request: HttpRequest, exc: MonthlyImportRejected) -> HttpResponse:
    return api.create_response(request, {"detail": "未导入任何数据", "errors": exc.lines}, status=422)


@api.exception_handler(InvalidResponse)
def _invalid(request: HttpRequest, exc: JixiaoError) -> HttpResponse:
    return _error(request, 422, exc)


@api.exception_handler(UnknownWarning)
def _unknown_warning(request: HttpRequest, exc: JixiaoError) -> HttpResponse:
    return _error(request, 404, exc)


@api.exception_handler(BudgetNotFound)
def _no_budget(request: HttpRequest, exc: JixiaoError) -> HttpResponse:
    return _error(request, 404, exc)


@api.exception_handler(RectificationNotFound)
@api.exception_handler(EvaluationYearNotFound)
def _not_found(request: HttpRequest, exc: JixiaoError) -> HttpResponse:
    return _error(request, 404, exc)


@api.exception_handler(RectificationInvalid)
def _invalid(request: HttpRequest, exc: JixiaoError) -> HttpResponse:
    return _error(request, 422, exc)


@api.exception_handler(FiscalYearClosed)
def _closed(request: HttpRequest, exc: JixiaoError) -> HttpResponse:
    return _error(request, 409, exc)


@api.exception_handler(DeclarationLocked)
@api.exception_handler(DeclarationStateError)
def _declaration_state(request: HttpRequest, exc: JixiaoError) -> HttpResponse:
    return _error(request, 409, exc)


@api.exception_handler(DeclarationInvalid)
def _declaration_invalid(request: HttpRequest, exc: DeclarationInvalid) -> HttpResponse:
    problems = [{"code": p.code, "message": p.message, "indicator": p.indicator} for p in exc.problems]
    return api.create_response(request, {"detail": str(exc), "problems": problems}, status=422)


@api.exception_handler(InvalidReview)
def _invalid_review(request: HttpRequest, exc: JixiaoError) -> HttpResponse:
    return _error(request, 422, exc)


__all__ = ["api"]
