"""Project reports and 项目支出绩效自评表 of the real-report corpus (真实报告语料): kind, project, figures.

Every corpus item whose gold is a project report (``kind: project``) or a table (``kind: table``)
is imported from ``../shared/corpus`` by path and must come out with its kind (a 自评表 as
``form: table``), the project it evaluates where the text names one project, and every figure
the gold states; nothing the gold leaves ``null`` may be invented. A report over all of a unit's
projects (``…项目支出绩效自评报告`` listing 2, 4, 14 or 35 of them) names no single project and
must not be given one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.corpus import FIGURES, GoldCase, default_folder, figure_state, identity_right, load_cases
from jixiao.importer import import_file

# the project each text names (its title or its 项目名称 row); None: the report covers several projects
PROJECT_NAMES: dict[str, str | None] = {
    "128": "教育专项工作经费",
    "130": None,  # 14 个中央、市级转移支付项目
    "132": None,  # 4 个项目
    "134": "2021年城乡临时救助备用金",
    "135": "困难群众救助补助专项转移支付资金",
    "137": "南宁市困难大学新生入学补助项目",
    "138": None,  # 2 个项目
    "139": None,  # 2 个项目
    "141": None,  # 35 个项目的自评情况
    "142": "昌宁县昌龙鸿运牧业专业合作社生猪养殖场建设项目",
    "146": "就业补助资金",
}


def _project_cases() -> list[GoldCase]:
    folder = default_folder()
    if folder is None:
        return []
    return [case for case in load_cases(Path(folder)) if case.gold.get("kind") in ("project", "table")]


CASES = _project_cases()


@pytest.mark.skipif(not CASES, reason="没有找到真实报告语料（../shared/corpus 或 $JIXIAO_CORPUS）")
def test_the_corpus_has_the_project_items() -> None:
    assert {case.id for case in CASES if case.gold["kind"] == "project"} <= set(PROJECT_NAMES)
    assert len(CASES) >= 13


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_project_item_imports_with_kind_project_and_figures(case: GoldCase) -> None:
    result = import_file(case.text_path)
    assert result.ok, result.error
    report = result.report
    assert identity_right("kind", case.gold, report), (report.kind, report.form)
    for name in ("department", "region", "year"):
        assert identity_right(name, case.gold, report), (name, getattr(report, name))
    if case.id in PROJECT_NAMES:
        assert report.kind == "project"
        assert report.project is not None
        assert report.project.name == PROJECT_NAMES[case.id]
    for gold_name, (path, tolerance) in FIGURES.items():
        value = report
        for part in path.split("."):
            value = getattr(value, part)
        state = figure_state(case.gold.get(gold_name), value, tolerance)
        assert state in ("right", "absent"), (gold_name, case.gold.get(gold_name), value)


def test_transfer_form_goal_row_is_read() -> None:
    """The 转移支付 自评表 (piped HTML export): 总体目标 | 全年实际完成情况 gives the goal and its completion."""
    case = next((case for case in CASES if case.id == "146"), None)
    if case is None:
        pytest.skip("语料中没有 146")
    report = import_file(case.text_path).report
    assert report is not None and len(report.goals) == 1
    goal = report.goals[0]
    assert goal.text.startswith("落实各项就业创业扶持政策") and goal.actual is not None
    assert goal.actual.startswith("各项就业创业工作指标均按要求完成")
