"""The display layer (web/common/templatetags/figures.py): one way to write each figure on every page."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from django.template import Context, Template

from jixiao.declaration import load_review_scheme
from jixiao.figures import execution_rate_from
from jixiao.monitor import load_thresholds
from jixiao.results import load_treatment_rules
from jixiao.web.common.templatetags.figures import plain_source

D = Decimal


def _render(text: str, **context) -> str:
    return Template(text).render(Context(context))  # builtins: no {% load %}


def test_amounts_rates_scores_and_quantities() -> None:
    assert _render("{{ v|wan }}", v=D("3663.2700")) == "3,663.27"
    assert _render("{{ v|wan }}", v=None) == "—"
    assert _render("{{ v|rate }}", v=D("3.9000")) == "3.90%"
    assert _render("{{ v|rate }}", v=D("61.725")) == "61.73%"  # half-up, never banker's 61.72
    assert _render("{{ v|score }}", v=D("84.0000")) == "84.00"
    assert _render("{{ v|figure }}", v=D("84.0000")) == "84"
    assert _render("{{ v|figure }}", v=D("0.5")) == "0.5"


def test_times_in_shanghai_without_an_offset() -> None:
    assert _render("{{ t|local }}", t=datetime(2026, 12, 2, 0, 30, tzinfo=UTC)) == "2026-12-02 08:30"


def test_the_execution_rate_is_labelled_and_both_shown_when_they_differ() -> None:
    computed = _render("{% execution_rate r %}", r=execution_rate_from(D(200), D("123.45"), None))
    assert "61.73%" in computed and "系统计算" in computed
    stated = _render("{% execution_rate r %}", r=execution_rate_from(D(200), D("123.45"), D("65")))
    assert "65.00%" in stated and "（报告所述）" in stated and "61.73%" in stated and "（系统计算）" in stated
    assert _render("{% execution_rate r %}", r=execution_rate_from(None, None, None)) == "—"


def test_review_rules_by_their_chinese_title() -> None:
    assert _render("{{ r|rule_title }}", r="execution.low_rate") == "预算执行率偏低且未说明原因"
    assert _render("{{ r|rule_title }}", r="text.duplicate_passage@3063-3688") == "大段文字在不同位置重复"


def test_every_shipped_source_reads_as_a_document_number() -> None:
    sources = [load_treatment_rules(n).source for n in ("caiyu-2020-10", "sichuan-2025", "dazhou-commerce")]
    sources += [load_thresholds().source, load_thresholds().response.source, load_review_scheme().source]
    for text in sources:
        shown = plain_source(text)
        for developer in ("domain.md", "§", "二手摘要", ".toml", "[V", "[R"):
            assert developer not in shown, (developer, shown)
    assert plain_source(load_thresholds().source).startswith("川财绩〔2025〕10号：")
    assert "(财预〔2020〕10号)" in plain_source(sources[0])


def test_a_quantity_keeps_its_unit_and_an_amount_its_cents() -> None:
    assert _render("{{ v|figure:u }}", v=D("200.0000"), u="期") == "200期"
    assert _render("{{ v|figure:u }}", v=D("2659.4"), u="万元") == "2,659.40万元"
    assert _render("{{ v|figure:u }}", v=None, u="期") == "—"
