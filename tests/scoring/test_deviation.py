"""Which indicators owe a 偏差原因分析: decided from the engine's own flags (domain.md §1.7)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.report import Indicator, PerformanceReport
from jixiao.scoring import assess_indicators, default_framework_for, missing_reasons, qualitative_levels


def _report(*indicators: Indicator) -> PerformanceReport:
    return PerformanceReport(department="测试部门", year=2022, kind="department_overall", indicators=list(indicators))


def _ind(name: str, op: str | None, target: str | None, actual: str | None, **extra: object) -> Indicator:
    return Indicator.model_validate({"name": name, "level1": "产出指标", "op": op, "unit": "个",
                                     "target": target, "actual": actual, **extra})


def test_unmet_and_over_the_line_need_a_reason_met_does_not() -> None:
    report = _report(
        _ind("正向未完成", ">=", "100", "99.99"),
        _ind("正向完成", ">=", "100", "129.99"),
        _ind("正向刚到130%", ">=", "100", "130"),
        _ind("反向超出", "<=", "5", "5.01"),
        _ind("反向控制内", "<=", "5", "5"),
        _ind("等于为零未达", "=", "0", "1"),
        _ind("未填实际值", ">=", "10", None),
    )
    why = [a.reason_required for a in assess_indicators(report)]
    assert why[0] == "未完成指标值"
    assert why[1] is None
    assert why[2] == "实际完成值达到指标值的 130% 及以上"
    assert why[3] == "未完成指标值"
    assert why[4] is None
    assert why[5] == "未完成指标值"
    assert why[6] is None  # nothing to compare: the review's targets.no_actual reports it


def test_qualitative_below_the_top_level_needs_a_reason() -> None:
    levels = qualitative_levels(default_framework_for("department_overall"))
    assert levels == ["达成", "部分达成", "未达成"]
    report = _report(
        _ind("定性达成", "qualitative", None, None, actual_text="达成年度指标"),
        _ind("定性部分达成", "qualitative", None, None, actual_text="部分达成年度指标"),
        _ind("定性未填", "qualitative", None, None),
    )
    assessed = assess_indicators(report)
    assert [a.kind for a in assessed] == ["qualitative"] * 3
    assert [a.level for a in assessed] == ["达成", "部分达成", None]
    assert [a.reason_required is not None for a in assessed] == [False, True, False]


def test_missing_reasons_names_the_indicator_and_accepts_a_written_one() -> None:
    report = _report(_ind("培训人次", ">=", "1500", "1200"), _ind("宣传场次", ">=", "10", "8",
                                                                 deviation_reason="疫情影响，改为线上。"))
    assert missing_reasons(report) == {0: "指标“培训人次”未完成指标值，须填写偏差原因分析"}


def test_the_order_is_the_reports_even_when_parts_reorder_items() -> None:
    report = _report(
        Indicator(name="服务对象满意度", level1="满意度指标", op=">=", target=Decimal(90), actual=Decimal(80), unit="%"),
        _ind("产出一", ">=", "10", "10"),
    )
    assessed = assess_indicators(report)
    assert [(a.index, a.item.name) for a in assessed] == [(0, "服务对象满意度"), (1, "产出一")]
    assert assessed[0].reason_required == "未完成指标值"
