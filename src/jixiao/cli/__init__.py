"""The ``jixiao`` command (命令行): a thin face over the core.

Each subcommand lives in its own module and only parses arguments, calls the core and
formats the result; the work itself is done in ``jixiao.readers``, ``jixiao.extract``,
``jixiao.review``, ``jixiao.scoring``, ``jixiao.render`` and the web app.
"""

from __future__ import annotations

import typer

from jixiao.cli import (
    audit_cmd,
    batch_cmd,
    db_cmd,
    demo_cmd,
    import_cmd,
    monitor_cmd,
    render_cmd,
    review_cmd,
    schema_cmd,
    score_cmd,
    serve_cmd,
)

app = typer.Typer(
    name="jixiao",
    help=(
        "jixiao（绩效）：预算绩效管理工具。读取、复核、评分、生成部门整体支出绩效自评报告，"
        "并提供部门与财政局使用的网页应用。\n\n"
        "jixiao reads, checks, scores and writes budget performance self-evaluation reports, "
        "and serves the web app for departments and the finance bureau."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@app.callback()
def _options(as_user: audit_cmd.AsOption = None) -> None:
    audit_cmd.state["as"] = as_user


app.command("import")(import_cmd.import_reports)
app.command("review")(review_cmd.review_reports)
app.command("score")(score_cmd.score_file)
app.command("monitor")(monitor_cmd.monitor)
app.command("render")(render_cmd.render_report)
app.command("serve")(serve_cmd.serve)
app.command("demo")(demo_cmd.demo)
app.command("schema")(schema_cmd.schema)
db_cmd.app.command("verify-audit")(audit_cmd.verify_audit)
db_cmd.app.command("prune-audit")(audit_cmd.prune_audit)
db_cmd.app.command("backup")(audit_cmd.backup)
db_cmd.app.command("restore")(audit_cmd.restore)
app.add_typer(db_cmd.app, name="db")
app.add_typer(batch_cmd.app, name="batch")
app.command("worker")(batch_cmd.worker)


def main() -> None:
    """Entry point of the ``jixiao`` console script."""
    app()
