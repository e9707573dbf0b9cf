"""Named TOML data files (规则数据文件): shipped with jixiao by name, or a user's by path, read with one-line errors.

Thresholds (监控预警阈值) and result-application rules (结果应用规则) are such files; each domain
validates the data with its own pydantic model and raises its own ``JixiaoError`` subclass.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from jixiao.errors import JixiaoError

M = TypeVar("M", bound=BaseModel)


def shipped_files(package: str, folder: str) -> dict[str, Path]:
    """The ``*.toml`` files of ``package``/``folder``, by name (the file stem)."""
    return {p.stem: p for p in sorted(Path(str(resources.files(package) / folder)).glob("*.toml"))}


def read_named_toml(name_or_path: str | Path, *, shipped: dict[str, Path], error: type[JixiaoError], what: str
                    ) -> tuple[Path, dict[str, Any]]:
    """The path and the data of the shipped file ``name_or_path``, else of the file at that path."""
    text = str(name_or_path)
    path = shipped.get(text, Path(text))
    try:
        return path, tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{text}：没有这个{what}文件（内置：{'、'.join(shipped)}）") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise error(f"{path}：无法读取{what}（{str(exc).splitlines()[0]}）") from None


def validated(model: type[M], data: dict[str, Any], *, path: Path, error: type[JixiaoError], what: str) -> M:
    """``data`` as ``model``; the first validation problem as one line naming the file and the key."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise error(f"{path}：{what}无效（{where}：{first.get('msg')}）") from None
