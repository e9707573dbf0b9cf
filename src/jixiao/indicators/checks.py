"""Target checks (目标值合理性检查): a declared target against its history, its peers and its money.

Plain data in, a list of suggestions out — never an automatic change. Each suggestion has its
kind, a Chinese message and its basis (取值依据), and the whole check has one basis line such as
"近三年实际 432、410、455；同类 12 个部门中位数 380；建议目标 ≥ 432".

* own history (历史): the target advisor (:mod:`jixiao.advisor`) says whether the target is below
  last year's actual (≤: above it) and whether last year's target was exceeded by the framework's
  over-achievement line; here also whether that happened in ``repeat_years`` years running;
* peers (同类): the same library indicator in other departments or projects of the same 行业 —
  median and quartiles of their targets; a target below the peers' first quartile (≤: above the
  third) is flagged, with the count of peers, and a sample below ``min_peers`` is only shown;
* money (资金): cost per unit (amount ÷ quantity target) above the peers' third quartile, and a
  quantity target that did not rise while the amount rose by more than ``budget_rise_percent``;
* quantifiability (可量化): 定性 where the indicator has a quantity, no unit, no 评分标准, a 满意度
  without a survey method.

The proposal is the advisor's (the most demanding of this year's target, last year's actual and
the peers' median target as 行业标准).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from jixiao.advisor import YearValue, advise
from jixiao.figures.achievement import LOWER_IS_BETTER, completion, over_line
from jixiao.figures.format import chinese_number, money, percent, plain
from jixiao.figures.rounding import ratio, round_places
from jixiao.indicators.profile import TargetProfile, default_target_profile
from jixiao.scoring.framework import default_framework_for

Kind = Literal[
    "below_last_actual", "last_exceeded", "repeatedly_exceeded", "below_peers", "thin_peers",
    "cost_high", "budget_rose", "qualitative_with_quantity", "no_unit", "no_standard", "no_survey",
]
KIND_LABELS: dict[str, str] = {
    "below_last_actual": "低于上年实际", "last_exceeded": "上年超额完成", "repeatedly_exceeded": "连续超额完成",
    "below_peers": "低于同类", "thin_peers": "同类样本少", "cost_high": "单位成本偏高",
    "budget_rose": "预算增、目标未增", "qualitative_with_quantity": "可量化而定性", "no_unit": "缺计量单位",
    "no_standard": "缺评分标准", "no_survey": "满意度缺调查方式",
}
"""How the page words each kind (users never see the English kind)."""
FAMILY: dict[str, str] = {
    "below_last_actual": "history", "last_exceeded": "history", "repeatedly_exceeded": "history",
    "below_peers": "peers", "thin_peers": "peers", "cost_high": "money", "budget_rose": "money",
    "qualitative_with_quantity": "quantifiability", "no_unit": "quantifiability",
    "no_standard": "quantifiability", "no_survey": "quantifiability",
}
LOW_TARGET_KINDS = frozenset({"below_last_actual", "last_exceeded", "repeatedly_exceeded", "below_peers"})
"""The kinds that say the target is set too low (目标偏低) — what the dashboard counts."""


class YearFigure(BaseModel):
    """One past year of the same indicator of the same department or project (同一指标历年数据)."""

    year: int
    target: Decimal | None = None
    actual: Decimal | None = None
    amount: Decimal | None = None
    """The project's or department's amount of that year (万元), for the money checks."""


class PeerStats(BaseModel):
    """Anonymised figures of the peers (同类): the same library indicator and 行业, other departments or projects."""

    count: int = 0
    target_q1: Decimal | None = None
    target_median: Decimal | None = None
    target_q3: Decimal | None = None
    actual_count: int = 0
    actual_q1: Decimal | None = None
    actual_median: Decimal | None = None
    actual_q3: Decimal | None = None
    actual_min: Decimal | None = None
    actual_max: Decimal | None = None
    exceeded: int = 0
    """How many of the peers' actuals reached the over-achievement line of their target."""
    cost_count: int = 0
    cost_q1: Decimal | None = None
    cost_median: Decimal | None = None
    cost_q3: Decimal | None = None
    year: int | None = None
    noun: str = "部门"
    """What a peer is called in the basis: 部门 or 项目 (``部门（含本部门）`` when the sample holds the one checked)."""


class Declared(BaseModel):
    """The target being set (拟设定的指标值) and what is known of the indicator."""

    name: str
    op: str | None = None
    target: Decimal | None = None
    unit: str | None = None
    level1: str | None = None
    level2: str | None = None
    year: int | None = None
    amount: Decimal | None = None
    """This year's amount (万元) of the project or department the indicator belongs to."""
    scoring_standard: str | None = None
    """评(扣)分标准; ``None`` when unknown (not checked), ``""`` when known to be missing."""
    survey_method: str | None = None
    quantity_available: bool = False
    """The library gives this indicator a number (a quantitative operator)."""


