"""Batch throughput (批量处理速度): one process, ``--jobs 2``, and 1 and 2 Celery workers, on generated reports.

    .venv/bin/python benchmarks/bench_batch.py                       # 2,000 reports, Redis, PostgreSQL
    .venv/bin/python benchmarks/bench_batch.py --count 400 --keep /tmp/bench-batch

Reports: ``jixiao.synthetic`` departments rendered by ``jixiao.render`` — half PDF (through
LibreOffice, the render path), half text (Markdown) — generated once into a folder (kept with
``--keep`` and reused by the next run with the same folder and count), before any clock starts.

Measured:
- files/s reading (import: read + normalise + extract) in one process and with ``--jobs 2``
  (``jixiao.parallel.ordered_map``), and the speedup;
- files/s through Celery workers (``jixiao worker -c 1`` and ``-c 2``, Redis broker, each file
  imported and stored with ``jixiao batch submit --save``; PostgreSQL as the result store when it
  answers, else SQLite), the speedup, and the per-task overhead: a worker's wall time per file
  against the same file's work in one process (read + store);
- peak memory (max RSS) of a pool worker and of a Celery worker process;
- store time per report (``evaluation.flows.store_import``) on SQLite and PostgreSQL;
- the extrapolated time for 10,000 reports at the 2-worker rate, and scaled to 25-page PDFs.

The load average is printed at the start and the end: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from functools import partial
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from jixiao import synthetic  # noqa: E402
from jixiao.cli.import_cmd import import_one  # noqa: E402
from jixiao.importer import ImportResult, import_bounded  # noqa: E402
from jixiao.parallel import ordered_map  # noqa: E402
from jixiao.render import render_batch  # noqa: E402

REDIS = "redis://127.0.0.1:6379/12"
POSTGRES = "postgres://postgres@127.0.0.1:5432"


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def generate(folder: Path, count: int) -> list[Path]:
    """``count`` reports, half PDF, half text; reused when the folder already holds them."""
    marker = folder / f"done-{count}"
    pdfs = count // 2
    if marker.exists():
        return sorted(p for p in folder.iterdir() if p.suffix in (".pdf", ".txt"))
    folder.mkdir(parents=True, exist_ok=True)
    reports = list(synthetic.reports(count, (2023,)))
    start = time.perf_counter()
    made = render_batch([(r, folder / f"r{n:05d}.pdf") for n, r in enumerate(reports[:pdfs])], "pdf", timeout=1800)
    text = render_batch([(r, folder / f"r{n:05d}.txt") for n, r in enumerate(reports[pdfs:], pdfs)], "md")
    print(f"generated {len(made.written)} PDF + {len(text.written)} text in {time.perf_counter() - start:.1f} s "
          f"({len(made.failed) + len(text.failed)} failed)")
    marker.write_text("ok")
    return sorted(p for p in folder.iterdir() if p.suffix in (".pdf", ".txt"))


def _lost(path: Path, reason: str) -> ImportResult:
    return ImportResult(source=str(path), reason=reason)


def pool_rate(files: list[Path], jobs: int) -> tuple[float, int, float]:
    """(files/s, files read, peak RSS MB of a worker — of this process for jobs=1), as ``jixiao import -j``."""
    work = partial(import_one, limits=None, keep_document=False)
    peak = [0.0]
    running = threading.Event()

    def sample() -> None:
        while not running.wait(0.3):
            peak[0] = max(peak[0], _peak_descendants_mb(os.getpid()))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    ok = sum(1 for r in ordered_map(work, files, jobs=jobs, on_lost=_lost) if r.report is not None)
    seconds = time.perf_counter() - start
    running.set()
    sampler.join()
    mine = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return len(files) / seconds, ok, mine if jobs == 1 else peak[0]


def _processes() -> dict[int, dict[str, str]]:
    table = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            table[int(status.parent.name)] = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
    return table


def _peak_descendants_mb(pid: int) -> float:
    """Max VmHWM (peak RSS) among the python processes below ``pid`` (pool workers, not LibreOffice)."""
    table = _processes()
    below, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, f in table.items() if int(f.get("PPid", "0").strip() or 0) in frontier} - below
        below |= frontier
    peaks = [int(table[p]["VmHWM"].split()[0]) / 1024 for p in below
             if "VmHWM" in table[p] and "python" in table[p].get("Name", "")]
    return max(peaks, default=0.0)


def _env(home: Path, database: str | None, queue: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "JIXIAO_HOME": str(home), "JIXIAO_BROKER_URL": REDIS,
           "JIXIAO_BATCH_QUEUE": queue, "JIXIAO_SHARED_DIR": str(home / "shared")}
    env.pop("DATABASE_URL", None)
    if database:
        env["DATABASE_URL"] = database
    return env


def _jixiao(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jixiao", *args], env=env, capture_output=True, text=True,
                          timeout=3600, check=False)


def _fresh_postgres() -> str | None:
    if not _answers(5432):
        return None
    import psycopg

    name = f"bench_batch_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{POSTGRES}/{name}"


def _drop_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def celery_rate(files: list[Path], concurrency: int, database: str | None, mode: str) -> dict[str, float]:
    """Every file through one worker of ``concurrency`` processes (a fresh database): read and its row written
    (``mode`` import), or also the report stored (save)."""
    home = Path(tempfile.mkdtemp(prefix="jixiao-bench-celery-"))
    env = _env(home, database, f"bench-{uuid.uuid4().hex[:8]}")
    try:
        migrated = _jixiao(env, "db", "migrate")
        assert migrated.returncode == 0, migrated.stderr
        log = home / "worker.log"
        worker = subprocess.Popen([sys.executable, "-m", "jixiao", "worker", "-c", str(concurrency), "--loglevel",
                                   "INFO"], env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                                  start_new_session=True)
        deadline = time.monotonic() + 60
        while b"ready" not in log.read_bytes():
            assert time.monotonic() < deadline and worker.poll() is None, log.read_text(errors="replace")[-2000:]
            time.sleep(0.2)
        idle_cpu = _cpu_seconds(worker.pid)  # its start-up (Django, Celery, the pool), paid once per worker
        submit_start = time.perf_counter()
        submitted = _jixiao(env, "batch", "submit", *map(str, files), *(["--save"] if mode == "save" else []))
        assert submitted.returncode == 0, submitted.stderr
        key = submitted.stdout.strip()
        start = time.perf_counter()
        submit_seconds = start - submit_start
        peak = 0.0
        while _pending(database, home, key):  # read straight from the database: a `jixiao batch status` a
            peak = max(peak, _peak_descendants_mb(worker.pid))  # second would cost a core of start-ups
            time.sleep(0.5)
        seconds = time.perf_counter() - start
        cpu = _cpu_seconds(worker.pid) - idle_cpu
        status = json.loads(_jixiao(env, "batch", "status", key, "--json").stdout)
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)
        return {"rate": len(files) / seconds, "seconds": seconds, "submit": submit_seconds, "cpu_ms": cpu / len(files) * 1000,
                "done": status["done"], "failed": status["failed"], "peak_mb": peak}
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of ``pid`` and the python processes below it, alive now (a worker and its pool)."""
    table = _processes()
    below, frontier = {pid}, {pid}
    while frontier:
        frontier = {p for p, f in table.items() if int(f.get("PPid", "0").strip() or 0) in frontier} - below
        below |= frontier
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for p in below:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # its own user + system time, and that of its children it has reaped (pool processes replaced)
        total += (int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])) / ticks
    return total


