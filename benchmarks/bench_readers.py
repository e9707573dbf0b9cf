"""Benchmark of the document readers (文档读取基准): PDF libraries compared, then read_document.

Run: ``python benchmarks/bench_readers.py [--repeat 3] [--no-libreoffice] [--pdfs FILE_OR_FOLDER ...]``

It typesets the two seed reports as PDFs with a Chinese text layer (reportlab, WenQuanYi Zen
Hei; the same builders as the tests), a long report (seed_000 four times, 37 pages), and —
when LibreOffice is installed — the seed DOCX converted to PDF by LibreOffice, a second PDF
producer closer to how departments make their PDFs (Word → PDF). Then it prints, as Markdown:

1. for each PDF library, raw text extraction speed (pages/s, best of N runs) and fidelity:
   does the extracted text equal the drawn text once whitespace is removed, and how many
   Chinese characters were lost or garbled;
2. table search cost (pdfplumber on every page vs only on pages with ruling lines);
3. ``read_document`` rates for PDF, DOCX and TXT.

``--pdfs`` adds real PDFs (files, or folders searched recursively). Their true text is not
known, so for them the text pdftotext gives stands in as the expected text: the columns then
say how far each library agrees with poppler, not with the truth.

Figures go to ``docs/pdf-libraries.md`` by hand; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import difflib
import io
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from fixtures import documents  # noqa: E402
from jixiao.readers import read_document  # noqa: E402
from jixiao.readers.limits import Budget  # noqa: E402
from jixiao.samples import sample  # noqa: E402

_BLANK = re.compile(r"\s+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@dataclass(frozen=True)
class Corpus:
    """One PDF to measure and the text really on it."""

    name: str
    path: Path
    pages: int
    expected: str


# --- the libraries, each reduced to "path → list of page texts" ---------------------------


def extract_pypdfium2(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        out = []
        for page in document:
            textpage = page.get_textpage()
            out.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return out
    finally:
        document.close()


def extract_pdfplumber(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as document:
        return [page.extract_text() or "" for page in document.pages]


def extract_pdfminer(path: Path) -> list[str]:
    from pdfminer.high_level import extract_text

    return extract_text(str(path)).split("\f")[:-1]


def extract_pdftotext(path: Path) -> list[str]:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8").split("\f")[:-1]


def extract_jixiao(path: Path) -> list[str]:
    """jixiao's text layer: pypdfium2 plus the repair of lines drawn in font runs (no tables)."""
    from jixiao.readers import pdf as pdf_reader

    return pdf_reader._read_text(path.read_bytes(), str(path), find_tables=False, max_pages=1000,
                                 budget=Budget(600))[0]


LIBRARIES: dict[str, Callable[[Path], list[str]]] = {
    "pypdfium2 (get_text_range)": extract_pypdfium2,
    "jixiao pdf text (pypdfium2 + line repair)": extract_jixiao,
    "pdfplumber": extract_pdfplumber,
    "pdfminer.six": extract_pdfminer,
    "pdftotext (poppler, subprocess)": extract_pdftotext,
}


# --- measuring -----------------------------------------------------------------------------


