"""Review profiles (复核规则配置): the limits the rules compare against, read from TOML.

A profile is data with named sources, never constants in code: tolerances (0.01 万元), the
80/120% abnormal execution lines, word lists, allow-lists. The lines the report is judged by
everywhere (130% over-achievement, 90% execution) are the scoring framework's, not the profile's.
``load_profile("default")`` reads the packaged ``profiles/default.toml``; any other name is
looked up beside it, and a path to a ``.toml`` file is read as is (through
:mod:`jixiao.datafiles`, with its one-line errors). A custom file only needs the keys it
changes: it is merged over the default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from jixiao.datafiles import read_named_toml, shipped_files
from jixiao.errors import JixiaoError
from jixiao.report import Severity

_SEVERITIES = ("blocking", "serious", "general", "hint")


class ProfileError(JixiaoError):
    """A profile that cannot be found or read (复核配置有误)."""


@dataclass(frozen=True)
class Profile:
    """A named set of review limits; ``get("execution.abnormal_low")`` reads a dotted key."""

    name: str
    data: dict[str, Any] = field(repr=False)
    path: str | None = None

    def get(self, key: str, default: Any = None) -> Any:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                if default is None:
                    raise ProfileError(f"复核配置“{self.name}”缺少“{key}”")
                return default
            node = node[part]
        return node

    def decimal(self, key: str) -> Decimal:
        """A limit as Decimal, via its text so that 0.01 stays exactly 0.01."""
        return Decimal(str(self.get(key)))

    def strings(self, key: str) -> tuple[str, ...]:
        return tuple(str(item) for item in self.get(key, []))

    def severity_of(self, rule_id: str, default: Severity) -> Severity:
        """The rule's severity as the profile overrides it (validated when the profile loads)."""
        return cast(Severity, self.data.get("severity", {}).get(rule_id, default))

    def enabled(self, rule_id: str) -> bool:
        return rule_id not in self.data.get("rules", {}).get("disabled", [])


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read(name_or_path: str | Path) -> tuple[Path, dict[str, Any]]:
    return read_named_toml(name_or_path, shipped=shipped_files("jixiao.review", "profiles"), error=ProfileError,
                           what="复核配置")


def _validate(profile: Profile) -> Profile:
    for rule_id, severity in profile.data.get("severity", {}).items():
        if severity not in _SEVERITIES:
            raise ProfileError(f"复核配置“{profile.name}”中规则 {rule_id} 的严重程度“{severity}”无效")
    for entry in profile.data.get("text", {}).get("required_sections", []):
        if entry.get("severity", "hint") not in _SEVERITIES or not entry.get("patterns"):
            raise ProfileError(f"复核配置“{profile.name}”中章节“{entry.get('name')}”的设置无效")
    return profile


def load_profile(name_or_path: str | Path = "default") -> Profile:
    """The profile named ``name_or_path`` (packaged) or read from that TOML file, merged over the default."""
    _, default = _read("default")
    text = str(name_or_path)
    if text == "default":
        return _validate(Profile(name="default", data=default))
    path, data = _read(name_or_path)
    shipped = text in shipped_files("jixiao.review", "profiles")
    return _validate(Profile(name=str(data.get("name", text if shipped else path.stem)), data=_merge(default, data),
                             path=None if shipped else str(path)))


_DEFAULT: Profile | None = None


def default_profile() -> Profile:
    """The packaged default, read once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_profile("default")
    return _DEFAULT
