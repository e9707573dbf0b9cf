"""Framework files: the shipped ones load, and every broken rule is a one-line error naming the file."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.errors import JixiaoError
from jixiao.scoring import FrameworkError, default_framework_for, load_framework
from jixiao.scoring.framework import shipped_frameworks


def test_shipped_frameworks_state_name_version_source_and_weights() -> None:
    tenhao = load_framework("caiyu-2020-10")
    assert [(p.name, p.weight) for p in tenhao.parts] == [
        ("预算执行率", 10), ("产出指标", 50), ("效益指标", 30), ("满意度指标", 10)]
    assert "财预〔2020〕10号" in tenhao.source and tenhao.version
    department = default_framework_for("department_overall")
    assert department.replaceable and "替换" in department.source
    assert {f for f in shipped_frameworks()} >= {"caiyu-2020-10", "department-overall-t1"}


def test_a_framework_loads_from_a_path(framework_file: Callable[[Callable[[str], str]], Path]) -> None:
    path = framework_file(lambda t: t.replace('version = "2020.1"', 'version = "川-2023"'))
    assert load_framework(str(path)).version == "川-2023"
    assert issubclass(FrameworkError, JixiaoError)


EDITS: list[tuple[str, Callable[[str], str], str]] = [
    ("parts not summing to the total", lambda t: t.replace("weight = 50", "weight = 40"), "一级指标权重合计 90"),
    ("total not 100", lambda t: t.replace("total = 100", "total = 90"), "总分应为 100"),
    ("children not rolling up", lambda t: t.replace(
        'aliases = ["产出", "产出指标"]',
        'aliases = ["产出", "产出指标"]\nchildren = [{name = "数量指标", weight = 20}, {name = "质量指标", weight = 20}]'),
     "二级指标权重合计 40，不等于其权重 50"),
    ("quantitative indicator without a unit", lambda t: t.replace(
        'aliases = ["产出", "产出指标"]',
        'aliases = ["产出", "产出指标"]\nindicators = [{name = "三公经费控制率", op = "<=", target = 100, weight = 5}]'),
     "定量指标 三公经费控制率 缺少计量单位"),
    ("grades out of order", lambda t: t.replace("min = 80", "min = 95"), "从高到低"),
    ("not TOML", lambda t: t + "\n[[[", "不是有效的 TOML"),
    ("missing source", lambda t: t.replace("source = ", "origin = "), "缺少 source"),
    ("weight not a number", lambda t: t.replace("weight = 30", 'weight = "三十"'), "效益指标 的权重 应为数字"),
]


@pytest.mark.parametrize(("case", "edit", "message"), EDITS, ids=[e[0] for e in EDITS])
def test_broken_framework_is_a_one_line_error_naming_the_file(
    framework_file: Callable[[Callable[[str], str]], Path], case: str, edit: Callable[[str], str], message: str
) -> None:
    path = framework_file(edit)
    with pytest.raises(FrameworkError) as caught:
        load_framework(str(path))
    text = str(caught.value)
    assert str(path) in text and message in text
    assert "\n" not in text


def test_unknown_name_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError, match="没有这个评分框架"):
        load_framework("no-such-framework")
    with pytest.raises(FrameworkError, match="文件不存在"):
        load_framework(str(tmp_path / "gone.toml"))


def test_children_that_roll_up_are_accepted(framework_file: Callable[[Callable[[str], str]], Path]) -> None:
    path = framework_file(lambda t: t.replace(
        'aliases = ["产出", "产出指标"]',
        'aliases = ["产出", "产出指标"]\nchildren = [{name = "数量指标", weight = 30}, {name = "质量指标", weight = 20}]'))
    assert sum(c.weight for c in load_framework(str(path)).part("产出指标").children) == Decimal(50)
