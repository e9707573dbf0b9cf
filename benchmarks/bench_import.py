"""Import speed (导入速度): text reports per second, and PDF import against raw PDF text extraction.

Prints, in one run on one core:
- seed-size text reports per second through ``import_file`` (read + normalise + extract);
- pages per second of pypdfium2's own text extraction on the generated seed PDFs (the floor);
- pages per second of ``import_file`` on the same PDFs, and the ratio import / raw
  (target <= 2.0), with and without a ruled table page;
- the same on reports as LibreOffice writes them (``jixiao.synthetic`` reports through the render
  path, each ending in its ruled 自评表 pages, which the reader reads as rows): pdfium draws these
  pages faster than the reportlab ones, so what the reader adds weighs more.

Times are this process's CPU time (``time.process_time``): everything runs in one thread, so other
work on the machine changes the figures less than it does wall time. Still, on a shared machine the
same pass can take 30% longer from one second to the next, so a ratio is measured in pairs: raw and
import run one right after the other, nine times, and the median of the nine ratios is printed
(with the best pass of each).

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


def _paired(paths: list[Path], pairs: int = 9) -> tuple[float, float, float]:
    """(best raw seconds, best import seconds, median of the import/raw ratios of ``pairs`` passes run back to back)."""
    import statistics

    _raw_pdfium(paths)
    for path in paths:
        import_file(path)
    raws, imports = [], []
    for _ in range(pairs):
        raws.append(_best_of(1, lambda: _raw_pdfium(paths)))
        imports.append(_best_of(1, lambda: [import_file(p) for p in paths]))
    return min(raws), min(imports), statistics.median(i / r for i, r in zip(imports, raws, strict=True))


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
            raw, imported, ratio = _paired(paths)
            failures = [r.error for r in (import_file(p) for p in paths) if not r.ok]
            print(f"PDF ({label}, {len(paths)} files, {pages} pages): raw pypdfium2 {pages / raw:.1f} pages/s, "
                  f"import {pages / imported:.1f} pages/s, ratio import/raw = {ratio:.2f} (median of 9 pairs)"
                  f"  target <= 2.0" + (f"  FAILURES: {failures}" if failures else ""))
        _renders(Path(folder))


def _renders(folder: Path) -> None:
    import shutil

    import jixiao.synthetic as synthetic
    from jixiao.render import render_batch

    if shutil.which("soffice") is None:
        print("PDF (LibreOffice renders): soffice not installed, skipped")
        return
    made = render_batch([(r, folder / f"render{n:02d}.pdf") for n, r in enumerate(synthetic.reports(20, (2023,)))],
                        "pdf", timeout=600)
    paths = list(made.written)
    pages = sum(len(pdfium.PdfDocument(str(p))) for p in paths)
    raw, imported, ratio = _paired(paths)
    print(f"PDF (LibreOffice renders with their 自评表 pages, {len(paths)} files, {pages} pages): raw pypdfium2 "
          f"{pages / raw:.1f} pages/s, import {pages / imported:.1f} pages/s, ratio import/raw = {ratio:.2f} "
          f"(median of 9 pairs)")


if __name__ == "__main__":
    main()