class Suggestion(BaseModel):
    """One thing to reconsider, with the figures it rests on. Never applied by itself."""

    kind: Kind
    label: str
    message: str
    basis: str = ""


class CheckResult(BaseModel):
    """The checks of one declared indicator."""

    name: str
    suggestions: list[Suggestion] = Field(default_factory=list)
    proposed_target: Decimal | None = None
    proposed_basis: str | None = None
    history: list[YearFigure] = Field(default_factory=list)
    peers: PeerStats | None = None
    basis: str = ""
    """One line: 近N年实际 …；同类 N 个部门中位数 …；建议目标 ≥ …"""

    @property
    def low_target(self) -> bool:
        return any(s.kind in LOW_TARGET_KINDS for s in self.suggestions)


# -- statistics -----------------------------------------------------------------------------


def quantile(ordered: Sequence[Decimal], q: Decimal) -> Decimal:
    """The ``q`` quantile of sorted values, interpolated between the two nearest ranks (Excel QUARTILE.INC)."""
    if not ordered:
        raise ValueError("quantile of no values")
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return round_places(ordered[low] + (ordered[high] - ordered[low]) * (position - low))


def quartiles(values: Iterable[Decimal]) -> tuple[Decimal, Decimal, Decimal] | None:
    """(第一四分位数, 中位数, 第三四分位数) of the values, or ``None`` without any."""
    ordered = sorted(values)
    if not ordered:
        return None
    return quantile(ordered, Decimal("0.25")), quantile(ordered, Decimal("0.5")), quantile(ordered, Decimal("0.75"))


def cost_per_unit(amount: Decimal | None, target: Decimal | None) -> Decimal | None:
    """单位成本: amount (万元) ÷ quantity target, to four places; ``None`` without both or with a zero target."""
    if amount is None or target is None or target <= 0 or amount < 0:
        return None
    return ratio(amount, target, 4)


def unit_cost(cost: Decimal) -> str:
    """A 单位成本 (kept in 万元 to four places) as a reader takes it: in 元 to the cent, grouped (``183,164.00 元``)."""
    return f"{money(cost * 10000, grouped=True)} 元"


def peer_stats(targets: Iterable[Decimal], actuals: Iterable[Decimal] = (), costs: Iterable[Decimal] = (), *,
               year: int | None = None, noun: str = "部门") -> PeerStats:
    """The peers' statistics from their plain figures (the web keeps them precomputed, the same way)."""
    targets, actuals, costs = list(targets), list(actuals), list(costs)
    stats = PeerStats(count=len(targets), actual_count=len(actuals), cost_count=len(costs), year=year, noun=noun)
    if (t := quartiles(targets)) is not None:
        stats.target_q1, stats.target_median, stats.target_q3 = t
    if (a := quartiles(actuals)) is not None:
        stats.actual_q1, stats.actual_median, stats.actual_q3 = a
        stats.actual_min, stats.actual_max = min(actuals), max(actuals)
    if (c := quartiles(costs)) is not None:
        stats.cost_q1, stats.cost_median, stats.cost_q3 = c
    return stats


# -- the checks -----------------------------------------------------------------------------


def _lower(op: str | None) -> bool:
    return op in LOWER_IS_BETTER


def _quantitative(op: str | None) -> bool:
    return op != "qualitative"


def far_exceeded(op: str | None, target: Decimal | None, actual: Decimal | None, line: Decimal | None = None) -> bool:
    """Whether ``actual`` went past ``target`` by the over-achievement line (正向 ≥ 130%; 反向 ≤ 70%, as the advisor)."""
    if target is None or actual is None or target <= 0 or op == "qualitative":
        return False
    line = line if line is not None else default_framework_for("project").over_achievement.line
    # 反向: bettering the ceiling by the same margin counts alike (as the advisor does)
    return actual * 100 <= (200 - line) * target if _lower(op) else over_line(actual, target, line)


def _exceeded(figure: YearFigure, lower: bool, line: Decimal) -> bool:
    return far_exceeded("<=" if lower else ">=", figure.target, figure.actual, line)


