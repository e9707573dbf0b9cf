"""Scoring a project (项目支出) by the 10号 framework and by a local variant, every point explained."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao import synthetic
from jixiao.render.pdf import RenderError
from jixiao.render.project import project_framework, score_project
from jixiao.scoring import default_framework_for, load_framework


def _weights(framework_name: str) -> dict[str, Decimal]:
    return {part.name: part.weight for part in load_framework(framework_name).parts}


def test_tenhao_and_sichuan_weights_with_their_sources() -> None:
    assert _weights("caiyu-2020-10") == {"预算执行率": 10, "产出指标": 50, "效益指标": 30, "满意度指标": 10}
    assert _weights("sichuan-2023-project") == {"预算执行率": 10, "产出指标": 60, "效益指标": 30}
    sichuan = load_framework("sichuan-2023-project")
    assert "四川" in sichuan.source and sichuan.default_for is None
    assert default_framework_for("project").name == "caiyu-2020-10" == project_framework(None).name


def test_execution_rate_points_follow_the_formula() -> None:
    report = synthetic.project_report(3, 2024)
    result = score_project(report)
    execution = next(item for item in result.items if item.op == "execution_rate")
    budget = report.budget
    expected = (10 * budget.spent / budget.total).quantize(Decimal("0.01"))
    assert execution.weight == 10 and execution.score == expected
    assert "预算执行率" in execution.reason


def test_every_point_is_explained_and_adds_up() -> None:
    report = synthetic.project_report(11, 2023)
    for name in ("caiyu-2020-10", "sichuan-2023-project"):
        result = score_project(report, framework=name)
        assert result.complete
        assert sum(item.score for item in result.items) == result.total
        assert all(item.reason and item.lost == item.weight - item.score for item in result.items)
        unmet = next(item for item in result.items if item.name.endswith("按时完成率"))
        assert unmet.lost > 0 and "未完成" in unmet.reason


def test_without_stated_weights_the_framework_splits_its_parts() -> None:
    report = synthetic.project_report(3, 2024)
    for indicator in report.indicators:
        indicator.weight = None
    for name, parts in (("caiyu-2020-10", {"产出指标": 50, "效益指标": 30, "满意度指标": 10}),
                        ("sichuan-2023-project", {"产出指标": 60, "效益指标": 30})):
        result = score_project(report, framework=name)
        sums: dict[str, Decimal] = {}
        for item in result.items:
            if item.op != "execution_rate":
                sums[item.level1] = sums.get(item.level1, Decimal(0)) + item.weight
        assert sums == parts, name
        assert sum(item.weight for item in result.items) == 100


def test_a_department_report_is_not_scored_as_a_project() -> None:
    with pytest.raises(RenderError):
        score_project(synthetic.report(7, 2023))
