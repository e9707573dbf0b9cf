"""Declaration checks (绩效目标申报校验) and the review scheme (目标审核方案) of the core."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao import synthetic
from jixiao.declaration import (
    SchemeError,
    blocking,
    check_declaration,
    load_declaration_rules,
    load_review_scheme,
)
from jixiao.report import Budget, ByNature, Goal, Indicator


def _valid() -> tuple[list[Goal], list[Indicator]]:
    report = synthetic.report(0, 2022)
    return report.goals, report.indicators


def _codes(problems) -> set[str]:
    return {p.code for p in problems}


def ind(**values) -> Indicator:
    base = {"name": "培训人次", "level1": "产出指标", "level2": "数量指标", "op": ">=", "target": Decimal(100),
            "unit": "人次", "weight": Decimal(50)}
    return Indicator.model_validate({**base, **values})


def test_a_well_formed_declaration_has_no_blocking_problem() -> None:
    goals, indicators = _valid()
    assert blocking(check_declaration(goals, indicators)) == []


def test_missing_unit_is_blocking_and_names_the_row_through_the_review_rule() -> None:
    goals, indicators = _valid()
    indicators[2] = indicators[2].model_copy(update={"unit": None})
    problems = blocking(check_declaration(goals, indicators))
    assert [(p.code, p.indicator) for p in problems] == [("targets.unquantified", 2)]
    assert "缺少计量单位" in problems[0].message and indicators[2].name in problems[0].message


def test_missing_target_of_a_quantitative_indicator_is_blocking() -> None:
    goals, indicators = _valid()
    indicators[0] = indicators[0].model_copy(update={"target": None})
    problems = blocking(check_declaration(goals, indicators))
    assert any(p.code == "targets.unquantified" and p.indicator == 0 and "指标值" in p.message for p in problems)


def test_weights_must_roll_up_to_the_framework_parts() -> None:
    goals, indicators = _valid()
    indicators[0] = indicators[0].model_copy(update={"weight": Decimal("5")})
    problems = blocking(check_declaration(goals, indicators))
    assert [p.code for p in problems] == ["weights.part"]
    assert "产出指标" in problems[0].message and "应等于50" in problems[0].message


def test_each_part_needs_an_indicator_and_at_least_three_in_all() -> None:
    problems = check_declaration([Goal(text="完成培训")], [ind(weight=Decimal(90))])
    codes = [p.code for p in blocking(problems)]
    assert codes.count("indicators.part_missing") == 2 and "indicators.count" in codes


def test_without_satisfaction_its_weight_moves_to_output_when_the_rules_allow() -> None:
    rules = load_declaration_rules()
    relaxed = rules.model_copy(update={"required_parts": tuple(
        r.model_copy(update={"blocking": r.part != "满意度指标"}) for r in rules.required_parts)})
    indicators = [ind(weight=Decimal(30)), ind(name="验收合格率", level2="质量指标", unit="%", weight=Decimal(30)),
                  ind(name="政策知晓率", level1="效益指标", level2="社会效益", unit="%", weight=Decimal(30))]
    problems = check_declaration([Goal(text="完成培训")], indicators, rules=relaxed)
    assert blocking(problems) == []
    assert "indicators.part_missing" in _codes(problems)  # still a warning


def test_qualitative_allowed_but_flagged_and_needs_a_stated_level() -> None:
    goals, indicators = _valid()
    indicators[6] = indicators[6].model_copy(update={"op": "qualitative", "target": None, "unit": None,
                                                      "target_text": None})
    problems = check_declaration(goals, indicators)
    assert blocking(problems)[0].code == "indicator.qualitative_value"
    indicators[6] = indicators[6].model_copy(update={"target_text": "效果明显"})
    problems = check_declaration(goals, indicators)
    assert blocking(problems) == []
    assert [p.indicator for p in problems if p.code == "indicator.qualitative"] == [6]


def test_unknown_level1_missing_op_and_weight_are_blocking() -> None:
    goals, indicators = _valid()
    indicators[1] = indicators[1].model_copy(update={"level1": "投入指标", "op": None, "weight": None})
    codes = _codes(blocking(check_declaration(goals, indicators)))
    assert {"indicator.level1", "indicator.op", "indicator.weight"} <= codes
    assert "targets.unquantified" not in codes  # the missing operator is said once


def test_inputs_are_not_goals_and_budget_split_is_checked_as_warnings() -> None:
    goals, indicators = _valid()
    indicators[0] = indicators[0].model_copy(update={"name": "项目资金到位金额"})
    budget = Budget(initial=Decimal(100), by_nature=ByNature(basic=Decimal(40), project=Decimal(50)))
    problems = check_declaration(goals, indicators, budget)
    assert blocking(problems) == []
    assert {"indicator.input", "budget.by_nature"} <= _codes(problems)


def test_no_goal_text_is_blocking_and_vague_goals_reuse_the_review_rule() -> None:
    _goals, indicators = _valid()
    assert "goals.missing" in _codes(blocking(check_declaration([Goal(text=" ")], indicators)))
    vague = [i.model_copy(update={"target": None}) for i in indicators]
    problems = check_declaration([Goal(text="坚定文化自信")], vague)
    assert "targets.qualitative_goal" in _codes(problems)


def test_review_scheme_of_88_hao() -> None:
    scheme = load_review_scheme()
    assert "88号" in scheme.source
    assert [d.name for d in scheme.dimensions] == ["完整性", "相关性", "适当性", "可行性"]
    assert {g.grade: (g.consequence, g.decision) for g in scheme.grades} == {
        "优": ("进入预算安排", "approve"), "良": ("部门修改后进入", "approve"),
        "中": ("修改后重新报送确认", "return"), "差": ("不得进入预算安排", "return")}


@pytest.mark.parametrize(("text", "said"), [
    ("name = [", "无法读取审核方案"),
    ('name = "x"\ntitle = "t"\nversion = "1"\nsource = "s"\ndimensions = []\ngrades = []\n', "没有审核维度"),
    ('name = "x"\n', "title"),
])
def test_a_bad_scheme_file_is_one_line_naming_the_file(tmp_path: Path, text: str, said: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemeError) as raised:
        load_review_scheme(path)
    message = str(raised.value)
    assert str(path) in message and said in message and "\n" not in message


def test_a_missing_scheme_file_is_named() -> None:
    with pytest.raises(SchemeError, match="没有这个审核方案文件"):
        load_review_scheme("/nonexistent/scheme.toml")
