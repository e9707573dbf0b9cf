"""The load benchmark's quick mode runs end to end: it prints the figures and no request fails.

Timings are printed, never asserted (the machine may be shared).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_quick_load_run_prints_percentiles_and_no_errors() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks/bench_web_load.py"), "--departments", "20", "--seconds", "3",
         "--users", "10", "--finance", "3", "--think", "0.2", "--database", "sqlite"],
        capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-3000:]
    out = run.stdout
    assert "100 reports (20 departments × 2020-2024)" in out
    assert "10 users logged in through the login form" in out and "failures" not in out
    header = next(line for line in out.splitlines() if "p95 ms" in line)
    assert header.split() == ["page", "requests", "req/s", "p50", "ms", "p95", "ms", "p99", "ms", "errors"]
    pages = {}
    for line in out.splitlines():
        match = re.match(r"\s+(/\S+|overall)\s+(\d+)\s+[\d.]+\s+\d+\s+\d+\s+\d+\s+(\d+)$", line)
        if match:
            pages[match.group(1)] = (int(match.group(2)), int(match.group(3)))
    assert set(pages) == {"/dashboard/", "/api/dashboard", "/departments/<id>/", "overall"}
    assert all(requests > 0 for requests, _ in pages.values())
    assert pages["overall"][1] == 0, out
    assert re.search(r"SQLite: target p95 ≤ 300 ms and 0 errors: (met|NOT met) \(p95 \d+ ms, 0 errors\)", out)
