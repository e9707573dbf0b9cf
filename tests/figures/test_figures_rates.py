"""The execution rate (预算执行率) and its points: one rounding, stated against computed."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jixiao.figures.rates import computed_rate, execution_points, execution_rate, execution_rate_from, share
from jixiao.figures.rounding import ratio, round_places
from jixiao.report import Budget

D = Decimal


def test_half_a_cent_rounds_up_not_to_even() -> None:
    # 123.45 / 200 = 61.725 %: banker's rounding (Decimal's default) would say 61.72
    assert computed_rate(D(200), D("123.45")) == D("61.73")
    assert round_places(D("0.125")) == D("0.13") and round_places(D("-0.125")) == D("-0.13")
    assert ratio(D(3), D(24)) == D("0.13")  # exactly 0.125


def test_no_rate_without_both_amounts_or_with_no_positive_total() -> None:
    assert computed_rate(None, D(1)) is None and computed_rate(D(1), None) is None
    assert computed_rate(D(0), D(1)) is None and computed_rate(D(-5), D(1)) is None


def test_stated_is_shown_and_computed_is_reckoned() -> None:
    rate = execution_rate(Budget(total=D("3663.27"), spent=D("2659.40"), execution_rate=D("75.6")))
    assert (rate.shown, rate.source, rate.source_label, rate.text) == (D("75.6"), "stated", "报告所述", "75.60%")
    assert (rate.computed, rate.reckoned, rate.reckoned_text) == (D("72.60"), D("72.60"), "72.60%")
    assert rate.points(D(10)) == D("7.26")  # from the amounts, as jixiao score reckons


def test_computed_when_not_stated_and_stated_when_the_amounts_are_missing() -> None:
    computed = execution_rate_from(D(200), D("123.45"), None)
    assert (computed.shown, computed.source_label, computed.text) == (D("61.73"), "系统计算", "61.73%")
    stated_only = execution_rate_from(None, None, D("88.5"))
    assert (stated_only.reckoned, stated_only.points(D(10))) == (D("88.5"), D("8.85"))
    nothing = execution_rate_from(None, D(5), None)
    assert (nothing.shown, nothing.source, nothing.text, nothing.points(D(10))) == (None, None, None, None)


def test_the_line_compares_the_shown_rate() -> None:
    rate = execution_rate_from(D(100), D("89.99"), None)
    assert rate.below(D(90)) and not rate.below(D("89.99")) and not rate.below(None)


def test_points_cap_at_the_weight_and_count_a_negative_spend_as_zero() -> None:
    assert execution_points(D(120), D(100), D(10)) == D("10.00")
    assert execution_points(D(-3), D(100), D(10)) == D("0.00")


def test_share_to_two_places() -> None:
    assert share(D("1461.15"), D("2659.40")) == D("54.94")
    assert share(D(1), D(0)) is None and share(None, D(1)) is None


@given(st.decimals(min_value=0, max_value=10**6, places=2), st.decimals(min_value="0.01", max_value=10**6, places=2))
def test_the_rate_is_the_exact_ratio_rounded_half_up_once(spent: Decimal, total: Decimal) -> None:
    rate = computed_rate(total, spent)
    assert rate is not None and rate.as_tuple().exponent == -2
    exact = spent * 100 / total  # 28 digits are plenty to bound the rounding error here
    assert abs(rate - exact) <= D("0.005")
    # half-up: the rate never lies below the exact value by half a cent
    assert rate - exact > D("-0.005")
