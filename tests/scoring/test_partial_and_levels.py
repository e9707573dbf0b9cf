"""A score is a total only when every part of the framework was scored; 二级指标 named from the framework."""

from __future__ import annotations

from decimal import Decimal

from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.importer import import_file
from jixiao.report import Indicator, PerformanceReport
from jixiao.scoring import default_framework_for, load_framework, score_report
from jixiao.scoring.apply import with_scores


def test_a_report_without_indicators_cannot_be_scored(seed_001) -> None:
    report = import_file(seed_001.text_path).report
    result = score_report(report)
    assert result.total == Decimal("9.23")  # the 预算执行率 part alone
    assert not result.complete and not result.scorable
    assert result.uncounted == ["产出指标", "效益指标", "满意度指标"]
    assert result.summary().startswith("无法评分：报告未列绩效指标") and "不是总分" in result.summary()
    assert result.to_json_data()["complete"] is False
    scored = with_scores(report, result)
    assert scored.evaluation.score == Decimal("99.24") and scored.evaluation.grade == "优"  # the report's own


def test_jixiao_score_does_not_answer_a_partial_total(seed_001, tmp_path) -> None:
    path = tmp_path / "zc.json"
    path.write_text(import_file(seed_001.text_path).report.to_json(), encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "总分 9.23" not in result.stdout and "等级 差" not in result.stdout
    assert "无法评分" in result.stdout and "报告自评分 99.24" in result.stdout


def test_stated_weights_with_an_empty_part_give_a_partial_score() -> None:
    report = PerformanceReport(kind="project", budget={"total": 100, "spent": 100}, indicators=[
        Indicator(name="培训人次", level1="产出指标", op=">=", target=100, actual=120, unit="人次", weight=50),
        Indicator(name="带动就业人数", level1="效益指标", op=">=", target=10, actual=10, unit="人", weight=30),
    ])
    result = score_report(report, load_framework("caiyu-2020-10"))
    assert result.uncounted == ["满意度指标"] and result.scorable and not result.complete
    assert result.summary().startswith("部分得分 90.00（满意度指标未列指标")
    assert with_scores(report, result).evaluation.score is None  # a partial sum is never the total


def test_a_complete_report_is_a_total(seed_000) -> None:
    result = score_report(import_file(seed_000.text_path).report)
    assert result.complete and result.summary() == "总分 57.26，等级 差"


def test_second_levels_are_named_from_the_framework(seed_000) -> None:
    report = import_file(seed_000.text_path).report
    assert all(indicator.level2 is None for indicator in report.indicators)
    items = [item for item in score_report(report).items if item.op != "execution_rate"]
    assert [item.level2 for item in items] == ["数量指标", "数量指标", "数量指标", "质量指标", "社会效益", "服务对象满意度指标"]
    assert "二级指标由名称推断：名称含“数量”" in items[0].reason
    assert "唯一的二级指标" in items[5].reason


def test_a_stated_second_level_is_kept_and_nothing_is_guessed_without_a_keyword() -> None:
    framework = default_framework_for("department_overall")
    report = PerformanceReport(indicators=[
        Indicator(name="舆情日报数量", level2="时效指标", op=">=", target=1, actual=1, unit="期"),
        Indicator(name="群众获得感", level1="效益指标", op="qualitative", actual_text="达成"),
        Indicator(name="综合评价", op="qualitative", actual_text="达成"),
    ])
    items = {item.name: item for item in score_report(report, framework).items}
    assert items["舆情日报数量"].level2 == "时效指标"  # stated: kept
    assert items["群众获得感"].level2 == "社会效益"  # 群众 → 社会效益
    assert items["综合评价"].level1 == "产出指标" and items["综合评价"].level2 is None  # no keyword: left empty
