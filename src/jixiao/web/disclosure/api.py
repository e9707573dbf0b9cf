"""信息公开: the finance bureau's publications (list, publish, withdraw).

This app's part of ``/api/``: its router and the schemas of what it reads and writes. The public
site itself has no API here (its pages at ``/gongkai/`` are the public read).
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import time.

from datetime import datetime
from typing import Literal

from django.http import Http404
from ninja import Router, Schema
from pydantic import Field

from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import can_review
from jixiao.web.disclosure.models import Publication
from jixiao.web.disclosure.selectors import publication_for, publications_for
from jixiao.web.disclosure.services import PublishNotAllowed, publish, withdraw

# -- schemas --------------------------------------------------------------------------------------


class PublishedFileOut(Schema):
    """An attachment of a publication (附件N) with the sha256 of its stored bytes."""

    id: int
    number: int
    title: str
    format: str
    filename: str
    size: int
    sha256: str
    url: str = Field(description="公开网站上的下载地址（撤回后不可下载）")


class PublicationOut(Schema):
    """One publication act (公开记录)."""

    id: int
    department_id: int
    department: str
    year: int
    kind: str
    kind_label: str
    title: str
    basis: str
    body: str
    status: str
    status_label: str
    published_at: datetime
    published_by: str | None
    withdrawn_at: datetime | None
    withdrawn_by: str | None
    withdraw_reason: str
    files: list[PublishedFileOut]


class PublishIn(Schema):
    """What to publish: a department-year's goals, self-evaluation or 复核 result."""

    department_id: int
    year: int = Field(ge=1950, le=2100)
    kind: Literal["goals", "self_evaluation", "review"] = Field(description="绩效目标 / 自评报告及自评表 / 复核结果")


class WithdrawIn(Schema):
    """Why a publication is withdrawn (撤回原因)."""

    reason: str = Field(min_length=1, max_length=2000)


# -- router ---------------------------------------------------------------------------------------

router = Router(tags=["信息公开"])


def _name(user: object) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.username  # type: ignore[attr-defined]  # an accounts.User


def publication_out(p: Publication) -> PublicationOut:
    return PublicationOut(
        id=p.pk, department_id=p.department_id, department=p.department.name, year=p.fiscal_year.year, kind=p.kind,
        kind_label=p.get_kind_display(), title=p.title, basis=p.basis, body=p.body, status=p.status,
        status_label=p.get_status_display(), published_at=p.published_at, published_by=_name(p.published_by),
        withdrawn_at=p.withdrawn_at, withdrawn_by=_name(p.withdrawn_by), withdraw_reason=p.withdraw_reason,
        files=[PublishedFileOut(id=f.pk, number=f.number, title=f.title, format=f.format, filename=f.filename,
                                size=f.blob.size, sha256=f.blob.sha256, url=f"/gongkai/files/{f.pk}/")
               for f in p.files.all()])


@router.get("/publications", response=list[PublicationOut])
def list_publications(request: AuthenticatedHttpRequest, year: int | None = None, department: int | None = None,
                      kind: str | None = None, status: str | None = None) -> list[PublicationOut]:
    """Every publication act (公开记录), live and withdrawn, newest first; `year`, `department`, `kind`, `status` filter.

    Who: all roles (scoped: a department user sees its own departments' publications).
    """
    rows = publications_for(request.user, year=year if year and 1950 <= year <= 2100 else None,
                            department=department if department and 0 < department < 2**62 else None,
                            kind=kind or None, status=status or None)
    return [publication_out(p) for p in rows[:500]]


@router.post("/publications", response=PublicationOut)
def publish_publication(request: AuthenticatedHttpRequest, payload: PublishIn) -> PublicationOut:
    """Publish a department-year's item (发布公开) `{department_id, year, kind}`: the files are made and stored by their
    sha256; not approved or submitted, or already published → 409 with the reason.

    Who: 财政局用户, 管理员 (a department user: 403).
    """
    if not can_review(request.user):
        raise PublishNotAllowed("只有财政局用户可以发布或撤回公开信息")
    department = Department.objects.visible_to(request.user).filter(pk=payload.department_id).first() \
        if 0 < payload.department_id < 2**62 else None
    if department is None:
        raise Http404("部门不存在")
    return publication_out(publish(department=department, year=payload.year, kind=payload.kind, user=request.user))


@router.post("/publications/{publication_id}/withdraw", response=PublicationOut)
def withdraw_publication(request: AuthenticatedHttpRequest, publication_id: int, payload: WithdrawIn) -> PublicationOut:
    """Withdraw a live publication (撤回) `{reason}`: off the public site, kept in the history; already withdrawn → 409.

    Who: 财政局用户, 管理员 (a department user: 403 for its own, 404 for others').
    """
    publication = publication_for(request.user, publication_id) if 0 < publication_id < 2**62 else None
    if publication is None:
        raise Http404("公开记录不存在")
    return publication_out(withdraw(publication=publication, user=request.user, reason=payload.reason))
