"""Batches against the real thing: Celery workers (subprocesses) on the machine's Redis and RabbitMQ.

A mixed batch — PDFs and texts rendered by our renderer, a duplicate, an encrypted PDF, binary
junk — is submitted with ``jixiao batch submit --save``; a first worker is killed with SIGKILL
(its whole process group) mid-batch, a second one finishes. Every file ends done or failed
exactly once, the database holds one document per content and no partial rows, and no file is
left in the shared inbox or the staging folder. Skipped with a message when a broker does not answer.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BROKERS = {
    "redis": ("redis://127.0.0.1:6379/14", 6379),
    "rabbitmq": ("amqp://guest:guest@127.0.0.1:5672//", 5672),
}
SRC = str(Path(__file__).resolve().parents[2] / "src")


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(params=sorted(BROKERS))
def env(request, tmp_path) -> dict[str, str]:
    url, port = BROKERS[request.param]
    if not _answers(port):
        pytest.skip(f"{request.param} 未在 127.0.0.1:{port} 应答，跳过真实任务队列测试")
    environment = {**os.environ, "PYTHONPATH": SRC, "JIXIAO_HOME": str(tmp_path / "home"),
                   "JIXIAO_BROKER_URL": url, "JIXIAO_BATCH_QUEUE": f"test-{uuid.uuid4().hex[:8]}",
                   "JIXIAO_VISIBILITY_TIMEOUT": "4", "JIXIAO_SHARED_DIR": str(tmp_path / "shared")}
    environment.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "jixiao", "db", "migrate"], env=environment, check=True,
                   capture_output=True, timeout=120)
    return environment


def _jixiao(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jixiao", *args], env=env, capture_output=True, text=True, timeout=120)


def _worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "jixiao", "worker", "-c", "2", "--loglevel", "INFO"], env=env,
                            stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)


def _status(env: dict[str, str], key: str) -> dict:
    run = _jixiao(env, "batch", "status", key, "--json")
    return json.loads(run.stdout)


def _finished(env: dict[str, str]) -> tuple[int, int]:
    """(files done or failed, files pending), read straight from the database (a status command takes a second)."""
    with sqlite3.connect(Path(env["JIXIAO_HOME"]) / "jixiao.sqlite3", timeout=30) as db:
        rows = dict(db.execute("select state = 'pending', count(*) from batches_batchfile group by 1").fetchall())
    return rows.get(0, 0), rows.get(1, 0)


def _wait(env: dict[str, str], until, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not until(*_finished(env)) and time.monotonic() < deadline:
        time.sleep(0.05)


def _stop(worker: subprocess.Popen[bytes], *, warm: bool = False) -> None:
    """kill -9 of the worker and its pool; or a warm shutdown (SIGTERM to the main process: the tasks in hand finish)."""
    if worker.poll() is None:
        if warm:
            worker.send_signal(signal.SIGTERM)
        else:
            os.killpg(worker.pid, signal.SIGKILL)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)


def test_killed_worker_mid_batch_every_file_once(env, rendered_reports, bad_document, tmp_path) -> None:
    broken = [bad_document("encrypted.pdf"), bad_document("junk.txt")]
    duplicate = tmp_path / "copy-of-first.pdf"
    duplicate.write_bytes(rendered_reports[0].read_bytes())
    corpus = sorted(Path("/work/shared/corpus").glob("*.txt"))[:8]  # more work, so the kill lands mid-batch
    files = [*rendered_reports[:3], broken[0], duplicate, *rendered_reports[3:], broken[1], *corpus]
    submitted = _jixiao(env, "batch", "submit", *map(str, files), "--save")
    assert submitted.returncode == 0, submitted.stderr
    key = submitted.stdout.strip()
    first = _worker(env, tmp_path / "worker1.log")
    try:
        _wait(env, lambda finished, pending: finished > 1, 60)  # the duplicate is done at submission
    finally:
        _stop(first)  # kill -9, whatever it was doing
    assert _finished(env)[1] > 0, "the first worker finished everything before it was killed: no kill tested"
    second = _worker(env, tmp_path / "worker2.log")
    try:
        _wait(env, lambda finished, pending: pending == 0, 120)
    finally:
        _stop(second, warm=True)  # a warm shutdown: the task in hand finishes, its file moved into place
    final = _status(env, key)
    log = (tmp_path / "worker2.log").read_text(errors="replace")
    assert final["pending"] == 0, log[-3000:]
    states = [f["state"] for f in final["files"]]
    assert states == ["done", "done", "done", "failed", "done", "done", "done", "done", "failed", *["done"] * len(corpus)]
    assert "加密" in final["files"][3]["reason"]
    assert final["files"][8]["reason"]
    assert "未重复处理" in final["files"][4]["outcome"]

    home = Path(env["JIXIAO_HOME"])
    db = sqlite3.connect(home / "jixiao.sqlite3")
    documents = db.execute("select sha256, file from documents_sourcedocument where deleted_at is null").fetchall()
    good = 6 + len(corpus)
    assert len(documents) == len({sha for sha, _ in documents}) == good  # one per good content
    evaluations = db.execute("select count(*), count(distinct department_id || '-' || fiscal_year_id), "
                             "count(source_document_id) from evaluation_evaluation").fetchone()
    # one evaluation per department-year, each with its file (a report naming neither is stored as a file only)
    assert evaluations[0] == evaluations[1] == evaluations[2] >= 6
    linked = db.execute("select count(*) from evaluation_evaluation e join documents_sourcedocument d "
                        "on d.id = e.source_document_id").fetchone()
    assert linked == (evaluations[0],)  # no partial rows
    assert db.execute("select count(*) from batches_batchfile where state = 'pending'").fetchone() == (0,)
    for _, name in documents:
        assert (home / "media" / name).is_file()
    stored = sorted(p for p in (home / "media" / "documents").rglob("*") if p.is_file())
    assert len(stored) == good
    assert not [p for p in Path(env["JIXIAO_SHARED_DIR"]).rglob("*") if p.is_file()]  # the inbox is empty
    incoming = home / "media" / ".incoming"
    assert not incoming.exists() or not [p for p in incoming.rglob("*") if p.is_file()]


def test_a_redis_worker_scans_for_a_dead_workers_messages_in_proportion_to_the_timeout() -> None:
    # kombu scans every 100 s by default: with a 4 s timeout the killed worker's chunk waited 100 s
    from jixiao.web.batches.worker import app, restore_interval

    assert [restore_interval(t) for t in (1, 4, 120, 3600, 86400)] == [1, 1, 30, 100, 100]
    options = app.conf.broker_transport_options
    assert options["unacked_restore_throttle"] == 1
    assert options["unacked_restore_interval"] == restore_interval(options["visibility_timeout"])
