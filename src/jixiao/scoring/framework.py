"""Scoring frameworks (评分框架) as data: load a TOML file and validate it.

A framework names its parts (预算执行率 / 产出指标 / 效益指标 / 满意度指标 …) with their
weights (分值), optional second-level children and fixed indicators, the grade bands
(评价等级), the rounding, the qualitative bands (定性指标三档) and the over-achievement line
(超额完成 130%). Nothing of this is a constant in code: the shipped files live in
``jixiao/scoring/frameworks/`` with their name, version and source, and a user passes their
own with ``--framework PATH``.

Every problem is a ``FrameworkError`` whose one-line message names the file and the problem.
"""

from __future__ import annotations

import functools
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from jixiao.datafiles import read_named_toml, shipped_files
from jixiao.errors import JixiaoError

QUANTITATIVE_OPS = (">=", ">", "=", "<", "<=")
OPS = (*QUANTITATIVE_OPS, "qualitative")


class FrameworkError(JixiaoError):
    """A framework file cannot be read or breaks a rule (权重不合计、缺计量单位 …)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GradeBand(_Frozen):
    """One grade (等级) and the lowest total that earns it."""

    grade: str
    min: Decimal


class QualitativeBand(_Frozen):
    """One level of a qualitative indicator (定性指标档次), as percent of the weight."""

    label: str
    low: Decimal
    high: Decimal
    default: Decimal


class OverAchievement(_Frozen):
    """The over-achievement rule (超额完成): flag at ``line`` percent, optionally reduce."""

    line: Decimal = Decimal(130)
    reduce: bool = False
    factor: Decimal = Decimal("0.5")


class Rounding(_Frozen):
    """How indicator scores are rounded (得分保留位数)."""

    places: int = 2
    mode: Literal["half_up"] = "half_up"


class FixedIndicator(_Frozen):
    """An indicator the framework itself defines (e.g. 三公经费控制率 ≤100%)."""

    name: str
    op: str
    weight: Decimal
    target: Decimal | None = None
    unit: str | None = None
    level2: str | None = None


class Child(_Frozen):
    """A second-level part (二级指标) with its weight."""

    name: str
    weight: Decimal


class SecondLevel(_Frozen):
    """A second-level name (二级指标) the 自评表 prints, with the words that infer it from an indicator's name.

    Unlike :class:`Child` it carries no weight: it only names the row's 二级指标 where the
    report states none (``数量指标`` for 舆情日报数量).
    """

    name: str
    keywords: tuple[str, ...] = ()


class Part(_Frozen):
    """A first-level part (一级指标) of the framework."""

    name: str
    weight: Decimal
    kind: Literal["indicators", "execution_rate"] = "indicators"
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    if_empty: str | None = None
    explain_below: Decimal | None = None
    children: tuple[Child, ...] = ()
    indicators: tuple[FixedIndicator, ...] = ()
    second_levels: tuple[SecondLevel, ...] = ()

    def second_level_of(self, name: str) -> tuple[str, str] | None:
        """The 二级指标 an indicator called ``name`` falls under, and why; ``None`` when nothing says.

        A part with one second level (满意度指标 → 服务对象满意度指标) names it; otherwise the
        first second level one of whose keywords occurs in the name.
        """
        if len(self.second_levels) == 1:
            only = self.second_levels[0].name
            return only, f"二级指标为{self.name}唯一的二级指标{only}"
        for level in self.second_levels:
            for keyword in level.keywords:
                if keyword in name:
                    return level.name, f"二级指标由名称推断：名称含“{keyword}”，归入{level.name}"
        return None

    def matches_level1(self, level1: str) -> bool:
        """Whether a report's 一级指标 text names this part."""
        text = level1.strip().replace("（", "(").split("(")[0].strip()
        return text == self.name or text in self.aliases


class Framework(_Frozen):
    """A validated scoring framework."""

    name: str
    title: str
    version: str
    source: str
    path: str
    default_for: str | None = None
    replaceable: bool = False
    total: Decimal
    rounding: Rounding = Rounding()
    grades: tuple[GradeBand, ...]
    over_achievement: OverAchievement = OverAchievement()
    qualitative: tuple[QualitativeBand, ...]
    parts: tuple[Part, ...]
    default_part: str = Field(description="the part an indicator with no 一级指标 and no keyword falls in")

    @property
    def label(self) -> str:
        """``name version`` as printed under a score table."""
        return f"{self.name} {self.version}"

    def part(self, name: str) -> Part:
        for part in self.parts:
            if part.name == name:
                return part
        raise KeyError(name)

    @property
    def execution_part(self) -> Part | None:
        """The 预算执行率 part (``kind = "execution_rate"``): its weight (分值) and ``explain_below`` line."""
        return next((part for part in self.parts if part.kind == "execution_rate"), None)

    @property
    def explain_below(self) -> Decimal | None:
        """The execution rate below which the report must explain why (四川: 90%), if the framework has one."""
        part = self.execution_part
        return part.explain_below if part is not None else None

    def grade(self, total: Decimal) -> str:
        """The grade (等级) a total earns: the first band whose minimum it reaches."""
        for band in self.grades:
            if total >= band.min:
                return band.grade
        return self.grades[-1].grade


