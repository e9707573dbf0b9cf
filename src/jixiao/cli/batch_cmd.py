"""``jixiao batch submit|status`` and ``jixiao worker``: batches through Celery (批量处理), or in-process.

``submit`` records the files (each once, by sha256, copied into the shared folder) and enqueues
one task per file on the broker of ``JIXIAO_BROKER_URL``; without a broker the files are done
here and now by the same code. ``status`` reads the database, the result store. ``worker``
runs a Celery worker with the project's settings, one process per core.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli.audit_cmd import AsOption, attribute
from jixiao.cli.console import EXIT_FAILED, console, errors, fail, require_web
from jixiao.parallel import default_jobs
from jixiao.readers import iter_report_files

app = typer.Typer(help="批量处理：提交一批报告文件（每个文件一个任务），查看进度。Batches through Celery.",
                  no_args_is_help=True)


def _setup(command: str) -> None:
    require_web(command)
    from jixiao.web import bootstrap

    bootstrap.setup()
    if bootstrap.pending_migrations():
        fail(f"{bootstrap.database_label()}：数据库结构未更新，请先运行 jixiao db migrate")


@app.command("submit")
def submit(
    paths: Annotated[list[Path], typer.Argument(help="报告文件或文件夹（.pdf .docx .txt）")],
    review: Annotated[bool, typer.Option("--review", help="存入复核队列并复核（财政局复核）")] = False,
    save: Annotated[bool, typer.Option("--save", help="导入入库：报告的数字存入数据库（按 sha256 去重）")] = False,
    as_user: AsOption = None,
) -> None:
    """提交一批报告：每个文件一个任务，打印批次号；未配置任务队列时在本进程内处理。

    Enqueue one task per file and print the batch id (JIXIAO_BROKER_URL; without it, in-process).
    """
    if review and save:
        fail("--review 与 --save 只能选一个")
    _setup("batch submit")
    attribute(as_user)
    from jixiao.web.batches.models import Batch
    from jixiao.web.batches.selectors import batch_progress
    from jixiao.web.batches.services import broker_configured, submit_batch
    from jixiao.web.common.actor import current_actor

    files: list[Path] = []
    for given in paths:
        files.extend(iter_report_files([given]) if given.is_dir() else [given])
    if not files:
        fail("没有找到 .pdf / .docx / .txt 文件")
    mode = Batch.Mode.REVIEW if review else Batch.Mode.SAVE if save else Batch.Mode.IMPORT
    actor = current_actor()
    batch = submit_batch(paths=files, mode=mode, created_by=getattr(actor, "user", None))
    typer.echo(batch.key)
    if broker_configured():
        errors.print(f"已提交 {batch.total} 个文件，查看进度：jixiao batch status {batch.key}", highlight=False)
    else:
        progress = batch_progress(batch)
        errors.print(f"未配置任务队列，已在本进程内处理：完成 {progress.done}，失败 {progress.failed}", highlight=False)


@app.command("status")
def status(
    key: Annotated[str, typer.Argument(help="批次号")],
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """查看批次进度：完成、失败（附原因）、排队中。Show a batch's files: done, failed with reasons, pending."""
    _setup("batch status")
    from jixiao.web.batches.models import BatchFile
    from jixiao.web.batches.selectors import batch_by_key, batch_files, batch_progress

    batch = batch_by_key(key.strip())
    if batch is None:
        fail(f"找不到批次 {key}")
    progress = batch_progress(batch)
    files = list(batch_files(batch))
    if as_json:
        typer.echo(json.dumps({
            "batch": batch.key, "total": progress.total, "done": progress.done, "failed": progress.failed,
            "pending": progress.pending,
            "files": [{"name": f.original_name, "sha256": f.sha256, "state": f.state, "reason": f.reason,
                       "outcome": f.outcome, "attempts": f.attempts} for f in files],
        }, ensure_ascii=False, indent=2))
        return
    for row in files:
        line = f"{row.position}. {row.original_name}：{BatchFile.State(row.state).label}"
        detail = row.reason or row.outcome
        console.print(line + (f"（{detail}）" if detail else ""), markup=False, highlight=False, soft_wrap=True)
    console.print(f"批次 {batch.key}：共 {progress.total} 个文件，完成 {progress.done}，失败 {progress.failed}，"
                  f"排队中 {progress.pending}", highlight=False)
    if progress.finished and progress.failed:
        raise typer.Exit(EXIT_FAILED)


def worker(
    concurrency: Annotated[int | None, typer.Option("--concurrency", "-c", min=1, help="工作进程数（默认：本机的处理器核数）")] = None,
    loglevel: Annotated[str, typer.Option("--loglevel", help="日志级别：DEBUG INFO WARNING ERROR")] = "WARNING",
) -> None:
    """启动批量处理的工作进程（Celery worker），使用本项目的设置与任务队列（JIXIAO_BROKER_URL）。

    Start a Celery worker with the project's settings (one process per core by default).
    """
    _setup("worker")
    from jixiao.web.batches.services import broker_configured, settle_inbox, start_worker
    from jixiao.web.documents.services import settle_files

    if not broker_configured():
        fail("未配置任务队列：请设置 JIXIAO_BROKER_URL（如 redis://127.0.0.1:6379/0 或 amqp://guest:guest@127.0.0.1:5672//）")
    settle_files()  # what a killed worker of this host left staged: finish or remove it
    settle_inbox()  # the shared copies of files a killed worker finished but could not remove
    start_worker(concurrency=concurrency or default_jobs(), loglevel=loglevel)
