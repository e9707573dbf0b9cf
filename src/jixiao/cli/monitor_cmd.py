"""``jixiao monitor``: 双监控 — execution against time progress, goals against execution.

Without files it monitors the stored budgets of the date's year (the database that
``DATABASE_URL`` names); with report JSON files it monitors their ``budget.monthly``. Both
feed the same core function, ``jixiao.monitor.run_monitor``.
"""

from __future__ import annotations

import json
from datetime import date as Date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from jixiao.cli.console import console, require_web
from jixiao.cli.score_cmd import fail_line
from jixiao.errors import JixiaoError
from jixiao.figures.format import percent, points
from jixiao.monitor import MonitoredBudget, MonitorResult, load_thresholds, run_monitor
from jixiao.report import read_report_file


def _parse_date(text: str | None) -> Date:
    if text is None:
        return Date.today()
    try:
        return Date.fromisoformat(text)
    except ValueError:
        raise JixiaoError(f"--date {text}：日期应为 YYYY-MM-DD") from None


def _budgets(files: list[Path]) -> list[MonitoredBudget]:
    budgets = []
    for path in files:
        report = read_report_file(path)
        try:
            budgets.append(MonitoredBudget.from_report(report))
        except ValueError:
            raise JixiaoError(f"{path}：报告未注明全年预算数或年度，无法监控") from None
    return budgets


def _stored_budgets(year: int) -> list[MonitoredBudget]:
    require_web("monitor")
    from jixiao.web import bootstrap

    bootstrap.setup()
    if bootstrap.pending_migrations():
        raise JixiaoError(f"{bootstrap.database_label()}：数据库结构未更新，请先运行 jixiao db migrate")
    from jixiao.web.monitoring.selectors import monitored_budgets

    return monitored_budgets(year=year)


def _table(result: MonitorResult) -> Table:
    table = Table(title=f"双监控预警 {result.date}（序时进度 {percent(result.time_progress)}，阈值 {result.thresholds}）")
    for column in ("部门", "项目", "执行进度", "差值（百分点）", "预计全年", "预警"):
        table.add_column(column, overflow="fold")
    for risk in result.at_risk:
        table.add_row(risk.department, risk.project or "—", percent(risk.execution) or "—", points(risk.gap) or "—",
                      percent(risk.projected) or "—", "；".join(risk.reasons))
    return table


def monitor(
    files: Annotated[list[Path] | None, typer.Argument(help="jixiao.report/1 JSON 文件（含 budget.monthly）；不给则读取数据库")] = None,
    date: Annotated[str | None, typer.Option("--date", help="监控日期 YYYY-MM-DD（默认今天）")] = None,
    thresholds: Annotated[str | None, typer.Option("--thresholds", help="预警阈值名称或 TOML 文件")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """双监控：按序时进度检查各部门预算执行，列出预警。

    Compare execution with time progress for every stored department (or every report file
    given) and list the warnings.
    """
    try:
        on = _parse_date(date)
        chosen = load_thresholds(thresholds)
        budgets = _budgets(files) if files else _stored_budgets(on.year)
        result = run_monitor(budgets, on=on, thresholds=chosen)
    except JixiaoError as exc:
        fail_line(str(exc))
        return
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    if not result.at_risk:
        console.print(f"{result.date}：{len(result.rows)} 个部门/项目均未触发预警（阈值 {result.thresholds}）", markup=False)
        return
    console.print(_table(result))
    console.print(f"共 {len(result.warnings)} 条预警，{len(result.at_risk)} 个部门/项目存在风险", markup=False)
