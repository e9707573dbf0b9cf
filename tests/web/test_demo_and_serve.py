"""`jixiao demo` and `jixiao serve` as a user runs them: real processes, real HTTP, Ctrl-C."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(JIXIAO_HOME=str(home), PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"), **extra)
    return env


def _wait_for(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited early: {process.communicate()[0]}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer in {timeout}s")


def _login(base: str, username: str, password: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    form = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token,
                                   "next": "/"}).encode()
    opener.open(urllib.request.Request(f"{base}/accounts/login/", data=data, headers={"Referer": base}))
    return opener


def _interrupt(process: subprocess.Popen) -> str:
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole group
    output, _ = process.communicate(timeout=30)
    return output


@pytest.mark.slow
def test_demo_serves_both_seed_departments_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "jixiao", "demo", "--port", str(port), "--departments", "3", "--home", str(tmp_path)],
        env=_env(tmp_path, COLUMNS="200"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/accounts/login/", process)
        page = _login(base, "caizheng", "jixiao-caizheng-2022").open(f"{base}/").read().decode()
        assert "中国共产党广州市荔湾区委员会宣传部" in page
        assert "中国共产党广州市增城区委员会宣传部" in page
        assert "3,663.27" in page and "72.60%" in page and "92.32%" in page
        own = _login(base, "liwan", "jixiao-liwan-2022").open(f"{base}/").read().decode()
        assert "荔湾区委员会宣传部" in own and "增城区委员会宣传部" not in own
    finally:
        output = _interrupt(process)
    assert process.returncode == 0, output
    for account in ("admin", "caizheng", "liwan", "zengcheng"):
        assert account in output
    assert output.count("演示已停止") == 1
    assert "Traceback" not in output


def test_serve_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "jixiao", "serve", "--port", str(_free_port())],
                            env=_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "jixiao db migrate" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_serve_runs_on_gunicorn_after_migrate(tmp_path: Path) -> None:
    env = _env(tmp_path)
    migrated = subprocess.run([sys.executable, "-m", "jixiao", "db", "migrate"], env=env, capture_output=True,
                              text=True, timeout=120)
    assert migrated.returncode == 0, migrated.stderr
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "jixiao", "serve", "--port", str(port), "--workers", "2"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    try:
        _wait_for(f"http://127.0.0.1:{port}/accounts/login/", process)
        login = urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/").read().decode()
        assert "登录" in login
        css = urllib.request.urlopen(f"http://127.0.0.1:{port}/static/jixiao/site.css").read().decode()
        assert "topbar" in css  # static files served locally, by WhiteNoise
        ps = subprocess.run(["ps", "-o", "args=", "--ppid", str(process.pid)], capture_output=True, text=True)
        assert "runserver" not in ps.stdout
    finally:
        output = _interrupt(process)
    assert process.returncode == 0, output
    assert output.count("jixiao 已停止") == 1
