"""A 自评表 whose 执行率 | 权重 | 得分 cells were glued together (DOCX → text): the rate is read only when its split checks."""

from __future__ import annotations

from decimal import Decimal

from jixiao.extract import extract_report
from jixiao.extract.glued_rates import _splits

HEAD = "XX区水务局2023年度部门整体绩效自评表\n年初预算数全年(调整)预算数全年执行数执行率执行率权重执行率得分年度总金额"


def test_the_one_split_that_checks_is_read() -> None:
    # 执行数 …5, then 79.27 | 10 | 7.93 (7.93 = 10 × 79.27%)
    report = extract_report(HEAD + ".32.06.579.27107.93年初绩效目标")
    assert report.budget.execution_rate == Decimal("79.27")
    # 95 | 20 | 19 glued after an amount
    report = extract_report(HEAD + "120.50114.48952019年初绩效目标")
    assert report.budget.execution_rate == Decimal("95")


def test_no_split_no_rate() -> None:
    # no reading gives 得分 = 权重 × 执行率: nothing is read
    assert extract_report(HEAD + ".32.06.579.27108.93年初绩效目标").budget.execution_rate is None
    # without the glued header a run of digits is never split
    assert extract_report("XX局2023年度部门整体绩效自评表\n执行率得分 579.27107.93").budget.execution_rate is None


def test_every_split_is_checked() -> None:
    assert {rate for rate, _, _ in _splits("579.27107.93")} == {Decimal("79.27")}
    assert _splits("123456789") == [] or all(rate <= 100 for rate, _, _ in _splits("123456789"))
