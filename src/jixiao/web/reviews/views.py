"""复核: the stored report files a user may see, and the core's review of one with its findings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.errors import JixiaoError
from jixiao.review import review_text
from jixiao.review.html import HtmlEntry, render_html
from jixiao.web.documents.selectors import documents_visible_to


@login_required
def documents(request: HttpRequest) -> HttpResponse:
    """The stored report files (原始文件) of the departments the user sees."""
    visible = documents_visible_to(request.user).select_related("department")  # type: ignore[arg-type]
    return render(request, "reviews/documents.html", {"documents": visible})


@login_required
def review(request: HttpRequest, document_id: int) -> HttpResponse:
    """The core's review page of a stored file: findings beside the text, each jumping to its evidence."""
    document = documents_visible_to(request.user).filter(pk=document_id).first()  # type: ignore[arg-type]
    if document is None:
        raise Http404("文件不存在")
    try:
        report, findings = review_text(document.extracted_text)
        entry = HtmlEntry(document.original_name, report, findings, document.extracted_text)
    except JixiaoError as exc:  # not a report (no title, year or budget): say so on the page
        entry = HtmlEntry(document.original_name, None, [], document.extracted_text, error=str(exc))
    page = render_html([entry], title=f"复核结果 · {document.original_name}")
    # the core's page is standalone; within the site it needs no /favicon.ico request
    return HttpResponse(page.replace("<head>", '<head><link rel="icon" href="data:,">', 1))
