"""复核: the review queue with the upload form, the review page of a file, and the 复核意见 form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from jixiao.review import finding_key
from jixiao.review.html import SCRIPT, STYLE, HtmlEntry, render_report_section
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.common.listing import as_number, list_state, order_by, paginate
from jixiao.web.common.locking import EditConflict
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.departments.permissions import can_review
from jixiao.web.documents.permissions import DocumentRequest, require_document_access
from jixiao.web.reviews.extensions import notes_for, sections_for  # filled by the 抽评 app
from jixiao.web.reviews.flows import upload_report
from jixiao.web.reviews.forms import ReviewForm, UploadForm
from jixiao.web.reviews.models import ReviewStatus
from jixiao.web.reviews.selectors import (
    REVIEW_FILTERS,
    REVIEW_SORTS,
    core_review,
    recorded_review,
    review_queue,
)
from jixiao.web.reviews.services import (
    OtherDepartmentsReport,
    ReviewInvalid,
    UploadRejected,
    record_review,
    review_version,
)


@login_required
def documents(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The review queue (复核队列): the files the user sees with their status; POST uploads a file."""
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            outcome = upload_report(user=request.user, name=upload.name, chunks=upload.chunks())
        except (UploadRejected, OtherDepartmentsReport) as exc:
            form.add_error("file", str(exc))
        else:
            if outcome.notice:
                messages.info(request, outcome.notice)
            return redirect("review", document_id=outcome.document.pk)
    state = list_state(request, sorts=REVIEW_SORTS, default="-created", filters=REVIEW_FILTERS)
    status = state.filters["status"] if state.filters["status"] in ReviewStatus.values else ""
    queue = review_queue(request.user, status=status or None, year=as_number(state.filters["year"]),
                         department=as_number(state.filters["department"]), q=state.filters["q"],
                         sampled=state.filters["sampled"] == "1")
    page = paginate(queue.order_by(*order_by(state, REVIEW_SORTS)), state)
    rows = list(page.object_list)
    notes = notes_for(rows)
    for row in rows:
        row.sample_note = notes.get(row.pk, "")  # a display attribute of this page only
    visible = Department.objects.visible_to(request.user)
    return render(request, "reviews/documents.html", {
        "documents": rows, "page": page, "state": state, "form": form,
        "statuses": ReviewStatus.choices, "status": status,
        "years": sorted(set(FiscalYear.objects.filter(documents__department__in=visible).values_list("year", flat=True)),
                        reverse=True),
        "departments": [(str(pk), name) for pk, name in visible.order_by("name").values_list("pk", "name")]
        if request.user.sees_all_departments else [],
    }, status=400 if form.errors else 200)


def _page(request: DocumentRequest, form: ReviewForm | None = None, status: int = 200,
          conflict: EditConflict | None = None) -> HttpResponse:
    document = request.document
    review = core_review(document)
    recorded = recorded_review(document)
    entry = HtmlEntry(document.original_name, review.report, review.findings, document.extracted_text,
                      error=review.error)
    writable = can_review(request.user)
    if writable and form is None:
        form = ReviewForm(findings=review.findings, recorded=recorded)
        form.fields["version"].initial = review_version(document)
    return render(request, "reviews/review.html", {
        "document": document, "section": mark_safe(render_report_section(entry)),
        "style": mark_safe(STYLE),
        "recorded": recorded, "form": form if writable else None, "conflict": conflict,
        "sections": sections_for(request, document),
        "decided": [(f, recorded.decisions[k]) for f in review.findings if (k := finding_key(f)) in recorded.decisions],
    }, status=status)


@login_required
@cache_control(private=True, max_age=3600)
def script(request: HttpRequest) -> HttpResponse:
    """The review section's script (jump to evidence, severity filters) as a file: the pages' CSP allows no
    inline script, and the core's ``SCRIPT`` stays its one home."""
    return HttpResponse(SCRIPT, content_type="text/javascript; charset=utf-8")


@login_required
@require_document_access()
def review(request: DocumentRequest, document_id: int) -> HttpResponse:
    """The review page of a stored file: findings beside the text, and the 复核意见 (form or read-only)."""
    return _page(request)


@login_required
@require_POST
@require_document_access(write=True)
def record(request: DocumentRequest, document_id: int) -> HttpResponse:
    """Record the 复核意见, status and decisions on the findings (财政局用户, 管理员)."""
    document = request.document
    findings = core_review(document).findings
    form = ReviewForm(request.POST, findings=findings)
    if form.is_valid():
        try:
            record_review(document=document, reviewer=request.user, status=form.cleaned_data["status"],
                          opinion=form.cleaned_data["opinion"], findings=findings, decisions=form.decisions(),
                          version=form.cleaned_data["version"])
        except ReviewInvalid as exc:
            form.add_error(None, str(exc))
        except EditConflict as exc:
            return _page(request, form, status=409, conflict=exc)
        else:
            messages.success(request, "复核意见已保存")
            return redirect("review", document_id=document.pk)
    return _page(request, form, status=400)
