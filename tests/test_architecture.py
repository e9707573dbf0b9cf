"""The architecture's contracts hold (import-linter, configured in pyproject.toml), and the custom one bites.

``make test`` runs this, so CI checks the contracts as ``make lint`` does: the core imports no
Django, only the CLI's web commands import the web app, web apps are layered without cycles, and
they import each other only through their public modules.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def _contracts_module():
    """``scripts/import_contracts.py``, as lint-imports loads it (scripts/ is not a package on the path)."""
    spec = importlib.util.spec_from_file_location("import_contracts", ROOT / "scripts" / "import_contracts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


def test_the_import_contracts_hold() -> None:
    # PYTHONPATH=src: the graph is built from this checkout's code, not from an installed copy
    run = subprocess.run([str(Path(sys.executable).with_name("lint-imports")), "--no-cache"], cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout


def _graph(*imports: tuple[str, str]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for module in ("web", "web.a", "web.a.models", "web.a.views", "web.a.interchange", "web.b", "web.b.views",
                   "web.b.flows", "web.urls"):
        graph.add_module(module)
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported, line_number=1, line_contents="import")
    return graph


def _check(graph: grimp.ImportGraph, **options: object):
    contract = _contracts_module().PublicModulesContract(
        name="public", session_options={"root_packages": ["web"]},
        contract_options={"packages": ["web.*"], "public": ["models", "selectors", "services", "flows"], **options})
    return contract.check(graph, verbose=False)


def test_public_modules_lets_an_app_use_another_through_models_and_flows() -> None:
    check = _check(_graph(("web.b.views", "web.a.models"), ("web.a.views", "web.a.interchange"),
                          ("web.b.views", "web.b.flows")))
    assert check.kept


def test_public_modules_flags_a_view_or_a_helper_of_another_app() -> None:
    check = _check(_graph(("web.b.views", "web.a.views"), ("web.b.flows", "web.a.interchange"),
                          ("web.b.flows", "web.a.models")))
    assert not check.kept
    assert [(link.importer, link.imported) for link in check.metadata["links"]] == [
        ("web.b.flows", "web.a.interchange"), ("web.b.views", "web.a.views")]


def test_public_modules_ignores_the_project_wiring_it_is_told_about() -> None:
    graph = _graph(("web.urls", "web.a.views"))
    assert not _check(graph).kept
    assert _check(graph, ignore_imports=["web.urls -> web.*.views"]).kept
