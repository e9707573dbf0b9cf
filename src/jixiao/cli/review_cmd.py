"""``jixiao review``: check a report as a finance-bureau reviewer would (复核).

Thin: find the files, call :func:`jixiao.review.files.review_file` for each, print the
findings as text (rich), JSON or a standalone HTML page. Findings are results, not errors:
exit 0 when every file was reviewed, 1 when some file could not be read (the batch goes on).
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.panel import Panel

from jixiao.cli.console import EXIT_FAILED, console, errors, fail
from jixiao.cli.jobs import JobsOption, ProgressOption, jobs_or_default, progress_bar
from jixiao.errors import JixiaoError
from jixiao.parallel import ordered_map
from jixiao.pool_work import review_one
from jixiao.readers.limits import load_limits
from jixiao.review.engine import SEVERITY_LABELS, SEVERITY_ORDER
from jixiao.review.files import ReviewResult, iter_review_files
from jixiao.review.html import HtmlEntry, render_html
from jixiao.review.profile import load_profile
from jixiao.scoring.framework import load_framework

_COLOURS = {"blocking": "bold red", "serious": "red", "general": "yellow", "hint": "green"}


def review_reports(
    paths: Annotated[list[Path], typer.Argument(help="报告文件或文件夹")],
    output_format: Annotated[str, typer.Option("--format", help="text | json | html")] = "text",
    profile: Annotated[str, typer.Option("--profile", help="复核规则配置（名称或 TOML 文件）")] = "default",
    framework: Annotated[
        str | None, typer.Option("--framework", help="评分框架名称或 TOML 文件：超额完成线、执行率说明线（默认按报告类型）")
    ] = None,
    limits: Annotated[
        Path | None, typer.Option("--limits", help="读取限制配置（TOML，只写要改的项）：解压后大小、页数、每个文件的时间上限等")
    ] = None,
    jobs: JobsOption = None,
    progress: ProgressOption = False,
) -> None:
    """复核报告：数字是否相符、同一数量前后不一、目标偏低、不可量化、执行率低、得分与等级不符、重复文字等。

    Find what is wrong in a report, with evidence.
    """
    if output_format not in ("text", "json", "html"):
        fail(f"--format 只能是 text、json 或 html，而不是“{output_format}”")
    try:
        chosen = load_profile(profile)
        lines = load_framework(framework) if framework else None
        bounds = load_limits(limits).report if limits else None
    except JixiaoError as error:
        fail(str(error))
    results: list[ReviewResult] = []
    files = list(iter_review_files(paths))
    work = partial(review_one, profile=chosen, framework=lines, limits=bounds, keep_text=output_format == "html")
    with progress_bar("复核", len(files), shown=progress) as advance:
        for result in ordered_map(work, files, jobs=jobs_or_default(jobs), on_lost=lost, progress=advance):
            if result.error is not None:
                errors.print(f"错误：{result.source}: {result.error}", markup=False, highlight=False, soft_wrap=True)
            elif output_format == "text":
                _print_text(result)
            results.append(result)
    if not results:
        fail("没有找到可复核的文件（.pdf .docx .txt .json）")
    if output_format == "json":
        typer.echo(json.dumps([r.to_json_data() for r in results], ensure_ascii=False, indent=2))
    elif output_format == "html":
        entries = [HtmlEntry(r.source, r.report, r.findings, r.text, r.error) for r in results]
        typer.echo(render_html(entries, title="复核结果（jixiao review）"))
    if any(r.error is not None for r in results):
        raise typer.Exit(EXIT_FAILED)


def lost(path: Path, reason: str) -> ReviewResult:
    """The result of a file whose reader died (out of memory, killed)."""
    return ReviewResult(source=str(path), error=reason)


def _print_text(result: ReviewResult) -> None:
    report = result.report
    assert report is not None
    head = " · ".join(str(v) for v in (report.department, report.year) if v) or "（未识别部门）"
    counts = "，".join(
        f"{SEVERITY_LABELS[sev]}{n}项"
        for sev in SEVERITY_ORDER
        if (n := sum(1 for f in result.findings if f.severity == sev))
    )
    console.print(
        Panel(
            f"{escape(head)}\n共发现{len(result.findings)}个问题" + (f"：{counts}" if counts else ""),
            title=escape(result.source),
            expand=False,
        )
    )
    for sev in SEVERITY_ORDER:
        group = [f for f in result.findings if f.severity == sev]
        if not group:
            continue
        console.print(f"[{_COLOURS[sev]}]【{SEVERITY_LABELS[sev]}】{len(group)}项[/]")
        for n, finding in enumerate(group, 1):
            console.print(f"  {n}. {escape(finding.message)} [dim]({escape(finding.rule)})[/]", soft_wrap=True)
            for evidence in finding.evidence:
                where = "，".join(
                    p for p in (f"第{evidence.page}页" if evidence.page else "", evidence.section or "") if p
                )
                quote = " ".join(evidence.text.split())
                console.print(f"     [cyan]「{escape(quote)}」[/] [dim]{escape(where)}[/]", soft_wrap=True)
            if finding.suggestion:
                console.print(f"     [green]建议：{escape(finding.suggestion)}[/]", soft_wrap=True)
    console.print()
