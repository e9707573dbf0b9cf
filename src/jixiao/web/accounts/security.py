"""Sessions and the second factor (会话与双因素认证), beside the idle timeout of ``SessionTouchMiddleware``.

- **Absolute lifetime** (``SESSION_ABSOLUTE_SECONDS``, ``JIXIAO_SESSION_HOURS``, 12 h): a session ends
  that long after its login however active it is; the login time is stamped at login.
- **Concurrent sessions** (``MAX_SESSIONS_PER_USER``, ``JIXIAO_MAX_SESSIONS``; 0 = no limit): at a
  login, the user's oldest other sessions are ended until at most that many remain.
- **Two factors** (TOTP, django-otp) for the roles in ``TWO_FACTOR_ROLES`` (``JIXIAO_2FA_ROLES``,
  e.g. ``finance,admin``; none by default): after the password, such a user reaches nothing but
  the verification (or, the first time, the enrolment) page until a code is accepted; the API
  answers 403 with the reason.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

LOGIN_AT = "_login_at"

EXPIRED = "登录已超过 {hours} 小时，请重新登录"
SECOND_FACTOR_NEEDED = "此账户须完成两步验证（动态验证码）后才能使用"


def needs_second_factor(user: Any) -> bool:
    """Whether ``user``'s role must log in with a TOTP code too (``TWO_FACTOR_ROLES``)."""
    roles = settings.TWO_FACTOR_ROLES
    if not roles or not user.is_authenticated:
        return False
    return user.role in roles or (user.is_superuser and "admin" in roles)


@receiver(user_logged_in)
def _stamp_and_limit(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    request.session[LOGIN_AT] = int(time.time())
    limit = settings.MAX_SESSIONS_PER_USER
    if limit > 0:
        end_oldest_sessions(user, keep=limit, current=request.session.session_key)


def end_oldest_sessions(user: Any, *, keep: int, current: str | None) -> int:
    """End ``user``'s oldest signed-in sessions so that ``keep`` remain counting ``current``; how many ended."""
    mine: list[tuple[int, str]] = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).exclude(session_key=current).iterator():
        data = session.get_decoded()
        if str(data.get("_auth_user_id")) == str(user.pk):
            mine.append((int(data.get(LOGIN_AT, 0)), session.session_key))
    mine.sort()
    ended = mine[: max(0, len(mine) - (keep - 1))]
    Session.objects.filter(session_key__in=[key for _, key in ended]).delete()
    return len(ended)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


class SessionLimitsMiddleware:
    """The absolute lifetime and the second factor, after authentication (and django-otp's middleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            answer = self._expired(request) or self._second_factor(request, user)
            if answer is not None:
                return answer
        return self.get_response(request)

    def _expired(self, request: HttpRequest) -> HttpResponse | None:
        now = int(time.time())
        login_at = request.session.setdefault(LOGIN_AT, now)  # a session from before this rule: from now
        if now - int(login_at) < settings.SESSION_ABSOLUTE_SECONDS:
            return None
        logout(request)
        message = EXPIRED.format(hours=round(settings.SESSION_ABSOLUTE_SECONDS / 3600, 1)).replace(".0 ", " ")
        if _is_api(request):
            return JsonResponse({"detail": message}, status=401, json_dumps_params={"ensure_ascii": False})
        messages.info(request, message)
        return redirect(f"{reverse('login')}?next={request.path}")

    def _second_factor(self, request: HttpRequest, user: Any) -> HttpResponse | None:
        if not needs_second_factor(user) or user.is_verified():
            return None
        allowed = (reverse("two-factor"), reverse("logout"), settings.STATIC_URL)
        if request.path.startswith(allowed):
            return None
        if _is_api(request):
            return JsonResponse({"detail": SECOND_FACTOR_NEEDED}, status=403, json_dumps_params={"ensure_ascii": False})
        target = request.get_full_path()
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = "/"
        return redirect(f"{reverse('two-factor')}?next={target}")
