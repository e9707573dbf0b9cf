"""``--jobs``: import, review and score on all cores give what one process gives, in input order.

Real files: reports of the corpus (read where they lie), seed reports rendered as PDF, a broken
file among them; and a worker killed mid-batch (the pool breaks, the others are still done).
"""

from __future__ import annotations

import json
import os
import signal
from functools import partial
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.importer import ImportResult
from jixiao.parallel import ordered_map

CORPUS = Path("/work/shared/corpus")
runner = CliRunner()


def _corpus(count: int) -> list[Path]:
    files = sorted(CORPUS.glob("*.txt"))[:count]
    if len(files) < count:
        pytest.skip(f"语料库 {CORPUS} 中的报告不足 {count} 份")
    return files


@pytest.fixture(scope="module")
def mixed(seed_pdf, bad_document) -> list[Path]:
    """Corpus texts, two rendered PDFs and an encrypted PDF in the middle."""
    files = _corpus(6)
    return [*files[:3], seed_pdf("seed_000").path, bad_document("encrypted.pdf"), seed_pdf("seed_001").path, *files[3:]]


def _run(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


def test_import_on_two_processes_gives_the_one_process_output_in_order(mixed, monkeypatch) -> None:
    one = _run("import", *map(str, mixed), "--json", "--jobs", "1")
    # in chunks, as a long batch goes (these 9 files would go one a task): the encrypted file shares one
    monkeypatch.setattr("jixiao.parallel.chunk_size", lambda count, jobs: 2)
    two = _run("import", *map(str, mixed), "--json", "--jobs", "2")
    assert one.exit_code == two.exit_code == 1  # the encrypted file
    assert json.loads(two.stdout) == json.loads(one.stdout)
    data = json.loads(two.stdout)
    assert [item["source"] if "error" in item else item["source"]["path"] for item in data] == [str(p) for p in mixed]
    broken = data[4]
    assert set(broken) == {"source", "error"} and "加密" in broken["error"] and str(mixed[4]) in broken["error"]
    assert all(item.get("department") for i, item in enumerate(data) if i != 4)
    assert "共 9 个文件：成功 8，失败 1" in two.stderr


def test_review_on_two_processes_gives_the_one_process_findings(mixed) -> None:
    one = _run("review", *map(str, mixed), "--format", "json", "-j", "1")
    two = _run("review", *map(str, mixed), "--format", "json", "-j", "2")
    assert one.exit_code == two.exit_code == 1
    assert json.loads(two.stdout) == json.loads(one.stdout)
    data = json.loads(two.stdout)
    assert [item["source"] for item in data] == [str(p) for p in mixed]
    assert "加密" in data[4]["error"]
    [line] = [line for line in two.stderr.splitlines() if line.startswith("错误：")]
    assert str(mixed[4]) in line and "加密" in line


def test_score_on_two_processes_gives_the_one_process_scores(tmp_path) -> None:
    reports = sorted(CORPUS.glob("*.json"))[:4]
    if len(reports) < 4:
        pytest.skip(f"语料库 {CORPUS} 中的报告不足 4 份")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    files = [*reports[:2], bad, *reports[2:]]
    one = _run("score", *map(str, files), "--json", "-j", "1")
    two = _run("score", *map(str, files), "--json", "-j", "2")
    assert json.loads(two.stdout) == json.loads(one.stdout)
    data = json.loads(two.stdout)
    assert data[2]["source"] == str(bad) and data[2]["error"]
    assert two.exit_code == 1


def test_progress_bar_only_when_asked_and_on_stderr(mixed) -> None:
    quiet = _run("import", *map(str, mixed[:3]), "--json", "-j", "2")
    assert "导入" not in quiet.stderr.split("导入结果")[0]
    shown = _run("import", *map(str, mixed[:3]), "--json", "-j", "2", "--progress")
    assert json.loads(shown.stdout) == json.loads(quiet.stdout)


def _dies_on_second(path: str) -> ImportResult:
    """A reader that kills its own process for one file (as the kernel does when it runs out of memory)."""
    if path.endswith("die"):
        os.kill(os.getpid(), signal.SIGKILL)
    return ImportResult(source=path, reason=str(os.getpid()))


def _lost(path: str, reason: str) -> ImportResult:
    return ImportResult(source=path, error=f"{path}: {reason}", reason=reason)


def test_a_worker_killed_mid_batch_fails_its_file_and_the_others_are_done(monkeypatch) -> None:
    # the isolated child that redoes the files in flight must import this module
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).parent))
    items = [f"file-{n}" for n in range(12)]
    items[5] = "file-5-die"
    results = list(ordered_map(partial(_dies_on_second), items, jobs=2, on_lost=_lost, isolated_timeout=30))
    assert [r.source for r in results] == items
    failed = [r for r in results if r.error]
    assert [r.source for r in failed] == ["file-5-die"]
    assert "已停止" in (failed[0].reason or "")
    assert len({r.reason for r in results if not r.error}) >= 2  # more than one worker did the work


def _fails_on_bad(path: str) -> ImportResult:
    """A reader with a fault for one file (it raises, which ``import_file`` never does for a bad file)."""
    if path.endswith("bad"):
        raise KeyError(path)
    return ImportResult(source=path, reason=str(os.getpid()))


@pytest.mark.parametrize("size", [3, 4])
def test_files_sent_in_chunks_keep_their_order_and_a_fault_or_a_kill_costs_only_its_own_file(monkeypatch, size) -> None:
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).parent))
    monkeypatch.setattr("jixiao.parallel.chunk_size", lambda count, jobs: size)
    items = [f"file-{n}" for n in range(14)]
    items[4], items[9] = "file-4-bad", "file-9-die"
    results = list(ordered_map(_chunk_reader, items, jobs=2, on_lost=_lost, isolated_timeout=30))
    assert [r.source for r in results] == items
    failed = {r.source: r.reason for r in results if r.error}
    assert set(failed) == {"file-4-bad", "file-9-die"}
    assert "内部错误（KeyError）" in failed["file-4-bad"]
    assert "已停止" in failed["file-9-die"]


def _chunk_reader(path: str) -> ImportResult:
    return _dies_on_second(path) if path.endswith("die") else _fails_on_bad(path)


def test_chunks_grow_with_the_batch_and_stay_single_in_a_short_one() -> None:
    from jixiao.parallel import MAX_CHUNK, chunk_size

    assert chunk_size(20, 2) == 1
    assert 1 < chunk_size(200, 2) <= MAX_CHUNK
    assert chunk_size(10_000, 2) == MAX_CHUNK


def test_the_forkserver_preloads_the_jixiao_modules_the_main_script_imported(tmp_path) -> None:
    # each worker runs the main script again: what it imported of jixiao is preloaded once, nothing else
    import subprocess
    import sys

    script = tmp_path / "main.py"
    script.write_text("import json\nfrom jixiao.importer import import_file\nimport jixiao.figures as figures\n"
                      "from jixiao.parallel import _module_of\nfrom jixiao.pool_work import import_one\n"
                      "from jixiao.web import bootstrap\n"
                      "print(json.dumps(_module_of(import_one)))\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")})
    preloaded = json.loads(done.stdout)
    assert preloaded[0] == "jixiao.pool_work"
    assert {"jixiao.importer", "jixiao.figures", "jixiao.parallel"} <= set(preloaded)
    assert "json" not in preloaded
    assert not [name for name in preloaded if name.startswith("jixiao.web")]  # Django is not set up there
