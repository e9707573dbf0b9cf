"""信息公开 (internal): the finance bureau's page to publish a department-year's items and withdraw them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jixiao.web.accounts.models import Role
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.common.listing import as_number
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import can_review, require_role
from jixiao.web.disclosure.models import Kind
from jixiao.web.disclosure.selectors import candidates, publication_for, publications_for, publishing_years
from jixiao.web.disclosure.services import PublicationRefused, PublishNotAllowed, publish, withdraw


@login_required
@require_role(Role.FINANCE, Role.ADMIN)
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """信息公开: each department-year's goals, self-evaluation and 复核 result, whether it may be published, the acts so far."""
    years = publishing_years()
    year = as_number(request.GET.get("year", "")) or (years[0] if years else None)
    department = as_number(request.GET.get("department", ""))
    rows = candidates(year=year, department=department) if year is not None else []
    return render(request, "disclosure/index.html", {
        "years": years, "year": year, "department": department, "rows": rows,
        "departments": Department.objects.order_by("name").values_list("pk", "name"),
        "kinds": Kind.choices,
        "history": publications_for(request.user, year=year)[:200] if year is not None else [],
    })


def _back(request: AuthenticatedHttpRequest, year: object) -> HttpResponse:
    return redirect(f"{reverse('disclosure')}?year={year}")


@login_required
@require_POST
def publish_item(request: AuthenticatedHttpRequest) -> HttpResponse:
    """POST: publish one item (发布); the department, year and kind come from the page's button."""
    if not can_review(request.user):
        raise PermissionDenied("只有财政局用户可以发布公开信息")
    department_id, year = as_number(request.POST.get("department", "")), as_number(request.POST.get("year", ""))
    kind = request.POST.get("kind", "")
    if kind not in Kind.values or department_id is None or year is None:
        messages.error(request, "请从列表中选择要发布的内容")
        return redirect("disclosure")
    department = Department.objects.visible_to(request.user).filter(pk=department_id).first()
    if department is None:
        raise Http404("部门不存在")
    try:
        publication = publish(department=department, year=year, kind=kind, user=request.user)
    except PublishNotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    except PublicationRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已发布：{publication.title}")
    return _back(request, year)


@login_required
@require_POST
def withdraw_item(request: AuthenticatedHttpRequest, publication_id: int) -> HttpResponse:
    """POST: withdraw a publication (撤回) with its reason."""
    publication = publication_for(request.user, publication_id)
    if publication is None:
        raise Http404("公开记录不存在")
    try:
        withdraw(publication=publication, user=request.user, reason=request.POST.get("reason", ""))
    except PublishNotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    except PublicationRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已撤回：{publication.title}")
    return _back(request, publication.fiscal_year.year)

