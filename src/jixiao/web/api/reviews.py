"""复核: the stored report files and the core review's findings on their text."""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.

from django.http import Http404, HttpRequest, JsonResponse
from ninja import Router

from jixiao.errors import JixiaoError
from jixiao.report import Finding
from jixiao.review import review_text
from jixiao.web.api.schemas import DocumentOut
from jixiao.web.documents.models import SourceDocument
from jixiao.web.documents.selectors import documents_visible_to

router = Router(tags=["复核"])


def document_out(document: SourceDocument) -> DocumentOut:
    return DocumentOut(
        id=document.pk, original_name=document.original_name, format=document.format,
        department_id=document.department_id, year=document.fiscal_year.year if document.fiscal_year else None,
        pages=document.pages, size=document.size,
    )


@router.get("/documents", response=list[DocumentOut])
def list_documents(request: HttpRequest) -> list[DocumentOut]:
    """Stored report files the user may see (原始文件)."""
    return [document_out(d) for d in documents_visible_to(request.user)]  # type: ignore[arg-type]


@router.get("/documents/{document_id}/findings", response=list[Finding])
def get_findings(request: HttpRequest, document_id: int) -> JsonResponse:
    """The review's findings on the stored text (复核发现), each with its evidence span."""
    document = documents_visible_to(request.user).filter(pk=document_id).first()  # type: ignore[arg-type]
    if document is None:
        raise Http404("文件不存在")
    try:
        _, findings = review_text(document.extracted_text)
    except JixiaoError as exc:  # not a report: nothing to review
        return JsonResponse({"detail": str(exc)}, status=422, json_dumps_params={"ensure_ascii": False})
    return JsonResponse([f.model_dump(mode="json") for f in findings], safe=False,
                        json_dumps_params={"ensure_ascii": False})
