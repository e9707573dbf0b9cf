"""Met / over-achieved / owes a reason (达成 / 超额 / 需说明偏差原因): the one rule and where it changed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.figures.achievement import assess, assess_indicator, is_qualitative, over_line
from jixiao.report import Indicator, PerformanceReport
from jixiao.scoring import default_framework_for, load_framework, score_report
from jixiao.scoring.framework import shipped_frameworks

D = Decimal
FRAMEWORK = default_framework_for("department_overall")


@pytest.mark.parametrize(("op", "target", "actual", "status"), [
    (">=", "200", "199", "unmet"), (">=", "200", "200", "met"), (">=", "200", "259.99", "met"),
    (">=", "200", "260", "over"), (">", "200", "200", "met"), ("<=", "6", "6", "met"), ("<=", "6", "6.2", "unmet"),
    ("<", "6", "6", "met"), ("=", "0", "0", "met"), ("=", "0", "1", "unmet"), ("=", "79", "80", "met"),
    ("=", "79", "78", "unmet"), ("=", "100", "130", "over"), (None, "10", "13", "over"), ("<=", "5", "20", "unmet"),
    (">=", "0", "5", "met"), (">=", "10", "-1", "unmet"),
])
def test_status_by_operator(op: str | None, target: str, actual: str, status: str) -> None:
    assert assess(op, D(target), D(actual), None, FRAMEWORK).status == status


def test_reasons_are_owed_where_unmet_or_over_the_line() -> None:
    assert assess(">=", D(100), D(99), None, FRAMEWORK).reason_required == "未完成指标值"
    assert assess(">=", D(100), D(130), None, FRAMEWORK).reason_required == "实际完成值达到指标值的 130% 及以上"
    assert assess(">=", D(100), D(129), None, FRAMEWORK).reason_required is None
    assert assess(">=", D(100), None, None, FRAMEWORK).status == "unreported"


def test_the_line_is_the_frameworks(tmp_path) -> None:
    text = shipped_frameworks()["department-overall-t1"].read_text(encoding="utf-8")
    (tmp_path / "p.toml").write_text(text.replace("line = 130", "line = 150"), encoding="utf-8")
    province = load_framework(tmp_path / "p.toml")
    assert assess(">=", D(100), D(140), None, FRAMEWORK).status == "over"
    assert assess(">=", D(100), D(140), None, province).status == "met"
    assert over_line(D(150), D(100), D(150)) and not over_line(D(150), D(0), D(150))


def test_qualitative_levels_and_words() -> None:
    def status(text: str | None) -> str:
        return assess("qualitative", None, None, text, FRAMEWORK).status

    assert status("达成年度指标") == "met"
    assert status("部分达成年度指标") == "unmet" and status("未达成") == "unmet"
    assert status("已完成") == "met" and status("未完成") == "unmet" and status("部分完成") == "unmet"
    assert status(None) == "unreported"
    level = assess("qualitative", None, None, "部分达成", FRAMEWORK)
    assert (level.level, level.reason_required) == ("部分达成", "定性指标为“部分达成”，未达到“达成”")
    assert is_qualitative(None, None, None, "较好") and not is_qualitative(None, D(1), None, "较好")


def test_the_engine_scores_what_the_rule_says() -> None:
    """Full marks exactly where the rule says met; the over flag exactly where it says over."""
    cases = [(">=", "200", "199"), (">=", "200", "260"), (">", "200", "200"), ("<=", "6", "6.2"), ("<", "6", "6"),
             ("=", "0", "1"), ("=", "79", "80"), ("=", "100", "130"), (">=", "10", "-1")]
    indicators = [Indicator(name=f"指标{i}", level1="产出指标", op=op, target=D(t), actual=D(a), unit="个", weight=D(10))
                  for i, (op, t, a) in enumerate(cases)]
    result = score_report(PerformanceReport(indicators=indicators), FRAMEWORK)
    for indicator, item in zip(indicators, [i for i in result.items if i.op != "execution_rate"], strict=True):
        achieved = assess_indicator(indicator, FRAMEWORK)
        assert (item.score == item.weight) == achieved.reached, indicator
        assert ("over_achievement" in item.flags) == (achieved.status == "over"), indicator
