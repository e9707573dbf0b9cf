"""The goal-review scheme and the declaration rules as data (审核方案与申报规则), loaded from TOML.

``load_review_scheme`` reads the four review dimensions (完整性/相关性/适当性/可行性) and the
grades 优/良/中/差 with each grade's consequence for the budget and its decision (approve or
return), 财预〔2015〕88号 by default. ``load_rules`` reads what a declaration must keep before
submission (framework, minimum count, required parts, allowed 二级指标, input words). Every
problem with a file is a ``SchemeError`` with a one-line message naming the file.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from jixiao.errors import JixiaoError

DEFAULT_SCHEME = "caiyu-2015-88"
DEFAULT_RULES = "declaration-rules"


class SchemeError(JixiaoError):
    """A review scheme or rules file cannot be read or is malformed (审核方案文件有误)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Dimension(_Frozen):
    """One review dimension (审核内容), e.g. 完整性."""

    key: str
    name: str
    description: str


class ReviewGrade(_Frozen):
    """One review result (审核结果等级) and what it means for the budget."""

    grade: Literal["优", "良", "中", "差"]
    consequence: str
    detail: str = ""
    decision: Literal["approve", "return"]

    @property
    def approves(self) -> bool:
        return self.decision == "approve"


class ReviewScheme(_Frozen):
    """A goal-review scheme (绩效目标审核方案)."""

    name: str
    title: str
    version: str
    source: str
    dimensions: tuple[Dimension, ...]
    grades: tuple[ReviewGrade, ...]

    def grade(self, grade: str) -> ReviewGrade:
        """The grade entry for ``grade``; ``KeyError`` when the scheme has no such grade."""
        for item in self.grades:
            if item.grade == grade:
                return item
        raise KeyError(grade)

    @property
    def grade_names(self) -> tuple[str, ...]:
        return tuple(g.grade for g in self.grades)


class RequiredPart(_Frozen):
    part: str
    blocking: bool = True


class DeclarationRules(_Frozen):
    """What a declaration must keep before submission (申报规则)."""

    name: str
    version: str
    source: str
    framework: str
    min_indicators: int
    required_parts: tuple[RequiredPart, ...]
    level2: dict[str, tuple[str, ...]]
    input_words: tuple[str, ...] = ()


def _shipped(name: str) -> Path:
    return Path(str(resources.files("jixiao.declaration") / "schemes" / f"{name}.toml"))


def _read(name_or_path: str | Path) -> tuple[dict[str, Any], Path]:
    """A shipped file by name, else the path; the TOML as a dict."""
    text = str(name_or_path)
    path = _shipped(text) if _shipped(text).exists() else Path(text)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")), path
    except FileNotFoundError:
        raise SchemeError(f"{path}：文件不存在") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemeError(f"{path}：无法读取（{exc}）") from None
    except tomllib.TOMLDecodeError as exc:
        raise SchemeError(f"{path}：不是有效的 TOML（{exc}）") from None


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"])
    return f"{where}：{error['msg']}"


def load_review_scheme(name_or_path: str | Path | None = None) -> ReviewScheme:
    """Load a shipped review scheme by name (default 财预〔2015〕88号) or a TOML file by path."""
    data, path = _read(name_or_path or DEFAULT_SCHEME)
    try:
        scheme = ReviewScheme.model_validate(data)
    except ValidationError as exc:
        raise SchemeError(f"{path}：{_first_error(exc)}") from None
    if not scheme.dimensions:
        raise SchemeError(f"{path}：没有审核维度（dimensions）")
    if len(set(scheme.grade_names)) != len(scheme.grades) or not scheme.grades:
        raise SchemeError(f"{path}：审核结果等级为空或重复")
    if not any(g.approves for g in scheme.grades):
        raise SchemeError(f"{path}：没有任何等级可以通过（decision = \"approve\"）")
    return scheme


def load_rules(name_or_path: str | Path | None = None) -> DeclarationRules:
    """Load the shipped declaration rules (or a TOML file by path)."""
    data, path = _read(name_or_path or DEFAULT_RULES)
    try:
        return DeclarationRules.model_validate(data)
    except ValidationError as exc:
        raise SchemeError(f"{path}：{_first_error(exc)}") from None
