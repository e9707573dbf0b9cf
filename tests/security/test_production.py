"""The production profile: TLS settings, a Content-Security-Policy without inline script, private files.

Before: ``check --deploy`` gave four warnings (W004 HSTS, W008 SSL redirect, W012/W016 Secure
cookies) with no setting to fix them; no Content-Security-Policy header; inline ``onchange=`` handlers
and an inline ``<script>`` on the review page; the SQLite file and uploads were created 0644 — each
test below failed on those.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

WEB = Path(__file__).resolve().parents[2] / "src" / "jixiao" / "web"


def _jixiao(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {"JIXIAO_HOME": str(home), "PYTHONPATH": str(WEB.parents[1]), "PATH": "/usr/bin:/bin", **env}
    return subprocess.run([sys.executable, "-m", "jixiao", *args], env=environment, capture_output=True, text=True)


def test_check_deploy_is_clean_in_the_https_profile_and_names_what_is_missing_without(tmp_path) -> None:
    hosts = {"JIXIAO_ALLOWED_HOSTS": "jixiao.example.gov.cn"}
    result = _jixiao(tmp_path, "db", "manage", "check", "--deploy", "--fail-level", "WARNING", **hosts,
                     JIXIAO_HTTPS="1")
    assert result.returncode == 0 and "no issues" in result.stdout + result.stderr, result.stdout + result.stderr
    plain = _jixiao(tmp_path, "db", "manage", "check", "--deploy", **hosts)
    found = set(re.findall(r"security\.W\d+", plain.stdout + plain.stderr))
    assert {"security.W004", "security.W008", "security.W012", "security.W016"} <= found


def _settings_in_https(tmp_path: Path) -> dict[str, str]:
    code = ("from django.conf import settings as s;"
            "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
            " s.SECURE_PROXY_SSL_HEADER[0])")
    environment = {"JIXIAO_HOME": str(tmp_path), "PYTHONPATH": str(WEB.parents[1]), "PATH": "/usr/bin:/bin",
                   "JIXIAO_HTTPS": "1", "DJANGO_SETTINGS_MODULE": "jixiao.web.settings"}
    out = subprocess.run([sys.executable, "-c", "import django; django.setup();" + code], env=environment,
                         capture_output=True, text=True, check=True).stdout.split()
    return dict(zip(["redirect", "hsts", "session", "csrf", "proxy"], out, strict=True))


def test_the_https_profile_sets_redirect_hsts_secure_cookies_and_the_proxy_header(tmp_path) -> None:
    assert _settings_in_https(tmp_path) == {"redirect": "True", "hsts": "31536000", "session": "True",
                                            "csrf": "True", "proxy": "HTTP_X_FORWARDED_PROTO"}


class _Scripts(HTMLParser):
    """Inline scripts (a <script> without src that runs) and event-handler attributes (on…=) of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.inline: list[str] = []
        self.handlers: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        self.handlers += [f"<{tag} {name}=…>" for name, _ in attrs if name.startswith("on")]
        self._in_script = tag == "script" and "src" not in names and names.get("type") != "application/json"

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline.append(data.strip()[:60])

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def test_no_template_has_inline_script_or_handlers() -> None:
    offenders = []
    for template in sorted(WEB.rglob("*.html")):
        parser = _Scripts()
        parser.feed(template.read_text(encoding="utf-8"))
        offenders += [f"{template.relative_to(WEB)}: {what}" for what in parser.inline + parser.handlers]
    assert offenders == []


@pytest.mark.django_db
def test_pages_carry_a_csp_without_inline_script_and_none_inline_in_them(world) -> None:
    client = Client()
    client.force_login(world.finance)
    pages = ["/", f"/departments/{world.a.pk}/", f"/reviews/{world.documents[world.a.pk].pk}/", "/dashboard/",
             "/declarations/", f"/departments/{world.a.pk}/evaluation/2022/self/", "/accounts/password/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        script_src = re.search(r"script-src ([^;]+)", policy).group(1)
        assert script_src == "'self'", (url, policy)  # no 'unsafe-inline', no 'unsafe-eval', no other host
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        parser = _Scripts()
        parser.feed(response.content.decode())
        assert parser.inline == [] and parser.handlers == [], url
    script = client.get("/reviews/review.js")
    assert script.status_code == 200 and script["Content-Type"].startswith("text/javascript")
    assert "data-jump" in script.content.decode()  # the core's script, served as a file


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_file_and_home_are_private(tmp_path) -> None:
    os.umask(0o022)
    home = tmp_path / "home"
    result = _jixiao(home, "db", "migrate")
    assert result.returncode == 0, result.stderr
    assert _mode(home) == 0o700
    for path in [home / "jixiao.sqlite3", home / "secret_key", *home.glob("jixiao.sqlite3-*")]:
        assert _mode(path) == 0o600, path
    (home / "jixiao.sqlite3").chmod(0o644)  # an old installation's file is tightened at the next start
    assert _jixiao(home, "db", "manage", "check").returncode == 0
    assert _mode(home / "jixiao.sqlite3") == 0o600


@pytest.mark.django_db
def test_uploaded_files_and_their_folders_are_private(world, settings) -> None:
    os.umask(0o022)
    client = Client()
    client.force_login(world.finance)
    text = (Path("/work/shared/corpus") / "104.txt").read_text(encoding="utf-8")  # not one of the world's
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/api/documents", {"file": SimpleUploadedFile("report.txt", text.encode())})
    assert response.status_code == 200, response.content
    stored = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    assert stored, "nothing stored"
    for path in stored:
        assert _mode(path) == 0o600, path
        parent = path.parent
        while parent != Path(settings.MEDIA_ROOT).parent:
            assert _mode(parent) == 0o700, parent
            parent = parent.parent


def test_production_hashes_passwords_with_pbkdf2_though_the_tests_use_md5(tmp_path) -> None:
    # tests/conftest.py swaps in MD5 for speed; the settings a server starts with must not
    code = "from django.contrib.auth.hashers import get_hasher; h = get_hasher(); print(h.algorithm, h.iterations)"
    environment = {"JIXIAO_HOME": str(tmp_path), "PYTHONPATH": str(WEB.parents[1]), "PATH": "/usr/bin:/bin",
                   "DJANGO_SETTINGS_MODULE": "jixiao.web.settings"}
    out = subprocess.run([sys.executable, "-c", "import django; django.setup();" + code], env=environment,
                         capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "pbkdf2_sha256" and int(out[1]) >= 600_000
    from django.contrib.auth.hashers import get_hasher

    assert get_hasher().algorithm == "md5"  # and this process's tests do hash fast
