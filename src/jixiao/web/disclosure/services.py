"""Writes of 信息公开: publishing a department-year's item (发布) and withdrawing it (撤回).

``publish`` checks the rule (``selectors.eligibility``), makes the attachments from what the
system holds and stores their bytes content-addressed (``Blob``, by sha256) in the same
transaction as the ``Publication`` row, whose history row is the act in the audit log. The files:

- 绩效目标: 附件1 目标表 (PDF, XLSX), the core's goals table (``jixiao.render.goals``) of the stored report;
- 自评: 附件2 自评报告 (PDF) — the department's own PDF file when the report came as one (the exact
  bytes it submitted), else the core's rendering of the locked self-evaluation — and 附件3 自评表
  (PDF, XLSX), the core's 自评表; rendered with the submission date as the report's 成文日期, so the
  documents are those of the submitted self-evaluation;
- 复核结果: no file; its conclusion and opinion are copied into the publication's text, and where the 抽评
  复核 adjusted the self-assessed score, the 自评分 → 复核分 and grade with every adjustment (as 结果应用 applies it).

``withdraw`` keeps the row (已撤回, who, when, why): the public site no longer shows it, the history does.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from jixiao.errors import JixiaoError
from jixiao.figures.format import score as score_text
from jixiao.render import RenderError, RenderOptions, render_bytes
from jixiao.render.goals import pdf_many, render_goals_xlsx
from jixiao.web.accounts.models import User
from jixiao.web.common.actor import attribute
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.departments.permissions import can_review
from jixiao.web.disclosure.models import Blob, Kind, Publication, PublishedFile
from jixiao.web.disclosure.selectors import (
    eligibility,
    year_correction,
    year_document,
    year_evaluation,
    year_review,
)
from jixiao.web.evaluation import extensions
from jixiao.web.evaluation.selectors import stored_report


class PublishNotAllowed(JixiaoError):
    """Only the finance bureau (and admins) publish and withdraw (403)."""


class PublicationRefused(JixiaoError):
    """The item may not be published now: not approved or submitted, already published, not live (409)."""


ATTACHMENT_NUMBERS = {"goals": 1, "report": 2, "form": 3}
"""附件 numbers of a department-year's documents, the same on every publication (附件3 … 自评表)."""

TITLES = {
    Kind.GOALS: "{department}{year}年度部门整体支出绩效目标",
    Kind.SELF_EVALUATION: "{department}{year}年度部门整体支出绩效自评报告",
    Kind.REVIEW: "{department}{year}年度部门整体支出绩效自评复核结果",
}


@dataclass
class Attachment:
    """A file to publish: its 附件 number, title, format and bytes — or, for a PDF still to print, the
    DOCX / XLSX it is printed from (``source``: file name and bytes)."""

    number: int
    title: str
    format: str
    data: bytes = b""
    source: tuple[str, bytes] | None = None


def _files(department: Department, year: int, kind: str) -> tuple[list[Attachment], str]:
    """The attachments (and, for the 复核 result, the text) of the item, from what the system holds."""
    prefix = f"{department.name}{year}年度"
    if kind == Kind.REVIEW:
        review = year_review(department, year)
        assert review is not None  # eligibility checked it
        reviewed = f"{timezone.localtime(review.updated_at):%Y年%m月%d日}"
        text = f"复核结论：{review.get_status_display()}\n复核日期：{reviewed}\n复核意见：{review.opinion or '无'}"
        correction = year_correction(department, year)
        if correction is not None:
            self_grade = f"（{correction.self_grade}）" if correction.self_grade else ""
            adjusted = "\n".join(f"{n}. {line}" for n, line in enumerate(correction.lines, start=1))
            text += (f"\n自评分：{score_text(correction.self_score) or '—'} 分{self_grade}"
                     f"\n复核分：{score_text(correction.score)} 分（{correction.grade}）"
                     f"\n复核调整：\n{adjusted}")
        return [], text
    report = stored_report(department, year)
    if kind == Kind.GOALS:
        xlsx = render_goals_xlsx(report)
        title = f"{prefix}部门整体支出绩效目标表"
        return [Attachment(1, title, "pdf", source=("goals.xlsx", xlsx)), Attachment(1, title, "xlsx", xlsx)], ""
    evaluation = year_evaluation(department, year)
    signed = timezone.localtime(evaluation.submitted_at).date() if evaluation and evaluation.submitted_at else None
    lines = extensions.spending_lines(department=department, year=year, stated=report.budget.by_nature.project)
    options = RenderOptions(signed_on=signed, project_lines=tuple(lines))
    form_xlsx = render_bytes(report, "xlsx", options=options)
    document = year_document(department, year)
    own_pdf = document.file.read() if document is not None and document.format == "pdf" and document.file else None
    report_title, form_title = f"{prefix}部门整体支出绩效自评报告", f"{prefix}部门整体支出绩效自评表"
    report_file = (Attachment(2, report_title, "pdf", own_pdf) if own_pdf is not None else
                   Attachment(2, report_title, "pdf", source=("report.docx", render_bytes(report, "docx", options=options))))
    return [report_file, Attachment(3, form_title, "pdf", source=("form.xlsx", form_xlsx)),
            Attachment(3, form_title, "xlsx", form_xlsx)], ""


