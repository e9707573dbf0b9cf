"""The signed-in user's own account pages: change password (修改密码), two-step verification (两步验证).

Two-step verification is TOTP (RFC 6238, django-otp): the enrolment page shows the secret as a QR
code drawn here as inline SVG (no outside service sees the secret) and as text; the first code
accepted confirms the device. Later logins of a role that needs it ask for a code after the password.
"""

from __future__ import annotations

from typing import Any

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.accounts.security import needs_second_factor


@sensitive_post_parameters()
@login_required
def change_password(request: AuthenticatedHttpRequest) -> HttpResponse:
    """修改密码: the old one, then the new one twice, checked by every password validator."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)  # this session stays; the user's other sessions end
        messages.success(request, "密码已修改；其他已登录的会话需重新登录")
        return redirect("password-change")
    return render(request, "accounts/password_change.html", {"form": form, "min_length": settings.PASSWORD_MIN_LENGTH})


class TokenForm(forms.Form):
    token = forms.CharField(label="动态验证码", min_length=6, max_length=8, widget=forms.TextInput(
        attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True, "size": 8}))


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) else "/"


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """两步验证: verify a code (a confirmed device) or enrol one (show the QR code, confirm with a code)."""
    user: Any = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
            user=user, name="动态验证码", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _ = device.verify_is_allowed()  # django-otp throttles after a wrong code (1 s, 2 s, 4 s …)
        if device.verify_token(form.cleaned_data["token"].strip()):
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, "两步验证已启用" if enrolling else "验证通过")
            return redirect(_next(request))
        form.add_error("token", "动态验证码不正确或已过期，请输入验证器上当前显示的 6 位数字" if allowed
                       else "动态验证码错误次数过多，请稍候片刻再输入")
    context: dict[str, Any] = {"form": form, "enrolling": enrolling, "next": _next(request),
                               "required": needs_second_factor(user), "verified": user.is_verified()}
    if enrolling:
        context.update(qr=mark_safe(_qr_svg(device.config_url)), secret=_base32(device))
    return render(request, "accounts/two_factor.html", context)


def _base32(device: TOTPDevice) -> str:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
