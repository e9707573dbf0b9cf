"""A project's documents (项目支出绩效自评表与自评报告): the calls the CLI and the web make for kind ``project``.

Every function takes a :class:`~jixiao.report.PerformanceReport` of kind ``project`` and returns
the file's bytes; ``framework`` (a :class:`~jixiao.scoring.Framework`, a shipped framework's
name, or ``None`` for the 10号 default of projects) is the framework the form is scored by, so the
form's 总分 is :func:`score_project`'s total for the same framework::

    from jixiao.render.project import render_project_form_xlsx, score_project
    result = score_project(report)                     # ScoreResult: total, grade, every point explained
    data = render_project_form_xlsx(report)            # 附件1 项目支出绩效自评表, its 总分 == result.total

* :func:`render_project_form_xlsx` / :func:`render_project_form_pdf` / :func:`render_project_form_docx` —
  the 附件1 项目支出绩效自评表 alone (the PDF is the XLSX printed by LibreOffice Calc);
* :func:`render_project_report_docx` / :func:`render_project_report_pdf` — the 项目支出绩效自评报告
  (the report's own sections where it has them, else the reference outline) with the 自评表 attached.

A report of another kind is refused with :class:`~jixiao.render.pdf.RenderError` (a Chinese line).
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from jixiao.render import docx as docx_writer
from jixiao.render import pdf as pdf_converter
from jixiao.render import xlsx as xlsx_writer
from jixiao.render.document import Prepared, RenderOptions, prepare
from jixiao.render.pdf import RenderError
from jixiao.render.templating import Block
from jixiao.report import PerformanceReport
from jixiao.scoring.engine import ScoreResult, score_report
from jixiao.scoring.framework import Framework, default_framework_for, load_framework

FrameworkChoice = Framework | str | None
"""A framework, a shipped framework's name (``caiyu-2020-10``), or ``None`` for the project default."""

PROJECT_KIND = "project"


def project_framework(framework: FrameworkChoice = None) -> Framework:
    """The framework a project is scored by: the one given (or named), else 财预〔2020〕10号."""
    if isinstance(framework, Framework):
        return framework
    if framework:
        return load_framework(framework)
    return default_framework_for(PROJECT_KIND)


def _checked(report: PerformanceReport) -> PerformanceReport:
    if report.kind != PROJECT_KIND:
        raise RenderError("不是项目支出绩效自评（报告类型须为项目支出），无法生成项目支出绩效自评表")
    return report


def score_project(report: PerformanceReport, *, framework: FrameworkChoice = None) -> ScoreResult:
    """The project's score by ``framework`` (default 10号): total, grade and every point explained."""
    return score_report(_checked(report), project_framework(framework))


def prepare_project(report: PerformanceReport, *, framework: FrameworkChoice = None) -> Prepared:
    """The project's report prepared for rendering, scored by ``framework``."""
    return prepare(_checked(report), RenderOptions(framework=project_framework(framework)))


def _form_only(prepared: Prepared) -> Prepared:
    """The prepared report with the 自评表 as its only block (the form as a document of its own)."""
    return dataclasses.replace(prepared, blocks=[Block("table")])


def render_project_form_xlsx(report: PerformanceReport, *, framework: FrameworkChoice = None) -> bytes:
    """The 附件1 项目支出绩效自评表 as XLSX (formulas with their values)."""
    return xlsx_writer.to_bytes(prepare_project(report, framework=framework))


def render_project_form_docx(report: PerformanceReport, *, framework: FrameworkChoice = None) -> bytes:
    """The 附件1 项目支出绩效自评表 as a DOCX holding the form as one real table."""
    return docx_writer.to_bytes(_form_only(prepare_project(report, framework=framework)))


def _pdf(staged_name: str, data: bytes, timeout: float | None) -> bytes:
    with tempfile.TemporaryDirectory(prefix="jixiao-project-") as folder:
        staged = Path(folder) / staged_name
        staged.write_bytes(data)
        (pdf,) = pdf_converter.convert([staged], Path(folder) / "pdf", timeout=timeout)
        return pdf.read_bytes()


def render_project_form_pdf(report: PerformanceReport, *, framework: FrameworkChoice = None,
                            timeout: float | None = None) -> bytes:
    """The 附件1 项目支出绩效自评表 as PDF (A4 landscape, the XLSX printed by LibreOffice Calc)."""
    return _pdf("form.xlsx", render_project_form_xlsx(report, framework=framework), timeout)


def render_project_report_docx(report: PerformanceReport, *, framework: FrameworkChoice = None) -> bytes:
    """The 项目支出绩效自评报告 as DOCX, the 自评表 attached."""
    return docx_writer.to_bytes(prepare_project(report, framework=framework))


def render_project_report_pdf(report: PerformanceReport, *, framework: FrameworkChoice = None,
                              timeout: float | None = None) -> bytes:
    """The 项目支出绩效自评报告 as PDF (its DOCX converted by LibreOffice)."""
    return _pdf("report.docx", render_project_report_docx(report, framework=framework), timeout)
