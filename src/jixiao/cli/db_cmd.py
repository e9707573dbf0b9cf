"""``jixiao db``: create and update the database, see what it holds, add users."""

from __future__ import annotations

from typing import Annotated

import typer

from jixiao.cli.console import console, fail, require_web

app = typer.Typer(help="数据库管理：建表/更新结构、查看概况、添加用户。Database management.", no_args_is_help=True)


@app.command("migrate")
def migrate() -> None:
    """创建或更新数据库结构（DATABASE_URL，默认 SQLite）。Create or update the tables."""
    require_web("db migrate")
    from jixiao.web import bootstrap

    bootstrap.setup()
    bootstrap.migrate(verbose=True)
    console.print(f"数据库结构已是最新：{bootstrap.database_label()}")


@app.command("info")
def info() -> None:
    """显示所用数据库及其中的部门、年度、报告数量。Show the database in use and what it holds."""
    require_web("db info")
    from jixiao.web import bootstrap

    bootstrap.setup()
    console.print(f"数据库：{bootstrap.database_label()}")
    pending = bootstrap.pending_migrations()
    if pending:
        console.print(f"未执行的迁移 {len(pending)} 个，请运行 jixiao db migrate")
        raise typer.Exit(1)
    from jixiao.web.budgets.models import Budget
    from jixiao.web.departments.models import Department, FiscalYear
    from jixiao.web.documents.models import SourceDocument
    from jixiao.web.evaluation.models import Evaluation

    console.print(
        f"部门 {Department.objects.count()} 个，年度 {FiscalYear.objects.count()} 个，预算 {Budget.objects.count()} 条，"
        f"自评 {Evaluation.objects.count()} 份，原始文件 {SourceDocument.objects.count()} 份"
    )


@app.command("create-user")
def create_user(
    username: Annotated[str, typer.Argument(help="用户名")],
    role: Annotated[str, typer.Option("--role", help="department（部门用户）| finance（财政局用户）| admin（管理员）")],
    department: Annotated[str | None, typer.Option("--department", help="部门用户所属部门的全称")] = None,
    password: Annotated[str, typer.Option("--password", prompt="密码", hide_input=True, confirmation_prompt=True)] = "",
) -> None:
    """添加用户。Add a user with a role (and, for a department user, their department)."""
    require_web("db create-user")
    from jixiao.web import bootstrap

    bootstrap.setup()
    from jixiao.web.accounts.models import Role, User
    from jixiao.web.departments.models import Department

    if role not in Role.values:
        fail(f"角色 {role!r} 无效，可选：{', '.join(Role.values)}")
    unit = None
    if department:
        unit = Department.objects.filter(name=department).first()
        if unit is None:
            fail(f"找不到部门：{department}")
    elif role == Role.DEPARTMENT:
        fail("部门用户必须用 --department 指定所属部门")
    if User.objects.filter(username=username).exists():
        fail(f"用户名 {username} 已存在")
    from jixiao.web.accounts.services import password_problems

    # the same validators as the pages (AUTH_PASSWORD_VALIDATORS: length, common, like the name, digits)
    if problems := password_problems(password, username=username, role=role):
        fail("密码不符合要求：" + "".join(problems))
    User.objects.create_user(username=username, password=password, role=role, department=unit,
                             is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN)
    console.print(f"已添加用户 {username}（{Role(role).label}）")


@app.command("manage", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(ctx: typer.Context) -> None:
    """运行 Django 管理命令（开发者用），如 jixiao db manage makemigrations。Run a Django management command."""
    require_web("db manage")
    from jixiao.web import bootstrap

    bootstrap.setup()
    bootstrap.manage(list(ctx.args))
