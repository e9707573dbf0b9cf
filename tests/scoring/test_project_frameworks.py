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


def test_execution_20_variant_gives_the_corpus_forms_own_execution_points() -> None:
    """The 云南 昌宁县 2022 自评表 (corpus 142) scores 预算执行 as 20分 × 执行率 = 4; so does execution-20-project."""
    from pathlib import Path

    from fixtures.corpus import default_folder
    from jixiao.importer import import_file

    assert _weights("execution-20-project") == {"预算执行率": 20, "产出指标": 40, "效益指标": 30, "满意度指标": 10}
    assert "local practice" in load_framework("execution-20-project").source
    folder = default_folder()
    if folder is None:
        pytest.skip("没有找到真实报告语料")
    report = import_file(Path(folder) / "142.txt").report
    assert report is not None
    execution = score_project(report, framework="execution-20-project").items[0]
    assert (execution.weight, execution.score) == (20, Decimal("4.00"))
    assert "低于 90%" in execution.reason
