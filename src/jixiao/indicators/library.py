"""One indicator of the shared library (指标库指标) and the shipped seed (种子指标).

A :class:`LibraryIndicator` is what a department picks when it sets a target: code, name,
一级/二级 level, 共性 or 个性, 行业 and 领域 (``classification``), operator (the operators of
:mod:`jixiao.report`), unit, 指标解释, 计算公式, 评(扣)分标准, 数据来源, 佐证资料要求, status and
version, and the source (出处) it comes from. :func:`load_seed` reads ``data/seed.toml``: the 共性
items of 财预〔2013〕53号 and the 10号 自评, and the seed reports' indicators as 个性 examples.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from jixiao.errors import JixiaoError
from jixiao.indicators.classification import load_classification
from jixiao.report import Operator

Scope = Literal["共性", "个性"]
Status = Literal["draft", "review", "active", "retired"]

STATUS_LABELS: dict[Status, str] = {"draft": "草稿", "review": "审核", "active": "入库", "retired": "停用"}
"""How pages and workbooks word each status: 草稿 → 审核 → 入库 → 停用."""
OPERATOR_LABELS: dict[Operator, str] = {">=": "≥", ">": "＞", "=": "＝", "<": "＜", "<=": "≤", "qualitative": "定性"}
"""计算符号 as the declaration forms print them (the evaluation app's ``Operator`` labels)."""
LEVEL1_CHOICES = ("产出指标", "效益指标", "满意度指标", "预算执行", "投入", "过程", "产出", "效果")
"""一级 of the 10号 自评 (产出/效益/满意度, 预算执行) and of the 53号 framework (投入/过程/产出/效果)."""


class LibraryError(JixiaoError):
    """The library's seed or a workbook cannot be read; one line naming the file and the reason."""


class LibraryIndicator(BaseModel):
    """An indicator of the library (指标库指标)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(min_length=1, max_length=40, description="指标编码")
    name: str = Field(min_length=1, max_length=300, description="指标名称（三级指标）")
    level1: str = Field(min_length=1, max_length=50, description="一级指标")
    level2: str = Field("", max_length=50, description="二级指标")
    scope: Scope = Field(description="共性 / 个性")
    industry: str = Field(min_length=1, max_length=60, description="行业（支出功能分类的类）")
    field: str = Field("", max_length=60, description="领域")
    operator: Operator | None = Field(None, description="计算符号")
    unit: str = Field("", max_length=30, description="计量单位")
    explanation: str = Field("", description="指标解释")
    formula: str = Field("", description="计算公式")
    scoring_standard: str = Field("", description="评(扣)分标准")
    data_source: str = Field("", description="数据来源")
    evidence: str = Field("", description="佐证资料要求")
    source: str = Field("", description="出处（文件、报告或地方实践）")
    status: Status = Field("active", description="状态")
    version: int = Field(1, ge=0, description="版本（入库为 1，每次审定的修改加 1；未入库为 0）")

    @field_validator("code", "name", "level1", "level2", "industry", "field", "unit", "explanation", "formula",
                     "scoring_standard", "data_source", "evidence", "source")
    @classmethod
    def _trimmed(cls, value: str) -> str:
        return value.strip()

    @model_validator(mode="after")
    def _classified(self) -> LibraryIndicator:
        classification = load_classification()
        if self.industry not in classification.industries:
            raise ValueError(f"行业“{self.industry}”不在行业分类中")
        if self.field and self.field not in classification.industries[self.industry].fields:
            raise ValueError(f"领域“{self.field}”不属于行业“{self.industry}”")
        return self

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def operator_label(self) -> str:
        return OPERATOR_LABELS[self.operator] if self.operator else ""


class Seed(BaseModel):
    """The seed file: its source and its indicators."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str
    indicator: tuple[LibraryIndicator, ...]


@functools.cache
def load_seed() -> tuple[LibraryIndicator, ...]:
    """The shipped indicators (``data/seed.toml``), each naming its source; codes unique."""
    path = resources.files("jixiao.indicators") / "data" / "seed.toml"
    try:
        seed = Seed.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise LibraryError(f"seed.toml：指标库种子数据无效（{str(exc).splitlines()[0]}）") from None
    codes: set[str] = set()
    for item in seed.indicator:
        if item.code in codes:
            raise LibraryError(f"seed.toml：指标编码“{item.code}”重复")
        if not item.source:
            raise LibraryError(f"seed.toml：指标“{item.name}”未写出处")
        codes.add(item.code)
    return seed.indicator
