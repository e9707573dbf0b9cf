"""Speed of text → PerformanceReport (抽取速度) on the seed reports, on one core.

Prints reports per second and milliseconds per report for each seed, for both seeds in
turn, and for a ten-times concatenated seed text (a long report). The target is at least
50 seed-size reports per second (≤ 20 ms each).

    .venv/bin/python benchmarks/bench_extract.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from jixiao.extract import extract_report, parse_document
from jixiao.samples import samples


def measure(label: str, texts: list[str], repeat: int, run: Callable[[str], object]) -> None:
    """Run ``run`` over ``texts`` ``repeat`` times and print the throughput."""
    for text in texts:  # warm up regex caches and imports
        run(text)
    started = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            run(text)
    elapsed = time.perf_counter() - started
    count = repeat * len(texts)
    chars = sum(len(text) for text in texts) * repeat
    print(
        f"{label:<34} {count / elapsed:8.1f} reports/s  {1000 * elapsed / count:7.2f} ms/report"
        f"  {chars / elapsed / 1e6:6.2f} M chars/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    seeds = samples()
    texts = [seed.text() for seed in seeds]
    for seed, text in zip(seeds, texts, strict=True):
        measure(f"extract {seed.id} ({len(text)} chars)", [text], args.repeat, extract_report)
    measure("extract both seeds", texts, args.repeat, extract_report)
    measure("parse_document only, both seeds", texts, args.repeat, parse_document)
    long_text = "\n\n".join(texts[0] for _ in range(10))
    measure(
        f"extract 10x seed_000 ({len(long_text)} chars)",
        [long_text],
        max(args.repeat // 10, 3),
        extract_report,
    )


if __name__ == "__main__":
    main()
