"""Number wording (数字格式): one formatter for each kind of figure."""

from __future__ import annotations

from decimal import Decimal

from jixiao.figures.format import chinese_number, money, percent, plain, points, score, stated
from jixiao.figures.labels import LABELS, NATURES, SOURCES, label
from jixiao.report import Budget

D = Decimal


def test_money_rates_scores() -> None:
    assert money(D("2659.4")) == "2659.40" and money(D("0.005")) == "0.01" and money(None) is None
    assert money(D("3663.27"), grouped=True) == "3,663.27"
    assert percent(D("72.6")) == "72.60%" and percent(D("61.725")) == "61.73%" and percent(None) is None
    assert score(D("99.24")) == "99.24" and score(D(10)) == "10.00"
    assert points(D("-12.5")) == "-12.50"


def test_quantities_as_stated() -> None:
    assert plain(D("200")) == "200" and plain(D("1E+2")) == "100" and plain(D("0.50")) == "0.5"
    assert plain(D("432"), "期") == "432期"
    assert stated(None, ">=", D(200), "期") == "≥200期" and stated(None, None, D(432), "期") == "432期"
    assert stated("≥200期（全年）", ">=", D(200), "期") == "≥200期（全年）" and stated(None, ">=", None, "期") == ""


def test_chinese_numbers() -> None:
    assert [chinese_number(n) for n in (1, 10, 12, 20, 23, 101)] == ["一", "十", "十二", "二十", "二十三", "一百零一"]


def test_every_budget_figure_has_a_label() -> None:
    budget = Budget()
    for name, _ in budget:
        if name in ("by_source", "by_nature", "monthly"):
            continue
        assert f"budget.{name}" in LABELS
    assert list(SOURCES) == [name for name, _ in budget.by_source]
    assert list(NATURES) == [name for name, _ in budget.by_nature]
    assert label("budget.by_source.other") == "其他资金" and label("nowhere") == "nowhere"
