"""Review speed (复核速度): milliseconds per report for all rules at 1x, 10x and 100x a seed.

Run: ``.venv/bin/python benchmarks/bench_review.py [--repeat N]``. For each seed the text is
concatenated 1, 10 and 100 times; the review is timed without extraction (rules over an
already parsed document and extracted report) and with it (``review_text``: normalise,
outline, extract, review). Prints milliseconds (best of N) and the cost ratio against 1x
divided by the length factor: ~1.0 means linear growth. Target: <= 20 ms for a seed-size
report on one core.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from jixiao.extract.pipeline import report_from_document
from jixiao.review import review_text
from jixiao.review.engine import run_rules
from jixiao.review.profile import default_profile
from jixiao.samples import samples
from jixiao.text.document import parse_document


def best_ms(action: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    profile = default_profile()
    for item in samples():  # warm up: imports, compiled patterns, the profile
        review_text(item.text(), profile=profile)
    print(f"{'seed':<28}{'x':>5}{'chars':>9}{'rules ms':>11}{'ratio':>8}{'+extract ms':>13}{'ratio':>8}{'findings':>10}")
    for item in samples():
        base_text = item.text()
        base_rules = base_all = 0.0
        for factor in (1, 10, 100):
            text = "\n".join([base_text] * factor)
            document = parse_document(text)
            report = report_from_document(document)
            repeat = {1: args.repeat * 4, 10: args.repeat, 100: max(1, args.repeat // 2)}[factor]
            rules_ms = best_ms(lambda d=document, r=report: run_rules(r, d, profile), repeat)
            all_ms = best_ms(lambda t=text: review_text(t, profile=profile), repeat)
            findings = len(run_rules(report, document, profile))
            if factor == 1:
                base_rules, base_all = rules_ms, all_ms
            print(
                f"{item.id:<28}{factor:>5}{len(text):>9}{rules_ms:>11.2f}{rules_ms / base_rules / factor:>8.2f}"
                f"{all_ms:>13.2f}{all_ms / base_all / factor:>8.2f}{findings:>10}"
            )
    print("ratio = (ms at Nx / ms at 1x) / N; 1.00 is linear growth.")


if __name__ == "__main__":
    main()
