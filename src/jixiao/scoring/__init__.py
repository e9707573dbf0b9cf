"""Scoring (评分): frameworks as data, the Decimal engine, the exact batch path.

``score_report(report)`` scores a ``PerformanceReport`` by the framework for its kind and
explains every point lost; ``load_framework(name_or_path)`` reads a shipped or user framework.
"""

from __future__ import annotations

from jixiao.scoring.engine import ScoreItem, ScoreResult, score_report
from jixiao.scoring.framework import Framework, FrameworkError, default_framework_for, load_framework

__all__ = [
    "Framework",
    "FrameworkError",
    "ScoreItem",
    "ScoreResult",
    "default_framework_for",
    "load_framework",
    "score_report",
]
