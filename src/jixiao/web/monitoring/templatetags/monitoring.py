"""Template filters of the monitoring page."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    """``mapping[key]`` or None (a department's warnings by its name)."""
    return mapping.get(key)
