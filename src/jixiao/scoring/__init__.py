"""Scoring (评分): frameworks as data and the Decimal engine that explains every point.

``score_report(report)`` scores a ``PerformanceReport`` by the framework for its kind and
explains every point lost; ``assess_indicators(report)`` says which indicators owe a
偏差原因分析 (unmet, or over the 130% line); ``load_framework(name_or_path)`` reads a shipped or user framework.
"""

from __future__ import annotations

from jixiao.scoring.deviation import (
    IndicatorAssessment,
    assess_indicators,
    missing_reasons,
    qualitative_levels,
)
from jixiao.scoring.engine import ScoreItem, ScoreResult, score_report
from jixiao.scoring.framework import Framework, FrameworkError, default_framework_for, load_framework

__all__ = [
    "Framework",
    "FrameworkError",
    "IndicatorAssessment",
    "ScoreItem",
    "ScoreResult",
    "assess_indicators",
    "default_framework_for",
    "load_framework",
    "missing_reasons",
    "qualitative_levels",
    "score_report",
]
