"""Budget figures a goal states (达到90%以上) are targets, not results."""

from __future__ import annotations

from decimal import Decimal

from jixiao.extract import extract_report


def test_a_goal_stating_an_execution_rate_is_not_a_second_stated_rate() -> None:
    text = (
        "广州市海珠区民政局2023年度部门整体支出绩效自评报告\n一、基本情况\n（一）部门整体支出绩效目标\n"
        "严格预算管理，预算执行率达到90%以上。力争项目支出执行率达到95%。\n"
        "（二）部门整体收支情况\n全年预算数1000.00万元，执行数930.00万元，预算执行率为93.00%。\n"
    )
    report = extract_report(text)
    assert report.budget.execution_rate == Decimal("93.00")
    assert report.conflicts == []
