"""Named TOML data files (规则数据文件): shipped with jixiao by name, or a user's by path, read with one-line errors.

Every TOML loader reads through here — scoring frameworks (评分框架), review profiles (复核配置),
monitoring thresholds (监控预警阈值), result-application rules (结果应用规则), goal-review schemes
(审核方案) — so a missing, unreadable or malformed file gives the same one line everywhere,
naming the file: ``x.toml：没有这个评分框架文件（文件不存在；内置：…）``,
``x.toml：无法读取复核配置，不是有效的 TOML（…）``. Each domain validates the data with its own
model and raises its own ``JixiaoError`` subclass.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from jixiao.errors import JixiaoError

M = TypeVar("M", bound=BaseModel)


class Applies(BaseModel):
    """Where and when a rules file is in force by itself (适用范围): regions by name prefix, from a year on.

    The ``[applies]`` table of a thresholds or result-application file (四川 2025: 四川's regions
    from the 2025 budget year). A file without one applies only when chosen by name.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    regions: tuple[str, ...] = ()
    """Region names (or their prefixes) the file governs: a province, its cities (``四川``, ``成都市``)."""
    from_year: int | None = None
    """The first budget year the file governs; earlier years follow the default."""

    def covers(self, regions: Iterable[str], year: int | None) -> bool:
        """Whether a department in ``regions`` (its region and the regions above it) in ``year`` falls under it."""
        if self.from_year is not None and (year is None or year < self.from_year):
            return False
        return any(name.startswith(prefix) for name in regions for prefix in self.regions)


def shipped_files(package: str, folder: str) -> dict[str, Path]:
    """The ``*.toml`` files of ``package``/``folder``, by name (the file stem)."""
    return dict(_shipped(package, folder))


@functools.cache
def _shipped(package: str, folder: str) -> tuple[tuple[str, Path], ...]:
    # the package's own files do not change while jixiao runs: list the folder once
    return tuple((p.stem, p) for p in sorted(Path(str(resources.files(package) / folder)).glob("*.toml")))


def read_named_toml(name_or_path: str | Path, *, shipped: dict[str, Path], error: type[JixiaoError], what: str
                    ) -> tuple[Path, dict[str, Any]]:
    """The path and the data of the shipped file ``name_or_path``, else of the file at that path."""
    text = str(name_or_path)
    path = shipped.get(text, Path(text))
    try:
        return path, tomllib.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise error(f"{text}：没有这个{what}文件（文件不存在；内置：{'、'.join(shipped)}）") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}：无法读取{what}，不是有效的 TOML（{_first_line(exc)}）") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}：无法读取{what}（{_first_line(exc)}）") from None


def _first_line(exc: Exception) -> str:
    lines = str(exc).splitlines()
    return lines[0] if lines else type(exc).__name__


def validated(model: type[M], data: dict[str, Any], *, path: Path, error: type[JixiaoError], what: str) -> M:
    """``data`` as ``model``; the first validation problem as one line naming the file and the key."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise error(f"{path}：{what}无效（{where}：{first.get('msg')}）") from None
