"""``jixiao db verify-audit | prune-audit | backup | restore``, and who the CLI writes as (``--as``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli.console import EXIT_FAILED, console, errors, fail, require_web

AS_HELP = "以此用户的名义写入（审计记录的操作人，须是已有用户名）；不写则记录操作系统用户"
AsOption = Annotated[str | None, typer.Option("--as", help=AS_HELP, show_default=False)]

state: dict[str, str | None] = {"as": None}
"""The global ``jixiao --as USER`` (a command's own ``--as`` wins)."""


def attribute(as_user: str | None = None) -> None:
    """After ``bootstrap.setup()``: attribute every write of this process (``--as`` or the OS user)."""
    from jixiao.web.audit.services import UnknownUser, cli_actor

    try:
        cli_actor(as_user or state["as"])
    except UnknownUser as error:
        fail(str(error))


def _setup() -> None:
    from jixiao.web import bootstrap

    bootstrap.setup()
    pending = bootstrap.pending_migrations()
    if pending:
        fail(f"{bootstrap.database_label()}：数据库结构未更新，请先运行 jixiao db migrate")


def verify_audit() -> None:
    """核对审计记录的封存链：有记录被删除或改动时逐条列出并以 1 退出。Verify the audit log's hash chain."""
    require_web("db verify-audit")
    _setup()
    from jixiao.web.audit.services import verify_audit as verify

    checked, problems = verify()
    for problem in problems:
        errors.print(f"审计记录异常：{problem.text}", markup=False, highlight=False)
    if problems:
        errors.print(f"共核对 {checked} 条，发现 {len(problems)} 处异常", markup=False)
        raise typer.Exit(EXIT_FAILED)
    from jixiao.web.audit.models import AuditChainHead

    head = AuditChainHead.objects.filter(pk=1).first()
    console.print(f"审计记录完整：共 {checked} 条，封存链末尾摘要 {head.digest if head else '（空）'}", highlight=False)


def prune_audit(
    days: Annotated[int | None, typer.Option("--days", help="删除早于此天数的审计记录（默认取设置 JIXIAO_AUDIT_RETENTION_DAYS，不得少于 180）",
                                            show_default=False)] = None,
    as_user: AsOption = None,
) -> None:
    """按保留期限清理审计记录（至少保留 180 天），清理本身记入审计。Delete audit records past retention."""
    require_web("db prune-audit")
    _setup()
    attribute(as_user)
    from jixiao.web.audit.services import RetentionTooShort
    from jixiao.web.audit.services import prune_audit as prune

    try:
        removed = prune(days=days)
    except RetentionTooShort as error:
        fail(str(error))
    console.print(f"已删除 {removed} 条过期审计记录")


def backup(
    file: Annotated[Path, typer.Argument(help="备份文件（.zip），已存在则拒绝覆盖")],
    secret_key: Annotated[bool, typer.Option("--secret-key", help="连同网站密钥一起备份（恢复后原有会话和签名仍有效）")] = False,
) -> None:
    """备份整个数据库（含已删除的记录和全部历史、审计记录）与上传的文件。Back up every row and every file."""
    require_web("db backup")
    _setup()
    attribute()
    from jixiao.web.common import backup as backups
    from jixiao.web.documents.services import settle_files

    settle_files()  # files an interrupted import left half-stored: finish or remove them first
    if file.exists():
        fail(f"{file}：文件已存在，未覆盖")
    try:
        summary = backups.backup(file, include_secret_key=secret_key)
    except backups.BackupError as error:
        fail(str(error))
    console.print(f"已备份到 {file}：{summary.tables} 张表 {summary.rows} 行，文件 {summary.files} 个"
                  + ("，含网站密钥" if secret_key else ""), highlight=False)


def restore(
    file: Annotated[Path, typer.Argument(help="jixiao db backup 写出的备份文件")],
    force: Annotated[bool, typer.Option("--force", help="目标数据库已有数据时仍然恢复（先清空）")] = False,
    as_user: AsOption = None,
) -> None:
    """把备份恢复到当前数据库（须为空库，或用 --force 清空后恢复），逐个核对文件摘要。Restore a backup."""
    require_web("db restore")
    from jixiao.web import bootstrap

    bootstrap.setup()
    bootstrap.migrate()
    from jixiao.web.common import backup as backups

    try:
        summary = backups.restore(file, force=force)
    except backups.BackupError as error:
        fail(str(error))
    attribute(as_user)
    from jixiao.web.audit.models import AuditEvent
    from jixiao.web.audit.services import record_event

    record_event(kind=AuditEvent.Kind.RESTORE, detail=f"从备份恢复：{summary.rows} 行，文件 {summary.files} 个")
    console.print(f"已恢复 {file}：{summary.tables} 张表 {summary.rows} 行，文件 {summary.files} 个"
                  + ("，网站密钥已写入 JIXIAO_HOME/secret_key" if summary.secret_key else ""), highlight=False)
    if summary.secret_key and os.environ.get("JIXIAO_SECRET_KEY"):
        console.print("注意：已设置 JIXIAO_SECRET_KEY 环境变量，网站使用它而不是恢复的密钥文件")
