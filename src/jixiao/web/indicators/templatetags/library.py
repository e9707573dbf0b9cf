"""``{% library_picker %}``: the 指标库 search panel of the declaration forms (department and project goals)."""

from __future__ import annotations

from typing import Any

from django import template

from jixiao.indicators.classification import load_classification

register = template.Library()


@register.inclusion_tag("indicators/_picker.html")
def library_picker() -> dict[str, Any]:
    classification = load_classification()
    return {"library_industries": list(classification.industries), "library_fields": classification.all_fields()}