def _pending(database: str | None, home: Path, key: str) -> int:
    query = ("select count(*) from batches_batchfile f join batches_batch b on b.id = f.batch_id "
             "where b.key = %s and f.state = 'pending'")
    if database:
        import psycopg

        with psycopg.connect(database) as connection:
            row = connection.execute(query, (key,)).fetchone()
    else:
        import sqlite3

        with sqlite3.connect(home / "jixiao.sqlite3", timeout=30) as connection:
            row = connection.execute(query.replace("%s", "?"), (key,)).fetchone()
    return int(row[0]) if row else 0


def store_time(files: list[Path], database: str | None) -> tuple[float, float]:
    """ms per report of store_import (half the files, one by one) and of the bulk path ``store_reports`` (the
    other half, one chunk), on a fresh database (in a child: Django is set up once per process)."""
    home = Path(tempfile.mkdtemp(prefix="jixiao-bench-store-"))
    env = _env(home, database, "unused")
    env.pop("JIXIAO_BROKER_URL")
    try:
        migrated = _jixiao(env, "db", "migrate")
        assert migrated.returncode == 0, migrated.stderr
        run = subprocess.run([sys.executable, __file__, "--store-child", *map(str, files)], env=env,
                             capture_output=True, text=True, timeout=3600, check=False)
        assert run.returncode == 0, run.stderr[-2000:]
        single, bulk = run.stdout.strip().splitlines()[-1].split()
        return float(single), float(bulk)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _store_child(files: list[str]) -> None:
    from jixiao.web import bootstrap

    bootstrap.setup()
    from django.db import transaction

    from jixiao.web.evaluation.flows import store_import, store_reports

    results = [import_bounded(Path(f)) for f in files]
    half = len(results) // 2
    start = time.perf_counter()
    for result in results[:half]:
        store_import(result)
    single = (time.perf_counter() - start) / max(1, half) * 1000
    fresh = [r.report for r in results[half:] if r.report is not None and r.report.department and r.report.year]
    start = time.perf_counter()
    with transaction.atomic():  # one chunk: the bulk path (bulk_create with history), new departments
        store_reports(fresh)
    bulk = (time.perf_counter() - start) / max(1, len(fresh)) * 1000
    print(f"{single} {bulk}")


