"""``{% sort_link "key" "标题" %}``: a column header that sorts the list, keeping the URL's other parameters."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_link(context: template.Context, key: str, label: str, first: str = "asc", state: Any = None) -> str:
    """A link to the list sorted by ``key``: ascending first (``first="desc"`` for figures), a second click reverses.

    The page number is dropped (a new order starts at page 1); every other parameter is kept.
    """
    request = context["request"]
    state = state or context.get("state")
    sort_param, page_param = (state.sort_param, state.page_param) if state is not None else ("sort", "page")
    current = state.sort if state is not None else request.GET.get(sort_param, "")
    params = request.GET.copy()
    params.pop(page_param, None)
    if current.lstrip("-") == key:
        target = key if current.startswith("-") else f"-{key}"
        arrow, aria = ("▼", "descending") if current.startswith("-") else ("▲", "ascending")
    else:
        target = f"-{key}" if first == "desc" else key
        arrow, aria = "", "none"
    params[sort_param] = target
    return format_html('<a class="sort-link" href="?{}" aria-sort="{}" title="点击排序">{}{}</a>',
                       params.urlencode(), aria, label, f" {arrow}" if arrow else "")


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, number: int, param: str = "page") -> str:
    """``?…`` for page ``number`` of a list, keeping every other parameter of the URL."""
    params = context["request"].GET.copy()
    params[param] = str(number)
    return f"?{params.urlencode()}"


@register.simple_tag
def page_window(page: Any, each_side: int = 3) -> range:
    """The page numbers shown around the current one (±``each_side``): a list of 30,000 rows has 1,200
    pages, and looping over all of them in the template to show seven was most of the page's time."""
    count = page.paginator.num_pages
    return range(max(1, page.number - each_side), min(count, page.number + each_side) + 1)
