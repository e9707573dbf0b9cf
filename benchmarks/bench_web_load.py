"""Benchmark: 50 concurrent users on the web app over 1,000 departments × 5 years; print p50/p95/p99.

For SQLite (a file in a temporary JIXIAO_HOME) and PostgreSQL (a database created for the run on
127.0.0.1:5432 and dropped after it; skipped with a message when no server answers), each in
turn: migrate, store ``--departments`` generated departments × ``--years`` (``jixiao.web.evaluation.flows.store_reports``),
make the dashboard's summary fresh, create the users, start the real server (``jixiao serve``:
gunicorn, gthread) on a free loopback port in a subprocess, log every user in through the login
form, then let them work for ``--seconds``: finance users (财政局) alternate ``/dashboard/`` and
``/api/dashboard``, department users (部门) open their own ``/departments/<id>/``, each pausing
``--think`` seconds between requests (starting at random within the first pause); the first
``--warmup`` seconds, in which each gunicorn worker builds its first board, are not timed (an
error in them still counts). Only loopback is used and every phase is bounded.

An error is any response other than 200 (a redirect to the login page included) or a failed
connection. Target: p95 ≤ 300 ms and 0 errors.

    .venv/bin/python benchmarks/bench_web_load.py [--departments 1000] [--years 2020-2024] [--users 50]
        [--finance 10] [--seconds 30] [--think 1.0] [--database sqlite|postgres|both]
    quick: --departments 100 --seconds 5

``--projects N`` also stores N projects (项目库) per department and year (1,000 departments × 10 projects
× 3 years: ``--years 2020-2022 --projects 10``); the users then also open the project list — finance
users ``/projects/`` across all departments and a filtered, sorted page of it; department users their
own list — and a project's page (``/projects/<id>/``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-load-pw-2026"
TARGET_P95_MS = 300.0
POSTGRES = "postgres://postgres@127.0.0.1:5432"


def _years(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def _env(home: Path, database_url: str | None) -> dict[str, str]:
    env = dict(os.environ, JIXIAO_HOME=str(home), PYTHONPATH=str(ROOT / "src"))
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


# ---- the database (runs in a child process, so that each database gets its own Django) ----

def prepare(args: argparse.Namespace) -> None:
    """Migrate, store the generated departments, warm the summary, create users; print them as JSON."""
    from jixiao.web import bootstrap

    bootstrap.setup()
    started = time.perf_counter()
    bootstrap.migrate()
    from django.contrib.auth.hashers import make_password

    from jixiao import synthetic
    from jixiao.web.accounts.models import Role, User
    from jixiao.web.departments.models import Department
    from jixiao.web.evaluation import summary
    from jixiao.web.evaluation.flows import store_reports

    migrated = time.perf_counter()
    stored = store_reports(synthetic.reports(args.departments, years=tuple(_years(args.years))))
    loaded = time.perf_counter()
    recomputed = summary.refresh(departments=Department.objects.all())
    warmed = time.perf_counter()
    projects = store_projects(args.projects, _years(args.years)) if args.projects else {}
    hashed = make_password(PASSWORD)  # one hash for all: the server still checks each login in full
    departments = list(Department.objects.order_by("pk").values_list("pk", flat=True)[: args.users - args.finance])
    users = [User(username=f"bench-finance-{i}", role=Role.FINANCE, password=hashed) for i in range(args.finance)]
    users += [User(username=f"bench-dept-{pk}", role=Role.DEPARTMENT, department_id=pk, password=hashed)
              for pk in departments]
    User.objects.bulk_create(users)
    print(json.dumps({
        "reports": stored, "migrate_s": migrated - started, "load_s": loaded - migrated,
        "warm_s": warmed - loaded, "recomputed": recomputed,
        "users": [[u.username, u.department_id] for u in users], "projects": len(projects) and sum(
            len(ids) for ids in projects.values()),
        "project_of": {str(pk): ids[0] for pk, ids in projects.items() if pk in set(departments)},
        "some_projects": [ids[-1] for ids in list(projects.values())[:: max(1, len(projects) // 20)]],
    }))


PROJECT_NAMES = ("专项工作经费", "信息化建设", "政府购买服务", "设备购置", "宣传培训", "基础设施维护", "民生补助",
                 "课题研究", "系统运维", "场地改造")


def store_projects(per_year: int, years: list[int]) -> dict[int, list[int]]:
    """``per_year`` projects per department and year (bulk, with their history rows); department → project ids."""
    from decimal import Decimal

    from simple_history.utils import bulk_create_with_history

    from jixiao.web.departments.models import Department
    from jixiao.web.projects.models import Project

    statuses = [value for value, _ in Project.Status.choices]
    rows = []
    rng = random.Random(0)
    for department in Department.objects.order_by("pk").values_list("pk", flat=True):
        for year in years:
            for n in range(per_year):
                rows.append(Project(
                    department_id=department, code=f"{year}-XM-{n + 1:03d}", name=f"{year}年度{PROJECT_NAMES[n % 10]}",
                    category=PROJECT_NAMES[n % 10][:4], start_year=year, end_year=year,
                    amount=Decimal(rng.randrange(1000, 900000)) / 100, is_key=n == 0, is_major=n == 1,
                    attribute="new" if n % 3 else "continuing",
                    status=statuses[5 if year < years[-1] and n == per_year - 1 else
                                    4 if year < years[-1] else n % 4]))
    bulk_create_with_history(rows, Project, batch_size=2000)
    found: dict[int, list[int]] = {}
    for pk, department in Project.objects.order_by("pk").values_list("pk", "department_id"):
        found.setdefault(department, []).append(pk)
    return found


# ---- the server ----

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "jixiao", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited with {server.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    _stop_server(server)
    raise SystemExit("server did not answer within 60 s")


def _stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # its own process group: the master and its workers
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# ---- the users ----

def _login(base: str, username: str) -> object:
    import requests

    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if page.status_code != 200 or token is None:
        raise RuntimeError(f"login page: HTTP {page.status_code}")
    response = session.post(f"{base}/accounts/login/", timeout=60, allow_redirects=False, data={
        "username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": f"{base}/accounts/login/"})
    if response.status_code != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"login of {username} failed: HTTP {response.status_code}")
    return session


def _work(session: object, pages: list[tuple[str, str]], base: str, counted: float, until: float, think: float,
          results: list[tuple[str, float, bool]], errors: list[str]) -> None:
    turn = 0
    time.sleep(random.uniform(0, think))  # users do not all click at the same instant
    while time.monotonic() < until:
        label, path = pages[turn % len(pages)]
        turn += 1
        started = time.perf_counter()
        try:
            response = session.get(base + path, timeout=60, allow_redirects=False)  # type: ignore[attr-defined]
            ok = response.status_code == 200
            _ = response.content
            problem = None if ok else f"{path}: HTTP {response.status_code}"
        except Exception as exc:
            ok, problem = False, f"{path}: {type(exc).__name__}"
        if problem:
            errors.append(problem)  # an error counts even in the warm-up
        if started >= counted or not ok:
            results.append((label, (time.perf_counter() - started) * 1000, ok))
        if think:
            time.sleep(think)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))  # nearest rank
    return ordered[index]


def _report(name: str, results: list[tuple[str, float, bool]], seconds: float) -> bool:
    by_page: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for label, ms, ok in results:
        by_page[label].append((ms, ok))
    print(f"  {'page':<24}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    rows = [*sorted(by_page.items()), ("overall", [(ms, ok) for _, ms, ok in results])]
    for label, items in rows:
        times = [ms for ms, _ in items]
        errors = sum(1 for _, ok in items if not ok)
        print(f"  {label:<24}{len(items):>9}{len(items) / seconds:>8.1f}{_percentile(times, .50):>9.0f}"
              f"{_percentile(times, .95):>9.0f}{_percentile(times, .99):>9.0f}{errors:>8}")
    p95 = _percentile([ms for _, ms, _ in results], .95)
    errors = sum(1 for *_, ok in results if not ok)
    met = p95 <= TARGET_P95_MS and errors == 0 and bool(results)
    print(f"  {name}: target p95 ≤ {TARGET_P95_MS:.0f} ms and 0 errors: {'met' if met else 'NOT met'} "
          f"(p95 {p95:.0f} ms, {errors} errors)")
    return met


def _run_all(threads: list[threading.Thread]) -> None:
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def run_one(name: str, database_url: str | None, args: argparse.Namespace) -> bool:
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as folder:
        home = Path(folder)
        env = _env(home, database_url)
        started = time.perf_counter()
        built = subprocess.run(
            [sys.executable, __file__, "--prepare", "--departments", str(args.departments), "--years", args.years,
             "--users", str(args.users), "--finance", str(args.finance), "--projects", str(args.projects)],
            env=env, capture_output=True, text=True, timeout=args.build_timeout)
        if built.returncode != 0:
            raise SystemExit(f"{name}: building the database failed:\n{built.stderr[-3000:]}")
        info = json.loads(built.stdout.strip().splitlines()[-1])
        print(f"{name}: {info['reports']:,} reports ({args.departments:,} departments × {args.years}) stored in "
              f"{info['load_s']:.1f} s (bulk), migrate {info['migrate_s']:.1f} s, summary warm-up "
              f"{info['warm_s']:.1f} s ({info['recomputed']} rows recomputed); built in "
              f"{time.perf_counter() - started:.0f} s (not timed below)"
              + (f"; {info['projects']:,} projects" if info.get("projects") else ""))
        port = _free_port()
        server = _start_server(env, port, home / "server.log")
        base = f"http://127.0.0.1:{port}"
        try:
            sessions: list[tuple[object, list[tuple[str, str]]]] = []
            lock = threading.Lock()
            failures: list[str] = []

            def login(username: str, department_id: int | None) -> None:
                try:
                    session = _login(base, username)
                except Exception as exc:
                    failures.append(str(exc))
                    return
                pages = ([("/departments/<id>/", f"/departments/{department_id}/")] if department_id else
                         [("/dashboard/", "/dashboard/"), ("/api/dashboard", "/api/dashboard")])
                if info.get("projects"):
                    own = info["project_of"].get(str(department_id)) if department_id else None
                    pages += ([("/projects/ (部门)", "/projects/"), ("/projects/<id>/", f"/projects/{own}/")] if own
                              else [("/projects/ (财政局)", "/projects/"),
                                    ("/projects/?status&sort", "/projects/?status=in_progress&sort=-amount&page=2"),
                                    ("/projects/<id>/", f"/projects/{random.choice(info['some_projects'])}/")])
                with lock:
                    sessions.append((session, pages))

            logins = [threading.Thread(target=login, args=tuple(user)) for user in info["users"]]
            started = time.perf_counter()
            _run_all(logins)
            print(f"  {len(sessions)} users logged in through the login form in {time.perf_counter() - started:.1f} s"
                  f"{'; failures: ' + '; '.join(sorted(set(failures))) if failures else ''}")
            if failures:
                return False
            results: list[tuple[str, float, bool]] = []
            errors: list[str] = []
            counted = time.perf_counter() + args.warmup
            until = time.monotonic() + args.warmup + args.seconds
            workers = [threading.Thread(target=_work, args=(s, pages, base, counted, until, args.think, results,
                                                            errors)) for s, pages in sessions]
            _run_all(workers)
            print(f"  {len(sessions)} concurrent users for {args.seconds:.0f} s after a {args.warmup:.0f} s warm-up "
                  f"(each worker's first board), think time {args.think} s:")
            met = _report(name, results, args.seconds)
            for error in sorted(set(errors))[:5]:
                print(f"  error: {error} ({errors.count(error)}×)")
            return met
        finally:
            _stop_server(server)


def _postgres_database(url: str) -> tuple[str | None, str]:
    """A fresh database on the server at ``url``, or None and the reason it is not reachable."""
    try:
        import psycopg

        name = f"jixiao_bench_{os.getpid()}"
        with psycopg.connect(f"{url}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"{url}/{name}", name
    except Exception as exc:  # no server, no rights: skip PostgreSQL and say why
        return None, f"{type(exc).__name__}: {str(exc).strip()[:200]}"


def _drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{url}/postgres", autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=1000)
    parser.add_argument("--years", default="2020-2024", help="first-last")
    parser.add_argument("--users", type=int, default=50, help="concurrent users")
    parser.add_argument("--finance", type=int, default=10, help="of which finance-bureau users")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--think", type=float, default=1.0, help="pause between a user's requests (s)")
    parser.add_argument("--warmup", type=float, default=5, help="first seconds not counted (errors still are)")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres", default=POSTGRES, help="server URL without a database name")
    parser.add_argument("--projects", type=int, default=0, help="projects per department and year (项目库)")
    parser.add_argument("--build-timeout", type=float, default=600)
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare(args)
        return
    if not 0 < args.finance < args.users:
        parser.error("--finance must be between 1 and --users − 1")
    met = []
    if args.database in ("sqlite", "both"):
        met.append(run_one("SQLite", None, args))
    if args.database in ("postgres", "both"):
        url, name = _postgres_database(args.postgres)
        if url is None:
            print(f"PostgreSQL: skipped, no server answered at {args.postgres} ({name})")
        else:
            try:
                met.append(run_one("PostgreSQL", url, args))
            finally:
                _drop_postgres(args.postgres, name)
    print(f"all targets met: {'yes' if met and all(met) else 'no'}")


if __name__ == "__main__":
    main()
