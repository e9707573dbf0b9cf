"""Indicator progress in the year (指标完成进度): a value at a monitoring date against the year target, its colour.

Plain data in, no database. ``progress_percent`` says how far an indicator has got towards its
年度指标值 (positive and equal operators: value ÷ target; reverse ones ≤/＜, a cap: target ÷ value);
``colour_of`` reads the band from ``bands/indicator-progress.toml`` (< 60 red, 60–80 yellow,
80–120 green, ≥ 120 超额), and a 定性 indicator's written level (达成/部分达成/未达成) maps to its colour.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from jixiao.datafiles import read_named_toml, shipped_files, validated
from jixiao.errors import JixiaoError
from jixiao.figures.rounding import ratio

DEFAULT_BANDS = "indicator-progress"
REVERSE_OPS = ("<", "<=")


class BandsError(JixiaoError):
    """The colour rules file cannot be read or is invalid (颜色规则无效)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Band(_Frozen):
    """One colour band: progress percent in [low, high)."""

    key: str
    label: str
    low: Decimal
    high: Decimal | None = None

    def holds(self, percent: Decimal) -> bool:
        return percent >= self.low and (self.high is None or percent < self.high)


class ProgressBands(_Frozen):
    """The colour rule of indicator progress (with its source) and the monitoring table's choices."""

    name: str
    title: str
    version: str
    source: str
    bands: list[Band]
    qualitative: dict[str, str]
    causes: list[str]
    feasibility: list[str]

    def band(self, key: str) -> Band:
        return next(b for b in self.bands if b.key == key)


@cache
def load_bands(name_or_path: str | Path = DEFAULT_BANDS) -> ProgressBands:
    """The shipped colour rule by name, or a user's TOML file by path."""
    path, data = read_named_toml(name_or_path, shipped=shipped_files("jixiao.monitor", "bands"), error=BandsError,
                                 what="颜色规则")
    bands = validated(ProgressBands, data, path=path, error=BandsError, what="颜色规则")
    keys = {b.key for b in bands.bands}
    unknown = set(bands.qualitative.values()) - keys
    if unknown:
        raise BandsError(f"{path}：qualitative 指向未定义的颜色 {'、'.join(sorted(unknown))}")
    return bands


def progress_percent(op: str | None, target: Decimal | None, value: Decimal | None) -> Decimal | None:
    """完成进度 in percent (2 dp) of a quantitative indicator; None when it cannot be computed."""
    if target is None or value is None or op == "qualitative":
        return None
    if op in REVERSE_OPS:
        if value <= 0:
            return None
        return ratio(target * 100, value, 2)
    if target <= 0:
        return None
    return ratio(value * 100, target, 2)


def colour_of(percent: Decimal | None, *, level: str | None = None, bands: ProgressBands | None = None
              ) -> Band | None:
    """The band of a progress percent, or of a 定性 level (达成/部分达成/未达成); None when neither is known."""
    bands = bands or load_bands()
    if percent is None:
        key = bands.qualitative.get((level or "").strip())
        return bands.band(key) if key else None
    return next((b for b in bands.bands if b.holds(percent)), None)
