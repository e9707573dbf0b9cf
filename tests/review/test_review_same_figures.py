"""The same quantity stated twice: what is a conflict and what is two different quantities.

编制 and 实有, 年初 and 调整后, a project's own budget and the department's, this year and last
year are different quantities; a total and its parts are not restatements of each other.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from text_review import TITLE, review_body

from jixiao.review import load_profile, review_text


def _two_sections(first: str, second: str) -> str:
    return f"（一）工作情况\n{first}\n（二）主要成效\n{second}\n"


@pytest.mark.parametrize(
    ("first", "second", "kept_apart_by"),
    [
        ("本单位事业编制69人，全部到位。", "本单位事业人员63人，工作认真。", "kind words"),
        # the extractor itself reads 年初…预算收入 as budget.initial and 调整预算收入 as budget.total
        ("本单位年初预算收入51587.78万元，按时下达。", "本单位调整预算收入64163.86万元，及时批复。", "extraction"),
        ("全年计划组织业务培训20期，按时开展。", "全年组织业务培训18期，成效明显。", "kind words"),
    ],
)
def test_quantities_of_different_kinds_are_not_a_conflict(
    first: str, second: str, kept_apart_by: str, tmp_path: Path
) -> None:
    _, findings = review_text(TITLE + _two_sections(first, second))
    assert not [f for f in findings if f.rule.startswith("consistency.")]
    # without the profile's kind words the two figures are taken for one quantity, unless the
    # extraction already gave them different key paths
    plain = tmp_path / "no-kinds.toml"
    plain.write_text('name = "no-kinds"\n[consistency]\nkind_terms = []\n', encoding="utf-8")
    profile = load_profile(plain)
    _, findings = review_text(TITLE + _two_sections(first, second), profile=profile)
    conflicts = [f for f in findings if f.rule.startswith("consistency.")]
    assert bool(conflicts) == (kept_apart_by == "kind words")



@pytest.mark.parametrize(
    ("first", "second", "rule"),
    [
        ("全年预算数3663.27万元，执行数2659.40万元。", "本年执行数2569.40万元，执行良好。", "consistency.extracted_conflict"),
        ("本年人员经费300.00万元，公用经费50.00万元。", "人员经费支出320.00万元，保障到位。", "consistency.same_amount"),
    ],
)
def test_the_same_amount_stated_twice_differently_is_reported(first: str, second: str, rule: str) -> None:
    _, findings = review_text(TITLE + _two_sections(first, second))
    assert [f.rule for f in findings if f.rule.startswith("consistency.")] == [rule]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("全年预算数3663.27万元，执行数2659.40万元。", "宣传项目全年预算数100万元，执行数90万元。"),  # a project's own
        ("2021年执行数2000万元，完成良好。", "2022年执行数2659.40万元，完成良好。"),  # another year
        ("项目支出609.74万元。其中：财政拨款项目支出15万元，其他项目支出594.74万元。", "项目支出609.74万元，均已完成。"),
    ],
)
def test_project_figures_other_years_and_parts_are_not_a_conflict(first: str, second: str) -> None:
    _, findings = review_text(TITLE + _two_sections(first, second))
    assert not [f for f in findings if f.rule.startswith("consistency.")]
    assert not review_body(_two_sections(first, second), rules=("consistency",))


def test_a_goal_under_a_goal_heading_is_not_the_figure_achieved() -> None:
    body = (
        "（三）项目绩效目标\n1.产出目标：完成改造农户1200户，其中危房改造800户，抗震改造400户；\n"
        "二、绩效目标完成情况\n全年完成改造农户1180户，完成率98.33%；其中危房改造790户，抗震改造390户。\n"
    )
    assert review_body(body, rules=("consistency",)) == []
    # the same statements outside a goal heading are restatements that disagree
    restated = body.replace("（三）项目绩效目标\n1.产出目标：", "（三）项目实施情况\n1.实施情况：")
    assert [f.rule for f in review_body(restated, rules=("consistency",))].count("consistency.same_quantity") >= 1


@pytest.mark.parametrize(
    "body",
    [
        "全年预算数1000.00万元，执行数920.00万元，预算执行率92.00%。\n（二）重点项目执行情况\n"
        "宣传项目全年预算数100.00万元，执行数95.00万元，执行率95.00%。",
        "部门整体预算执行率92.00%。\n（二）重点项目\n就业专项资金执行率95.00%，执行良好。",
    ],
)
def test_a_sub_items_rate_and_amounts_are_not_the_departments(body: str) -> None:
    _, findings = review_text(TITLE + body + "\n")
    assert not [f for f in findings if f.rule.startswith(("consistency.", "arithmetic."))]
