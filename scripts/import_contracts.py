"""An import-linter contract type for jixiao's web apps: apps import each other only through their public modules.

``lint-imports`` (configured in pyproject.toml, run by ``make lint`` and by ``tests/test_architecture.py``)
loads it from here. import-linter's own types say who may import a module (``protected``) or that
a group must not import another (``forbidden``, ``layers``); none says "from outside its package, a
package may be imported only through these submodules", which is NetBox's and Dispatch's rule for
an app: ``models``, ``selectors`` (reads), ``services`` (writes), ``flows`` (writes across apps)
and ``permissions`` are an app's face to other apps; its views, forms, API module, URL map and
internal helpers (``evaluation.interchange``, ``evaluation.summary`` …) are its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import grimp
from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils
from importlinter.domain import helpers


@dataclass(frozen=True)
class _Link:
    importer: str
    imported: str
    lines: tuple[int, ...]


class PublicModulesContract(Contract):
    """Each module of ``packages`` is imported from outside it only through one of its ``public`` submodules.

    Options: ``packages`` (module expressions, e.g. ``jixiao.web.*``), ``public`` (submodule names),
    ``ignore_imports`` (import expressions, e.g. ``jixiao.web.urls -> jixiao.web.*.urls`` for the
    project's wiring), ``exclude`` (packages the rule does not cover, e.g. shared helpers).
    """

    type_name = "public_modules"

    packages = fields.ListField(subfield=fields.ModuleExpressionField())
    public = fields.ListField(subfield=fields.StringField())
    exclude = fields.ListField(subfield=fields.ModuleField(), required=False)
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph, ignore_imports=self.ignore_imports,  # type: ignore[arg-type]
            unmatched_alerting=contract_utils.AlertLevel.ERROR)
        excluded = {module.name for module in self.exclude or ()}  # type: ignore[attr-defined]
        packages = sorted(m.name for m in helpers.module_expressions_to_modules(
            graph=graph, expressions=self.packages, as_packages=False)  # type: ignore[arg-type]
            if m.name not in excluded and graph.find_children(m.name))
        public: list[str] = list(self.public)  # type: ignore[call-overload]
        links: list[_Link] = []
        for package in packages:
            inside = {package} | graph.find_descendants(package)
            allowed = {package} | {f"{package}.{name}" for name in public}
            allowed |= {d for d in inside if any(d.startswith(f"{p}.") for p in allowed - {package})}
            for imported in sorted(inside - allowed):
                for importer in sorted(graph.find_modules_that_directly_import(imported) - inside):
                    details = graph.get_import_details(importer=importer, imported=imported)
                    links.append(_Link(importer, imported, tuple(d["line_number"] for d in details)))
        return ContractCheck(kept=not links, warnings=list(removal.warnings),
                             ignored_import_count=removal.ignored_import_count, metadata={"links": links})

    def render_broken_contract(self, check: ContractCheck) -> None:
        output.print_error(f"Only {', '.join(self.public)} of an app may be imported by another:",  # type: ignore[call-overload]
                           bold=False)
        output.new_line()
        for link in check.metadata["links"]:
            output.print_error(f"- {link.importer} -> {link.imported} (l.{', '.join(map(str, link.lines))})",
                               bold=False)
        output.new_line()
