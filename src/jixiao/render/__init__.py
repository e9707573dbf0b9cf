"""Rendering (报告生成): a ``PerformanceReport`` → DOCX, XLSX (自评表), PDF, HTML or Markdown.

The one entry point for the CLI and the web app alike::

    from jixiao.render import render, render_bytes, render_batch, RenderOptions
    render(report, "docx", Path("out.docx"))
    data = render_bytes(report, "xlsx")
    render_batch([(report, Path("out/a.pdf")), ...], "pdf")
    render(report, "form-pdf", Path("自评表.pdf"))        # the 自评表 printed by LibreOffice Calc

For a report of kind ``project`` the outline is the 项目支出绩效自评报告's (``templates/project.md.j2``) and
the form the 附件1 项目支出绩效自评表; :mod:`jixiao.render.project` has the calls that return their bytes
(``render_project_form_xlsx`` …, see docs/render.md).

Reports are scored by default (``RenderOptions(score=False)`` prints only what they state),
DOCX files name the official fonts (仿宋_GB2312 …), the PDF is converted with fontconfig aliases
from those names to the free faces installed on the server.

How the pieces fit: :mod:`context` computes the figures, :mod:`sentences` words the figure
sentences (``templates/sentences.j2``), :mod:`document` renders the outline
(``templates/report.md.j2``) and lays out the 自评表 (:mod:`form`); :mod:`docx`, :mod:`xlsx`,
:mod:`html`, :mod:`markdown` write it, :mod:`pdf` converts the DOCX with LibreOffice.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.render import docx as docx_writer
from jixiao.render import html as html_writer
from jixiao.render import markdown as markdown_writer
from jixiao.render import pdf as pdf_converter
from jixiao.render import xlsx as xlsx_writer
from jixiao.render.document import FORMATS, SUFFIXES, Format, Prepared, RenderOptions, prepare
from jixiao.render.fonts import FontPlan, font_plan
from jixiao.render.pdf import RenderError
from jixiao.render.sentences import Sentences, sentences
from jixiao.render.templating import TemplateError
from jixiao.report import PerformanceReport

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "BatchResult",
    "FontPlan",
    "Format",
    "Prepared",
    "RenderError",
    "RenderOptions",
    "Sentences",
    "TemplateError",
    "font_plan",
    "prepare",
    "render",
    "render_batch",
    "render_bytes",
    "sentences",
]

PDF_CHUNK = 200
"""DOCX files per LibreOffice call in a PDF batch: one start-up for many files, bounded memory."""


def _check_format(output_format: str) -> Format:
    if output_format not in FORMATS:
        raise RenderError(f"不支持的输出格式 {output_format}（可用：{'、'.join(FORMATS)}）")
    return output_format


def _write(prepared: Prepared, output_format: Format, target: Path) -> None:
    if output_format in ("docx", "pdf"):
        docx_writer.write(prepared, target)
    elif output_format in ("xlsx", "form-pdf"):
        xlsx_writer.write(prepared, target)
    elif output_format == "html":
        html_writer.write(prepared, target)
    elif output_format == "md":
        markdown_writer.write(prepared, target)
    else:
        raise AssertionError(output_format)


def render(report: PerformanceReport, output_format: str, target: Path, *,
           options: RenderOptions | None = None, timeout: float | None = None) -> Path:
    """Write ``report`` as ``output_format`` (docx | xlsx | pdf | form-pdf | html | md) to ``target``; return it."""
    result = render_batch([(report, target)], output_format, options=options, timeout=timeout)
    if result.failed:
        raise RenderError(result.failed[0][1])
    return target


def render_bytes(report: PerformanceReport, output_format: str, *, options: RenderOptions | None = None,
                 timeout: float | None = None) -> bytes:
    """The rendered document as bytes (for the web app's downloads)."""
    fmt = _check_format(output_format)
    prepared = prepare(report, options)
    if fmt == "docx":
        return docx_writer.to_bytes(prepared)
    if fmt == "xlsx":
        return xlsx_writer.to_bytes(prepared)
    if fmt == "html":
        return html_writer.render(prepared).encode("utf-8")
    if fmt == "md":
        return markdown_writer.render(prepared).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="jixiao-pdf-") as folder:
        target = Path(folder) / "report.pdf"
        render(report, fmt, target, options=options, timeout=timeout)
        return target.read_bytes()


@dataclass
class BatchResult:
    """What a batch wrote and what failed (name, reason), in input order."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


Progress = Callable[[int], None]
"""Called with the number of documents just finished (for a progress bar)."""


def render_batch(items: Iterable[tuple[PerformanceReport, Path]], output_format: str, *,
                 options: RenderOptions | None = None, progress: Progress | None = None,
                 timeout: float | None = None, pdf_chunk: int = PDF_CHUNK, workers: int | None = None) -> BatchResult:
    """Render many reports; a report that fails is recorded and the batch goes on.

    PDF batches (``pdf``: the report from its DOCX; ``form-pdf``: the 自评表 from its XLSX) write
    the files to a private folder and convert them in chunks of at most ``pdf_chunk``, each chunk
    in one LibreOffice call; ``workers`` calls run side by side (each with its own profile), by
    default one per CPU up to four.
    """
    fmt = _check_format(output_format)
    options = options or RenderOptions()
    result = BatchResult()
    if fmt not in ("pdf", "form-pdf"):
        for report, target in items:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                _write(prepare(report, options), fmt, target)
                result.written.append(target)
            except (RenderError, TemplateError, OSError) as exc:
                result.failed.append((str(target), str(exc)))
            if progress:
                progress(1)
        return result
    staged_suffix = ".docx" if fmt == "pdf" else ".xlsx"
    with tempfile.TemporaryDirectory(prefix="jixiao-docx-") as folder:
        staged: list[tuple[Path, Path]] = []
        for index, (report, target) in enumerate(items):
            # numbered names: targets in different folders may share a file name
            staged_path = Path(folder) / f"{index:07d}{staged_suffix}"
            try:
                _write(prepare(report, options), fmt, staged_path)
                staged.append((staged_path, target))
            except (RenderError, TemplateError, OSError) as exc:
                result.failed.append((str(target), str(exc)))
                if progress:
                    progress(1)
        if not staged:
            return result
        parallel = max(1, min(workers or min(os.cpu_count() or 1, 4), len(staged)))
        size = max(1, min(pdf_chunk, -(-len(staged) // parallel)))
        chunks = [staged[i:i + size] for i in range(0, len(staged), size)]
        with ThreadPoolExecutor(max_workers=parallel) as pool:
            futures = [pool.submit(_convert_chunk, chunk, Path(folder) / f"pdf{n}", progress, timeout)
                       for n, chunk in enumerate(chunks)]
            for future in futures:
                written, failed = future.result()
                result.written.extend(written)
                result.failed.extend(failed)
    return result


def _convert_chunk(chunk: Sequence[tuple[Path, Path]], outdir: Path, progress: Progress | None,
                   timeout: float | None) -> tuple[list[Path], list[tuple[str, str]]]:
    written: list[Path] = []
    failed: list[tuple[str, str]] = []
    try:
        pdfs = pdf_converter.convert([staged for staged, _ in chunk], outdir, timeout=timeout)
    except RenderError as exc:
        failed.extend((str(target), str(exc)) for _, target in chunk)
    else:
        for pdf, (staged, target) in zip(pdfs, chunk, strict=True):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(pdf), target)
            staged.unlink(missing_ok=True)
            written.append(target)
    if progress:
        progress(len(chunk))
    return written, failed
