"""The target checks on the 荔湾 seed's own numbers (≥200 期 → 432 期; ≥50 篇 → 103 篇) and on made-up peers."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from jixiao.indicators.checks import (
    Declared,
    PeerStats,
    YearFigure,
    check,
    cost_per_unit,
    peer_stats,
    quartiles,
)
from jixiao.indicators.profile import ProfileError, load_target_profile

SEED = Path("/work/shared/seeds/000_2b2e1b422b826717.txt")


def kinds(result):
    return [s.kind for s in result.suggestions]


def test_the_seed_states_the_liwan_figures():
    text = SEED.read_text(encoding="utf-8")
    assert "舆情日报数量 \\geq 200期" in text and "432期" in text
    assert "刊发量 \\geq 50篇" in text and "稿件103篇" in text


def test_liwan_2023_at_200_after_432_is_below_last_actual_and_gets_432_proposed():
    result = check(Declared(name="舆情日报数量", op=">=", target=D(200), unit="期", year=2023),
                   [YearFigure(year=2022, target=D(200), actual=D(432))])
    assert kinds(result) == ["below_last_actual", "last_exceeded"]
    assert "432" in result.suggestions[0].message and "216.00%" in result.suggestions[1].message
    assert result.proposed_target == D(432) and result.proposed_basis == "历史标准"
    assert result.basis == "上年实际（2022）432期；建议目标 ≥ 432期"
    assert result.low_target


def test_repeated_exceedance_needs_every_recent_year_over_the_line():
    history = [YearFigure(year=2021, target=D(50), actual=D(98)), YearFigure(year=2022, target=D(50), actual=D(103))]
    result = check(Declared(name="学习强国全国平台刊发量", op=">=", target=D(110), unit="篇", year=2023), history)
    # 110 is above last year's 103, so only the repeated exceedance of 50 篇 is said
    assert kinds(result) == ["last_exceeded", "repeatedly_exceeded"]
    assert "2021年 98/50（196.00%）" in result.suggestions[1].message
    once = check(Declared(name="x", op=">=", target=D(110), unit="篇", year=2023),
                 [YearFigure(year=2021, target=D(50), actual=D(60)), YearFigure(year=2022, target=D(50), actual=D(103))])
    assert "repeatedly_exceeded" not in kinds(once)  # 120% in 2021 is under the 130% line


def test_a_reverse_target_above_last_actual_is_flagged_and_one_below_is_not():
    history = [YearFigure(year=2022, target=D(10), actual=D(6))]
    assert "below_last_actual" in kinds(check(Declared(name="投诉件数", op="<=", target=D(8), unit="件", year=2023), history))
    assert "below_last_actual" not in kinds(check(Declared(name="投诉件数", op="<=", target=D(5), unit="件", year=2023), history))


def test_peers_below_first_quartile_with_count_and_a_thin_sample_only_shown():
    peers = peer_stats([D(v) for v in (300, 350, 380, 400, 420, 250, 500)], year=2022)
    assert (peers.target_q1, peers.target_median, peers.target_q3) == (D("325.00"), D("380.00"), D("410.00"))
    result = check(Declared(name="舆情日报数量", op=">=", target=D(200), unit="期", year=2023), [], peers)
    assert kinds(result) == ["below_peers"]
    assert "同类 7 个部门" in result.suggestions[0].basis and "325" in result.suggestions[0].message
    assert result.proposed_target == D("380.00") and result.proposed_basis == "行业标准"
    assert check(Declared(name="舆情日报数量", op=">=", target=D(330), unit="期"), [], peers).suggestions == []
    thin = check(Declared(name="舆情日报数量", op=">=", target=D(200), unit="期"), [], peer_stats([D(400), D(500)]))
    assert kinds(thin) == ["thin_peers"] and "同类 2 个部门" in thin.suggestions[0].message
    assert thin.proposed_target is None  # a thin sample proposes nothing


def test_cost_per_unit_against_peers_and_a_budget_that_rose_while_the_target_stood():
    peers = PeerStats(count=6, target_q1=D(300), target_median=D(380), target_q3=D(410),
                      cost_count=6, cost_q1=D("0.05"), cost_median=D("0.08"), cost_q3=D("0.1"))
    assert cost_per_unit(D(60), D(200)) == D("0.3000") and cost_per_unit(D(60), D(0)) is None
    declared = Declared(name="舆情日报数量", op=">=", target=D(400), unit="期", year=2023, amount=D(60))
    history = [YearFigure(year=2022, target=D(400), actual=D(395), amount=D(40))]
    assert kinds(check(declared, history, peers)) == ["cost_high", "budget_rose"]
    cheap = declared.model_copy(update={"amount": D(16), "target": D(420)})
    assert kinds(check(cheap, history, peers)) == []  # 0.038 万元/期, and the target rose


def test_quantifiability():
    assert kinds(check(Declared(name="宣传覆盖面", op="qualitative", quantity_available=True))) == ["qualitative_with_quantity"]
    assert kinds(check(Declared(name="宣传覆盖面", op="qualitative"))) == []
    assert kinds(check(Declared(name="宣传次数", op=">=", target=D(5)))) == ["no_unit"]
    assert kinds(check(Declared(name="宣传次数", op=">=", target=D(5), unit="次", scoring_standard=""))) == ["no_standard"]
    assert kinds(check(Declared(name="宣传次数", op=">=", target=D(5), unit="次", scoring_standard=None))) == []
    satisfied = Declared(name="市民对文明城市建设满意度", op=">=", target=D(85), unit="%", level1="满意度指标")
    assert kinds(check(satisfied)) == ["no_survey"]
    assert kinds(check(satisfied.model_copy(update={"survey_method": "问卷调查，样本不少于300份"}))) == []


def test_quartiles_and_profile():
    assert quartiles([]) is None
    assert quartiles([D(1)]) == (D(1), D(1), D(1))
    assert quartiles([D(1), D(2), D(3), D(4)]) == (D("1.75"), D("2.50"), D("3.25"))
    profile = load_target_profile()
    assert profile.repeat_years == 2 and profile.min_peers == 5 and "history" in profile.sources
    with pytest.raises(ProfileError, match="找不到"):
        load_target_profile("nope")
