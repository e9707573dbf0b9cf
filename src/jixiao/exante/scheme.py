"""The 事前绩效评估 scheme as data (事前绩效评估评分方案), loaded from TOML.

A scheme holds the five dimensions (立项必要性, 投入经济性, 绩效目标合理性, 实施方案可行性,
筹资合规性) with their groups (分项) and sub-points (要点) and points, the grades 优/良/中/差 of a
sub-point by its share of the points, the conclusion bands (予以支持 / 部分支持 / 不予支持) and the
threshold (起评金额, 万元) at or above which a new project or policy needs a 事前评估. Every problem
with a file is a ``SchemeError`` with a one-line message naming the file.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from jixiao.datafiles import read_named_toml, shipped_files, validated
from jixiao.errors import JixiaoError

DEFAULT_SCHEME = "project-default"

ConclusionKey = Literal["support", "partial", "reject"]


class SchemeError(JixiaoError):
    """A 事前评估 scheme file cannot be read or is malformed (事前评估方案文件有误)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Item(_Frozen):
    """One sub-point (评估要点) with its points, e.g. 预算明细清晰明确 5 分."""

    key: str
    text: str
    points: Decimal


class Group(_Frozen):
    """A group of sub-points inside a dimension (分项), e.g. 相关性 10 分."""

    name: str
    points: Decimal
    items: tuple[Item, ...]


class Dimension(_Frozen):
    """One of the five dimensions (评估维度), e.g. 立项必要性 20 分."""

    key: str
    name: str
    points: Decimal
    description: str
    groups: tuple[Group, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for group in self.groups for item in group.items)


class Conclusion(_Frozen):
    """A conclusion band (评估结论): reached when the total is at least ``min``."""

    key: ConclusionKey
    name: str
    min: Decimal
    meaning: str


class Grade(_Frozen):
    """A sub-point grade (等次) by the share of its points, in percent."""

    grade: Literal["优", "良", "中", "差"]
    min: Decimal


class Threshold(_Frozen):
    """When a 事前评估 is required (须开展事前评估的范围)."""

    amount: Decimal
    """万元: a new project or policy at or above this amount needs one."""
    continuing: bool = False
    """Whether continuing (延续) projects at or above the amount need one too."""
    source: str


class Scheme(_Frozen):
    """A 事前绩效评估 scheme (事前绩效评估评分指标体系)."""

    name: str
    title: str
    version: str
    source: str
    total: Decimal
    threshold: Threshold
    conclusions: tuple[Conclusion, ...]
    grades: tuple[Grade, ...]
    dimensions: tuple[Dimension, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for dim in self.dimensions for item in dim.items)

    def item(self, key: str) -> Item:
        """The sub-point ``key``; ``KeyError`` when the scheme has none."""
        for item in self.items:
            if item.key == key:
                return item
        raise KeyError(key)

    def dimension_of(self, key: str) -> Dimension:
        """The dimension that holds sub-point ``key``."""
        for dim in self.dimensions:
            if any(item.key == key for item in dim.items):
                return dim
        raise KeyError(key)

    def conclusion_for(self, total: Decimal) -> Conclusion:
        """The band ``total`` falls in (highest ``min`` not above it)."""
        for band in sorted(self.conclusions, key=lambda c: c.min, reverse=True):
            if total >= band.min:
                return band
        return min(self.conclusions, key=lambda c: c.min)

    def conclusion(self, key: str) -> Conclusion:
        for band in self.conclusions:
            if band.key == key:
                return band
        raise KeyError(key)

    def grade_for(self, points: Decimal, of: Decimal) -> str:
        """The grade 优/良/中/差 of ``points`` out of ``of``."""
        share = points * 100 / of if of else Decimal(0)
        for grade in sorted(self.grades, key=lambda g: g.min, reverse=True):
            if share >= grade.min:
                return grade.grade
        return "差"


def _check(scheme: Scheme, path: Path) -> Scheme:
    if len(scheme.dimensions) != 5:
        raise SchemeError(f"{path}：事前评估须有五个评估维度，现有 {len(scheme.dimensions)} 个")
    keys = [item.key for item in scheme.items]
    if len(set(keys)) != len(keys):
        raise SchemeError(f"{path}：评估要点编号重复")
    for dim in scheme.dimensions:
        if sum((g.points for g in dim.groups), Decimal(0)) != dim.points:
            raise SchemeError(f"{path}：{dim.name}的分项分值之和不等于 {dim.points} 分")
        for group in dim.groups:
            if sum((i.points for i in group.items), Decimal(0)) != group.points:
                raise SchemeError(f"{path}：{dim.name}·{group.name}的要点分值之和不等于 {group.points} 分")
    if sum((d.points for d in scheme.dimensions), Decimal(0)) != scheme.total:
        raise SchemeError(f"{path}：五个维度的分值之和不等于总分 {scheme.total}")
    if {c.key for c in scheme.conclusions} != {"support", "partial", "reject"}:
        raise SchemeError(f"{path}：评估结论须为予以支持、部分支持、不予支持三档")
    if min(c.min for c in scheme.conclusions) != 0:
        raise SchemeError(f"{path}：最低一档结论的分数线须为 0")
    return scheme


@functools.cache
def _load_shipped(name: str) -> Scheme:
    return _load(name)


def _load(name_or_path: str | Path) -> Scheme:
    path, data = read_named_toml(name_or_path, shipped=shipped_files("jixiao.exante", "schemes"),
                                 error=SchemeError, what="事前评估方案")
    return _check(validated(Scheme, data, path=path, error=SchemeError, what="事前评估方案"), path)


def load_scheme(name_or_path: str | Path | None = None) -> Scheme:
    """Load a shipped scheme by name (default ``project-default``) or a TOML file by path."""
    name = str(name_or_path or DEFAULT_SCHEME)
    if name in shipped_files("jixiao.exante", "schemes"):
        return _load_shipped(name)
    return _load(name_or_path or DEFAULT_SCHEME)


def requires_exante(*, amount: Decimal | None, major: bool, new: bool = True,
                    scheme: Scheme | None = None) -> bool:
    """Whether a project or policy needs a 事前绩效评估 before it can be budgeted.

    A 重大 (major) one always does; otherwise a new one (新增) — or a continuing one when the scheme
    says so — whose amount (万元) is at or above the scheme's threshold. No amount → not by amount.
    """
    if major:
        return True
    threshold = (scheme or load_scheme()).threshold
    if not new and not threshold.continuing:
        return False
    return amount is not None and amount >= threshold.amount
