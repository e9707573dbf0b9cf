"""Render speed (生成速度): DOCX/s and PDF/s on one core, and a batch of 1,000 synthetic departments.

    .venv/bin/python benchmarks/bench_render.py                 # defaults: 200 timed, 1,000 batch, 100 PDF
    .venv/bin/python benchmarks/bench_render.py --batch 10000 --pdf-batch 500 --keep out/

Reports come from :mod:`jixiao.synthetic` (12 indicators each), generated before the clock
starts so the figures measure rendering only. DOCX/XLSX/HTML/MD are timed one after another in
this process (one core); the PDF rate is a whole batch through ONE LibreOffice call, start-up
included, because that is how a batch runs.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from jixiao import synthetic
from jixiao.render import docx as docx_writer
from jixiao.render import html as html_writer
from jixiao.render import markdown as markdown_writer
from jixiao.render import pdf as pdf_converter
from jixiao.render import prepare, render_batch
from jixiao.render import xlsx as xlsx_writer

console = Console()


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:8.1f}/s  ({seconds / count * 1000:6.1f} ms each, {count} in {seconds:.2f} s)"


def time_formats(count: int) -> None:
    reports = list(synthetic.reports(count, (2022,)))
    prepare(reports[0])  # warm caches: templates compiled, fonts resolved, base DOCX built
    docx_writer.to_bytes(prepare(reports[0]))
    writers = {
        "prepare only": lambda p: None,
        "DOCX": docx_writer.to_bytes,
        "XLSX": xlsx_writer.to_bytes,
        "HTML": html_writer.render,
        "Markdown": markdown_writer.render,
    }
    for name, write in writers.items():
        started = time.perf_counter()
        for report in reports:
            write(prepare(report))
        console.print(f"{name:>13}: {_rate(count, time.perf_counter() - started)}")


def time_pdf(count: int, folder: Path) -> None:
    docx_dir = folder / "pdf-timing"
    docx_dir.mkdir()
    files = []
    for index, report in enumerate(synthetic.reports(count, (2022,))):
        path = docx_dir / f"{index:05d}.docx"
        docx_writer.write(prepare(report), path)
        files.append(path)
    started = time.perf_counter()
    pdf_converter.convert(files[:1], docx_dir / "one")
    single = time.perf_counter() - started
    started = time.perf_counter()
    pdf_converter.convert(files, docx_dir / "many")
    batch = time.perf_counter() - started
    console.print(f"{'PDF (1 file)':>13}: {single:.2f} s — LibreOffice start-up plus one conversion")
    console.print(f"{'PDF (batch)':>13}: {_rate(count, batch)} — one soffice call for {count} files")


def batch(fmt: str, count: int, out: Path) -> None:
    items = [(report, out / fmt / f"{index:05d}.{fmt}") for index, report in
             enumerate(synthetic.reports(count, (2022,)))]
    columns = (TextColumn(f"batch {fmt.upper():>4}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    started = time.perf_counter()
    with Progress(*columns, console=console) as bar:
        task = bar.add_task(fmt, total=count)
        result = render_batch(items, fmt, progress=lambda n: bar.advance(task, n))
    seconds = time.perf_counter() - started
    size = sum(path.stat().st_size for path in result.written)
    console.print(
        f"batch {fmt.upper()}: {len(result.written)} written, {len(result.failed)} failed, "
        f"{seconds:.1f} s, {len(result.written) / seconds:.1f}/s, {size / 1e6:.1f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="reports timed per format")
    parser.add_argument("--pdf-count", type=int, default=50, help="DOCX files in the timed PDF batch")
    parser.add_argument("--batch", type=int, default=1000, help="synthetic departments in the DOCX batch")
    parser.add_argument("--pdf-batch", type=int, default=100, help="departments in the PDF batch")
    parser.add_argument("--keep", type=Path, default=None, help="write the batches here instead of a temp folder")
    args = parser.parse_args()

    console.print(f"jixiao render benchmark — Python {platform.python_version()}, {platform.machine()}, one process")
    folder = Path(tempfile.mkdtemp(prefix="jixiao-bench-"))
    out = args.keep or folder
    try:
        time_formats(args.count)
        has_soffice = shutil.which("soffice") is not None
        if has_soffice and args.pdf_count:
            time_pdf(args.pdf_count, folder)
        batch("docx", args.batch, out)
        if has_soffice and args.pdf_batch:
            batch("pdf", args.pdf_batch, out)
        if not has_soffice:
            console.print("PDF: skipped, LibreOffice (soffice) is not installed")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
