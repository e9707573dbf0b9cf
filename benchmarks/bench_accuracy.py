"""Reading accuracy on real reports (真实报告读取准确率): import and review a folder of ``NNN.txt`` + ``NNN.json``.

Prints the files the importer refused, identity accuracy (department, region, year, kind),
figures right of those the gold states, invented values (a figure the text does not state),
indicator recall, the review's recall on the gold's verified inconsistencies, and the
arithmetic/consistency findings raised on reports whose gold lists no inconsistency.
The scoring rules are in ``tests/fixtures/corpus.py``.

Run: ``.venv/bin/python benchmarks/bench_accuracy.py [FOLDER] [--details]``
(FOLDER defaults to ``../shared/corpus``). Targets (issue: real-world reading): 0 unread,
identity >= 95%, figures >= 90% right, 0 invented, review recall >= 80%, at most 1 false alarm
per 10 reports.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fixtures.corpus import FIGURES, IDENTITY, default_folder, measure


def _pct(hit: int, total: int) -> str:
    return f"{hit}/{total} = {100 * hit / total:.1f}%" if total else f"{hit}/0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=None)
    parser.add_argument("--details", action="store_true", help="list every miss, file by file")
    args = parser.parse_args()
    folder = args.folder or default_folder()
    if folder is None or not folder.is_dir():
        sys.exit("没有找到语料目录（给出 FOLDER 或设置 JIXIAO_CORPUS）")
    started = time.perf_counter()
    result = measure(folder)
    elapsed = time.perf_counter() - started
    reports = len(result.results)
    print(f"corpus: {folder} — {reports} reports, {elapsed:.1f} s")
    print(f"unread: {len(result.unread)}" + "".join(f"\n  {r.case.id}: {r.error}" for r in result.unread))
    print(f"identity: {_pct(*result.identity)}")
    for name in IDENTITY:
        hits = sum(1 for r in result.results if r.identity.get(name))
        print(f"  {name:<11}{_pct(hits, reports)}")
    print(f"figures right / stated: {_pct(*result.figures)}")
    for key in FIGURES:
        states = [r.figures.get(key) for r in result.results]
        stated = sum(1 for s in states if s in ("right", "wrong", "missed"))
        print(f"  {key:<24}right {states.count('right'):>3}  wrong {states.count('wrong'):>3}  "
              f"missed {states.count('missed'):>3}  of {stated:>3}   invented {states.count('invented')}")
    print(f"invented values: {len(result.invented)}" + "".join(f"\n  {i}: {k}" for i, k in result.invented))
    print(f"indicator recall: {_pct(*result.indicator_recall)}")
    print(f"review recall on verified inconsistencies: {_pct(*result.review_recall)}")
    clean = result.clean_reports
    alarms = result.false_alarm_count
    per10 = 10 * alarms / clean if clean else 0.0
    print(f"arithmetic/consistency findings on {clean} reports whose gold has none: {alarms} ({per10:.2f} per 10 reports)")
    for r in result.results:
        for finding in r.false_alarms:
            print(f"  {r.case.id}: {finding.rule}: {finding.message}")
    if args.details:
        print("\ndetails:")
        for r in result.results:
            misses = [f"{n}={getattr(r.report, n, None)!r}≠{r.case.gold.get(n)!r}"
                      for n, ok in r.identity.items() if not ok]
            misses += [f"{k}:{s}" for k, s in r.figures.items() if s in ("wrong", "missed", "invented")]
            misses += [f"indicator {i.get('name')}" for i, ok in zip(r.case.gold.get("indicators") or [],
                                                                    r.indicators, strict=True) if not ok]
            misses += [f"not found: {t[:40]}" for t, ok in zip(r.case.verified_inconsistencies, r.found,
                                                             strict=True) if not ok]
            if misses:
                print(f"  {r.case.id}: " + "; ".join(misses))


if __name__ == "__main__":
    main()
