"""The `jixiao` command: every subcommand explains itself; unbuilt ones say so and exit 2."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.cli.console import EXIT_NOT_BUILT, not_built
from jixiao.cli.reference import cli_markdown

runner = CliRunner()


def test_help_lists_every_subcommand_in_plain_words() -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for command in ("import", "review", "score", "monitor", "render", "serve", "demo", "db", "schema"):
        assert command in result.output
    assert "预算绩效管理" in result.output


def test_each_subcommand_has_its_own_help() -> None:
    for command in ("import", "review", "score", "monitor", "render", "serve", "demo", "schema", "db"):
        result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0, (command, result.output)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in result.output), command


def test_a_command_not_built_yet_says_so_and_exits_2() -> None:
    probe = typer.Typer()

    @probe.command()
    def later() -> None:
        not_built("later", 99)

    result = runner.invoke(probe, [])
    assert result.exit_code == EXIT_NOT_BUILT == 2
    assert "尚未实现" in result.output


def test_schema_command_prints_the_published_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert '"jixiao.report/1"' in result.output


def test_cli_reference_in_docs_is_generated_from_the_help() -> None:
    written = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == cli_markdown(), "docs/cli.md is stale; run: python -m jixiao.cli.reference > docs/cli.md"


def test_cli_reference_lists_every_command_and_option() -> None:
    text = cli_markdown()
    for command in ("import", "review", "score", "monitor", "render", "serve", "demo", "schema", "db migrate"):
        assert f"## `jixiao {command}`" in text
    assert "`--framework <str>`" in text and "[default: text]" in text