def _history_checks(declared: Declared, history: list[YearFigure], line: Decimal,
                    profile: TargetProfile) -> tuple[list[Suggestion], Decimal | None, str | None]:
    found: list[Suggestion] = []
    unit = declared.unit or ""
    lower = _lower(declared.op)
    past = [h for h in history if declared.year is None or h.year < declared.year]
    advice = advise(declared.name, declared.op or ">=", [YearValue(year=h.year, target=h.target, actual=h.actual)
                                                         for h in past],
                    current_target=declared.target, unit=declared.unit, line=line)
    for warning in advice.warnings:
        kind: Kind = "below_last_actual" if warning.code == "target_below_last_actual" else "last_exceeded"
        found.append(Suggestion(kind=kind, label=KIND_LABELS[kind], message=warning.message))
    # repeatedly: the latest ``repeat_years`` years with a target and an actual were all exceeded
    known = sorted((h for h in past if h.target is not None and h.actual is not None), key=lambda h: h.year)
    recent = known[-profile.repeat_years:]
    if len(recent) >= profile.repeat_years and profile.repeat_years > 1 and all(_exceeded(h, lower, line) for h in recent):
        years = "、".join(f"{h.year}年 {plain(h.actual or Decimal(0))}/{plain(h.target or Decimal(0))}"
                         f"（{percent(completion(h.actual or Decimal(0), h.target or Decimal(1)))}）" for h in recent)
        found.append(Suggestion(
            kind="repeatedly_exceeded", label=KIND_LABELS["repeatedly_exceeded"],
            message=f"连续 {len(recent)} 年实际完成值达到指标值的 {plain(line)}% 以上（{years}），指标值一再设置偏低",
            basis=f"实际/指标值：{years}{unit and '（' + unit + '）'}"))
    return found, advice.proposed_target, advice.basis


def _peer_checks(declared: Declared, peers: PeerStats | None, profile: TargetProfile) -> list[Suggestion]:
    if peers is None or peers.count == 0 or declared.target is None or not _quantitative(declared.op):
        return []
    unit = declared.unit or ""
    sample = f"同类 {peers.count} 个{peers.noun}"
    if peers.count < profile.min_peers:
        return [Suggestion(kind="thin_peers", label=KIND_LABELS["thin_peers"],
                           message=f"{sample}，少于 {profile.min_peers} 个，同类比较仅供参考",
                           basis=f"{sample}中位数 {plain(peers.target_median or Decimal(0), unit)}")]
    lower = _lower(declared.op)
    bound = peers.target_q3 if lower else peers.target_q1
    if bound is None or (declared.target <= bound if lower else declared.target >= bound):
        return []
    where = "高于同类第三四分位数" if lower else "低于同类第一四分位数"
    basis = (f"{sample}指标值：第一四分位数 {plain(peers.target_q1 or Decimal(0), unit)}、中位数 "
             f"{plain(peers.target_median or Decimal(0), unit)}、第三四分位数 {plain(peers.target_q3 or Decimal(0), unit)}")
    return [Suggestion(kind="below_peers", label=KIND_LABELS["below_peers"],
                       message=f"指标值 {plain(declared.target, unit)} {where} {plain(bound, unit)}，"
                               f"{'高' if lower else '低'}于四分之三的同类", basis=basis)]


def _money_checks(declared: Declared, history: list[YearFigure], peers: PeerStats | None,
                  profile: TargetProfile) -> list[Suggestion]:
    found: list[Suggestion] = []
    if declared.target is None or not _quantitative(declared.op) or _lower(declared.op) or declared.unit == "%":
        return found
    unit = declared.unit or "单位"
    cost = cost_per_unit(declared.amount, declared.target)
    if (cost is not None and peers is not None and peers.cost_q3 is not None
            and peers.cost_count >= profile.min_peers and cost > peers.cost_q3 * profile.cost_over_q3):
        found.append(Suggestion(
            kind="cost_high", label=KIND_LABELS["cost_high"],
            message=f"单位成本 {unit_cost(cost)}/{unit}（{money(declared.amount or Decimal(0))} 万元 ÷ "
                    f"{plain(declared.target)}{unit}）高于同类第三四分位数 {unit_cost(peers.cost_q3)}/{unit}",
            basis=f"同类 {peers.cost_count} 个{peers.noun}单位成本中位数 {unit_cost(peers.cost_median or Decimal(0))}/{unit}"))
    past = [h for h in history if declared.year is None or h.year < declared.year]
    last = max((h for h in past if h.amount is not None and h.target is not None), key=lambda h: h.year, default=None)
    if (last is not None and last.amount and declared.amount is not None and last.target is not None
            and declared.amount * 100 > last.amount * (100 + profile.budget_rise_percent)
            and declared.target <= last.target):
        rise = ratio((declared.amount - last.amount) * 100, last.amount)
        found.append(Suggestion(
            kind="budget_rose", label=KIND_LABELS["budget_rose"],
            message=f"资金比上年（{last.year}年）增长 {percent(rise)}，超过 {plain(profile.budget_rise_percent)}%，"
                    f"指标值却未提高（{plain(last.target)} → {plain(declared.target)}{declared.unit or ''}）",
            basis=f"{last.year}年 {plain(last.amount)} 万元、指标值 {plain(last.target)}；本年 {plain(declared.amount)} 万元"))
    return found


