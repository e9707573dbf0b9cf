"""The notion of "the same quantity": intervals of approximate figures, subjects, no crash."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.extract.pipeline import ExtractError
from jixiao.review import review_text
from jixiao.review.consistency import _interval, compare
from jixiao.text.numbers import find_quantities


def _mention(text: str):  # a Mention-like object built from one stated figure
    from jixiao.review.consistency import Mention

    match = next(find_quantities(text))
    low, high, approximate = _interval(match)
    return Mention(0, 0, 0, text, "x", match.quantity.value, low, high, approximate, 0, "", frozenset())


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("16次", "15次", "hard"),
        ("16次", "16次", "same"),
        ("超500场次", "300余场", "hard"),
        ("超500场次", "500余场", "same"),
        ("逾50万人次", "逾30万人次", "hard"),
        ("4000余篇次", "近4000篇次", "soft"),
        ("11000余篇次", "1.1万篇次", "same"),
        ("11093篇次", "1.1万篇次", "same"),
        ("约600篇次", "620篇次", "same"),
        ("近20期", "20余期", "soft"),
        ("1101篇", "968篇", "hard"),
    ],
)
def test_intervals(a: str, b: str, expected: str) -> None:
    assert compare(_mention(a), _mention(b), Decimal("0.10")) == expected
    assert compare(_mention(b), _mention(a), Decimal("0.10")) == expected


def _report(first: str, second: str) -> str:
    return (
        "某区某局2022年部门整体支出绩效自评报告\n\n一、基本情况\n\n（一）工作完成情况\n\n"
        f"全年{first}。\n\n（二）主要工作成效\n\n本年度{second}，成效明显。\n"
    )


@pytest.mark.parametrize(
    ("first", "second", "rule"),
    [
        ("组织开展理论宣讲活动500余场", "组织开展理论宣讲活动300余场", "consistency.same_quantity"),
        ("组织开展理论宣讲活动500余场", "组织开展理论宣讲活动超过500场", None),
        ("主流媒体报道4000余篇次", "主流媒体报道近4000篇次", "consistency.same_quantity_soft"),
        ("组织开展理论宣讲活动500余场", "举办书画展览300余场", None),  # different subjects
        ("组织开展理论宣讲活动50场", "组织开展理论宣讲活动500场", None),  # 10×: another quantity
    ],
)
def test_same_quantity_in_context(first: str, second: str, rule: str | None) -> None:
    _, findings = review_text(_report(first, second))
    fired = [f.rule for f in findings if f.rule.startswith("consistency.")]
    assert fired == ([rule] if rule else [])


_FRAGMENTS = st.sampled_from(
    [
        "全年预算数1000.00万元，", "执行数850.00万元，", "完成预算的85.00%。", "基本支出400.00万元，", "项目支出450.00万元。",
        "年末结转和结余150.00万元。", "开展活动16次，", "开展活动15次，", "逾50万人次参与。", "近4000篇次，", "是是",
        "\n\n（一）部门概况\n\n", "\n\n二、综合评价分析\n\n", "\n\n（三）主要成效\n\n", "\n\n（三）其他\n\n", "本项目", "自评结果为优。",
        "自评分数88分。", "预期达到：1、宣传活动≥200场；2、满意度85%以上。", "\n", "—7—", "附件2", "\\geq", "守好守好", "。",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_FRAGMENTS, min_size=1, max_size=40))
def test_review_never_crashes_on_report_like_text(parts: list[str]) -> None:
    text = "某局2022年部门整体支出绩效自评报告\n\n" + "".join(parts)
    try:
        _, findings = review_text(text)
    except ExtractError:
        return
    for finding in findings:
        assert finding.message and finding.rule
        for evidence in finding.evidence:
            assert text[evidence.start : evidence.end] == evidence.text


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("2021年组织开展业务培训18期", "2022年组织开展业务培训20期"),
        ("上半年组织开展业务培训9期", "组织开展业务培训20期"),
        ("组织开展业务培训20期，同比增加5期", "组织开展业务培训20期，比上年多5期"),
    ],
)
def test_figures_of_different_periods_are_not_the_same_quantity(first: str, second: str) -> None:
    _, findings = review_text(_report(first, second))
    assert not [f.rule for f in findings if f.rule.startswith("consistency.")]
