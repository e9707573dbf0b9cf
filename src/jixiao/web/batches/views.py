"""批量处理 pages: the batches the user sees with the upload form, and one batch's progress."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.batches.forms import BatchUploadForm
from jixiao.web.batches.selectors import batch_files, batch_progress, batches_visible_to, file_label
from jixiao.web.batches.uploads import BatchRejected, receive_upload
from jixiao.web.common.listing import list_state, paginate


@login_required
def batches(request: AuthenticatedHttpRequest) -> HttpResponse:
    """批量上传: POST stores the files (or a ZIP) and starts the batch; the list of batches below."""
    if request.method == "POST":
        form = BatchUploadForm(request.POST, request.FILES, user=request.user)
    else:
        form = BatchUploadForm(user=request.user)
    if request.method == "POST" and form.is_valid():
        uploads = request.FILES.getlist("reports")
        try:
            batch = receive_upload(user=request.user, files=((f.name or "", f.chunks()) for f in uploads),
                                   mode=form.cleaned_data["mode"], department=form.cleaned_data.get("department"))
        except BatchRejected as exc:
            form.add_error("reports", str(exc))
        else:
            return redirect("batch", key=batch.key)
    state = list_state(request, sorts=("created",), default="-created")
    page = paginate(batches_visible_to(request.user).select_related("created_by", "department")
                    .order_by("-created_at", "-pk"), state)
    rows = [(b, batch_progress(b)) for b in page.object_list]
    return render(request, "batches/batches.html", {"form": form, "rows": rows, "page": page, "state": state},
                  status=400 if form.errors else 200)


@login_required
def batch(request: AuthenticatedHttpRequest, key: str) -> HttpResponse:
    """One batch: its progress (the page polls the API until every file is done or failed) and each file's outcome."""
    found = batches_visible_to(request.user).filter(key=key).first()
    if found is None:
        raise Http404("找不到该批次")
    state = list_state(request, sorts=("position",), default="position")
    page = paginate(batch_files(found).select_related("document__fiscal_year"), state)
    return render(request, "batches/batch.html", {
        "batch": found, "progress": batch_progress(found), "page": page, "state": state,
        "files": [(f, file_label(found, f)) for f in page.object_list],
    })
