"""mypy's contract (``make lint``): it covers all of ``src/`` with django-stubs, and an ignore says why.

Running mypy itself takes over a minute, so ``make lint`` does that; these check the two rules that
keep its answer meaningful: nothing of ``src/`` is excluded or silenced in the configuration, and
every ``# type: ignore`` names its error code and is followed by the reason.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IGNORE = re.compile(r"#\s*type:\s*ignore\b(?P<rest>.*)$")
WITH_REASON = re.compile(r"^\[[a-z-]+(, [a-z-]+)*\]  # \S")


def unexplained_ignores(text: str) -> list[int]:
    """Line numbers of ``text`` whose ``type: ignore`` lacks an error code or the reason after it."""
    return [number for number, line in enumerate(text.splitlines(), start=1)
            if (found := IGNORE.search(line)) and not WITH_REASON.match(found.group("rest"))]


def test_an_ignore_without_code_or_reason_is_flagged() -> None:
    text = ("a = f()  # type: ignore\n"
            "b = g()  # type: ignore[arg-type]\n"
            "c = h()  # type: ignore[arg-type]  # ninja passes the request\n"
            "d = k()  # type: ignore[attr-defined, arg-type]  # set by the decorator\n")
    assert unexplained_ignores(text) == [1, 2]


def test_every_ignore_in_src_names_its_code_and_reason() -> None:
    found = [f"{path.relative_to(ROOT)}:{number}" for path in sorted((ROOT / "src").rglob("*.py"))
             for number in unexplained_ignores(path.read_text(encoding="utf-8"))]
    assert found == []


def test_mypy_covers_the_web_app_with_django_stubs() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mypy = config["tool"]["mypy"]
    assert mypy["files"] == ["src/jixiao"]
    assert "exclude" not in mypy
    assert "mypy_django_plugin.main" in mypy["plugins"]
    assert config["tool"]["django-stubs"]["django_settings_module"] == "jixiao.web.settings"
    silenced = [o for o in mypy.get("overrides", []) if o.get("follow_imports") in ("silent", "skip")
                or o.get("ignore_errors")]
    assert silenced == []
    assert any(d.startswith("django-stubs") for d in config["project"]["optional-dependencies"]["dev"])
