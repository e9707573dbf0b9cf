"""The acceptance walk's pieces: a running ``jixiao demo``, a logged-in HTTP client, and what a user trips over.

``tests/web/test_acceptance_walk.py`` starts the demo exactly as a user does (a real process, the
demo's own data set, gunicorn), logs in as every demo account and follows every link of every page.
The checks are the ones a finance officer would notice on a page; they match what
``../shared/tools/walk-demo`` looks for, so the suite and the walk agree.
"""

from __future__ import annotations

import collections
import contextlib
import html.parser
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHECKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("英文错误页", re.compile(r"Server Error|Traceback|Page not found|Forbidden|Bad Request|Not Found"
                         r"|CSRF verification|Internal Server Error|Exception Value")),
    ("模板残留", re.compile(r"\{\{|\{%|%\}|\}\}")),
    # file names, notes' sections, rule ids (``execution.low_rate``) and framework ids are for developers
    ("开发者文字", re.compile(r"\.toml\b|domain\.md|§\s*\d|二手摘要|\bS\d{1,2}\b(?=[，,）)])|[a-z_]+\.[a-z_]+_[a-z_]+")),
    ("原始值", re.compile(r"(?<![\w.])(None|nan|NaN|null|undefined|True|False)(?![\w.])")),
    ("四位小数", re.compile(r"(?<![\d.])\d{1,9}\.\d{4}(?!\d)")),
)
"""(what a user sees, the pattern over the page's visible text)."""

SKIP = re.compile(r"/(accounts/)?logout|/admin/.*/(delete|history)/|/admin/logout")
DOWNLOAD = re.compile(r"\.(docx|pdf|form-pdf|xlsx|md|json|csv|zip)(\?|$)|/export|/download")
QUERIES_PER_PATH = 6
"""A list reached with many filters and sort orders is walked in a few of them, not every combination."""
PAGES_PER_KIND = 10
DOWNLOADS_PER_KIND = 3
"""Each kind of page (a department's page, an evaluation, an admin change form: the path with its numbers
as N) is walked for the first objects the walk meets, not for all 32 departments × 3 years × every model:
every kind of page and every link on it is met, and the department accounts walk all of their own. A
download costs more (a PDF is LibreOffice seconds), so fewer of each kind."""
_NUMBER = re.compile(r"\d+")


class Page(html.parser.HTMLParser):
    """A page's links, visible text (scripts, styles and form fields left out) and CSRF token."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self.csrf = ""
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "style", "textarea", "code", "pre"):
            self._skip += 1
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        if tag == "input" and a.get("name") == "csrfmiddlewaretoken":
            self.csrf = a.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "textarea", "code", "pre") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.text.append(data.strip())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Demo:
    """A ``jixiao demo`` process serving its own fresh data set."""

    base: str
    process: subprocess.Popen[str]
    output: Path


@dataclass
class Walk:
    """What one account met: every path with its status, and every problem with where it was."""

    visited: list[tuple[int, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: collections.Counter[str] = field(default_factory=collections.Counter)
    """Time spent per kind of page (numbers replaced by N): where a slow walk goes."""


@contextlib.contextmanager
def start_demo(home: Path, *, timeout: float = 600) -> Iterator[Demo]:
    """Start ``jixiao demo`` as a user would (its default data set) and stop it afterwards."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(JIXIAO_HOME=str(home), PYTHONPATH=str(ROOT / "src"), COLUMNS="200")
    log = home / "demo.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen([sys.executable, "-m", "jixiao", "demo", "--port", str(port), "--home", str(home)],
                                   stdout=out, stderr=subprocess.STDOUT, env=env, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise AssertionError(f"jixiao demo exited early: {log.read_text(encoding='utf-8')[-2000:]}")
            try:
                if client().get(base + "/accounts/login/")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"jixiao demo did not answer in {timeout:.0f} s")
            time.sleep(0.5)
        yield Demo(base, process, log)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


class Client:
    """A cookie-keeping HTTP client that does not follow redirects (the walk follows them itself)."""

    def __init__(self) -> None:
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
                return None

        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)

    def get(self, url: str, data: bytes | None = None, referer: str | None = None) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(url, data=data, headers={"Referer": referer or url})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def login(self, base: str, username: str, password: str) -> bool:
        _, _, body = self.get(base + "/accounts/login/")
        form = Page()
        form.feed(body.decode("utf-8", "replace"))
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": form.csrf, "username": username,
                                       "password": password, "next": "/"}).encode()
        status, _, _ = self.get(base + "/accounts/login/", data=data, referer=base + "/accounts/login/")
        return status in (302, 303)


def client() -> Client:
    return Client()


def page_problems(text: str) -> list[str]:
    """Every check a page's visible text fails, each with the words around it."""
    found = []
    for kind, pattern in CHECKS:
        match = pattern.search(text)
        if match:
            around = text[max(0, match.start() - 20):match.end() + 20].replace("\n", " ")
            found.append(f"{kind}：«{around}»")
    return found


def walk(base: str, username: str, password: str) -> Walk:
    """Log in and follow every same-site link (GET), downloads included; list what a user would meet."""
    result = Walk()
    session = Client()
    if not session.login(base, username, password):
        result.problems.append(f"{username} 无法登录")
        return result
    queue: collections.deque[str] = collections.deque(["/"])
    seen = {"/"}
    per_path: collections.Counter[str] = collections.Counter()
    per_kind: collections.Counter[str] = collections.Counter()
    while queue:
        path = queue.popleft()
        started = time.monotonic()
        status, headers, body = session.get(base + path)
        result.visited.append((status, path))
        result.seconds[_NUMBER.sub("N", path.split("?")[0])] += time.monotonic() - started
        where = f"{username} {path}"
        if status in (301, 302, 303):
            target = urllib.parse.urljoin(base + path, headers.get("Location", ""))
            if "/accounts/login/" in target:
                result.problems.append(f"{where}：被送回登录页")
            elif target.startswith(base) and target[len(base):] not in seen:
                seen.add(target[len(base):])
                queue.append(target[len(base):])
            continue
        if status >= 400:
            result.problems.append(f"{where}：状态 {status}")
        content_type = headers.get("Content-Type", "")
        if DOWNLOAD.search(path) and "html" not in content_type:
            if status == 200 and not body:
                result.problems.append(f"{where}：下载为空")
            continue
        if "html" not in content_type:
            continue
        page = Page()
        page.feed(body.decode("utf-8", "replace"))
        result.problems.extend(f"{where}：{problem}" for problem in page_problems("\n".join(page.text)))
        for href in page.links:
            url = urllib.parse.urljoin(base + path, href.split("#")[0])
            if not url.startswith(base):
                continue
            target = url[len(base):]
            if not target or target in seen or SKIP.search(target) or target.startswith("/static/"):
                continue
            bare = target.split("?")[0]
            if "?" in target and per_path[bare] >= QUERIES_PER_PATH:
                continue
            kind = _NUMBER.sub("N", bare)
            if per_kind[kind] >= (DOWNLOADS_PER_KIND if DOWNLOAD.search(target) else PAGES_PER_KIND):
                continue
            per_path[bare] += 1
            per_kind[kind] += 1
            seen.add(target)
            queue.append(target)
    return result
