"""Budget treatment by grade (结果应用): the shipped rules, the loader's errors, the suggestion and its basis."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.results import (
    GradeRecord,
    TreatmentRulesError,
    load_treatment_rules,
    rules_for,
    shipped_rules,
    suggest_treatment,
)


def _history(*grades: str | None) -> list[GradeRecord]:
    return [GradeRecord(year=2020 + i, grade=g, score=Decimal("85.5") if g else None) for i, g in enumerate(grades)]


def test_three_rule_sets_are_shipped_with_their_sources() -> None:
    assert {"caiyu-2020-10", "sichuan-2025", "dazhou-commerce"} <= set(shipped_rules())
    for name in shipped_rules():
        rules = load_treatment_rules(name)
        assert rules.source and [g.grade for g in rules.grades] == ["优", "良", "中", "差"]
    assert "财预〔2020〕10号" in load_treatment_rules().source  # the default


@pytest.mark.parametrize(("grade", "treatment"), [("优", "支持"), ("良", "支持"), ("中", "核减"), ("差", "核减")])
def test_caiyu_default_supports_good_grades_and_cuts_poor_ones(grade, treatment) -> None:
    suggestion = suggest_treatment(_history("良", grade), rules=load_treatment_rules())
    assert suggestion.treatment == treatment
    assert suggestion.year == 2022 and suggestion.based_on_year == 2021 and suggestion.grade == grade
    assert suggestion.rule == f"grades.{grade}"
    assert "《财预〔2020〕10号 绩效评价结果应用》" in suggestion.basis and ".toml" not in suggestion.basis and f"2021 年度评价等级为“{grade}”" in suggestion.basis


@pytest.mark.parametrize(("name", "expected"), [
    ("sichuan-2025", ["优先保障", "保障", "压缩", "取消"]),
    ("dazhou-commerce", ["优先保障", "据实合理保障", "一定比例核减", "可取消或暂停"]),
])
def test_alternative_rules_map_the_four_grades(name, expected) -> None:
    rules = load_treatment_rules(name)
    got = [suggest_treatment(_history(g), rules=rules).treatment for g in ("优", "良", "中", "差")]
    assert got == expected


def test_unrectified_items_override_the_grade_where_the_rules_say_so() -> None:
    suggestion = suggest_treatment(_history("优"), rules=load_treatment_rules(), unrectified=2)
    assert suggestion.treatment == "调减或暂缓" and suggestion.rule == "unrectified"
    assert "2 项整改事项逾期未整改" in suggestion.basis and "整改到位后再予安排" in suggestion.basis
    # 四川 2025 says nothing of rectification: the grade decides
    assert suggest_treatment(_history("优"), rules=load_treatment_rules("sichuan-2025"), unrectified=2).treatment == "优先保障"


def test_latest_graded_year_decides_and_computed_grades_say_so() -> None:
    history = [GradeRecord(year=2022, grade=None), GradeRecord(year=2020, grade="优"),
               GradeRecord(year=2021, grade="差", score=Decimal("55.125"), computed=True)]
    suggestion = suggest_treatment(history, rules=load_treatment_rules())
    assert suggestion.based_on_year == 2021 and suggestion.treatment == "核减"
    assert "得分 55.13" in suggestion.basis and "自动评级" in suggestion.basis


def test_no_grade_gives_no_suggestion() -> None:
    suggestion = suggest_treatment(_history(None, None), rules=load_treatment_rules())
    assert suggestion.treatment is None and suggestion.year is None and "尚无评价等级" in suggestion.basis


def test_a_users_file_by_path(tmp_path) -> None:
    path = tmp_path / "mine.toml"
    shipped = shipped_rules()["sichuan-2025"].read_text(encoding="utf-8")
    path.write_text(shipped.replace('name = "sichuan-2025"', 'name = "mine"'), encoding="utf-8")
    assert load_treatment_rules(path).name == "mine"


@pytest.mark.parametrize(("content", "message"), [
    (None, "没有这个结果应用规则"),
    ("name = [", "无法读取结果应用规则"),
    ('name = "x"\nversion = "1"\n', "source"),
    ('name = "x"\nversion = "1"\nsource = "s"\n[[grades]]\ngrade = "优"\ntreatment = "支持"\n'
     'direction = "up"\ntext = "t"\n', "direction"),
    ('name = "x"\nversion = "1"\nsource = "s"\n[[grades]]\ngrade = "优"\ntreatment = "支持"\n'
     'direction = "keep"\ntext = "t"\n', "应恰好覆盖 优、良、中、差"),
])
def test_bad_files_give_one_line_errors_naming_the_file(tmp_path, content, message) -> None:
    path = tmp_path / "bad.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(TreatmentRulesError) as caught:
        load_treatment_rules(path)
    text = str(caught.value)
    assert message in text and "bad.toml" in text and "\n" not in text


@pytest.mark.parametrize(("regions", "year", "expected"), [
    (["广州市荔湾区"], 2022, "caiyu-2020-10"),        # 广东: no file of its own, the national default
    (["广州市荔湾区"], 2026, "caiyu-2020-10"),
    (["成都市锦江区"], 2024, "caiyu-2020-10"),        # 四川 before its 2025 file
    (["成都市锦江区"], 2025, "sichuan-2025"),
    (["锦江区", "成都市", "四川省"], 2026, "sichuan-2025"),  # by a region above the department's
    ([], 2025, "caiyu-2020-10"),
])
def test_the_rules_in_force_follow_region_and_year(regions, year, expected) -> None:
    assert rules_for(regions, year).name == expected


def test_a_file_naming_no_region_applies_only_when_chosen() -> None:
    assert load_treatment_rules("dazhou-commerce").applies is None
    assert load_treatment_rules("sichuan-2025").applies.from_year == 2025
