"""The request a view sees once ``login_required`` let it through: its ``user`` is a signed-in ``User``.

Django types ``request.user`` as ``User | AnonymousUser``; past ``login_required`` (and the
permission decorators built on it in ``departments.permissions``, ``documents.permissions``) it is
always a ``User``. Views annotate their request with the class below, or the subclasses that add
what a decorator hands over (``request.department``, ``request.document``). A type only: Django
still passes its own ``HttpRequest``.
"""

from __future__ import annotations

from django.http import HttpRequest

from jixiao.web.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
