"""Scoring an 事前评估 and the Chinese problems of submission and review."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from tests.exante.conftest import filled

from jixiao.exante import Entry, Narrative, Scheme, review_problems, score, submission_problems


def test_full_points_support(scheme: Scheme):
    scored = score(scheme, filled(scheme).entries)
    assert scored.total == 100
    assert scored.conclusion.name == "予以支持"
    assert all(i.grade == "优" for d in scored.dimensions for i in d.items)
    assert "总分100分" in scored.explanation and "评估结论为予以支持" in scored.explanation


def test_lost_points_are_explained_and_banded(scheme: Scheme):
    assessment = filled(scheme, lost=Decimal("5"))  # 5 × 5 = 25 lost → 75
    scored = score(scheme, assessment.entries)
    assert scored.total == 75
    assert scored.conclusion.key == "partial"
    first = scored.dimensions[0].items[0]
    assert first.grade == "差"
    assert first.explanation == "项目实施目的明确，内容具体：得0分（满分5分，差），扣5分。评审意见：论证不够充分"
    assert scored.dimensions[0].explanation == "立项必要性得15分（满分20分）"
    assert review_problems(scheme, assessment) == ["部分支持须填写核定金额（万元）"]
    assert review_problems(scheme, replace(assessment, review=replace(assessment.review, approved_amount=Decimal("900")))) \
        == ["核定金额须小于申请金额 800.00 万元"]
    assert review_problems(scheme, replace(assessment, review=replace(assessment.review, approved_amount=Decimal("600")))) \
        == []


def test_review_problems_name_the_sub_point(scheme: Scheme):
    assessment = filled(scheme)
    entries = dict(assessment.entries)
    key = scheme.items[0].key
    entries[key] = Entry(self_assessment="x", points=Decimal("6"))
    entries[scheme.items[1].key] = Entry(self_assessment="x", points=Decimal("4"))
    entries[scheme.items[2].key] = Entry(self_assessment="x", points=Decimal("4.25"))
    entries[scheme.items[3].key] = Entry(self_assessment="x", points=None)
    problems = review_problems(scheme, replace(assessment, entries=entries, review=replace(assessment.review, reasons="")))
    assert problems == [
        "“项目实施目的明确，内容具体”的得分须在 0 到 5 分之间",
        "“项目具有唯一性，与其他项目不存在重复交叉”的得分最多保留一位小数",
        "“事前经过必要的可行性研究、专家论证、风险评估、集体决策等”尚未评分",
        "“项目符合国家、省、市相关规划、政府决策和社会发展要求，与项目实施单位职责密切相关”扣了分，请写明评审意见",
        "请写明评估结论的理由",
    ]


def test_support_takes_no_approved_amount(scheme: Scheme):
    assessment = filled(scheme, approved=Decimal("700"))
    assert review_problems(scheme, assessment) == ["评估结论为予以支持，不填核定金额"]


def test_submission_problems(scheme: Scheme):
    assessment = filled(scheme)
    assert submission_problems(scheme, assessment) == []
    empty = replace(assessment, narrative=Narrative(), entries={})
    problems = submission_problems(scheme, empty)
    assert problems[:4] == ["请填写“立项背景”", "请填写“主要内容”", "请填写“绩效目标”", "请填写“资金构成”"]
    assert problems[4] == "立项必要性：请填写“项目实施目的明确，内容具体”等 4 个要点的自评情况"
    assert len(problems) == 9
