"""``jixiao score``: score a self-evaluation by a framework and explain every point lost."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from jixiao.cli.console import EXIT_FAILED, console
from jixiao.cli.jobs import JobsOption, ProgressOption, jobs_or_default, progress_bar
from jixiao.figures.format import score as points
from jixiao.parallel import ordered_map
from jixiao.pool_work import ScoredFile, score_one
from jixiao.scoring import ScoreResult


def fail_line(message: str) -> None:
    """Print ``错误：…`` on one unwrapped line (rich would fold a long path) and exit 1."""
    typer.echo(f"错误：{message}", err=True)
    raise typer.Exit(EXIT_FAILED)


def _table(result: ScoreResult, title: str) -> Table:
    stated = any(item.stated is not None for item in result.items) or result.stated_total is not None
    table = Table(title=title, show_lines=False)
    columns = ["一级指标", "指标", "分值", "得分", "扣分", *(["报告自评分"] if stated else []), "说明"]
    for column in columns:
        table.add_column(column, overflow="fold")
    for item in result.items:
        own = [] if not stated else [points(item.stated) or ""]
        table.add_row(item.level1, item.name, points(item.weight), points(item.score), points(item.lost), *own, item.reason)
    own_total = [] if not stated else [points(result.stated_total) or ""]
    closing = f"等级：{result.grade}" if result.complete else ("无法评分" if not result.scorable else "部分得分，不是总分")
    table.add_row("", "合计" if result.complete else "部分合计", "", points(result.total), "", *own_total, closing)
    return table


def lost(file: Path, reason: str) -> ScoredFile:
    """The result of a file whose worker died."""
    return ScoredFile(file, error=f"{file}: {reason}")


def score_file(
    files: Annotated[list[Path], typer.Argument(help="jixiao.report/1 JSON 文件（可多个）")],
    framework: Annotated[str | None, typer.Option("--framework", help="评分框架名称或 TOML 文件")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出（多个文件时为列表，顺序与输入一致）")] = False,
    jobs: JobsOption = None,
    progress: ProgressOption = False,
) -> None:
    """按评分框架（权重、计算符号、等级）计算自评得分与等级，逐项说明扣分原因。

    默认框架按报告类型：项目支出为财预〔2020〕10号（预算执行率10、产出50、效益30、满意度10），部门整体为部门整体默认框架。

    Score a self-evaluation and explain every point lost. Several files are scored in turn
    (on all cores with ``--jobs``); a file that cannot be read is named with its reason and the
    others are scored (exit 1).
    """
    work = partial(score_one, framework=framework)
    outcomes: list[ScoredFile] = []
    with progress_bar("评分", len(files), shown=progress) as advance:
        outcomes = list(ordered_map(work, files, jobs=jobs_or_default(jobs), on_lost=lost, progress=advance))
    if len(outcomes) == 1 and outcomes[0].error is not None:
        fail_line(outcomes[0].error)
    if as_json:
        data: list[dict[str, Any]] = [
            o.result.to_json_data() if o.result is not None else {"source": str(o.source), "error": o.error}
            for o in outcomes
        ]
        typer.echo(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
    else:
        for outcome in outcomes:
            if outcome.error is not None:
                typer.echo(f"错误：{outcome.error}", err=True)
            else:
                _print(outcome)
    if any(o.error is not None for o in outcomes):
        raise typer.Exit(EXIT_FAILED)


def _print(outcome: ScoredFile) -> None:
    report, chosen, result, file = outcome.report, outcome.framework, outcome.result, outcome.source
    assert report is not None and chosen is not None and result is not None
    subject = (report.project.name if report.kind == "project" and report.project else None) or report.department
    console.print(_table(result, f"{subject or file.name} {report.year or ''} — {chosen.title}"))
    for warning in result.warnings:
        console.print(f"注意：{warning}", markup=False)
    console.print(f"{result.summary()}（框架 {chosen.label}）", markup=False)
    if result.complete and result.stated_total is not None and result.stated_total != result.total:
        console.print(f"报告自评分 {points(result.stated_total)}，与重算结果相差 {points(result.stated_total - result.total)}",
                      markup=False)
    elif not result.complete and result.stated_total is not None:
        console.print(f"报告自评分 {points(result.stated_total)}（报告所述，无法按框架复核）", markup=False)