def work_time(files: list[Path]) -> tuple[float, float]:
    """(wall ms, CPU ms) per file of reading in one process (for the overhead)."""
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        import_bounded(path)
    return ((time.perf_counter() - start) / len(files) * 1000, (time.process_time() - cpu) / len(files) * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="folder for the generated reports (kept and reused)")
    parser.add_argument("--store-sample", type=int, default=100, help="reports stored for the store time")
    parser.add_argument("--celery-mode", choices=("import", "save"), default="import",
                        help="import: each task reads its file and writes its row; save: and stores the report")
    parser.add_argument("--store-child", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.store_child is not None:
        _store_child(args.store_child)
        return
    print(f"load average at start: {os.getloadavg()}; cores: {os.cpu_count()}")
    folder = args.keep or Path(tempfile.gettempdir()) / f"jixiao-bench-batch-{args.count}"
    files = generate(folder, args.count)
    pdfs = [f for f in files if f.suffix == ".pdf"]
    import pypdfium2 as pdfium

    pages = sum(len(pdfium.PdfDocument(str(p))) for p in pdfs[:50]) / max(1, min(50, len(pdfs)))
    print(f"{len(files)} reports ({len(pdfs)} PDF, {pages:.1f} pages each on average; {len(files) - len(pdfs)} text)")

    one, ok1, mem1 = pool_rate(files, 1)
    two, ok2, mem2 = pool_rate(files, 2)
    print(f"1 process : {one:7.1f} files/s ({ok1} read), peak RSS {mem1:.0f} MB")
    print(f"--jobs 2  : {two:7.1f} files/s ({ok2} read), peak RSS of a worker {mem2:.0f} MB; speedup {two / one:.2f}×")

    sample = files[:: max(1, len(files) // args.store_sample)][: args.store_sample]
    sqlite_ms, sqlite_bulk = store_time(sample, None)
    postgres = _fresh_postgres()
    postgres_ms = postgres_bulk = None
    if postgres:
        try:
            postgres_ms, postgres_bulk = store_time(sample, postgres)
        finally:
            _drop_postgres(postgres)
    print(f"store_import: SQLite {sqlite_ms:.1f} ms/report" +
          (f", PostgreSQL {postgres_ms:.1f} ms/report" if postgres_ms is not None else ", PostgreSQL not reachable"))
    print(f"bulk store_reports (one chunk, new departments): SQLite {sqlite_bulk:.1f} ms/report" +
          (f", PostgreSQL {postgres_bulk:.1f} ms/report" if postgres_bulk is not None else ""))

    if not _answers(6379):
        print("Redis not reachable at 127.0.0.1:6379: Celery runs skipped")
        return
    store_ms = postgres_ms if postgres_ms is not None else sqlite_ms
    read_ms, read_cpu_ms = work_time(sample)
    work_ms = read_ms + (store_ms if args.celery_mode == "save" else 0)
    runs = {}
    for concurrency in (1, 2):
        database = _fresh_postgres()
        try:
            runs[concurrency] = celery_rate(files, concurrency, database, args.celery_mode)
        finally:
            if database:
                _drop_postgres(database)
        run = runs[concurrency]
        print(f"Celery ({args.celery_mode}) {concurrency} worker process(es) on {'PostgreSQL' if database else 'SQLite'}: {run['rate']:7.1f} files/s "
              f"({run['done']:.0f} done, {run['failed']:.0f} failed, {run['seconds']:.1f} s; submit {run['submit']:.1f} s), "
              f"peak RSS of a worker process {run['peak_mb']:.0f} MB")
    wall_ms = 1000 / runs[1]["rate"]
    print(f"per task: work ({'read + store' if args.celery_mode == 'save' else 'read'}, one process) {work_ms:.1f} ms, "
          f"worker wall {wall_ms:.1f} ms, "
          f"overhead {(wall_ms - work_ms) / work_ms * 100:.1f}%")
    print(f"per task CPU: reading in one process {read_cpu_ms:.1f} ms; a worker (all its processes, "
          f"{args.celery_mode}) {runs[1]['cpu_ms']:.1f} ms at -c 1, {runs[2]['cpu_ms']:.1f} ms at -c 2: overhead "
          f"{(runs[1]['cpu_ms'] - read_cpu_ms) / read_cpu_ms * 100:.0f}% of the reading"
          + (" (the store included)" if args.celery_mode == "save" else " (its two row writes, broker, prefork)"))
    print(f"2 workers / 1 worker: {runs[2]['rate'] / runs[1]['rate']:.2f}×")
    ten = 10_000 / runs[2]["rate"]
    stored = 0 if args.celery_mode == "save" else 10_000 * store_ms / 1000 / 2  # two processes storing side by side
    scale = 25 / pages if pages else 1
    print(f"10,000 reports at the 2-worker rate: {(ten + stored) / 60:.1f} min "
          f"({ten / 60:.1f} min reading{'' if args.celery_mode == 'save' else f', {stored / 60:.1f} min storing'}; "
          f"submit {runs[2]['submit'] / len(files) * 10_000 / 60:.1f} min more); reading 25-page PDFs "
          f"(×{scale:.1f} for the PDF half): about {(ten * (0.5 * scale + 0.5) + stored) / 60:.1f} min")
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
