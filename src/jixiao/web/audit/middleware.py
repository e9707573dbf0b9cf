"""Every download is an audit event (导出记录): XLSX, DOCX, PDF, CSV — whoever asked, from where, which file.

One place for every export view: a successful response to a signed-in user that is an
attachment or of a document type is recorded after the view ran.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponse

from jixiao.web.audit.models import AuditEvent
from jixiao.web.audit.services import record_event

DOCUMENT_TYPES = (
    "application/vnd.openxmlformats-officedocument",  # xlsx, docx
    "application/pdf",
    "text/csv",
    "application/msword",
    "application/vnd.ms-excel",
    "application/zip",
)


def _filename(disposition: str) -> str:
    star = re.search(r"filename\*=(?:UTF-8|utf-8)''([^;]+)", disposition)
    if star:
        return unquote(star.group(1))
    plain = re.search(r'filename="?([^";]+)"?', disposition)
    return plain.group(1) if plain else ""


class AuditExportMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if response.status_code != 200 or user is None or not user.is_authenticated:
            return response
        disposition = response.get("Content-Disposition", "")
        kind = response.get("Content-Type", "")
        if "attachment" in disposition or kind.startswith(DOCUMENT_TYPES):
            name = _filename(disposition) or request.path.rsplit("/", 1)[-1]
            record_event(kind=AuditEvent.Kind.EXPORT, user=user, request=request,
                         detail=f"下载 {name}（{request.get_full_path()[:200]}）")
        return response
