"""``jixiao import``: read report files (PDF, DOCX, text) into ``jixiao.report/1``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from jixiao.cli.audit_cmd import AsOption, attribute
from jixiao.cli.console import EXIT_FAILED, console, errors, fail, require_web
from jixiao.cli.jobs import JobsOption, ProgressOption, jobs_or_default, progress_bar
from jixiao.errors import JixiaoError
from jixiao.importer import ImportResult
from jixiao.parallel import ordered_map
from jixiao.pool_work import import_one
from jixiao.readers import iter_report_files
from jixiao.readers.limits import load_limits


def import_reports(
    paths: Annotated[list[Path], typer.Argument(help="报告文件或文件夹（.pdf .docx .txt）")],
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 列表输出到标准输出（每个输入文件一项，顺序与输入一致）")] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="每份报告写一个 JSON 文件到此目录")] = None,
    save: Annotated[bool, typer.Option("--save", help="连同原始文件存入数据库（按 sha256 去重，重复导入不重复入库）")] = False,
    limits: Annotated[
        Path | None, typer.Option("--limits", help="读取限制配置（TOML，只写要改的项）：解压后大小、页数、每个文件的时间上限等")
    ] = None,
    jobs: JobsOption = None,
    progress: ProgressOption = False,
    as_user: AsOption = None,
) -> None:
    """读取自评报告（PDF/DOCX/TXT），提取预算、得分、指标等数据，每个数字附出处。

    Read self-evaluation reports into structured data, every figure with the sentence it came
    from. Exit 0 when every file was read, 1 when some failed (each listed with its reason).
    """
    try:
        bounds = load_limits(limits).report if limits else None
    except JixiaoError as error:
        fail(str(error))
    files = list(iter_report_files(paths))
    missing = [p for p in paths if not p.exists()]
    # Terminal chatter goes to stderr when stdout carries JSON.
    screen = errors if as_json else console
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
    store = _store(as_user) if save else None
    results: list[ImportResult] = []
    waiting: list[int] = []  # read, to be stored with the next chunk (their positions in results)

    def flush() -> None:
        if store is not None and waiting:
            for index, stored in zip(waiting, store([results[i] for i in waiting]), strict=True):
                # only the report is printed and summed up: the documents' text need not stay in memory
                results[index] = replace(stored, document=None, parsed=None)
        waiting.clear()

    work = partial(import_one, limits=bounds, keep_document=save)
    with progress_bar("导入", len(files), shown=progress) as advance:
        for result in ordered_map(work, files, jobs=jobs_or_default(jobs), on_lost=lost, progress=advance):
            path = Path(result.source)
            if result.report is not None and output is not None:
                (output / f"{path.stem}.json").write_text(result.report.to_json() + "\n", encoding="utf-8")
            if result.ok and store is not None:
                waiting.append(len(results))
                results.append(result)
                if len(waiting) >= STORE_CHUNK:
                    flush()
            else:
                results.append(replace(result, document=None, parsed=None))
        flush()
    results.extend(ImportResult(source=str(p), error=f"{p}: 文件或文件夹不存在") for p in missing)
    if as_json:
        sys.stdout.write(json.dumps([r.to_json_data() for r in results], ensure_ascii=False, indent=2) + "\n")
    _summary(screen, results, saved=save)
    if not results or any(not r.ok for r in results):
        raise typer.Exit(EXIT_FAILED)


def lost(path: Path, reason: str) -> ImportResult:
    """The result of a file whose reader died (out of memory, killed)."""
    return ImportResult(source=str(path), error=f"{path}: {reason}", reason=reason)


def _summary(screen: Console, results: list[ImportResult], *, saved: bool) -> None:
    table = Table(title="导入结果", show_lines=False)
    for column in ("文件", "部门", "年度", "数字", "提示"):
        table.add_column(column, overflow="fold")
    for result in results:
        if result.report is None:
            continue
        report = result.report
        table.add_row(Path(result.source).name, report.department or "—", str(report.year or "—"),
                      str(result.figures_found), "；".join(report.warnings) or "—")
    if table.row_count:
        screen.print(table)
    failed = [r for r in results if not r.ok]
    for result in failed:
        screen.print(f"[red]失败[/red] {result.error}", highlight=False)
    done = len(results) - len(failed)
    screen.print(f"共 {len(results)} 个文件：成功 {done}，失败 {len(failed)}" + ("，已存入数据库" if saved and done else ""))
    if not results:
        screen.print("没有找到 .pdf / .docx / .txt 文件")


STORE_CHUNK = 8
"""Reports stored per transaction by ``--save`` (as a batch's chunk, ``batches.services.CHUNK``): the bulk path
pays its fixed cost (a few queries per table, the audit seal) once per chunk."""


def _store(as_user: str | None) -> Callable[[list[ImportResult]], list[ImportResult]]:
    """Set up the database and return the function that stores a chunk of results (``--save``)."""
    require_web("import --save")
    from jixiao.web import bootstrap

    bootstrap.setup()
    pending = bootstrap.pending_migrations()
    if pending:
        errors.print(f"{bootstrap.database_label()}：数据库结构未更新，请先运行 jixiao db migrate")
        raise typer.Exit(EXIT_FAILED)
    attribute(as_user)
    from jixiao.web.documents.services import settle_files
    from jixiao.web.evaluation.flows import store_import, store_imports

    settle_files()  # files an interrupted import left half-stored: finish or remove them

    def one(result: ImportResult) -> ImportResult:
        try:
            store_import(result)
        except Exception as error:  # a row that cannot be stored fails this file, not the batch
            return ImportResult(source=result.source, error=f"{result.source}: 存入数据库失败（{error}）")
        return result

    def store(chunk: list[ImportResult]) -> list[ImportResult]:
        try:
            store_imports(chunk)  # one transaction, the bulk path
        except Exception:  # rolled back whole: file by file, so that only the one that cannot be stored fails
            return [one(result) for result in chunk]
        return chunk

    return store
