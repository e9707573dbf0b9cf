"""The same amount stated at two precisions is no contradiction (同一金额的两种精度): 14280元 and 1.43万元."""

from __future__ import annotations

from decimal import Decimal

from jixiao.extract import extract_report
from jixiao.extract.facts import _distinct


def test_the_finer_value_is_kept() -> None:
    assert _distinct([Decimal("1.43"), Decimal("1.4280")]) == [Decimal("1.4280")]
    assert _distinct([Decimal("1.4280"), Decimal("1.43")]) == [Decimal("1.4280")]


def test_real_differences_stay_conflicts() -> None:
    assert _distinct([Decimal("1.42"), Decimal("1.4280")]) == [Decimal("1.42"), Decimal("1.4280")]
    # one place against two is not the cent rule: 808.1 and 808.14 may be a contradiction
    assert _distinct([Decimal("808.1"), Decimal("808.14")]) == [Decimal("808.1"), Decimal("808.14")]
    assert _distinct([Decimal("72.60"), Decimal("72.6")]) == [Decimal("72.60")]


def test_yuan_and_wan_yuan_of_one_amount_read_as_one() -> None:
    text = ("XX镇2021年度项目支出绩效自评报告\n一、项目资金使用情况\n已兑现救助资金14280元。\n"
            "全年执行数1.43万元。\n")
    report = extract_report(text)
    assert report.budget.spent == Decimal("1.428")
    assert not [c for c in report.conflicts if c.path == "budget.spent"]
