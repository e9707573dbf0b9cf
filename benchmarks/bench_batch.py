"""Batch throughput (批量处理速度): one process, ``--jobs 2``, and 1 and 2 Celery workers, on generated reports.

    .venv/bin/python benchmarks/bench_batch.py                       # 2,000 reports, Redis, PostgreSQL
    .venv/bin/python benchmarks/bench_batch.py --count 400 --keep /tmp/bench-batch
    .venv/bin/python benchmarks/bench_batch.py --n 100 --database sqlite       # a quick run, end to end
    .venv/bin/python benchmarks/bench_batch.py --long 200                       # 25-page PDFs only

Reports: ``jixiao.synthetic`` departments rendered by ``jixiao.render`` — half PDF (through
LibreOffice, the render path), half text (Markdown) — generated once into a folder (kept with
``--keep`` and reused by the next run with the same folder and count), before any clock starts.

Measured:
- files/s reading (import: read + normalise + extract) in one process and with ``--jobs 2``
  (``jixiao.parallel.ordered_map``), and the speedup, once the pool is up; its start (the forkserver: Python,
  the readers' imports, the caches), paid once per command, printed apart with the speedup it leaves;
- files/s through Celery workers (``jixiao worker -c 1`` and ``-c 2``, Redis broker, each file
  imported and stored with ``jixiao batch submit --save``; PostgreSQL as the result store when it
  answers, else SQLite), the speedup, and the per-task overhead by CPU time (valid on a shared
  machine): a worker's CPU per file (all its processes) against the same files' reading CPU in one
  process (the 1-process run) plus, in save mode, the batch path's store CPU;
- peak memory (max RSS) of a pool worker and of a Celery worker process;
- store time and queries per report on SQLite and PostgreSQL: the per-file path
  (``evaluation.flows.store_import``) against the path a batch uses now (chunks of
  ``batches.services.CHUNK`` files in one transaction: ``claim_chunk`` + ``record_chunk``, the
  bulk ``store_imports``), and the bulk ``store_reports`` of new departments;
- the phases per report in one process (read, review, store) and the 10,000-report time
  extrapolated from them on this machine's cores;
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
from typing import NamedTuple

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from jixiao import synthetic  # noqa: E402
from jixiao.importer import ImportResult, import_bounded  # noqa: E402
from jixiao.parallel import ordered_map  # noqa: E402
from jixiao.pool_work import import_one  # noqa: E402
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


def generate_long(folder: Path, count: int, *, repeat: int = 6) -> list[Path]:
    """``count`` long PDF reports (≈ 25 pages, the issue's size): synthetic reports rendered to DOCX, their
    prose (the paragraphs before the first table) set ``repeat`` times, converted by LibreOffice as the
    render path converts; the 自评表 pages stay as they are. Reused when the folder already holds them."""
    import copy

    import docx

    from jixiao.render.pdf import convert

    marker = folder / f"done-long-{count}"
    if marker.exists():
        return sorted(folder.glob("L*.pdf"))
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    reports = list(synthetic.reports(count, (2023,)))
    made = render_batch([(r, folder / f"L{n:05d}.docx") for n, r in enumerate(reports)], "docx")
    sources = []
    for path in sorted(folder.glob("L*.docx")):
        document = docx.Document(str(path))
        body = document.element.body
        first_table = next((child for child in body if child.tag.endswith("}tbl")), None)
        prose = [child for child in body if child.tag.endswith("}p")]
        if first_table is not None:
            prose = prose[:list(body).index(first_table)]
            prose = [child for child in prose if child.tag.endswith("}p")]
        for _ in range(repeat - 1):
            for paragraph in prose:
                (first_table.addprevious if first_table is not None else body.append)(copy.deepcopy(paragraph))
        document.save(str(path))
        sources.append(path)
    for chunk in range(0, len(sources), 20):
        convert(sources[chunk:chunk + 20], folder, timeout=1800)
    for path in sources:
        path.unlink()
    print(f"generated {len(sources)} long PDF reports in {time.perf_counter() - start:.1f} s "
          f"({len(made.failed)} failed)")
    marker.write_text("ok")
    return sorted(folder.glob("L*.pdf"))


def long_reports(folder: Path, count: int, store_sample: int) -> None:
    """The issue's reports: PDFs of about 25 pages, all PDF. Reading with 1 process and ``--jobs 2``, the phases
    per report (read, review, store on PostgreSQL — SQLite when it does not answer) and 10,000 extrapolated."""
    import pypdfium2 as pdfium

    files = generate_long(folder, count)
    pages = sum(len(pdfium.PdfDocument(str(p))) for p in files) / max(1, len(files))
    print(f"{len(files)} long PDF reports, {pages:.1f} pages each on average")
    speedup = _pool_lines(pool_rate(files, 1), pool_rate(files, 2), len(files))
    sample = files[:store_sample]
    postgres = _fresh_postgres()
    try:
        figures = store_time(sample, postgres)
    finally:
        if postgres:
            _drop_postgres(postgres)
    store_ms = figures["batch_ms"]
    read_ms, read_cpu_ms, review_ms, review_cpu_ms = work_time(files)
    print(f"phases in one process, per report: read {read_ms:.1f} ms (CPU {read_cpu_ms:.1f} ms), review "
          f"{review_ms:.1f} ms (CPU {review_cpu_ms:.1f} ms), store {store_ms:.1f} ms (CPU {figures['batch_cpu_ms']:.1f} ms "
          f"on this side; the batch's path, {'PostgreSQL' if postgres else 'SQLite'}; "
          f"{figures['second_year_ms']:.1f} ms on departments stored with the year before)")
    serial = 10_000 * ((read_ms + review_ms) / speedup + store_ms) / 1000 / 60
    overlapped = 10_000 * max((read_ms + review_ms + store_ms) / speedup, store_ms) / 1000 / 60
    cores = min(os.cpu_count() or 1, 2)
    cpu_minutes = 10_000 * (read_cpu_ms + review_cpu_ms + figures["batch_cpu_ms"]) / cores / 1000 / 60
    print(f"10,000 PDF reports of {pages:.0f} pages (import + review + store): {serial:.1f} min with the store after "
          f"the reading, {overlapped:.1f} min with it overlapped, {cpu_minutes:.1f} min from the phases' CPU time "
          f"({cores} cores fully used)")


def _lost(path: Path, reason: str) -> ImportResult:
    return ImportResult(source=str(path), reason=reason)


class PoolRun(NamedTuple):
    """One reading run of ``pool_rate``."""

    rate: float
    """Files/s once the pool is up (its start is timed apart, as a Celery worker's start is)."""
    ok: int
    peak_mb: float
    """Peak RSS of a worker (of this process for jobs=1)."""
    cpu_ms: float
    """CPU a file in this process: the reading itself for jobs=1, the parent's share for jobs > 1."""
    startup: float
    """Seconds to the first ``max(2, jobs)`` files of a fresh command: the forkserver's start (Python, the readers'
    imports, the caches filled) and its first workers, paid once per command; for jobs=1 the first files'
    caches."""


def pool_rate(files: list[Path], jobs: int) -> PoolRun:
    """Reading ``files`` with ``jobs`` processes, as ``jixiao import -j`` does."""
    work = partial(import_one, limits=None, keep_document=False)
    begin = time.perf_counter()
    list(ordered_map(work, files[:max(2, jobs)], jobs=jobs, on_lost=_lost))
    startup = time.perf_counter() - begin
    peak = [0.0]
    running = threading.Event()

    def sample() -> None:
        while not running.wait(1.0):  # VmHWM is a high-water mark, and a worker lives 1,000 files
            peak[0] = max(peak[0], _peak_descendants_mb(os.getpid()))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start, cpu = time.perf_counter(), time.process_time()
    ok = sum(1 for r in ordered_map(work, files, jobs=jobs, on_lost=_lost) if r.report is not None)
    seconds = time.perf_counter() - start
    cpu_ms = (time.process_time() - cpu) / len(files) * 1000
    running.set()
    sampler.join()
    mine = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return PoolRun(len(files) / seconds, ok, mine if jobs == 1 else peak[0], cpu_ms, startup)


def _pool_lines(one: PoolRun, two: PoolRun, count: int) -> float:
    """Print the two reading runs; the speedup."""
    speedup = two.rate / one.rate
    print(f"1 process : {one.rate:7.1f} files/s ({one.ok} read), peak RSS {one.peak_mb:.0f} MB")
    print(f"--jobs 2  : {two.rate:7.1f} files/s ({two.ok} read), peak RSS of a worker {two.peak_mb:.0f} MB, this "
          f"process {two.cpu_ms:.2f} ms CPU a file; speedup {speedup:.2f}×")
    with_start = count / (count / two.rate + two.startup) / (count / (count / one.rate + one.startup))
    print(f"  the pool's start, once per command: {two.startup:.2f} s to its first 2 files (one process, the same "
          f"2 files: "
          f"{one.startup:.2f} s); with it counted, {count} files {with_start:.2f}×")
    return speedup


def _descendants(pid: int) -> set[int]:
    """The processes below ``pid``, from each thread's ``/proc/…/task/…/children``: a few small files, where
    scanning every process's status cost the sampling thread a tenth of a core, taken from the workers it measures."""
    below: set[int] = set()
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        for children in Path(f"/proc/{parent}/task").glob("*/children"):
            try:
                found = {int(child) for child in children.read_text().split()}
            except (OSError, ValueError):
                continue
            frontier.extend(found - below)
            below |= found
    return below


def _status(pid: int) -> dict[str, str]:
    try:
        return dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    except OSError:
        return {}


def _peak_descendants_mb(pid: int) -> float:
    """Max VmHWM (peak RSS) among the python processes below ``pid`` (pool workers, not LibreOffice)."""
    peaks = []
    for child in _descendants(pid):
        status = _status(child)
        if "VmHWM" in status and "python" in status.get("Name", ""):
            peaks.append(int(status["VmHWM"].split()[0]) / 1024)
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
    below = {pid} | _descendants(pid)
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


def store_time(files: list[Path], database: str | None) -> dict[str, float]:
    """ms and queries per report on a fresh database (in a child: Django is set up once per process), a quarter of
    the files each: ``store_import`` one by one (the per-file path), ``store_reports`` in one chunk (the bulk path,
    new departments), and the batch's path — ``jixiao batch submit --save``'s chunks of ``CHUNK`` files, claimed
    and stored in one transaction each (``batches.services.claim_chunk`` + ``record_chunk``), as a worker does it —
    on new departments, and on departments stored already with the year before (a province's second year)."""
    home = Path(tempfile.mkdtemp(prefix="jixiao-bench-store-"))
    env = _env(home, database, "unused")
    env.pop("JIXIAO_BROKER_URL")
    try:
        migrated = _jixiao(env, "db", "migrate")
        assert migrated.returncode == 0, migrated.stderr
        run = subprocess.run([sys.executable, __file__, "--store-child", *map(str, files)], env=env,
                             capture_output=True, text=True, timeout=3600, check=False)
        assert run.returncode == 0, run.stderr[-2000:]
        return json.loads(run.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _store_child(files: list[str]) -> None:
    from jixiao.web import bootstrap

    bootstrap.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from jixiao.web.batches import services
    from jixiao.web.batches.models import Batch, BatchFile
    from jixiao.web.evaluation.flows import store_import, store_reports

    results = [import_bounded(Path(f)) for f in files]
    # four parts: the per-file path, the bulk path, the batch's path on new departments, and the
    # batch's path on departments stored already with the year before (a province's second year)
    quarter = len(results) // 4
    single, bulk = results[:quarter], results[quarter:2 * quarter]
    batch, second = results[2 * quarter:3 * quarter], results[3 * quarter:]
    figures: dict[str, float] = {}
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        for result in single:
            store_import(result)
    figures["single_ms"] = (time.perf_counter() - start) / max(1, len(single)) * 1000
    figures["single_queries"] = len(queries) / max(1, len(single))

    fresh = [r.report for r in bulk if r.report is not None and r.report.department and r.report.year]
    start = time.perf_counter()
    with transaction.atomic():  # one chunk: the bulk path (bulk_create with history), new departments
        store_reports(fresh)
    figures["bulk_ms"] = (time.perf_counter() - start) / max(1, len(fresh)) * 1000

    def batch_path(part: list[ImportResult]) -> tuple[float, float, float]:
        """(ms, CPU ms, queries) per report of ``part`` through the batch's path."""
        submitted = services.submit_batch(paths=[Path(r.source) for r in part], mode=Batch.Mode.SAVE, run=False)
        ids = list(BatchFile.objects.filter(batch=submitted, state=BatchFile.State.PENDING).order_by("position")
                   .values_list("pk", flat=True))
        read = {Path(r.source).name: r for r in part}
        names = dict(BatchFile.objects.filter(pk__in=ids).values_list("pk", "original_name"))
        with CaptureQueriesContext(connection) as queries:
            start, cpu = time.perf_counter(), time.process_time()
            for begin in range(0, len(ids), services.CHUNK):
                rows = services.claim_chunk(ids[begin:begin + services.CHUNK])
                services.record_chunk(rows, [read[names[row.pk]] for row in rows])
        elapsed, used = time.perf_counter() - start, time.process_time() - cpu  # this process (not the server's)
        done = BatchFile.objects.filter(pk__in=ids, state=BatchFile.State.DONE).count()
        assert done == len(ids), f"the batch path stored {done} of {len(ids)}"
        n = max(1, len(ids))
        return elapsed / n * 1000, used / n * 1000, len(queries) / n

    figures["batch_ms"], figures["batch_cpu_ms"], figures["batch_queries"] = batch_path(batch)
    with transaction.atomic():  # the same departments, the year before, stored first
        store_reports([r.report.model_copy(update={"year": r.report.year - 1}) for r in second
                       if r.report is not None and r.report.department and r.report.year])
    figures["second_year_ms"], _, figures["second_year_queries"] = batch_path(second)
    figures["chunk"] = services.CHUNK
    print(json.dumps(figures))


def work_time(files: list[Path]) -> tuple[float, float, float, float]:
    """(wall ms, CPU ms) per file of reading, and (wall ms, CPU ms) per file of reviewing (the rules on the report
    read), in one process: the work of a task, without the broker, the pool or the database (for the overhead)."""
    from jixiao.review.engine import run_rules
    from jixiao.review.profile import default_profile

    profile = default_profile()
    reading = reviewing = reading_cpu = reviewing_cpu = 0.0
    for path in files:
        start, cpu = time.perf_counter(), time.process_time()
        result = import_bounded(path)
        middle, middle_cpu = time.perf_counter(), time.process_time()
        if result.report is not None:
            run_rules(result.report, result.parsed, profile)
        reviewing += time.perf_counter() - middle
        reviewing_cpu += time.process_time() - middle_cpu
        reading += middle - start
        reading_cpu += middle_cpu - cpu
    n = len(files) / 1000
    return reading / n, reading_cpu / n, reviewing / n, reviewing_cpu / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", "--n", dest="count", type=int, default=2000, help="reports generated (--n: the same)")
    parser.add_argument("--keep", type=Path, help="folder for the generated reports (kept and reused)")
    parser.add_argument("--store-sample", type=int, default=150, help="reports stored for the store times")
    parser.add_argument("--celery-mode", choices=("import", "save"), default="import",
                        help="import: each task reads its file and writes its row; save: and stores the report")
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="postgres",
                        help="the Celery runs' result store (PostgreSQL when it answers, else SQLite)")
    parser.add_argument("--long", type=int, metavar="N",
                        help="only the issue's size: N PDF reports of about 25 pages (import, review, store)")
    parser.add_argument("--store-child", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.store_child is not None:
        _store_child(args.store_child)
        return
    print(f"load average at start: {os.getloadavg()}; cores: {os.cpu_count()}")
    if args.long:
        long_folder = args.keep or Path(tempfile.gettempdir()) / f"jixiao-bench-long-{args.long}"
        long_reports(long_folder, args.long, min(args.store_sample, args.long))
        print(f"load average at end: {os.getloadavg()}")
        return
    folder = args.keep or Path(tempfile.gettempdir()) / f"jixiao-bench-batch-{args.count}"
    files = generate(folder, args.count)
    pdfs = [f for f in files if f.suffix == ".pdf"]
    import pypdfium2 as pdfium

    pages = sum(len(pdfium.PdfDocument(str(p))) for p in pdfs[:50]) / max(1, min(50, len(pdfs)))
    print(f"{len(files)} reports ({len(pdfs)} PDF, {pages:.1f} pages each on average; {len(files) - len(pdfs)} text)")

    one = pool_rate(files, 1)
    all_read_cpu_ms = one.cpu_ms  # the reading CPU of every file, in this process
    speedup = _pool_lines(one, pool_rate(files, 2), len(files))

    sample = files[:: max(1, len(files) // args.store_sample)][: args.store_sample]
    stores = {"SQLite": store_time(sample, None)}
    postgres = _fresh_postgres()
    if postgres:
        try:
            stores["PostgreSQL"] = store_time(sample, postgres)
        finally:
            _drop_postgres(postgres)
    for name, figures in stores.items():
        print(f"store on {name}: per file (store_import) {figures['single_ms']:.1f} ms/report, "
              f"{figures['single_queries']:.1f} queries; the batch's path (chunks of {figures['chunk']:.0f} in one transaction, "
              f"claim + store + row states) {figures['batch_ms']:.1f} ms/report, {figures['batch_queries']:.1f} "
              f"queries, {figures['batch_cpu_ms']:.1f} ms CPU here; bulk store_reports (one chunk, new departments, no files) "
              f"{figures['bulk_ms']:.1f} ms/report; the batch's path on departments stored with the year "
              f"before {figures['second_year_ms']:.1f} ms/report, {figures['second_year_queries']:.1f} queries")
    if "PostgreSQL" not in stores:
        print("store on PostgreSQL: not reachable at 127.0.0.1:5432")
    use_postgres = args.database == "postgres" and "PostgreSQL" in stores
    store_ms = stores["PostgreSQL" if use_postgres else "SQLite"]["batch_ms"]
    store_cpu_ms = stores["PostgreSQL" if use_postgres else "SQLite"]["batch_cpu_ms"]
    read_ms, read_cpu_ms, review_ms, review_cpu_ms = work_time(sample)
    print(f"phases in one process, per report: read {read_ms:.1f} ms (CPU {read_cpu_ms:.1f} ms), review "
          f"{review_ms:.1f} ms (CPU {review_cpu_ms:.1f} ms), store {store_ms:.1f} ms (CPU {store_cpu_ms:.1f} ms on this "
          f"side; the batch's path, {'PostgreSQL' if use_postgres else 'SQLite'})")
    _extrapolate(read_ms, review_ms, store_ms, speedup=speedup, pages=pages)
    cores = min(os.cpu_count() or 1, 2)
    cpu_minutes = 10_000 * (read_cpu_ms + review_cpu_ms + store_cpu_ms) / cores / 1000 / 60
    print(f"10,000 reports from the phases' CPU time (what a quiet machine would give, {cores} cores fully used; "
          f"a database server on the same machine not counted): {cpu_minutes:.1f} min")

    if not _answers(6379):
        print("Redis not reachable at 127.0.0.1:6379: Celery runs skipped")
        print(f"load average at end: {os.getloadavg()}")
        return
    work_ms = read_ms + (store_ms if args.celery_mode == "save" else 0)
    runs = {}
    for concurrency in (1, 2):
        database = _fresh_postgres() if use_postgres else None
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
          f"overhead {(wall_ms - work_ms) / work_ms * 100:.1f}% of the work")
    # CPU, not wall time: valid on a shared machine. The work is the same files read in one process (the first
    # run above, every file) — and, in save mode, the batch path's store CPU a report; the rest is the task's cost.
    store_cpu = stores["PostgreSQL" if use_postgres else "SQLite"]["batch_cpu_ms"] if args.celery_mode == "save" else 0.0
    work_cpu = all_read_cpu_ms + store_cpu
    for concurrency, run in runs.items():
        over = run["cpu_ms"] - work_cpu
        print(f"per task CPU at -c {concurrency}: a worker (all its processes) {run['cpu_ms']:.1f} ms a file against the "
              f"work itself {work_cpu:.1f} ms (read {all_read_cpu_ms:.1f}"
              + (f" + store {store_cpu:.1f}, the batch's path" if args.celery_mode == "save" else "")
              + f"): per-task overhead {over:.1f} ms a file ({over / work_cpu * 100:.0f}% of the work)")
    print(f"2 workers / 1 worker: {runs[2]['rate'] / runs[1]['rate']:.2f}×")
    ten = 10_000 / runs[2]["rate"]
    stored = 0 if args.celery_mode == "save" else 10_000 * store_ms / 1000 / 2  # two processes storing side by side
    scale = 25 / pages if pages else 1
    print(f"10,000 reports at the 2-worker rate: {(ten + stored) / 60:.1f} min "
          f"({ten / 60:.1f} min reading{'' if args.celery_mode == 'save' else f', {stored / 60:.1f} min storing'}; "
          f"submit {runs[2]['submit'] / len(files) * 10_000 / 60:.1f} min more); reading 25-page PDFs "
          f"(×{scale:.1f} for the PDF half): about {(ten * (0.5 * scale + 0.5) + stored) / 60:.1f} min")
    print(f"load average at end: {os.getloadavg()}")


def _extrapolate(read_ms: float, review_ms: float, store_ms: float, *, speedup: float, pages: float) -> None:
    """10,000 reports from the measured phases (import + review + store) on this machine's cores.

    Reading and reviewing run on every core (at the measured ``--jobs 2`` speedup); storing runs in one
    process (the in-process batch stores in its own process; SQLite takes one writer). Two figures: the
    store after the reading (not overlapped: the upper bound), and the store overlapped with it (all the
    work shared by the cores at the same speedup, but never less than the store alone: one writer).
    """
    parallel_ms = read_ms + review_ms
    serial = 10_000 * (parallel_ms / speedup + store_ms) / 1000 / 60
    overlapped = 10_000 * max((parallel_ms + store_ms) / speedup, store_ms) / 1000 / 60
    scale = 25 / pages if pages else 1
    long_ms = read_ms * (0.5 * scale + 0.5) + review_ms
    long_serial = 10_000 * (long_ms / speedup + store_ms) / 1000 / 60
    print(f"10,000 reports from the phases (import {read_ms:.1f} + review {review_ms:.1f} ms on {speedup:.2f}× the "
          f"cores, store {store_ms:.1f} ms in one process): {serial:.1f} min with the store after the reading, "
          f"{overlapped:.1f} min with it overlapped; store {10_000 * store_ms / 1000 / 60:.1f} min of it; "
          f"reading 25-page PDFs (×{scale:.1f} for the PDF half): about {long_serial:.1f} min")


if __name__ == "__main__":
    main()
