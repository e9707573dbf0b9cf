"""The audit log in words: a finding by its rule's title, a map of 出处 by its count — never ids or JSON."""

from __future__ import annotations

from django.db import models

from jixiao.web.audit.selectors import _text


def test_a_finding_key_reads_as_the_rules_title() -> None:
    field = models.CharField("发现标识", max_length=300)
    assert _text(field, "text.duplicate_passage@3063-3688,4233-4934", {}) == "复核发现“大段文字在不同位置重复”"
    assert "execution.low_rate" not in _text(field, "execution.low_rate@197-208,5680-5736", {})
    assert _text(field, "宣传文化建设", {}) == "宣传文化建设"


def test_a_map_of_sources_reads_as_its_count() -> None:
    field = models.JSONField("来源")
    sources = {"budget.spent": {"text": "支出 2,457.31万元", "path": "/work/x.txt", "start": 10},
               "budget.execution_rate": {"text": "执行率 92.32%", "path": "/work/x.txt", "start": 40}}
    assert _text(field, sources, {}) == "2 项"
    assert _text(field, ["经费不足", "进度偏慢"], {}) == "经费不足；进度偏慢"
