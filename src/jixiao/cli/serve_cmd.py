"""``jixiao serve``: the web app on a production server against the configured database."""

from __future__ import annotations

from typing import Annotated

import typer

from jixiao.cli.console import console, fail, require_web


def serve(
    host: Annotated[str, typer.Option("--host", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
    workers: Annotated[int | None, typer.Option("--workers", help="工作进程数（默认：CPU 核数 + 1）")] = None,
    migrate: Annotated[bool, typer.Option("--migrate", help="启动前先更新数据库结构")] = False,
    access_log: Annotated[bool, typer.Option("--access-log", help="输出访问日志")] = False,
) -> None:
    """以生产服务器（gunicorn）运行网页应用，使用 DATABASE_URL 指定的数据库（默认 SQLite）。

    Serve the web app with gunicorn against the configured database (DATABASE_URL, else SQLite in
    JIXIAO_HOME). Ctrl-C stops it.
    """
    require_web("serve")
    from jixiao.web import bootstrap, server

    bootstrap.setup()
    if migrate:
        bootstrap.migrate()
    pending = bootstrap.pending_migrations()
    if pending:
        fail(f"{bootstrap.database_label()}：数据库结构未更新（{len(pending)} 个迁移未执行），请先运行 jixiao db migrate，"
             "或加 --migrate")
    from jixiao.web.documents.services import settle_files

    settle_files()  # files an interrupted process left half-stored: finish or remove them
    console.print(f"jixiao 正在运行：http://{host}:{port}/ （数据库：{bootstrap.database_label()}；Ctrl-C 停止）")
    if server.run(host=host, port=port, workers=workers, access_log=access_log):
        console.print("jixiao 已停止。")
