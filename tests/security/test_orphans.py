"""No orphans (文件与事务): kill -9 during ``jixiao import --save`` leaves neither stray files nor partial rows.

Before: ``store_import`` copied the file to its final place inside the transaction, so a process
killed after the copy and before the commit left a file no row points to (issue #15 found one on
SQLite, five on PostgreSQL); the in-transaction case below failed with the file in
``media/documents``. After: the bytes are staged under ``media/.incoming/<host>-<pid>/`` and moved
into place when the row commits; what a killed process leaves staged is removed (no row) or moved
into place (row committed) when the next import, ``serve`` or backup starts.

The subprocess kills itself with SIGKILL at an exact point (fault injection: a wrapped function,
not a timer), and once from outside after a few files were stored. ``--save`` stores a chunk of
files per transaction (``import_cmd.STORE_CHUNK``; the four files here are one chunk): killed
inside it, nothing of the chunk is stored; killed after its commit, every row is there and the
files not yet moved are moved into place by the next import.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.security._db import database, env, files, jixiao, python

CORPUS = sorted(Path("/work/shared/corpus").glob("*.txt"))[:4]

KILLING_IMPORT = """
import os, signal, sys
from jixiao.web import bootstrap
bootstrap.setup()
bootstrap.migrate()
from jixiao.web.evaluation import flows
mode, at = sys.argv[1], int(sys.argv[2])
count = [0]
if mode == "in-transaction":  # after a file is staged and rows are written, before the commit
    def killing(original):
        def staged(**kwargs):
            document = original(**kwargs)
            count[0] += 1
            if count[0] == at:
                os.kill(os.getpid(), signal.SIGKILL)
            return document
        return staged
    # the file of one report (store_import) or of a chunk's report (store_imports, what --save uses)
    flows.store_file, flows.new_document = killing(flows.store_file), killing(flows.new_document)
else:  # "after-commit": the rows committed, the file not yet moved into place
    original = os.replace
    def replace(src, dst):
        count[0] += 1
        if count[0] == at:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(src, dst)
    os.replace = replace
from jixiao.cli import app
app(["import", "--save", *sys.argv[3:]])
"""

STATE = """
import json
from jixiao.web.documents.models import SourceDocument
from jixiao.web.evaluation.models import Evaluation
from jixiao.web.departments.models import Department
docs = list(SourceDocument.all_objects.values_list("file", flat=True))
print(json.dumps({"documents": docs,
                  "departments": sorted(Department.all_objects.values_list("name", flat=True)),
                  "with_document": sorted(Department.all_objects.filter(documents__isnull=False)
                                          .values_list("name", flat=True).distinct()),
                  "evaluations_without_document": Evaluation.all_objects.filter(source_document__isnull=True).count()}))
"""


def _state(url: str, home: Path) -> dict:
    import json

    return json.loads(python(url, home, STATE).stdout.strip().splitlines()[-1])


def _consistent(url: str, home: Path, *, settled: bool) -> dict:
    state = _state(url, home)
    on_disk = set(files(home / "media"))
    rows = set(state["documents"])
    assert on_disk <= rows, f"files with no row: {on_disk - rows}"  # never a stray file
    if settled:
        assert rows == on_disk, f"rows with no file: {rows - on_disk}"
        assert not (home / "media" / ".incoming").exists() or not any((home / "media" / ".incoming").rglob("*.txt"))
    assert state["departments"] == state["with_document"]  # no department stored without its report's file
    assert state["evaluations_without_document"] == 0  # no half-stored report
    return state


@pytest.mark.slow
@pytest.mark.parametrize("vendor", ["sqlite", "postgresql"])
@pytest.mark.parametrize("mode", ["in-transaction", "after-commit"])
def test_kill_9_at_the_worst_moment_leaves_rows_and_files_matching(vendor, mode, tmp_path) -> None:
    url, home = database(vendor, "orphans", tmp_path), tmp_path / "home"
    run = subprocess.run([sys.executable, "-c", KILLING_IMPORT, mode, "3", *map(str, CORPUS)], env=env(url, home),
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == -signal.SIGKILL, run.stdout + run.stderr
    staged = list((home / "media" / ".incoming").rglob("*.txt"))
    # in the transaction: three files staged, no row committed; after it: all four rows, two files moved
    assert len(staged) == (3 if mode == "in-transaction" else 2)
    state = _consistent(url, home, settled=False)
    assert len(state["documents"]) == (0 if mode == "in-transaction" else 4)

    jixiao(url, home, "import", "--save", str(CORPUS[0]))  # the next import settles what was left
    state = _consistent(url, home, settled=True)
    assert len(state["documents"]) == (1 if mode == "in-transaction" else 4)
    again = jixiao(url, home, "import", "--save", *map(str, CORPUS))  # and the rest imports as usual
    assert "成功 4" in again.stdout
    assert len(_consistent(url, home, settled=True)["documents"]) == 4


@pytest.mark.slow
def test_kill_9_from_outside_mid_batch(tmp_path) -> None:
    url, home = database("sqlite", "orphans_outside", tmp_path), tmp_path / "home"
    corpus = sorted(Path("/work/shared/corpus").glob("*.txt"))
    jixiao(url, home, "db", "migrate")
    process = subprocess.Popen([sys.executable, "-m", "jixiao", "import", "--save", *map(str, corpus)],
                               env=env(url, home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = url.removeprefix("sqlite:///")
    try:
        for _ in range(600):  # wait (polling, no timed assertion) until two reports are stored
            try:
                with sqlite3.connect(db, timeout=5) as conn:
                    if conn.execute("SELECT COUNT(*) FROM documents_sourcedocument").fetchone()[0] >= 2:
                        break
            except sqlite3.OperationalError:
                pass
            if process.poll() is not None:
                break
            time.sleep(0.1)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    _consistent(url, home, settled=False)
    jixiao(url, home, "import", "--save", str(corpus[0]))
    state = _consistent(url, home, settled=True)
    assert 2 <= len(state["documents"]) <= len(corpus)
