"""Oversight of the year's self-evaluations (财政监督): 抽评 and 绩效管理工作考核, without Django.

- ``sampling``: the reproducible spot-check draw (随机抽评) over plain items by a TOML rule and a seed;
- ``correction``: a 复核 result's adjustments (自评分 → 复核分) and the grade by the framework's bands;
- ``assessment``: the yearly 绩效管理工作考核 of a department from plain facts by a TOML framework.
"""

from jixiao.oversight.assessment import (
    AssessmentFacts,
    AssessmentFramework,
    AssessmentLine,
    AssessmentResult,
    assess_department,
    load_assessment_framework,
)
from jixiao.oversight.correction import Adjustment, Correction, correct_score
from jixiao.oversight.sampling import (
    Candidate,
    Draw,
    SampledItem,
    SamplingRule,
    draw_sample,
    load_sampling_rule,
)

__all__ = [
    "Adjustment",
    "AssessmentFacts",
    "AssessmentFramework",
    "AssessmentLine",
    "AssessmentResult",
    "Candidate",
    "Correction",
    "Draw",
    "SampledItem",
    "SamplingRule",
    "assess_department",
    "correct_score",
    "draw_sample",
    "load_assessment_framework",
    "load_sampling_rule",
]
