"""What other apps put on a project's page (扩展点), set by their ``AppConfig.ready``.

The 事前评估 and 项目绩效 apps sit above the 项目库: they add their sections here, so that this app
never imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PROJECT_SECTIONS: list[tuple[str, Callable[[Any, Any], dict[str, Any] | None]]] = []
"""Sections other apps put on a project's page (事前评估, 绩效目标, 监控, 自评, 结果应用): a template name
and a function of (request, project) giving its context (``None``: the section is left out for this
project or user)."""