def _quantifiability_checks(declared: Declared, history: list[YearFigure], profile: TargetProfile) -> list[Suggestion]:
    found: list[Suggestion] = []
    numbered = declared.quantity_available or any(h.actual is not None or h.target is not None for h in history)
    if not _quantitative(declared.op):
        if numbered:
            found.append(Suggestion(kind="qualitative_with_quantity", label=KIND_LABELS["qualitative_with_quantity"],
                                    message="该指标可以量化（指标库或历年数据有数值），却设为定性指标",
                                    basis="指标库计算符号为定量" if declared.quantity_available else "历年有数值指标值"))
    elif declared.op and not (declared.unit or "").strip():
        found.append(Suggestion(kind="no_unit", label=KIND_LABELS["no_unit"], message="定量指标未填计量单位"))
    if declared.scoring_standard is not None and not declared.scoring_standard.strip():
        found.append(Suggestion(kind="no_standard", label=KIND_LABELS["no_standard"], message="未写明评（扣）分标准"))
    words = f"{declared.level1 or ''}{declared.level2 or ''}{declared.name}"
    if any(w in words for w in profile.satisfaction_words):
        said = f"{declared.name}{declared.scoring_standard or ''}{declared.survey_method or ''}"
        if not any(w in said for w in profile.survey_words):
            found.append(Suggestion(kind="no_survey", label=KIND_LABELS["no_survey"],
                                    message="满意度指标未写明调查方式（如问卷调查、抽样回访）"))
    return found


def _basis_line(declared: Declared, history: list[YearFigure], peers: PeerStats | None, proposed: Decimal | None,
                profile: TargetProfile) -> str:
    parts: list[str] = []
    unit = declared.unit or ""
    actuals = [h for h in sorted(history, key=lambda h: h.year, reverse=True)
               if h.actual is not None and (declared.year is None or h.year < declared.year)][:profile.shown_years]
    if actuals:
        figures = "、".join(f"{plain(h.actual or Decimal(0))}" for h in actuals)
        years = "、".join(str(h.year) for h in actuals)
        span = f"近{chinese_number(len(actuals))}年" if len(actuals) > 1 else "上年"
        parts.append(f"{span}实际（{years}）{figures}{unit}")
    if peers is not None and peers.count and peers.target_median is not None:
        when = f"{peers.year}年" if peers.year is not None else ""
        parts.append(f"{when}同类 {peers.count} 个{peers.noun}指标值中位数 {plain(peers.target_median, unit)}"
                     + (f"、实际中位数 {plain(peers.actual_median, unit)}" if peers.actual_median is not None else ""))
    if proposed is not None and declared.op and _quantitative(declared.op):
        symbol = {">=": "≥", ">": "＞", "<=": "≤", "<": "＜", "=": "＝"}.get(declared.op, "")
        parts.append(f"建议目标 {symbol} {plain(proposed, unit)}")
    return "；".join(parts)


def check(declared: Declared, history: Iterable[YearFigure] = (), peers: PeerStats | None = None, *,
          profile: TargetProfile | None = None, line: Decimal | None = None) -> CheckResult:
    """Every check of one declared target, with its basis; the target itself is left as it is."""
    profile = profile or default_target_profile()
    line = line if line is not None else default_framework_for("project").over_achievement.line
    history = sorted(history, key=lambda h: h.year)
    result = CheckResult(name=declared.name, history=history, peers=peers)
    proposed, proposed_basis = None, None
    if _quantitative(declared.op):
        found, proposed, proposed_basis = _history_checks(declared, history, line, profile)
        result.suggestions += found
        result.suggestions += _peer_checks(declared, peers, profile)
        result.suggestions += _money_checks(declared, history, peers, profile)
        if (peers is not None and peers.count >= profile.min_peers and peers.target_median is not None
                and declared.target is not None):
            # the peers' median target is the 行业标准 candidate of the advisor
            with_peers = advise(declared.name, declared.op or ">=",
                                [YearValue(year=h.year, target=h.target, actual=h.actual) for h in history
                                 if declared.year is None or h.year < declared.year],
                                current_target=declared.target, industry=peers.target_median,
                                unit=declared.unit, line=line)
            proposed, proposed_basis = with_peers.proposed_target, with_peers.basis
    result.suggestions += _quantifiability_checks(declared, history, profile)
    if proposed is not None and declared.target is not None and proposed == declared.target:
        proposed, proposed_basis = None, None  # nothing more demanding to propose
    result.proposed_target, result.proposed_basis = proposed, proposed_basis
    result.basis = _basis_line(declared, history, peers, proposed, profile)
    return result
