"""The goal-review scheme and the declaration rules as data (审核方案与申报规则), loaded from TOML.

``load_review_scheme`` reads the four review dimensions (完整性/相关性/适当性/可行性) and the
grades 优/良/中/差 with each grade's consequence for the budget and its decision (approve or
return), 财预〔2015〕88号 by default. ``load_declaration_rules`` reads what a declaration must keep before
submission (framework, minimum count, required parts, allowed 二级指标, input words). Every
problem with a file is a ``SchemeError`` with a one-line message naming the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from jixiao.datafiles import read_named_toml, shipped_files, validated
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


def _read(name_or_path: str | Path, what: str) -> tuple[dict[str, Any], Path]:
    """A shipped file by name, else the path; the TOML as a dict (one-line ``SchemeError`` otherwise)."""
    path, data = read_named_toml(name_or_path, shipped=shipped_files("jixiao.declaration", "schemes"),
                                 error=SchemeError, what=what)
    return data, path


def load_review_scheme(name_or_path: str | Path | None = None) -> ReviewScheme:
    """Load a shipped review scheme by name (default 财预〔2015〕88号) or a TOML file by path."""
    data, path = _read(name_or_path or DEFAULT_SCHEME, "审核方案")
    scheme = validated(ReviewScheme, data, path=path, error=SchemeError, what="审核方案")
    if not scheme.dimensions:
        raise SchemeError(f"{path}：没有审核维度（dimensions）")
    if len(set(scheme.grade_names)) != len(scheme.grades) or not scheme.grades:
        raise SchemeError(f"{path}：审核结果等级为空或重复")
    if not any(g.approves for g in scheme.grades):
        raise SchemeError(f"{path}：没有任何等级可以通过（decision = \"approve\"）")
    return scheme


def load_declaration_rules(name_or_path: str | Path | None = None) -> DeclarationRules:
    """Load the shipped declaration rules (or a TOML file by path)."""
    data, path = _read(name_or_path or DEFAULT_RULES, "申报规则")
    return validated(DeclarationRules, data, path=path, error=SchemeError, what="申报规则")
