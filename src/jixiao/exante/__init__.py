"""事前绩效评估 (ex-ante performance assessment of new projects and policies), as plain Python.

``requires_exante`` says whether a project needs one (amount at or above the scheme's threshold,
or flagged 重大); ``load_scheme`` reads the five dimensions with their sub-points and points, the
grades and the conclusion bands (予以支持 / 部分支持 / 不予支持) from TOML with its source;
``score`` scores an assessment and explains every point; ``submission_problems`` and
``review_problems`` say in Chinese what is missing; ``jixiao.exante.report`` renders the
事前绩效评估报告 (DOCX).
"""

from jixiao.exante.assessment import (
    NARRATIVE_LABELS,
    Assessment,
    AssessmentError,
    Entry,
    Narrative,
    ProjectFacts,
    Review,
    Scored,
    ScoredDimension,
    ScoredItem,
    review_problems,
    score,
    submission_problems,
)
from jixiao.exante.scheme import (
    Conclusion,
    Dimension,
    Group,
    Item,
    Scheme,
    SchemeError,
    Threshold,
    load_scheme,
    requires_exante,
)

__all__ = ["NARRATIVE_LABELS", "Assessment", "AssessmentError", "Conclusion", "Dimension", "Entry", "Group", "Item",
           "Narrative", "ProjectFacts", "Review", "Scheme", "SchemeError", "Scored", "ScoredDimension", "ScoredItem",
           "Threshold", "load_scheme", "requires_exante", "review_problems", "score", "submission_problems"]