def _print(attachments: list[Attachment]) -> None:
    """Print every attachment that still has a source to PDF, all in one LibreOffice call."""
    pending = [a for a in attachments if a.source is not None]
    for attachment, pdf in zip(pending, pdf_many([a.source for a in pending if a.source is not None]), strict=True):
        attachment.data, attachment.source = pdf, None


def store_blob(data: bytes) -> Blob:
    """The bytes stored once by their sha256 (a second publication of the same bytes shares them)."""
    digest = hashlib.sha256(data).hexdigest()
    blob = Blob.objects.filter(sha256=digest).first()
    return blob or Blob.objects.create(sha256=digest, size=len(data), content=data)


def _check_publisher(user: User | None) -> None:
    if user is not None and not can_review(user):
        raise PublishNotAllowed("只有财政局用户可以发布或撤回公开信息")


@dataclass(frozen=True)
class Item:
    """One department-year's item to publish."""

    department: Department
    year: int
    kind: str


def publish(*, department: Department, year: int, kind: str, user: User | None) -> Publication:
    """Publish the department-year's ``kind`` (发布公开): checked, files stored by hash, recorded with who and when."""
    return publish_many(items=[Item(department, year, kind)], user=user)[0]


def publish_many(*, items: list[Item], user: User | None) -> list[Publication]:
    """Publish several items (批量发布, the demo): each checked and recorded as ``publish`` does, the PDFs of all
    printed in one LibreOffice call; one refused item refuses them all, nothing is published."""
    _check_publisher(user)
    prepared = []
    for item in items:
        if item.kind not in Kind.values:
            raise PublicationRefused(f"公开内容“{item.kind}”无效，应为{'、'.join(Kind.labels)}之一")
        allowed = eligibility(item.department, item.year, item.kind)
        if not allowed.allowed:
            raise PublicationRefused(f"{item.department.name} {item.year} 年度{Kind(item.kind).label}不能公开：{allowed.reason}")
        prepared.append((item, allowed.reason, *_files(item.department, item.year, item.kind)))
    try:
        _print([a for _, _, attachments, _ in prepared for a in attachments])
    except RenderError as exc:
        raise PublicationRefused(f"无法生成公开文件：{exc}") from exc
    with transaction.atomic():
        return [_record(item, basis, attachments, body, user) for item, basis, attachments, body in prepared]


def _record(item: Item, basis: str, attachments: list[Attachment], body: str, user: User | None) -> Publication:
    department, year, kind = item.department, item.year, item.kind
    fiscal_year = FiscalYear.objects.get(year=year)
    live = Publication.objects.select_for_update().filter(department=department, fiscal_year=fiscal_year,
                                                           kind=kind, status=Publication.Status.PUBLISHED)
    if live.exists():
        raise PublicationRefused(f"{department.name} {year} 年度{Kind(kind).label}已公开；如需更新请先撤回")
    publication = Publication(department=department, fiscal_year=fiscal_year, kind=kind,
                              title=TITLES[Kind(kind)].format(department=department.name, year=year),
                              basis=basis, body=body, published_at=timezone.now(), published_by=user)
    attribute(publication, user)
    publication.save()
    for attachment in attachments:
        row = PublishedFile(publication=publication, number=attachment.number, title=attachment.title,
                            format=attachment.format, blob=store_blob(attachment.data),
                            filename=f"附件{attachment.number} {attachment.title}.{attachment.format}")
        attribute(row, user)
        row.save()
    return publication


@transaction.atomic
def withdraw(*, publication: Publication, user: User | None, reason: str) -> Publication:
    """Withdraw a live publication (撤回): off the public site, kept with who, when and why."""
    _check_publisher(user)
    reason = reason.strip()
    if not reason:
        raise PublicationRefused("请填写撤回原因")
    row = Publication.objects.select_for_update().get(pk=publication.pk)
    if row.status != Publication.Status.PUBLISHED:
        raise PublicationRefused(f"“{row.title}”已撤回")
    row.status = Publication.Status.WITHDRAWN
    row.withdrawn_at, row.withdrawn_by, row.withdraw_reason = timezone.now(), user, reason[:2000]
    attribute(row, user)
    row.save()
    return row
