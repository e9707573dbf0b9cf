"""Benchmark: the target checks of one declaration page over 1,000 departments × 30 indicators × 5 years; print p50/p95.

In a temporary JIXIAO_HOME (SQLite) — or the database ``DATABASE_URL`` names — migrate, then generate
``--departments`` departments, each with a budget and ``--indicators`` library indicators (the shipped
指标库's) in each of ``--years`` (targets and actuals drawn from a fixed seed), stored in bulk; build the
observations and the peers' statistics with the real service (``jixiao.web.targets.services.rebuild_all``,
timed); then answer ``--pages`` declaration pages of the next year — one random department's
``--indicators`` rows each — with ``jixiao.web.targets.selectors.row_checks``, the function the
declaration form calls, and print its p50/p95/max and its number of queries. No timed asserts: the
target (issue 17) is p95 ≤ 100 ms.

    .venv/bin/python benchmarks/bench_targets.py [--departments 1000] [--indicators 30] [--years 2020-2024]
        [--pages 300]
    quick: --departments 100 --pages 50
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
TARGET_P95_MS = 100.0


def _years(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=1000)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--years", default="2020-2024")
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--profile", action="store_true", help="print the rebuild's and the checks' hottest calls")
    args = parser.parse_args()
    years = _years(args.years)

    home = tempfile.mkdtemp(prefix="bench-targets-")
    os.environ.setdefault("JIXIAO_HOME", home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries, transaction
    from django.test.utils import CaptureQueriesContext

    from jixiao.web.budgets.models import Budget
    from jixiao.web.departments.models import Department, FiscalYear
    from jixiao.web.evaluation.models import Indicator
    from jixiao.web.indicators.models import LibraryIndicator
    from jixiao.web.targets.models import Observation, PeerStat
    from jixiao.web.targets.selectors import row_checks
    from jixiao.web.targets.services import rebuild_all

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    library = list(LibraryIndicator.objects.exclude(operator="qualitative").order_by("code"))
    library += list(LibraryIndicator.objects.filter(operator="qualitative").order_by("code"))
    library = library[:args.indicators]
    rng = random.Random(17)
    started = time.perf_counter()
    with transaction.atomic():
        fiscal = {y: FiscalYear.objects.get_or_create(year=y)[0] for y in [*years, years[-1] + 1]}
        departments = Department.objects.bulk_create(
            Department(name=f"基准部门{i:05d}") for i in range(args.departments))
        Budget.objects.bulk_create(
            (Budget(department=d, fiscal_year=fiscal[y], initial=Decimal(rng.randint(500, 5000)))
             for d in departments for y in years), batch_size=5000)
        base = {item.pk: Decimal(rng.randint(20, 2000)) for item in library}
        rows = []
        for d in departments:
            scale = Decimal(str(rng.uniform(0.5, 1.6)))
            for y in years:
                for position, item in enumerate(library):
                    quantitative = item.operator != "qualitative"
                    target = (base[item.pk] * scale).quantize(Decimal(1)) if quantitative else None
                    actual = (target * Decimal(str(rng.uniform(0.8, 1.6)))).quantize(Decimal(1)) if target else None
                    rows.append(Indicator(department=d, fiscal_year=fiscal[y], position=position, name=item.name,
                                          level1=item.level1, level2=item.level2, op=item.operator, unit=item.unit,
                                          target=target, actual=actual, library_indicator=item))
            if len(rows) >= 20000:
                Indicator.objects.bulk_create(rows, batch_size=5000)
                rows = []
        Indicator.objects.bulk_create(rows, batch_size=5000)
    generated = time.perf_counter() - started
    print(f"generated {args.departments} departments × {len(library)} indicators × {len(years)} years = "
          f"{Indicator.objects.count():,} indicator rows in {generated:.1f} s")

    import cProfile
    import pstats

    profiler = cProfile.Profile()
    started = time.perf_counter()
    if args.profile:
        profiler.enable()
    observations, stats = rebuild_all()
    if args.profile:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(20)
    print(f"rebuild_all: {observations:,} observations, {stats:,} peer statistics in {time.perf_counter() - started:.1f} s")
    assert Observation.objects.count() == observations and PeerStat.objects.count() == stats

    year = years[-1] + 1
    timings, queries = [], []
    picks = [rng.choice(departments) for _ in range(args.pages)]
    for n, department in enumerate(picks):
        page = [SimpleNamespace(pk=None, name=item.name, op=item.operator, unit=item.unit, level1=item.level1,
                                level2=item.level2, target=Decimal(rng.randint(20, 2000)),
                                library_indicator_id=item.pk if n % 2 else None, scoring_standard="")
                for item in library]  # half the pages linked by key, half matched by exact name
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            t0 = time.perf_counter()
            results = row_checks(department=department, year=year, rows=page)
            timings.append((time.perf_counter() - t0) * 1000)
        queries.append(len(captured.captured_queries))
        assert all(r is not None for r in results)
    if args.profile:
        checker = cProfile.Profile()
        checker.runcall(row_checks, department=picks[0], year=year, rows=page)
        pstats.Stats(checker).sort_stats("tottime").print_stats(15)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    print(f"one declaration page's checks ({len(library)} rows), {args.pages} pages: "
          f"p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms; "
          f"queries per page {min(queries)}–{max(queries)} (target p95 ≤ {TARGET_P95_MS:.0f} ms)")


if __name__ == "__main__":
    main()
