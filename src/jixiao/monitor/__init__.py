"""Monitoring (绩效运行监控, 双监控): execution against time progress, goals against execution.

All on plain data (``MonitoredBudget``), no database: the CLI feeds it report JSON files and
the web app feeds it stored rows. ``run_monitor`` is the one entry point.
"""

from __future__ import annotations

from jixiao.monitor.core import MonitorResult, MonitorRow, run_monitor
from jixiao.monitor.model import MonitoredBudget
from jixiao.monitor.warnings import MonitorWarning, Thresholds, ThresholdsError, load_thresholds

__all__ = [
    "MonitorResult",
    "MonitorRow",
    "MonitorWarning",
    "MonitoredBudget",
    "Thresholds",
    "ThresholdsError",
    "load_thresholds",
    "run_monitor",
]
