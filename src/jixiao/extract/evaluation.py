"""The self-evaluation result (自评结论): score (自评分) and grade (评价等级 优/良/中/差).

``整体支出绩效自评分数99.24分，自评结果为优``, ``项目绩效自评：优``, ``得分87.5分，等级为良``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.extract.facts import Facts

_SCORE = re.compile(
    r"(?:自评|综合|评价|绩效|总)?(?:得分|总分|分数|评分|自评分)(?:为|是|达到|达|：|:){0,2}"
    r"(?P<number>\d{1,3}(?:\.\d{1,2})?)分"
)
_GRADE = re.compile(
    r"(?:(?:自评|评价|考评|绩效)(?:结果|等级|结论|等次|级别)?|结果|等级|等次|评级|综合评定|评定)"
    r"(?:为|是|：|:|评定为|确定为|定为|属于|达到){1,2}[“\"「]?"
    r"(?P<grade>优秀|良好|中等|较差|优|良|中|差)"
    r"(?=[等级，。；、\s”\"」）)]|$)"
)
_GRADES = {
    "优秀": "优",
    "优": "优",
    "良好": "良",
    "良": "良",
    "中等": "中",
    "中": "中",
    "较差": "差",
    "差": "差",
}
_SCORE_MAX = Decimal(100)
_HAS_SCORE = re.compile(r"\d分")
_HAS_GRADE = re.compile(r"[优良中差]")
_SCORE_SECTION = re.compile(r"自评|评价|结论|得分")


def extract_evaluation(facts: Facts) -> None:
    """Add score and grade candidates."""
    text = facts.document.text
    for start, end in facts.document.paragraphs_with(_HAS_SCORE):
        _add_scores(facts, text, start, end)
    for start, end in facts.document.paragraphs_with(_HAS_GRADE):
        _add_grades(facts, text, start, end)


def _add_scores(facts: Facts, text: str, start: int, end: int) -> None:
    for match in _SCORE.finditer(text, start, end):
        score = Decimal(match.group("number"))
        if score > _SCORE_MAX:
            facts.warnings.append(f"自评分{score}超过100分，未采用")
            continue
        facts.add(
            "evaluation.score", score, match.start(), match.end(), authoritative=_in_result(facts, match)
        )


def _add_grades(facts: Facts, text: str, start: int, end: int) -> None:
    for match in _GRADE.finditer(text, start, end):
        facts.add(
            "evaluation.grade",
            _GRADES[match.group("grade")],
            match.start(),
            match.end(),
            authoritative=_in_result(facts, match),
        )


def _in_result(facts: Facts, match: re.Match[str]) -> bool:
    return any(_SCORE_SECTION.search(title) for title in facts.document.section_at(match.start()))
