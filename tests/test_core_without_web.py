"""The core works without the web app's libraries: `pip install jixiao` is the core, `jixiao[web]` adds Django.

Each check runs in a fresh interpreter whose imports of Django and the other web libraries fail,
as on a machine where only `pip install jixiao` ran: every core module imports, a seed goes
through import, review, score and render, and each command that needs the web app says in one
Chinese line to install `jixiao[web]` instead of a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from jixiao.cli.console import WEB_LIBRARIES
from jixiao.samples import sample

ROOT = Path(__file__).resolve().parents[1]
BLOCKED = (*WEB_LIBRARIES, "psycopg")
# A module set to None in sys.modules cannot be imported: ``import django`` raises ImportError, and
# importlib.util.find_spec says it is not there, as when it was never installed.
BLOCK = f"import sys\nfor name in {BLOCKED!r}:\n    sys.modules[name] = None\n"


def _run(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", BLOCK + code], cwd=tmp_path, capture_output=True, text=True,
                          timeout=600, env={"PYTHONPATH": str(ROOT / "src"), "JIXIAO_HOME": str(tmp_path / "home"),
                                            "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})


def test_the_package_installs_the_core_without_the_web_libraries() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {dependency.split("[")[0].split(">")[0].split("<")[0].strip().lower()
             for dependency in project["dependencies"]}
    web = {dependency.split("[")[0].split(">")[0].strip().lower() for dependency in project["optional-dependencies"]["web"]}
    assert {"django", "django-ninja", "django-axes", "django-simple-history", "dj-database-url", "psycopg",
            "whitenoise", "gunicorn"} <= web
    assert not names & web, names & web


def test_every_core_module_imports_and_a_seed_goes_through_with_the_web_libraries_blocked(tmp_path: Path) -> None:
    seed = sample("seed_000").text_path
    code = f"""
import importlib, json, pkgutil
from pathlib import Path
import jixiao
core = [m.name for m in pkgutil.walk_packages(jixiao.__path__, "jixiao.")
        if not m.name.startswith("jixiao.web") and m.name != "jixiao.__main__"]  # __main__ would run the CLI
for name in core:
    importlib.import_module(name)
from typer.testing import CliRunner
from jixiao.cli import app
runner = CliRunner()
steps = {{
    "import": ["import", {str(seed)!r}, "-o", "reports"],
    "review": ["review", {str(seed)!r}],
}}
results = {{step: runner.invoke(app, args) for step, args in steps.items()}}
report = next(Path("reports").glob("*.json"))
results["score"] = runner.invoke(app, ["score", str(report)])
for fmt in ("docx", "xlsx", "md", "html"):
    results["render " + fmt] = runner.invoke(app, ["render", str(report), "-f", fmt, "-o", "out." + fmt])
print(json.dumps({{"modules": len(core), "exit": {{step: r.exit_code for step, r in results.items()}},
                  "files": sorted(p.name for p in Path(".").glob("out.*") if p.stat().st_size),
                  "django": sys.modules.get("django") is not None}}))
"""
    run = _run(code, tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    outcome = json.loads(run.stdout.strip().splitlines()[-1])
    assert outcome["modules"] > 50  # every module of the core, not a handful
    assert outcome["exit"] == dict.fromkeys(["import", "review", "score", "render docx", "render xlsx",
                                             "render md", "render html"], 0), run.stdout
    assert outcome["files"] == ["out.docx", "out.html", "out.md", "out.xlsx"]
    assert outcome["django"] is False


@pytest.mark.parametrize("args", [["serve"], ["demo"], ["db", "migrate"], ["db", "info"], ["db", "manage", "check"],
                                  ["db", "create-user", "u", "--role", "admin", "--password", "x"],
                                  ["import", "--save", "SEED"], ["monitor"]])
def test_a_web_command_says_to_install_the_web_extra(args: list[str], tmp_path: Path) -> None:
    args = [str(sample("seed_000").text_path) if a == "SEED" else a for a in args]
    run = _run(f"import sys\nsys.argv = ['jixiao', *{args!r}]\nfrom jixiao.cli import main\nmain()\n", tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert "pip install 'jixiao[web]'" in lines[0] and "django" in lines[0] and lines[0].startswith("错误：jixiao ")
