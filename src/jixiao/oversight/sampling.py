"""抽评 (random spot-check of self-evaluations): a reproducible draw over plain items by a TOML rule and a seed.

The finance bureau 抽查复核 the year's self-evaluations (domain.md §7.1). The rule file says which
kinds are in the population (部门整体 / 项目), the share drawn from each stratum (by amount band or by
行业), the minimum count of the whole draw, and which review severities are always drawn (必抽).
The draw depends only on the rule, the seed and the items (sorted by their key first), so the same
seed over the same items gives the same sample — that is what makes a recorded draw auditable.
Every sampled item carries the reason it was drawn, in Chinese.
"""

from __future__ import annotations

import math
import random
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from jixiao.datafiles import read_named_toml, shipped_files, validated
from jixiao.errors import JixiaoError
from jixiao.figures import format as fmt

DEFAULT_RULE = "sampling-local"
Kind = Literal["department", "project"]
KIND_LABELS: dict[str, str] = {"department": "部门整体支出自评", "project": "项目支出自评"}
NO_AMOUNT = "金额未填报"
NO_SECTOR = "行业未填报"


class SamplingRuleError(JixiaoError):
    """A sampling rule file cannot be read or is invalid (抽评规则无效)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Population(_Frozen):
    kinds: tuple[Kind, ...] = ("department", "project")


class Share(_Frozen):
    percent: Decimal = Field(gt=0, le=100)
    """抽取比例 of each stratum, rounded up, at least one of a stratum that has items."""
    minimum: int = Field(ge=0)
    """最低抽取数量 of the whole draw (all items when there are fewer)."""


class Forced(_Frozen):
    severities: tuple[Literal["blocking", "serious", "general", "hint"], ...] = ("blocking", "serious")
    reason: str = "必抽：复核发现严重问题"


class Band(_Frozen):
    label: str
    min: Decimal = Decimal(0)
    max: Decimal | None = None

    def holds(self, amount: Decimal) -> bool:
        return amount >= self.min and (self.max is None or amount < self.max)


class Strata(_Frozen):
    by: Literal["amount", "sector"]
    reason: str
    bands: tuple[Band, ...] = ()


class SamplingRule(_Frozen):
    """One 抽评规则 file."""

    name: str
    title: str
    version: str
    source: str = Field(min_length=1)
    population: Population = Population()
    share: Share
    forced: Forced = Forced()
    strata: Strata

    def stratum_of(self, item: Candidate) -> str:
        """The stratum label of ``item``: its amount band or its 行业."""
        if self.strata.by == "sector":
            return item.sector or NO_SECTOR
        if item.amount is None:
            return NO_AMOUNT
        return next((b.label for b in self.strata.bands if b.holds(item.amount)), NO_AMOUNT)


def shipped_rules() -> dict[str, Path]:
    return {n: p for n, p in shipped_files("jixiao.oversight", "rules").items() if n.startswith("sampling-")}


def load_sampling_rule(name_or_path: str | Path = DEFAULT_RULE) -> SamplingRule:
    """The shipped rule ``name_or_path``, else the file at that path; one-line ``SamplingRuleError`` otherwise."""
    path, data = read_named_toml(name_or_path, shipped=shipped_rules(), error=SamplingRuleError, what="抽评规则")
    rule = validated(SamplingRule, data, path=path, error=SamplingRuleError, what="抽评规则")
    if rule.strata.by == "amount" and not rule.strata.bands:
        raise SamplingRuleError(f"{path}：抽评规则无效（按金额分层须列出金额区间 strata.bands）")
    return rule


@dataclass(frozen=True)
class Candidate:
    """One submitted self-evaluation that may be drawn (抽评对象)."""

    key: str
    """Stable identity across draws (``department:<budget id>``, ``project:<project-year id>``)."""
    kind: Kind
    title: str
    department: str
    amount: Decimal | None = None
    """全年预算数 in 万元."""
    sector: str = ""
    """行业: the project's category or the unit's type."""
    severity: str | None = None
    """The worst severity the 复核 found (``blocking``/``serious``/``general``/``hint``), None for none."""


@dataclass(frozen=True)
class SampledItem:
    """A drawn item with the reason it was drawn (抽取原因) and its stratum."""

    candidate: Candidate
    reason: str
    stratum: str
    forced: bool = False


@dataclass(frozen=True)
class StratumCount:
    label: str
    size: int
    drawn: int


@dataclass(frozen=True)
class Draw:
    """A whole draw: its rule, seed, population size, the items drawn and each stratum's count."""

    rule: SamplingRule
    seed: int
    population: int
    items: tuple[SampledItem, ...]
    strata: tuple[StratumCount, ...]

    @property
    def keys(self) -> list[str]:
        return [i.candidate.key for i in self.items]


def new_seed() -> int:
    """A fresh seed (随机种子) for a draw, recorded with it so it can be repeated."""
    return secrets.randbelow(10**9)


def draw_sample(items: Iterable[Candidate], rule: SamplingRule, seed: int) -> Draw:
    """Draw the sample of ``items`` by ``rule`` with ``seed``: forced items first, then each stratum's share at
    random, then at random up to the minimum count. Same rule, seed and items → same draw."""
    population = sorted((i for i in items if i.kind in rule.population.kinds), key=lambda i: i.key)
    keys = [i.key for i in population]
    if len(set(keys)) != len(keys):
        raise SamplingRuleError("抽评对象的标识重复，无法抽取")
    rng = random.Random(f"{rule.name}:{seed}")  # a str seed is hashed the same way on every run and platform
    strata: dict[str, list[Candidate]] = {}
    for item in population:
        strata.setdefault(rule.stratum_of(item), []).append(item)
    order = [b.label for b in rule.strata.bands] + [NO_AMOUNT]
    labels = sorted(strata, key=lambda s: (order.index(s) if s in order else len(order), s))
    drawn: list[SampledItem] = []
    counts: list[StratumCount] = []
    forced_severities = set(rule.forced.severities)
    for label in labels:
        members = strata[label]
        quota = max(1, math.ceil(len(members) * rule.share.percent / 100))
        forced = [m for m in members if m.severity in forced_severities]
        drawn += [SampledItem(m, rule.forced.reason, label, forced=True) for m in forced]
        rest = [m for m in members if m.severity not in forced_severities]
        picked = rng.sample(rest, min(len(rest), max(0, quota - len(forced))))
        reason = f"{rule.strata.reason}（{label}：该层 {len(members)} 个，抽取比例 {fmt.plain(rule.share.percent)}%）"
        drawn += [SampledItem(m, reason, label) for m in sorted(picked, key=lambda m: m.key)]
        counts.append(StratumCount(label, len(members), len(forced) + len(picked)))
    short = rule.share.minimum - len(drawn)
    if short > 0:
        taken = {d.candidate.key for d in drawn}
        pool = [m for m in population if m.key not in taken]
        extra = rng.sample(pool, min(short, len(pool)))
        reason = f"补足最低抽取数量（全年至少 {rule.share.minimum} 个）随机抽取"
        for m in sorted(extra, key=lambda m: m.key):
            drawn.append(SampledItem(m, reason, rule.stratum_of(m)))
        added = {label: sum(1 for m in extra if rule.stratum_of(m) == label) for label in labels}
        counts = [StratumCount(c.label, c.size, c.drawn + added[c.label]) for c in counts]
    return Draw(rule, seed, len(population), tuple(drawn), tuple(counts))


def by_key(items: Sequence[SampledItem]) -> dict[str, SampledItem]:
    return {i.candidate.key: i for i in items}
