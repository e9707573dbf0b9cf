"""The API table of docs/web.md (接口一览), generated from the OpenAPI document the API publishes.

Each row is one operation: its method, its path with the query parameters it takes, what it does
and who may call it — the handler's docstring, whose last paragraph starts ``Who:``. Run
``python -m jixiao.web.api_table`` (it rewrites the table in docs/web.md) after adding or changing
an endpoint; ``tests/web/test_api_table.py`` fails while the page is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

BEGIN = "<!-- api-table: generated from the OpenAPI document by `python -m jixiao.web.api_table` -->"
END = "<!-- /api-table -->"
WHO = "\n\nWho: "


def api_table(openapi: dict[str, Any]) -> str:
    """The Markdown table of every operation of ``openapi``, in the document's order."""
    rows = ["| method | path | what | who |", "| --- | --- | --- | --- |"]
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            what, who = _what_and_who(operation)
            query = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            shown = path + ("?" + "&".join(f"{name}=" for name in query) if query else "")
            rows.append(f"| {method.upper()} | `{shown}` | {_cell(what)} | {_cell(who)} |")
    return "\n".join(rows) + "\n"


def _what_and_who(operation: dict[str, Any]) -> tuple[str, str]:
    what, found, who = operation.get("description", "").partition(WHO)
    if not found:
        raise ValueError(f"{operation['operationId']}: the handler's docstring has no last paragraph 'Who: …'")
    return " ".join(what.split()), " ".join(who.split()).removesuffix(".")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")  # a pipe, also inside `code`, would end the cell


def with_table(page: str, table: str) -> str:
    """``page`` with the text between its markers replaced by ``table``."""
    start, end = page.index(BEGIN) + len(BEGIN), page.index(END)
    return f"{page[:start]}\n{table}{page[end:]}"


def main(arguments: list[str]) -> None:
    """Rewrite the table in the page named (default docs/web.md) from the API as this checkout defines it."""
    from jixiao.web import bootstrap

    bootstrap.setup()
    from jixiao.web.api import api

    page = Path(arguments[0] if arguments else "docs/web.md")
    table = api_table(api.get_openapi_schema(path_prefix="/api/"))
    page.write_text(with_table(page.read_text(encoding="utf-8"), table), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