# -- loading ----------------------------------------------------------------------------


def shipped_frameworks() -> dict[str, Path]:
    """The frameworks shipped with jixiao, by name (the file stem)."""
    return shipped_files("jixiao.scoring", "frameworks")


def load_framework(name_or_path: str | Path) -> Framework:
    """Load a shipped framework by name, or a user's TOML file by path, and validate it."""
    text = str(name_or_path)
    if text in shipped_frameworks():
        return _shipped(text)
    return _load_file(name_or_path)


def default_framework_for(kind: str | None) -> Framework:
    """The shipped framework a report of ``kind`` is scored by without ``--framework``.

    ``project`` → 财预〔2020〕10号; ``department_overall`` (and an unknown kind, since the
    reports jixiao reads are department-overall) → the department-overall default.
    """
    wanted = kind or "department_overall"
    for name in shipped_frameworks():
        framework = _shipped(name)
        if framework.default_for == wanted:
            return framework
    raise FrameworkError(f"没有适用于 {wanted} 的默认评分框架")


@functools.cache
def _shipped(name: str) -> Framework:
    # shipped files do not change while jixiao runs, and a Framework is immutable: read each once
    return _load_file(name)


def _load_file(name_or_path: str | Path) -> Framework:
    path, data = read_named_toml(name_or_path, shipped=shipped_frameworks(), error=FrameworkError, what="评分框架")
    return _build(data, path)


def _decimal(value: Any, where: str, path: Path) -> Decimal:
    # TOML floats are binary; read them through their repr so 0.5 stays 0.5
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise FrameworkError(f"{path}：{where} 应为数字，实为 {value!r}")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise FrameworkError(f"{path}：{where} 应为数字，实为 {value!r}") from None


def _require(data: dict[str, Any], key: str, where: str, path: Path) -> Any:
    if key not in data:
        raise FrameworkError(f"{path}：{where}缺少 {key}")
    return data[key]


def _build(data: dict[str, Any], path: Path) -> Framework:
    for key in ("name", "version", "source"):
        value = _require(data, key, "", path)
        if not isinstance(value, str) or not value.strip():
            raise FrameworkError(f"{path}：{key} 应为非空文字")
    total = _decimal(_require(data, "total", "", path), "total", path)
    parts = tuple(_part(raw, i, path) for i, raw in enumerate(_require(data, "parts", "", path)))
    grades = tuple(
        GradeBand(grade=str(_require(g, "grade", f"grades[{i}] ", path)),
                  min=_decimal(_require(g, "min", f"grades[{i}] ", path), f"grades[{i}].min", path))
        for i, g in enumerate(_require(data, "grades", "", path))
    )
    qualitative = tuple(
        QualitativeBand(
            label=str(_require(q, "label", f"qualitative.bands[{i}] ", path)),
            low=_decimal(_require(q, "low", f"qualitative.bands[{i}] ", path), "low", path),
            high=_decimal(_require(q, "high", f"qualitative.bands[{i}] ", path), "high", path),
            default=_decimal(_require(q, "default", f"qualitative.bands[{i}] ", path), "default", path),
        )
        for i, q in enumerate(data.get("qualitative", {}).get("bands", []))
    )
    over = data.get("over_achievement", {})
    rounding = data.get("rounding", {})
    if rounding.get("mode", "half_up") != "half_up":
        raise FrameworkError(f"{path}：rounding.mode 只支持 half_up（四舍五入），实为 {rounding.get('mode')!r}")
    framework = Framework(
        name=data["name"], title=str(data.get("title", data["name"])), version=str(data["version"]),
        source=data["source"], path=str(path), default_for=data.get("default_for"),
        replaceable=bool(data.get("replaceable", False)), total=total,
        rounding=Rounding(places=int(rounding.get("places", 2))),
        grades=grades,
        over_achievement=OverAchievement(
            line=_decimal(over.get("line", 130), "over_achievement.line", path),
            reduce=bool(over.get("reduce", False)),
            factor=_decimal(over.get("factor", "0.5"), "over_achievement.factor", path),
        ),
        qualitative=qualitative, parts=parts,
        default_part=str(data.get("mapping", {}).get("default_part", parts[0].name if parts else "")),
    )
    validate(framework, path)
    return framework


