"""Who may open a stored report file (原始文件) and write its 复核意见: the department rule applied to files."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.departments.permissions import can_review
from jixiao.web.documents.models import SourceDocument
from jixiao.web.documents.selectors import documents_visible_to

F = TypeVar("F", bound=Callable[..., Any])


class DocumentRequest(AuthenticatedHttpRequest):
    """A request past ``require_document_access``: the file it names."""

    document: SourceDocument


def require_document_access(*, write: bool = False) -> Callable[[F], F]:
    """Resolve the ``document_id`` argument to ``request.document`` (原始文件) as the user may see it.

    404 when the file is not visible (its existence is not revealed); with ``write=True``
    (复核意见), 403 for anyone but the finance bureau and admins.
    """
    def decorator(func: F) -> F:
        @functools.wraps(func)
        def wrapper(request: DocumentRequest, *args: Any, **kwargs: Any) -> Any:
            user = request.user
            document = documents_visible_to(user).filter(pk=int(kwargs["document_id"])).first()
            if document is None:
                raise Http404("文件不存在")
            if write and not can_review(user):
                raise PermissionDenied("只有财政局用户和管理员可以填写复核意见")
            request.document = document
            return func(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]  # functools.wraps: the view keeps its signature

    return decorator
