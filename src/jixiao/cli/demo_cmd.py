"""``jixiao demo``: a fresh demo database with the seed departments, then the web app."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from jixiao.cli.console import console, require_web


def demo(
    host: Annotated[str, typer.Option("--host", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
    departments: Annotated[int, typer.Option("--departments", help="另外生成的模拟部门数")] = 30,
    years: Annotated[str, typer.Option("--years", help="模拟部门的年度，如 2020-2024")] = "2020-2022",
    home: Annotated[Path | None, typer.Option("--home", help="演示数据目录（默认 JIXIAO_HOME/demo）")] = None,
    keep: Annotated[bool, typer.Option("--keep", help="保留上次的演示数据库，不重新生成")] = False,
    workers: Annotated[int | None, typer.Option("--workers", help="工作进程数")] = None,
) -> None:
    """演示：新建 SQLite 数据库，载入两个样例部门和模拟部门，创建各角色演示账户，并启动网页应用。

    Demo: create and migrate an SQLite database, load the two seed departments plus generated ones,
    create one account per role (printed below), and serve the app. Ctrl-C stops it.
    """
    require_web("demo")
    from jixiao.web import bootstrap

    folder = home or bootstrap.default_home() / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "demo.sqlite3"
    if database.exists() and not keep:
        database.unlink()
    fresh = not database.exists()
    bootstrap.setup(database_url=f"sqlite:///{database}", home=folder)
    with console.status("正在创建数据库并载入演示数据…"):
        bootstrap.migrate()
        from jixiao.web import demo as demo_data

        if fresh:
            reports = demo_data.load(departments=departments, years=_years(years))
            accounts = demo_data.create_accounts()
        else:
            reports, accounts = 0, demo_data.DEMO_ACCOUNTS
    if fresh:
        console.print(f"已载入 {reports} 份报告（2 个样例部门 + {departments} 个模拟部门），数据库：{database}")
    table = Table(title="演示账户")
    for column in ("用户名", "密码", "角色", "部门"):
        table.add_column(column)
    for account in accounts:
        table.add_row(account.username, account.password, _role_label(account.role), _scope(account))
    console.print(table)

    from jixiao.web import server

    console.print(f"请在浏览器打开 http://{host}:{port}/ （Ctrl-C 停止）")
    if server.run(host=host, port=port, workers=workers):
        console.print("演示已停止。")


def _years(text: str) -> range:
    first, _, last = text.partition("-")
    try:
        return range(int(first), int(last or first) + 1)
    except ValueError:
        raise typer.BadParameter(f"年度应写作 2020-2024 或 2022，而不是 {text}") from None


def _role_label(role: str) -> str:
    from jixiao.web.accounts.models import Role  # the one home of the roles' names

    return str(Role(role).label)


def _scope(account: Any) -> str:
    """What the account sees (部门 column): its department, every department, or an expert's assignments."""
    from jixiao.web.accounts.models import Role

    if account.department:
        return str(account.department)
    return "分配给本人的评审" if account.role == Role.EXPERT else "全部"