def best_time(function: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


@dataclass(frozen=True)
class Fidelity:
    """How an extracted text compares with the text drawn, whitespace removed from both."""

    equal: bool  # the same characters in the same order
    cjk_lost: int  # Chinese characters drawn but missing or garbled in the extraction
    added: int  # characters in the extraction that were never drawn
    misplaced: int  # characters present but out of reading order (e.g. quotes moved to the line end)


def fidelity(expected: str, got: str) -> Fidelity:
    a, b = _BLANK.sub("", expected), _BLANK.sub("", got)
    if a == b:
        return Fidelity(True, 0, 0, 0)
    cjk_lost = sum((Counter(_CJK.findall(a)) - Counter(_CJK.findall(b))).values())
    added = sum((Counter(b) - Counter(a)).values())
    moved = 0
    for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            moved += i2 - i1
    lost_all = sum((Counter(a) - Counter(b)).values())
    return Fidelity(False, cjk_lost, added, max(moved - lost_all, 0))


def build_corpora(folder: Path, libreoffice: bool) -> list[Corpus]:
    corpora = []
    for seed_id in ("seed_000", "seed_001"):
        built = documents.build_pdf(sample(seed_id).text(), folder / f"{seed_id}.pdf")
        corpora.append(Corpus(f"{seed_id} (reportlab)", built.path, len(built.pages), built.text))
    long = documents.build_pdf(sample("seed_000").text(), folder / "seed_000_x4.pdf", repeat=4)
    corpora.append(Corpus("seed_000 ×4 (reportlab)", long.path, len(long.pages), long.text))
    runs = documents.build_pdf_with_font_runs(sample("seed_000").text(), folder / "seed_000_runs.pdf")
    corpora.append(Corpus("seed_000 (reportlab, quotes in a 2nd run)", runs.path, len(runs.pages), runs.text))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if libreoffice and soffice:
        for seed_id in ("seed_000", "seed_001"):
            # No table: LibreOffice wraps table cells, so their reading order is not the DOCX's.
            docx = documents.build_docx(sample(seed_id).text(), folder / f"{seed_id}_lo.docx", table=())
            subprocess.run(
                [soffice, "--headless", f"-env:UserInstallation=file://{folder}/lo-profile",
                 "--convert-to", "pdf", "--outdir", str(folder), str(docx.path)],
                capture_output=True, check=True, timeout=180,
            )
            pdf = folder / f"{seed_id}_lo.pdf"
            pages = len(extract_pypdfium2(pdf))
            expected = read_document(docx.path).text  # paragraphs and table cells, as Word holds them
            corpora.append(Corpus(f"{seed_id} (LibreOffice from DOCX)", pdf, pages, expected))
    return corpora


def real_corpora(paths: list[Path]) -> list[Corpus]:
    """Corpora from real PDFs, with pdftotext's text standing in for the expected text."""
    from jixiao.readers import iter_report_files

    corpora = []
    for path in iter_report_files(paths):
        if path.suffix.lower() != ".pdf":
            continue
        try:
            pages = extract_pdftotext(path)
        except (subprocess.CalledProcessError, FileNotFoundError) as error:
            print(f"(skipped {path}: {error})")
            continue
        corpora.append(Corpus(f"{path.name} (real; expected = pdftotext)", path, len(pages), "\n".join(pages)))
    return corpora


def bench_libraries(corpora: list[Corpus], repeat: int) -> None:
    print("## PDF text extraction by library\n")
    print("| library | document | pages | seconds (best) | pages/s | equal modulo whitespace | CJK lost/garbled | chars added | chars misplaced |")
    print("| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |")
    for name, extract in LIBRARIES.items():
        if name.startswith("pdftotext") and not shutil.which("pdftotext"):
            continue
        for corpus in corpora:
            pages = extract(corpus.path)
            seconds = best_time(partial(extract, corpus.path), repeat)
            f = fidelity(corpus.expected, "\n".join(pages))
            print(
                f"| {name} | {corpus.name} | {corpus.pages} | {seconds:.3f} | {corpus.pages / seconds:.1f} "
                f"| {'yes' if f.equal else 'no'} | {f.cjk_lost} | {f.added} | {f.misplaced} |"
            )
    print()


def bench_tables(corpora: list[Corpus], repeat: int) -> None:
    import pdfplumber

    from jixiao.readers import pdf as pdf_reader

    print("## Table search (pdfplumber) — every page vs pages with ruling lines only\n")
    print("| document | pages | all pages: s | tables | ruled pages only: s | pages searched | tables |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for corpus in corpora:
        data = corpus.path.read_bytes()

        def every_page(data: bytes = data) -> int:
            with pdfplumber.open(io.BytesIO(data)) as document:
                return sum(len(page.extract_tables()) for page in document.pages)

        _, candidates = pdf_reader._read_text(data, str(corpus.path), find_tables=True, max_pages=1000,
                                              budget=Budget(600))
        all_seconds = best_time(every_page, repeat)
        ruled = partial(pdf_reader._read_tables, data, candidates, path=str(corpus.path), budget=Budget(600))
        ruled_seconds = best_time(ruled, repeat)
        print(
            f"| {corpus.name} | {corpus.pages} | {all_seconds:.3f} | {every_page()} | {ruled_seconds:.3f} "
            f"| {len(candidates)} | {len(ruled())} |"
        )
    print()


def bench_read_document(corpora: list[Corpus], folder: Path, repeat: int) -> None:
    print("## read_document\n")
    print("| input | size | seconds (best) | rate |")
    print("| --- | ---: | ---: | ---: |")
    for corpus in corpora:
        seconds = best_time(partial(read_document, corpus.path), repeat)
        print(f"| PDF {corpus.name} | {corpus.pages} pages | {seconds:.3f} | {corpus.pages / seconds:.1f} pages/s |")

    text = sample("seed_000").text()
    for label, copies in (("seed_000", 1), ("seed_000 ×20", 20)):
        built = documents.build_docx("\n".join([text] * copies), folder / f"docx_{copies}.docx")
        size = built.path.stat().st_size
        seconds = best_time(partial(read_document, built.path), repeat)
        paragraphs = len(built.paragraphs)
        print(
            f"| DOCX {label} ({paragraphs} paragraphs, 1 table) | {size / 1024:.0f} KB | {seconds:.3f} "
            f"| {1 / seconds:.1f} files/s, {paragraphs / seconds:.0f} paragraphs/s |"
        )
    big_table = folder / "docx_table_500.docx"
    _docx_with_table(big_table, 500)
    seconds = best_time(lambda: read_document(big_table), repeat)
    print(f"| DOCX 500-row × 6 table | {big_table.stat().st_size / 1024:.0f} KB | {seconds:.3f} | {500 / seconds:.0f} rows/s |")

    for label, copies, encoding in (("seed_000 UTF-8", 1, "utf-8"), ("seed_000 ×300 UTF-8", 300, "utf-8"),
                                    ("seed_000 ×300 GB18030", 300, "gb18030")):
        path = folder / f"text_{copies}_{encoding}.txt"
        path.write_bytes(("\n".join([text] * copies)).encode(encoding))
        size = path.stat().st_size
        seconds = best_time(partial(read_document, path), repeat)
        print(f"| TXT {label} | {size / 1024 / 1024:.2f} MB | {seconds:.4f} | {size / 1024 / 1024 / seconds:.0f} MB/s |")
    print()


def _docx_with_table(path: Path, rows: int) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("附件：部门整体支出绩效自评表")
    table = document.add_table(rows=rows, cols=6)
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row.cells):
            cell.text = f"指标{i}-{j}" if j == 0 else f"{(i * 7 + j) % 1000}.{j:02d}"
    document.save(str(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is kept")
    parser.add_argument("--no-libreoffice", action="store_true", help="skip the LibreOffice-made PDFs")
    parser.add_argument("--pdfs", nargs="*", type=Path, default=[], help="real PDFs or folders of them to add")
    args = parser.parse_args()

    import pdfminer
    import pdfplumber
    import pypdfium2

    print("# Reader benchmark\n")
    print(f"- machine: {platform.machine()}, {platform.processor() or 'cpu ?'}, Python {platform.python_version()}")
    print(f"- pypdfium2 {pypdfium2.version.PYPDFIUM_INFO}, pdfium {pypdfium2.version.PDFIUM_INFO}")
    print(f"- pdfplumber {pdfplumber.__version__}, pdfminer.six {pdfminer.__version__}")
    if shutil.which("pdftotext"):
        version = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True).stderr.splitlines()[0]
        print(f"- {version}")
    print(f"- best of {args.repeat} runs\n")

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        start = time.perf_counter()
        corpora = build_corpora(folder, libreoffice=not args.no_libreoffice)
        if args.pdfs:
            if not shutil.which("pdftotext"):
                sys.exit("--pdfs needs pdftotext (poppler-utils) for the reference text")
            corpora += real_corpora(args.pdfs)
        print(f"(documents built in {time.perf_counter() - start:.1f} s)\n")
        bench_libraries(corpora, args.repeat)
        bench_tables(corpora, args.repeat)
        bench_read_document(corpora, folder, args.repeat)


if __name__ == "__main__":
    main()
