"""``jixiao render``: write the 自评报告 (DOCX/PDF/HTML/Markdown) or the 自评表 (XLSX) from data.

Only parses, calls :mod:`jixiao.render` and reports; the web app calls the same functions.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from jixiao.cli.console import EXIT_FAILED, console, errors, fail
from jixiao.errors import JixiaoError

if TYPE_CHECKING:
    from jixiao.report import PerformanceReport

# jixiao.render (python-docx, the spreadsheet writers, the templates) is imported by the command itself:
# ≈ 0.3 s of CPU that every other command would pay at start otherwise

FORM_PDF_SUFFIX = "-自评表.pdf"
"""File name ending of the 自评表 printed as PDF, beside the report's own ``.pdf``."""


def _suffix(output_format: str) -> str:
    from jixiao.render import SUFFIXES

    return FORM_PDF_SUFFIX if output_format == "form-pdf" else SUFFIXES[output_format]  # type: ignore[index]  # a Format: checked against FORMATS before the call


def _inputs(files: list[Path]) -> list[Path]:
    """The JSON files named, folders expanded to their ``*.json`` files (sorted)."""
    found: list[Path] = []
    for path in files:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.json") if p.is_file()))
        else:
            found.append(path)
    return found


def _targets(inputs: list[Path], output: Path | None, suffix: str, batch: bool) -> list[Path]:
    if not batch:
        source = inputs[0]
        if output is None:
            return [source.parent / f"{source.stem}{suffix}"]
        if output.is_dir():
            return [output / f"{source.stem}{suffix}"]
        return [output]
    if output is None:
        return [path.parent / f"{path.stem}{suffix}" for path in inputs]
    if output.exists() and not output.is_dir():
        fail(f"{output}：批量生成时 -o 须为目录")
    names = [path.stem for path in inputs]
    targets = []
    for path in inputs:
        # two inputs with the same name in different folders must not overwrite each other
        stem = path.stem if names.count(path.stem) == 1 else f"{path.parent.name}_{path.stem}"
        targets.append(output / f"{stem}{suffix}")
    return targets


def render_report(
    files: Annotated[list[Path], typer.Argument(help="jixiao.report/1 JSON 文件或目录（可多个）")],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="docx | xlsx | pdf | form-pdf（自评表 PDF） | html | md")
    ] = "docx",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="输出文件；多个输入时为输出目录")] = None,
    templates: Annotated[
        Path | None, typer.Option("--templates", help="自定义措辞模板目录（同名文件覆盖内置模板）")
    ] = None,
    installed_fonts: Annotated[
        bool, typer.Option("--installed-fonts", help="写入本机已安装的字体名，而不是公文标准字体名（仿宋_GB2312 等，默认）")
    ] = False,
    official_fonts: Annotated[
        bool, typer.Option("--official-fonts", hidden=True, help="公文标准字体名（现为默认，保留此选项以兼容）")
    ] = False,
    timeout: Annotated[float | None, typer.Option("--timeout", help="LibreOffice 转换 PDF 的超时秒数")] = None,
    score: Annotated[
        bool, typer.Option("--score/--no-score",
                           help="按评分框架填入报告未注明的一级/二级指标、分值、得分和总分（默认；已注明的保留）；"
                                "--no-score 只写报告所述")
    ] = True,
    signed_on: Annotated[
        str | None, typer.Option("--date", help="落款的成文日期，如 2023-03-15（默认：今天）")
    ] = None,
    framework: Annotated[
        str | None, typer.Option("--framework", help="评分框架名称或 TOML 文件（默认按报告类型）：--score 的计分，"
                                                     "以及报告所述的执行率说明线、超额完成线")
    ] = None,
) -> None:
    """由数据生成自评报告（DOCX/PDF/HTML/Markdown，公文格式）或自评表（XLSX，或 form-pdf 打印为 PDF）。

    项目支出（报告类型为项目）生成项目支出绩效自评报告和附件1《项目支出绩效自评表》，默认按财预〔2020〕10号计分。

    Write the report or the self-evaluation table from data, in the official layout.
    """
    from jixiao.render import FORMATS, RenderOptions, font_plan, render_batch
    from jixiao.report import read_report_file
    from jixiao.scoring import load_framework

    if output_format not in FORMATS:
        fail(f"不支持的输出格式 {output_format}（可用：{'、'.join(FORMATS)}）")
    inputs = _inputs(files)
    if not inputs:
        fail("没有找到要生成的 JSON 文件")
    batch = len(inputs) > 1 or any(path.is_dir() for path in files)
    targets = _targets(inputs, output, _suffix(output_format), batch)
    try:
        day = date.fromisoformat(signed_on) if signed_on else None
    except ValueError:
        fail(f"--date {signed_on}：不是有效日期（应为 2023-03-15 这样的写法）")
    try:
        chosen = load_framework(framework) if framework else None
        fonts = font_plan("installed" if installed_fonts and not official_fonts else "official")
        options = RenderOptions(template_dir=templates, fonts=fonts, framework=chosen, score=score, signed_on=day)
    except JixiaoError as exc:
        fail(str(exc))

    items: list[tuple[PerformanceReport, Path]] = []
    bad = 0
    for source, target in zip(inputs, targets, strict=True):
        try:
            items.append((read_report_file(source), target))
        except JixiaoError as exc:
            errors.print(f"错误：{exc}", markup=False, highlight=False, soft_wrap=True)
            bad += 1

    if batch:
        columns = (TextColumn("生成 {task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=errors, transient=False) as bar:
            task = bar.add_task(output_format.upper(), total=len(items))
            result = render_batch(items, output_format, options=options, timeout=timeout,
                                  progress=lambda n: bar.advance(task, n))
    else:
        result = render_batch(items, output_format, options=options, timeout=timeout)

    for name, reason in result.failed:
        errors.print(f"错误：{name}：{reason}", markup=False, highlight=False, soft_wrap=True)
    if batch:
        console.print(f"已生成 {len(result.written)} 个 {output_format.upper()} 文件，失败 {len(result.failed) + bad} 个。")
    elif result.written:
        console.print(f"已生成 {result.written[0]}", markup=False, highlight=False, soft_wrap=True)
    if result.failed or bad:
        raise typer.Exit(EXIT_FAILED)
