"""Benchmark: score 100,000 departments × 30 indicators, and print indicators per second.

Inputs are generated first and not timed: ``--distinct`` synthetic reports (``jixiao.synthetic``)
are resolved and laid out as integer columns, then tiled to ``--departments`` reports. Only the
scoring is timed: the batch path (numpy int64 columns → scores, totals, grades) against the
Decimal engine (``score_report``) on the distinct reports, and the ratio of the two.

    .venv/bin/python benchmarks/bench_scoring.py [--departments 100000] [--indicators 30]
"""

from __future__ import annotations

import argparse
import time

from jixiao import synthetic
from jixiao.scoring import batch, default_framework_for, score_report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=100_000)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--distinct", type=int, default=2_000, help="distinct synthetic reports, cycled over")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of the batch path; the best is kept")
    args = parser.parse_args()
    if batch.np is None:
        raise SystemExit("numpy is not installed: the vectorised batch path needs it (pip install numpy)")
    np = batch.np
    framework = default_framework_for("department_overall")

    started = time.perf_counter()
    reports = list(synthetic.reports(args.distinct, (2024,), indicators=args.indicators))
    cols = batch.columns_for_reports(reports, framework)
    distinct = batch.as_arrays(cols)
    copies = -(-args.departments // args.distinct)
    rows_per_copy = len(cols)
    arrays = {name: np.tile(distinct[name], copies) for name in distinct if name != "starts"}
    arrays["starts"] = (distinct["starts"][None, :] + rows_per_copy * np.arange(copies)[:, None]).ravel()
    arrays["starts"] = arrays["starts"][: args.departments]
    last = int(arrays["starts"][-1]) + (rows_per_copy - int(distinct["starts"][-1]))
    arrays = {name: (value if name == "starts" else value[:last]) for name, value in arrays.items()}
    rows = len(arrays["op"])
    print(f"inputs: {args.departments:,} departments × {args.indicators} indicators "
          f"(+1 预算执行率 row each) = {rows:,} rows, built in {time.perf_counter() - started:.1f} s (not timed)")

    minima = np.asarray([int(g.min * 100) for g in framework.grades], dtype=np.int64)
    labels = np.asarray([g.grade for g in framework.grades])
    best = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        scores = batch.score_arrays(arrays, framework)
        totals = np.add.reduceat(scores, arrays["starts"])
        grades = labels[np.searchsorted(-minima, -totals, side="left")]
        best = min(best, time.perf_counter() - started)
    batch_rate = rows / best
    print(f"batch (numpy int64, exact): {best:.3f} s for {rows:,} rows → {batch_rate:,.0f} indicators/s")
    counts = {str(g): int(n) for g, n in zip(*np.unique(grades, return_counts=True), strict=True)}
    print(f"  grades: {counts}")

    sample = reports[: min(len(reports), 500)]
    started = time.perf_counter()
    for report in sample:
        score_report(report, framework)
    elapsed = time.perf_counter() - started
    decimal_rows = sum(len(r.indicators) + 1 for r in sample)
    decimal_rate = decimal_rows / elapsed
    print(f"Decimal engine (score_report, with explanations): {decimal_rows:,} rows in {elapsed:.2f} s "
          f"→ {decimal_rate:,.0f} indicators/s")

    started = time.perf_counter()
    python_scores = batch.score_python(cols, batch.Rules.of(framework))
    elapsed = time.perf_counter() - started
    print(f"integer path without numpy (Python loop): {len(python_scores):,} rows in {elapsed:.2f} s "
          f"→ {len(python_scores) / elapsed:,.0f} indicators/s")

    check = [int(x) for x in batch.score_arrays(distinct, framework)]
    assert check == python_scores, "batch and integer loop disagree"
    engine_totals = [int(score_report(r, framework).total * 100) for r in sample]
    assert engine_totals == [int(x) for x in totals[: len(sample)]], "batch and Decimal engine disagree"
    print(f"ratio batch / Decimal: {batch_rate / decimal_rate:,.0f}×")
    print(f"target ≥ 1,000,000 indicators/s on one core: {'met' if batch_rate >= 1_000_000 else 'NOT met'}")


if __name__ == "__main__":
    main()
