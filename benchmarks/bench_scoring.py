"""Benchmark: score many departments with the Decimal engine, and print indicators per second.

Inputs are generated first and not timed: ``--departments`` synthetic reports
(``jixiao.synthetic``) with ``--indicators`` indicators each. Then ``score_report`` — the one
engine, with the Chinese explanation of every item — scores them all; the best of ``--repeat``
runs is kept. Also printed: the time to score a city's year (``--city`` departments).

    .venv/bin/python benchmarks/bench_scoring.py [--departments 2000] [--indicators 30]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from jixiao import synthetic
from jixiao.scoring import default_framework_for, score_report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=2_000)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is kept")
    parser.add_argument("--city", type=int, default=6_000, help="departments of a city's year, for the estimate")
    args = parser.parse_args()
    framework = default_framework_for("department_overall")

    started = time.perf_counter()
    reports = list(synthetic.reports(args.departments, (2024,), indicators=args.indicators))
    rows = sum(len(r.indicators) + 1 for r in reports)  # + the 预算执行率 row
    print(f"inputs: {args.departments:,} departments × {args.indicators} indicators "
          f"(+1 预算执行率 row each) = {rows:,} rows, built in {time.perf_counter() - started:.1f} s (not timed)")

    best = float("inf")
    grades: Counter[str] = Counter()
    for _ in range(args.repeat):
        started = time.perf_counter()
        results = [score_report(report, framework) for report in reports]
        best = min(best, time.perf_counter() - started)
        grades = Counter(result.grade for result in results)
    print(f"Decimal engine (score_report, with explanations): {rows:,} rows in {best:.2f} s "
          f"→ {rows / best:,.0f} indicators/s, {args.departments / best:,.0f} departments/s")
    print(f"  grades: {dict(sorted(grades.items()))}")
    print(f"a city's year ({args.city:,} departments): ≈ {args.city * best / args.departments:.1f} s on one core")


if __name__ == "__main__":
    main()
