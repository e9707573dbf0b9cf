"""Import speed (导入速度): text reports per second, and PDF import against raw PDF text extraction.

Prints, in one run on one core:
- seed-size text reports per second through ``import_file`` (read + normalise + extract);
- pages per second of pypdfium2's own text extraction on the generated seed PDFs (the floor);
- pages per second of ``import_file`` on the same PDFs, and the ratio import / raw
  (target <= 2.0), with and without the ruled 自评表 table page that pdfplumber reads.

Times are this process's CPU time (``time.process_time``), best of three: everything runs in
one thread, so other work on the machine changes the figures less than it does wall time.

Run: ``.venv/bin/python benchmarks/bench_import.py``
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import pypdfium2 as pdfium

from fixtures.documents import build_pdf
from jixiao.importer import import_file
from jixiao.samples import samples


def _best_of(repeats: int, run) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def _raw_pdfium(paths: list[Path]) -> int:
    chars = 0
    for path in paths:
        document = pdfium.PdfDocument(str(path))
        for page in document:
            textpage = page.get_textpage()
            chars += len(textpage.get_text_range())
            textpage.close()
            page.close()
        document.close()
    return chars


def main() -> None:
    seeds = samples()
    rounds = 50
    elapsed = _best_of(3, lambda: [import_file(s.text_path) for _ in range(rounds) for s in seeds])
    text_rate = rounds * len(seeds) / elapsed
    print(f"text import: {text_rate:.1f} seed-size reports/s ({elapsed / (rounds * len(seeds)) * 1000:.2f} ms each)"
          f"  target >= 50")

    with tempfile.TemporaryDirectory() as folder:
        for label, table in (("with the 自评表 table", "default"), ("text only", None)):
            paths: list[Path] = []
            pages = 0
            for seed in seeds:
                for repeat in (1, 5):
                    kwargs = {} if table == "default" else {"table": None}
                    built = build_pdf(seed.text(), Path(folder) / f"{seed.id}_{repeat}_{bool(table)}.pdf",
                                      repeat=repeat, **kwargs)
                    paths.append(built.path)
                    pages += len(built.pages)
            raw = _best_of(3, lambda paths=paths: _raw_pdfium(paths))
            imported = _best_of(3, lambda paths=paths: [import_file(p) for p in paths])
            failures = [r.error for r in (import_file(p) for p in paths) if not r.ok]
            print(f"PDF ({label}, {len(paths)} files, {pages} pages): raw pypdfium2 {pages / raw:.1f} pages/s, "
                  f"import {pages / imported:.1f} pages/s, ratio import/raw = {imported / raw:.2f}  target <= 2.0"
                  + (f"  FAILURES: {failures}" if failures else ""))


if __name__ == "__main__":
    main()
