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


def _wait(env: dict[str, str], key: str, until, seconds: float) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        status = _status(env, key)
        if until(status) or time.monotonic() > deadline:
            return status
        time.sleep(0.3)


def _stop(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)


def test_killed_worker_mid_batch_every_file_once(env, rendered_reports, bad_document, tmp_path) -> None:
    broken = [bad_document("encrypted.pdf"), bad_document("junk.txt")]
    duplicate = tmp_path / "copy-of-first.pdf"
    duplicate.write_bytes(rendered_reports[0].read_bytes())
    files = [*rendered_reports[:3], broken[0], duplicate, *rendered_reports[3:], broken[1]]
    submitted = _jixiao(env, "batch", "submit", *map(str, files), "--save")
    assert submitted.returncode == 0, submitted.stderr
    key = submitted.stdout.strip()
    first = _worker(env, tmp_path / "worker1.log")
    try:
        mid = _wait(env, key, lambda s: s["done"] + s["failed"] >= 3, 60)
    finally:
        _stop(first)  # kill -9, whatever it was doing
    assert mid["pending"] > 0, "the first worker finished everything before it was killed: no kill tested"
    second = _worker(env, tmp_path / "worker2.log")
    try:
        final = _wait(env, key, lambda s: s["pending"] == 0, 90)
    finally:
        _stop(second)
    log = (tmp_path / "worker2.log").read_text(errors="replace")
    assert final["pending"] == 0, log[-3000:]
    states = [f["state"] for f in final["files"]]
    assert states == ["done", "done", "done", "failed", "done", "done", "done", "done", "failed"]
    assert "加密" in final["files"][3]["reason"]
    assert final["files"][8]["reason"]
    assert "未重复处理" in final["files"][4]["outcome"]

    home = Path(env["JIXIAO_HOME"])
    db = sqlite3.connect(home / "jixiao.sqlite3")
    documents = db.execute("select sha256, file from documents_sourcedocument where deleted_at is null").fetchall()
    assert len(documents) == len({sha for sha, _ in documents}) == 6  # one per good content
    evaluations = db.execute("select count(*), count(distinct department_id || '-' || fiscal_year_id), "
                             "count(source_document_id) from evaluation_evaluation").fetchone()
    assert evaluations == (6, 6, 6)  # no partial rows: every evaluation has its file
    assert db.execute("select count(*) from batches_batchfile where state = 'pending'").fetchone() == (0,)
    for _, name in documents:
        assert (home / "media" / name).is_file()
    stored = sorted(p for p in (home / "media" / "documents").rglob("*") if p.is_file())
    assert len(stored) == 6
    assert not [p for p in Path(env["JIXIAO_SHARED_DIR"]).rglob("*") if p.is_file()]  # the inbox is empty
    incoming = home / "media" / ".incoming"
    assert not incoming.exists() or not [p for p in incoming.rglob("*") if p.is_file()]