def _part(raw: dict[str, Any], index: int, path: Path) -> Part:
    where = f"parts[{index}] "
    name = str(_require(raw, "name", where, path))
    children = tuple(
        Child(name=str(_require(c, "name", f"{name}.children ", path)),
              weight=_decimal(_require(c, "weight", f"{name}.children ", path), f"{name} 子项权重", path))
        for c in raw.get("children", [])
    )
    indicators = tuple(
        FixedIndicator(
            name=str(_require(x, "name", f"{name}.indicators ", path)),
            op=str(_require(x, "op", f"{name}.indicators ", path)),
            weight=_decimal(_require(x, "weight", f"{name}.indicators ", path), f"{name} 指标权重", path),
            target=None if x.get("target") is None else _decimal(x["target"], f"{name} 指标值", path),
            unit=x.get("unit"), level2=x.get("level2"),
        )
        for x in raw.get("indicators", [])
    )
    second_levels = tuple(
        SecondLevel(name=str(_require(x, "name", f"{name}.second_levels ", path)),
                    keywords=tuple(str(k) for k in x.get("keywords", ())))
        for x in raw.get("second_levels", [])
    )
    kind = raw.get("kind", "indicators")
    if kind not in ("indicators", "execution_rate"):
        raise FrameworkError(f"{path}：{name} 的 kind 只能是 indicators 或 execution_rate，实为 {kind!r}")
    return Part(
        name=name, weight=_decimal(_require(raw, "weight", where, path), f"{name} 的权重", path), kind=kind,
        aliases=tuple(raw.get("aliases", ())), keywords=tuple(raw.get("keywords", ())),
        if_empty=raw.get("if_empty"), children=children, indicators=indicators, second_levels=second_levels,
        explain_below=None if raw.get("explain_below") is None
        else _decimal(raw["explain_below"], f"{name}.explain_below", path),
    )


# -- validation -------------------------------------------------------------------------


def validate(framework: Framework, path: Path | str) -> None:
    """Check the rules a framework must keep; raise ``FrameworkError`` on the first broken one."""
    if not framework.parts:
        raise FrameworkError(f"{path}：没有任何 parts（一级指标）")
    part_sum = sum((p.weight for p in framework.parts), Decimal(0))
    if framework.total != 100:
        raise FrameworkError(f"{path}：总分应为 100，实为 {framework.total}")
    if part_sum != framework.total:
        raise FrameworkError(f"{path}：一级指标权重合计 {part_sum}，不等于总分 {framework.total}")
    names = [p.name for p in framework.parts]
    if len(set(names)) != len(names):
        raise FrameworkError(f"{path}：一级指标名称重复")
    for part in framework.parts:
        _validate_part(part, names, path)
    if framework.default_part not in names:
        raise FrameworkError(f"{path}：mapping.default_part {framework.default_part!r} 不是一级指标")
    _validate_grades(framework, path)
    _validate_qualitative(framework, path)
    if framework.over_achievement.line <= 100:
        raise FrameworkError(f"{path}：over_achievement.line 应大于 100（百分比），实为 {framework.over_achievement.line}")


def _validate_part(part: Part, names: list[str], path: Path | str) -> None:
    if part.weight < 0:
        raise FrameworkError(f"{path}：{part.name} 的权重为负数 {part.weight}")
    if part.children:
        child_sum = sum((c.weight for c in part.children), Decimal(0))
        if child_sum != part.weight:
            raise FrameworkError(f"{path}：{part.name} 的二级指标权重合计 {child_sum}，不等于其权重 {part.weight}")
    if part.indicators:
        fixed_sum = sum((x.weight for x in part.indicators), Decimal(0))
        if fixed_sum > part.weight:
            raise FrameworkError(f"{path}：{part.name} 的指标权重合计 {fixed_sum}，超过其权重 {part.weight}")
    for indicator in part.indicators:
        if indicator.op not in OPS:
            raise FrameworkError(f"{path}：{indicator.name} 的计算符号 {indicator.op!r} 无效")
        if indicator.op in QUANTITATIVE_OPS and not (indicator.unit or "").strip():
            raise FrameworkError(f"{path}：定量指标 {indicator.name} 缺少计量单位")
    if part.if_empty is not None and part.if_empty not in names:
        raise FrameworkError(f"{path}：{part.name} 的 if_empty {part.if_empty!r} 不是一级指标")


def _validate_grades(framework: Framework, path: Path | str) -> None:
    if not framework.grades:
        raise FrameworkError(f"{path}：没有 grades（评价等级）")
    minima = [g.min for g in framework.grades]
    if minima != sorted(minima, reverse=True) or len(set(minima)) != len(minima):
        raise FrameworkError(f"{path}：评价等级的下限应从高到低排列且互不相同")
    if minima[-1] != 0:
        raise FrameworkError(f"{path}：最低等级的下限应为 0，实为 {minima[-1]}")


def _validate_qualitative(framework: Framework, path: Path | str) -> None:
    if len(framework.qualitative) != 3:
        raise FrameworkError(f"{path}：定性指标应有达成、部分达成、未达成三档，实有 {len(framework.qualitative)} 档")
    for band in framework.qualitative:
        if not (0 <= band.low <= band.default <= band.high <= 100):
            raise FrameworkError(f"{path}：定性档次 {band.label} 的区间或默认值无效")
