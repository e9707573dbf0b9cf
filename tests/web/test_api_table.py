"""The API table of docs/web.md is generated from the OpenAPI document (`python -m jixiao.web.api_table`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.web.api import api
from jixiao.web.api_table import BEGIN, END, api_table, with_table

PAGE = Path(__file__).resolve().parents[2] / "docs" / "web.md"


def test_the_table_in_docs_web_md_is_the_api_as_published() -> None:
    page = PAGE.read_text(encoding="utf-8")
    table = api_table(api.get_openapi_schema(path_prefix="/api/"))
    assert with_table(page, table) == page, "docs/web.md is stale; run: python -m jixiao.web.api_table"
    assert table.count("\n| ") == 1 + len([op for ops in api.get_openapi_schema()["paths"].values() for op in ops])


def _document(description: str) -> dict:
    return {"paths": {"/api/things/{thing_id}": {"put": {
        "operationId": "put_thing", "description": description,
        "parameters": [{"name": "thing_id", "in": "path"}, {"name": "year", "in": "query"}]}}}}


def test_a_row_has_the_query_parameters_the_text_and_who_may_call() -> None:
    table = api_table(_document("Store a thing `{\"kind\": \"a\"|\"b\"}`,\n  in place.\n\nWho: admins only."))
    assert table.splitlines()[-1] == ('| PUT | `/api/things/{thing_id}?year=` | Store a thing `{"kind": "a"\\|"b"}`, in place. '
                                      '| admins only |')


def test_an_operation_that_does_not_say_who_may_call_it_fails_the_generator() -> None:
    with pytest.raises(ValueError, match="put_thing"):
        api_table(_document("Store a thing."))


def test_only_the_text_between_the_markers_is_replaced() -> None:
    page = f"intro\n{BEGIN}\nold rows\n{END}\nrest\n"
    assert with_table(page, "| new |\n") == f"intro\n{BEGIN}\n| new |\n{END}\nrest\n"


def test_no_two_api_schemas_share_a_name() -> None:
    """django-ninja files every schema of the OpenAPI document under its class name: a second class
    of the same name silently replaces the first, and an endpoint is then documented with the
    other's shape (the 复核 answer was once documented as a 项目目标审核)."""
    import importlib
    import pkgutil

    from ninja import Schema

    import jixiao.web as web

    owners: dict[str, set[str]] = {}
    for app in pkgutil.iter_modules(web.__path__):
        try:
            module = importlib.import_module(f"jixiao.web.{app.name}.api")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Schema) and value.__module__ == module.__name__:
                owners.setdefault(value.__name__, set()).add(module.__name__)
    assert owners and {name: where for name, where in owners.items() if len(where) > 1} == {}
