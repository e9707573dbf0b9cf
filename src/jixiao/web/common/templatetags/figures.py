"""The display layer of every page (数字与文字的显示): one set of filters over ``jixiao.figures``.

Registered as a template builtin (``settings.TEMPLATES``), so every template uses them without
``{% load %}``. Nothing here computes: amounts, rates and scores are written by
``jixiao.figures.format``; a missing figure is shown as ``—`` (never ``None`` or ``0.00``).

* ``|wan``     — 万元 to the cent with thousands separators (``3,663.27``);
* ``|rate``    — a rate to two places with ``%`` (``72.60%``);
* ``|score``   — a score or weight to two places (``84.00``);
* ``|figure``  — a quantity as stated, no trailing zeros (``84``, ``200``);
* ``|local``   — a date-time in Asia/Shanghai, ``2026-12-02 08:30`` (no ``+00:00``);
* ``{% execution_rate budget %}`` — the shown rate labelled 报告所述 / 系统计算, both when they differ;
* ``|rule_title`` — a review rule by its Chinese title (the id only in a tooltip);
* ``|source``  — a rule file's source as its document number (财预〔2020〕10号), notes' sections removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from jixiao.figures import ExecutionRate
from jixiao.figures import format as fmt
from jixiao.review.engine import rule_title as review_rule_title

register = template.Library()
DASH = "—"


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def wan(value: Any) -> str:
    """万元 to the cent with thousands separators: ``Decimal("3663.27")`` → ``3,663.27``; missing → —."""
    number = _decimal(value)
    return DASH if number is None else fmt.money(number, grouped=True)


@register.filter
def rate(value: Any) -> str:
    """A rate in percent to two places with ``%``: ``Decimal("3.9")`` → ``3.90%``; missing → —."""
    if isinstance(value, ExecutionRate):
        return value.text or DASH
    number = _decimal(value)
    return DASH if number is None else fmt.percent(number)


@register.filter
def score(value: Any) -> str:
    """A score, weight or percentage-point difference to two places: ``84`` → ``84.00``; missing → —."""
    number = _decimal(value)
    return DASH if number is None else fmt.score(number)


@register.filter
def figure(value: Any, unit: str | None = "") -> str:
    """A quantity or threshold as stated, without trailing zeros (``84.0000`` → ``84``), with its unit;
    an amount in 万元 to the cent (``2659.4`` → ``2,659.40万元``); missing → —."""
    number = _decimal(value)
    if number is None:
        return DASH
    if unit == "万元":
        return f"{fmt.money(number, grouped=True)}万元"
    return fmt.plain(number, unit or None)


@register.filter
def local(value: datetime | date | None, with_seconds: bool = False) -> str:
    """A time as a reader in 广州/成都 reads it: Asia/Shanghai, ``YYYY-MM-DD HH:MM``, no UTC offset."""
    if value is None:
        return DASH
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M:%S" if with_seconds else "%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")


@register.simple_tag
def execution_rate(value: ExecutionRate | None) -> SafeString | str:
    """The shown 预算执行率, its source (报告所述 / 系统计算) in a tooltip; both figures when they differ."""
    if value is None or value.shown is None:
        return DASH
    if value.stated is not None and value.computed is not None and value.stated != value.computed:
        return format_html('<span title="报告所述 {}，按执行数 ÷ 全年预算数计算为 {}">{}<small class="lead">'
                           '（报告所述）</small><br>{}<small class="lead">（系统计算）</small></span>',
                           fmt.percent(value.stated), fmt.percent(value.computed),
                           fmt.percent(value.stated), fmt.percent(value.computed))
    return format_html('<span title="{}">{}</span>', value.source_label, value.text)


@register.filter
def rule_title(rule_id: str | None) -> str:
    """A review rule by its Chinese title (``execution.low_rate`` → 预算执行率偏低); put the id in a ``title``."""
    return review_rule_title(rule_id or "")


def admin_column(field: str, label: str, write: Callable[[Any], str] | None = None) -> Callable[[Any], str]:
    """An admin list column writing ``field`` as the pages do (``99.24``, ``72.60%``; never ``99.2400``)."""
    writer = write or score

    def column(obj: Any) -> str:
        return writer(getattr(obj, field))

    column.__name__ = f"shown_{field}"
    column.short_description = label  # type: ignore[attr-defined]  # the admin reads these off the function
    column.admin_order_field = field  # type: ignore[attr-defined]  # as above
    return column


_NOTES = re.compile(r"[（(][^（）()]*(?:domain\.md|二手摘要|§)[^（）()]*[）)]|\s*\[[A-Z]-?\d*[^\]]*\]")
_FILE = re.compile(r"[（(]?\b[\w-]+\.toml\b[）)]?")


@register.filter
def source(value: str | None) -> str:
    """A rule's source as a reader cites it: the document (川财绩〔2025〕10号), never a file name or notes' section."""
    return plain_source(value)


def plain_source(value: str | None) -> str:
    """``依据：川财绩〔2025〕10号（二手摘要 S23，domain.md §3.3）`` → ``依据：川财绩〔2025〕10号``."""
    if not value:
        return ""
    text = _NOTES.sub("", value)
    text = _FILE.sub("", text)
    return re.sub(r"\s{2,}", " ", text).strip(" ；;，,")
