"""Login: lockout by user name *and* address, failures kept, password rules everywhere, change password, TOTP.

Before: django-axes locked by user name *or* address, so five failures on made-up names locked
every account from that address and anyone could lock a named account with five requests (the
first two tests got 429 for the innocent login); failed logins left nothing once the user logged
in; ``jixiao db create-user --password a`` was accepted (no validators on the CLI), the minimum
was 8; there was no change-password page (404) and no second factor.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from tests.security.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str, ip: str = "10.0.0.1") -> int:
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip).status_code


def test_failures_on_made_up_names_do_not_lock_a_real_account_from_the_same_address(world) -> None:
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT + 2):
        _login(client, f"nobody{n}", "wrong-password-x")
    assert _login(Client(), "dept_a", PASSWORD) == 302  # not locked: a different user name


def test_failures_from_elsewhere_do_not_lock_the_named_account_here(world) -> None:
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        _login(attacker, "dept_a", "wrong-password-x", ip="203.0.113.9")
    assert _login(attacker, "dept_a", PASSWORD, ip="203.0.113.9") == 429  # that pair is locked
    assert _login(Client(), "dept_a", PASSWORD, ip="10.0.0.1") == 302  # the owner at their desk is not


def test_failed_logins_are_kept_after_a_success(world) -> None:
    client = Client()
    _login(client, "dept_a", "wrong-password-x")
    _login(client, "dept_a", "wrong-password-y")
    assert _login(client, "dept_a", PASSWORD) == 302
    assert not AccessAttempt.objects.filter(username="dept_a").exists()  # the counter resets on success …
    kept = AccessFailureLog.objects.filter(username="dept_a")
    assert kept.count() == 2 and {f.ip_address for f in kept} == {"10.0.0.1"}  # … the record stays


def test_the_cli_refuses_a_weak_password_in_chinese(tmp_path) -> None:
    env = {"JIXIAO_HOME": str(tmp_path), "PYTHONPATH": "src", "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-m", "jixiao", "db", "migrate"], env=env, check=True, capture_output=True)
    result = subprocess.run([sys.executable, "-m", "jixiao", "db", "create-user", "zhang", "--role", "finance",
                             "--password", "a"], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "密码不符合要求" in result.stderr + result.stdout and "12" in result.stderr + result.stdout
    result = subprocess.run([sys.executable, "-m", "jixiao", "db", "create-user", "zhang", "--role", "finance",
                             "--password", "lan-shan-27-qiao"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_change_password_page_applies_the_validators_and_keeps_this_session(world) -> None:
    client = Client()
    client.force_login(world.user_a)
    home = client.get("/").content.decode()
    assert 'href="/accounts/password/"' in home  # linked from the user menu
    page = client.get("/accounts/password/").content.decode()
    assert "修改密码" in page and "至少 12 位" in page
    response = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "short1",
                                                     "new_password2": "short1"})
    body = response.content.decode()
    assert response.status_code == 200 and "密码未修改" in body and "12" in body
    other = Client()
    other.force_login(world.user_a)
    response = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "qing-he-river-83",
                                                     "new_password2": "qing-he-river-83"}, follow=True)
    assert "密码已修改" in response.content.decode()
    world.user_a.refresh_from_db()
    assert world.user_a.check_password("qing-he-river-83")
    assert client.get("/").status_code == 200  # this session goes on
    assert other.get("/").status_code == 302  # the other one ends


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def test_two_factor_for_the_roles_set_enrol_then_verify(world, settings) -> None:
    settings.TWO_FACTOR_ROLES = ["finance", "admin"]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code delays the next try by seconds; no waiting in a test
    client = Client()
    assert _login(client, "finance", PASSWORD) == 302
    response = client.get("/dashboard/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/")
    assert client.get("/api/dashboard").json()["detail"].startswith("此账户须完成两步验证")
    page = client.get("/accounts/2fa/").content.decode()
    assert "<svg" in page and "扫描下方二维码" in page and 'id="totp-secret"' in page and "http" not in page.split(
        '<figure class="qr"')[1].split("</figure>")[0].replace("http://www.w3.org", "")  # inline, no outside service
    device = TOTPDevice.objects.get(user=world.finance)
    assert not device.confirmed
    assert "动态验证码不正确" in client.post("/accounts/2fa/", {"token": "000000"}).content.decode()
    response = client.post("/accounts/2fa/", {"token": _code(device), "next": "/dashboard/"})
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    # the next login asks for a code again, now without the QR code
    second = Client()
    assert _login(second, "finance", PASSWORD) == 302
    page = second.get("/accounts/2fa/").content.decode()
    assert "<svg" not in page and "请输入验证器应用上当前显示的 6 位动态验证码" in page
    assert second.get("/dashboard/").status_code == 302
    # a department user is not asked
    department = Client()
    assert _login(department, "dept_a", PASSWORD) == 302
    assert department.get(f"/departments/{world.a.pk}/").status_code == 200


def test_two_factor_is_off_by_default(world) -> None:
    client = Client()
    assert _login(client, "finance", PASSWORD) == 302
    assert client.get("/dashboard/").status_code == 200
