"""Budget treatment by grade (绩效评价结果应用): rules as named TOML data, a grade history → next year's suggestion.

A rules file maps each grade (评价等级 优/良/中/差) to what the next year's budget gets
(支持 / 核减 / 优先保障 / 压缩 / 取消 …) and may add what happens to a unit that has not
rectified what it was told to (未整改 → 调减或暂缓). Shipped: 财预〔2020〕10号 (the default),
四川 2025 and 达州市商务局; a province passes its own file by path. Every problem is a
``TreatmentRulesError`` whose one-line message names the file and the reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from jixiao.datafiles import Applies, read_named_toml, shipped_files, validated
from jixiao.errors import JixiaoError
from jixiao.figures import format as fmt

DEFAULT_RULES = "caiyu-2020-10"
"""The named default: the national 办法 (domain.md §5.1)."""

GRADES = ("优", "良", "中", "差")
Direction = Literal["increase", "keep", "decrease", "withhold", "cancel"]


class TreatmentRulesError(JixiaoError):
    """A treatment rules file cannot be read or is invalid (结果应用规则无效)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Treatment(_Frozen):
    """What the next year's budget gets (预算安排): a short label, its direction and the rule's words."""

    treatment: str
    direction: Direction
    text: str


class GradeTreatment(Treatment):
    """The treatment one grade earns."""

    grade: str


class TreatmentRules(_Frozen):
    """A named set of result-application rules (结果应用规则) with its source."""

    name: str
    title: str = ""
    version: str
    source: str
    path: str = ""
    grades: tuple[GradeTreatment, ...]
    unrectified: Treatment | None = None
    applies: Applies | None = None
    """Where and from when the file applies by itself; without it, only when chosen by name."""

    @property
    def label(self) -> str:
        return f"{self.title or self.name}（{self.name} {self.version}）"

    def for_grade(self, grade: str) -> GradeTreatment | None:
        return next((g for g in self.grades if g.grade == grade), None)


class GradeRecord(_Frozen):
    """One evaluated year of a department: score, grade, and whether the grade was computed (自动评级)."""

    year: int
    grade: str | None
    score: Decimal | None = None
    computed: bool = False


class Suggestion(_Frozen):
    """The suggested treatment of next year's budget (下年度预算安排建议) and its basis (依据)."""

    year: int | None
    based_on_year: int | None
    grade: str | None
    treatment: str | None
    direction: Direction | None
    rules: str
    rule: str | None
    basis: str


def shipped_rules() -> dict[str, Path]:
    """The rules files shipped with jixiao, by name (the file stem)."""
    return shipped_files("jixiao.results", "rules")


def load_treatment_rules(name_or_path: str | Path | None = None) -> TreatmentRules:
    """Load shipped rules by name (default ``caiyu-2020-10``) or a user's TOML file by path."""
    path, data = read_named_toml(name_or_path or DEFAULT_RULES, shipped=shipped_rules(), error=TreatmentRulesError,
                                 what="结果应用规则")
    rules = validated(TreatmentRules, {**data, "path": str(path)}, path=path, error=TreatmentRulesError,
                      what="结果应用规则")
    named = [g.grade for g in rules.grades]
    if sorted(named) != sorted(GRADES):
        raise TreatmentRulesError(f"{path}：grades 应恰好覆盖 优、良、中、差 各一次，实为 {'、'.join(named) or '无'}")
    return rules


def rules_for(regions: Iterable[str], year: int | None) -> TreatmentRules:
    """The shipped rules in force for a department in ``regions`` (its region, then those above) and ``year``.

    The file whose ``[applies]`` covers the region and year (the latest ``from_year`` when several
    do), else the national default 财预〔2020〕10号: a 四川 2025 rule never governs a 广州 2022 year.
    """
    names = list(regions)
    chosen: TreatmentRules | None = None
    for name in shipped_rules():
        rules = load_treatment_rules(name)
        if rules.applies is not None and rules.applies.covers(names, year) and (
                chosen is None or (rules.applies.from_year or 0) > (chosen.applies.from_year or 0)):  # type: ignore[union-attr]  # a chosen rule set has applies (tested before choosing)
            chosen = rules
    return chosen or load_treatment_rules(DEFAULT_RULES)


def suggest_treatment(history: Iterable[GradeRecord], *, rules: TreatmentRules, unrectified: int = 0
                      ) -> Suggestion:
    """Next year's budget treatment from the latest graded year, and the rule it follows (依据).

    ``unrectified`` counts rectification items (整改事项) not rectified by their deadline; when
    the rules have an ``unrectified`` rule it takes precedence over the grade's treatment.
    """
    graded = sorted((r for r in history if r.grade), key=lambda r: r.year)
    where = f"《{rules.title or rules.name}》"  # the rules by their title, as a reader cites them (no file name)
    if not graded:
        return Suggestion(year=None, based_on_year=None, grade=None, treatment=None, direction=None,
                          rules=rules.name, rule=None, basis="尚无评价等级，无法给出下年度预算安排建议")
    latest = graded[-1]
    how = "（按评分框架自动评级）" if latest.computed else ""
    score = f"，得分 {fmt.score(latest.score)}" if latest.score is not None else ""
    if unrectified and rules.unrectified is not None:
        chosen: Treatment = rules.unrectified
        rule = "unrectified"
        why = f"{latest.year} 年度评价等级为“{latest.grade}”{score}{how}，但有 {unrectified} 项整改事项逾期未整改"
    else:
        found = rules.for_grade(latest.grade or "")
        if found is None:
            return Suggestion(year=latest.year + 1, based_on_year=latest.year, grade=latest.grade, treatment=None,
                              direction=None, rules=rules.name, rule=None,
                              basis=f"{where}未规定等级“{latest.grade}”的预算安排")
        chosen, rule = found, f"grades.{found.grade}"
        why = f"{latest.year} 年度评价等级为“{latest.grade}”{score}{how}"
    return Suggestion(year=latest.year + 1, based_on_year=latest.year, grade=latest.grade,
                      treatment=chosen.treatment, direction=chosen.direction, rules=rules.name, rule=rule,
                      basis=f"{why}。依据{where}：{chosen.text}。")

