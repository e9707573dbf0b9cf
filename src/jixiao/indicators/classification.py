"""The 行业/领域 classification of the indicator library (行业领域分类), read from ``data/classification.toml``.

行业 are the 类 of the 支出功能分类 (财政部《政府收支分类科目》), 领域 some of their 款; the file
names its source and marks the selection of 款 as local practice (地方实践).
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources

from pydantic import BaseModel, ConfigDict, ValidationError

from jixiao.errors import JixiaoError


class Industry(BaseModel):
    """A 行业 (a 类 of the 功能分类) and its 领域."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str
    name: str
    fields: tuple[str, ...] = ()


class Classification(BaseModel):
    """The whole classification: its source and the 行业 by name, in the file's order."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str
    industry: tuple[Industry, ...]

    @property
    def industries(self) -> dict[str, Industry]:
        return {item.name: item for item in self.industry}

    def all_fields(self) -> list[str]:
        """Every 领域 once, in the file's order."""
        return list(dict.fromkeys(name for item in self.industry for name in item.fields))


@functools.cache
def load_classification() -> Classification:
    path = resources.files("jixiao.indicators") / "data" / "classification.toml"
    try:
        return Classification.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise JixiaoError(f"classification.toml：行业分类无效（{str(exc).splitlines()[0]}）") from None
