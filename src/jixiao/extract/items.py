"""Figures stated once per item of a list (分项数值): each item's, not the whole report's.

``一是…合计75万元…预算完成率100%；二是…合计3624.71万元…预算完成率100%`` or
``1.青少年管理事务工作经费。该项目…支出资金30万元 2.…支出资金30万元``: when a key is stated in
two or more items of one list — the inline 一是/二是 items of a paragraph, or the numbered
``1.`` / ``（1）`` / ``①`` sections under one heading — those statements are the items' figures,
even when they agree, and are dropped (with a warning) rather than read as the whole's.
"""

from __future__ import annotations

import re

from jixiao.extract.facts import Facts

_ENUM_MARKER = re.compile(r"[一二三四五六七八九十]{1,2}是")
_LIST_ITEM_KINDS = ("arabic", "paren_arabic", "circled")


def _item_of(facts: Facts, offset: int) -> tuple[tuple[str, int], int] | None:
    """(the list, the item) that ``offset`` lies in: an inline 一是…二是… item, or a numbered
    1. / （1） / ① section; None outside any list."""
    document = facts.document
    start, end = document.paragraph_span(offset)
    markers = [m.start() for m in _ENUM_MARKER.finditer(document.text, start, end)]
    if len(markers) >= 2:
        before = [m for m in markers if m <= offset]
        if before:
            return ("inline", start), before[-1]
    node = document.outline.section_node_at(offset)
    while node is not None and node.kind not in _LIST_ITEM_KINDS:
        node = node.parent
    if node is None or node.parent is None:
        return None
    return ("section", node.parent.start), node.start


def drop_item_figures(facts: Facts, paths: tuple[str, ...]) -> None:
    """Remove the statements of a key made once in each of several items of one list."""
    for path in paths:
        candidates = facts.candidates.get(path, [])
        if len(candidates) < 2:
            continue
        items: dict[tuple[str, int], set[int]] = {}
        placed = []
        for candidate in candidates:
            item = _item_of(facts, candidate.start)
            placed.append(item)
            if item is not None:
                items.setdefault(item[0], set()).add(item[1])
        lists = {key for key, members in items.items() if len(members) >= 2}
        if not lists:
            continue
        kept = [c for c, item in zip(candidates, placed, strict=True) if item is None or item[0] not in lists]
        facts.candidates[path] = kept
        facts.warnings.append(f"{facts.label(path)}逐项列出，未作为整体数值")
