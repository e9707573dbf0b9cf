"""绩效管理工作考核: each item's points from plain facts, every line explained, the 130% line from the framework."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.oversight.assessment import (
    AssessmentFacts,
    AssessmentFrameworkError,
    IndicatorFact,
    RectificationFact,
    Submission,
    WarningFact,
    assess_department,
    load_assessment_framework,
    rank,
    shipped_assessment_frameworks,
)
from jixiao.scoring import default_framework_for

SCORING = default_framework_for("department_overall")
ON = date(2023, 12, 31)


def _full() -> AssessmentFacts:
    return AssessmentFacts(
        department="甲", year=2022, declaration=Submission(date(2021, 12, 20)), goal_review_grade="优",
        monthly_entered={m: date(2022 + (m == 12), m % 12 + 1, 5) for m in range(1, 13)},
        warnings=[WarningFact(date(2022, 5, 14), date(2022, 5, 10))],
        self_evaluation=Submission(date(2023, 3, 1)),
        indicators=[IndicatorFact(">=", Decimal(100), Decimal(100 + i)) for i in range(10)],
        rectifications=[RectificationFact(date(2023, 6, 30), date(2023, 6, 1))], review_adjustments=None)


def _lines(result):
    return {line.key: line for line in result.lines}


def test_everything_on_time_scores_full_marks_and_each_line_says_why():
    framework = load_assessment_framework()
    result = assess_department(_full(), framework, on=ON, scoring=SCORING)
    assert result.total == Decimal(100) and result.grade == "优"
    lines = _lines(result)
    assert len(lines) == 8
    assert lines["monthly_on_time"].detail == "12 个月中按时填报 12 个"
    assert lines["review_adjustments"].detail == "本年度未被抽评"
    assert all(line.basis and line.detail for line in result.lines)


def test_late_missing_and_poor_facts_lose_points_as_the_framework_says():
    facts = _full()
    facts.declaration = Submission(date(2022, 1, 15))  # after 2021-12-31: half
    facts.goal_review_grade = "中"  # 60%
    del facts.monthly_entered[3]
    facts.monthly_entered[4] = date(2022, 5, 11)  # after the 10th
    facts.warnings.append(WarningFact(date(2022, 8, 12), None))
    facts.self_evaluation = None
    facts.rectifications.append(RectificationFact(date(2023, 6, 30), None))
    facts.review_adjustments = [Decimal("-3.5"), Decimal("1")]
    lines = _lines(assess_department(facts, load_assessment_framework(), on=ON, scoring=SCORING))
    assert lines["declaration_on_time"].score == Decimal(5)
    assert "晚于截止日期 2021-12-31" in lines["declaration_on_time"].detail
    assert lines["goal_review"].score == Decimal(9)
    assert lines["monthly_on_time"].score == Decimal("12.50")  # 10 of 12 × 15
    assert "逾期填报：4月" in lines["monthly_on_time"].detail and "未填报：3月" in lines["monthly_on_time"].detail
    assert lines["warnings_answered"].score == Decimal(5)
    assert lines["self_evaluation_on_time"].score == 0
    assert lines["rectification_on_time"].score == Decimal(5)
    assert lines["review_adjustments"].score == Decimal("6.50")
    assert "调减自评分 3.5 分" in lines["review_adjustments"].detail


def test_target_quality_counts_indicators_over_the_scoring_frameworks_line():
    facts = _full()
    line = SCORING.over_achievement.line  # 130
    # 3 of 10 at or above the line (30%): between 10% and 50% → 15 × (50 − 30) / 40 = 7.5
    facts.indicators = [IndicatorFact(">=", Decimal(100), line if i < 3 else Decimal(100)) for i in range(10)]
    target = _lines(assess_department(facts, load_assessment_framework(), on=ON, scoring=SCORING))["target_quality"]
    assert target.score == Decimal("7.50")
    assert "超额完成（≥130%）3 个，占 30%" in target.detail
    # just below the line does not count as over-achieved
    facts.indicators = [IndicatorFact(">=", Decimal(100), Decimal("129.99")) for _ in range(10)]
    assert _lines(assess_department(facts, load_assessment_framework(), on=ON, scoring=SCORING))[
        "target_quality"].score == Decimal(15)


def test_rectifications_not_yet_due_do_not_count():
    facts = _full()
    facts.rectifications = [RectificationFact(date(2024, 6, 30), None)]
    line = _lines(assess_department(facts, load_assessment_framework(), on=ON, scoring=SCORING))["rectification_on_time"]
    assert line.score == Decimal(10) and line.detail == "没有到期的整改事项"


def test_ranking_shares_places_on_equal_totals():
    framework = load_assessment_framework()
    a = assess_department(_full(), framework, on=ON, scoring=SCORING)
    b_facts = _full()
    b_facts.department = "乙"
    b = assess_department(b_facts, framework, on=ON, scoring=SCORING)
    c_facts = _full()
    c_facts.department, c_facts.self_evaluation = "丙", None
    c = assess_department(c_facts, framework, on=ON, scoring=SCORING)
    assert [(place, r.department) for place, r in rank([c, b, a])] == [(1, "乙"), (1, "甲"), (3, "丙")]


def test_frameworks_name_their_source_and_add_up(tmp_path: Path):
    for name in shipped_assessment_frameworks():
        framework = load_assessment_framework(name)
        assert "地方实践" in framework.source
    text = Path(shipped_assessment_frameworks()["assessment-local"]).read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("points = 10\nbasis = \"绩效目标", "points = 12\nbasis = \"绩效目标"), encoding="utf-8")
    with pytest.raises(AssessmentFrameworkError, match="各项分值合计 102"):
        load_assessment_framework(bad)
