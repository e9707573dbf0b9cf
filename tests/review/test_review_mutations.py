"""Mutation tests: take a consistent report, break one thing, and the right rule must fire.

Report mutations change one figure of a synthetic report (internally consistent by
construction); text mutations change one restated count or duplicate one sentence of a
consistent text rendered from it. Seeded loops, 240 + 240 cases, deterministic.
"""

from __future__ import annotations

import random
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao import synthetic
from jixiao.report import PerformanceReport
from jixiao.review import review, review_text

sys.path.insert(0, str(Path(__file__).parent))
from consistent_report import render

QUIET_FAMILIES = ("arithmetic.", "consistency.")
CENT = Decimal("0.01")


def _fired(findings: list, prefix: str = "") -> set[str]:
    return {f.rule for f in findings if f.rule.startswith(prefix)}


def _delta(rng: random.Random) -> Decimal:
    return Decimal(rng.randint(1, 9999)) / 100


def _mutate(report: PerformanceReport, kind: str, rng: random.Random) -> set[str]:
    """Apply mutation ``kind``; return the arithmetic rules that must then fire (exactly)."""
    budget = report.budget
    delta = _delta(rng)
    if kind == "spent":
        # new spent no longer matches either breakdown nor total − carryover (nor twelve months' sum)
        budget.spent = budget.spent + delta
        expected = {"arithmetic.by_source_vs_spent", "arithmetic.by_nature_vs_spent", "arithmetic.carryover"}
        if {m.month for m in budget.monthly} == set(range(1, 13)):
            expected.add("arithmetic.monthly_vs_spent")
        computed = (budget.spent / budget.total * 100).quantize(CENT)
        if abs(computed - budget.execution_rate) > CENT:
            expected.add("arithmetic.execution_rate")
        return expected
    if kind == "total":
        budget.total = budget.total + delta
        expected = {"arithmetic.carryover"}
        computed = (budget.spent / budget.total * 100).quantize(CENT)
        if abs(computed - budget.execution_rate) > CENT:
            expected.add("arithmetic.execution_rate")
        return expected
    if kind == "rate":
        budget.execution_rate = budget.execution_rate + Decimal(rng.randint(2, 900)) / 100 * rng.choice((-1, 1))
        return {"arithmetic.execution_rate"}
    if kind == "carryover":
        budget.carryover = budget.carryover + delta * rng.choice((-1, 1))
        return {"arithmetic.carryover"}
    if kind in ("basic", "project"):
        value = getattr(budget.by_nature, kind)
        setattr(budget.by_nature, kind, value + delta)
        return {"arithmetic.by_nature_vs_spent"}
    if kind in ("general_public", "government_fund", "other"):
        value = getattr(budget.by_source, kind)
        setattr(budget.by_source, kind, value + delta)
        return {"arithmetic.by_source_vs_spent"}
    if kind == "grade":
        score = Decimal(rng.randint(0, 10000)) / 100
        bands = [("优", 90), ("良", 80), ("中", 60), ("差", 0)]
        right = next(grade for grade, low in bands if score >= low)
        report.evaluation.score = score
        report.evaluation.grade = rng.choice([grade for grade, _ in bands if grade != right])
        return {"arithmetic.score_vs_grade"}
    if kind == "weight":
        item = rng.choice(report.indicators)
        item.weight = item.weight + delta
        return {"arithmetic.indicator_weights_total"}
    if kind == "indicator_score":
        item = rng.choice(report.indicators)
        item.score = item.weight + delta
        return {"arithmetic.indicator_score_vs_weight"}
    raise AssertionError(kind)


KINDS = (
    "spent", "total", "rate", "carryover", "basic", "project", "general_public", "government_fund",
    "other", "grade", "weight", "indicator_score",
)


def test_synthetic_reports_are_quiet_in_arithmetic_and_consistency() -> None:
    for index in range(60):
        findings = review(synthetic.report(index, 2022))
        assert not _fired(findings, "arithmetic.") and not _fired(findings, "consistency."), index


def test_each_figure_mutation_fires_the_right_rule() -> None:
    rng = random.Random(20221231)
    for case in range(240):
        index, kind = rng.randrange(500), KINDS[case % len(KINDS)]
        report = synthetic.report(index, 2022)
        expected = _mutate(report, kind, rng)
        fired = _fired(review(report), "arithmetic.")
        assert fired == expected, (case, index, kind, fired, expected)


def test_the_consistent_text_is_quiet() -> None:
    for index in range(40):
        _, text, _ = render(index)
        _, findings = review_text(text)
        noisy = [f for f in findings if f.rule.startswith(QUIET_FAMILIES) or f.rule.startswith("text.")]
        assert not noisy, (index, [(f.rule, f.message) for f in noisy])


def _restate(text: str, needle: str, replacement: str, which: int) -> str:
    """Replace occurrence ``which`` (0 or 1) of ``needle`` only."""
    first = text.index(needle)
    at = first if which == 0 else text.index(needle, first + 1)
    return text[:at] + replacement + text[at + len(needle) :]


def test_changing_one_statement_of_a_restated_count_is_caught() -> None:
    rng = random.Random(7)
    for case in range(120):
        index = rng.randrange(300)
        _, text, counts = render(index)
        count = rng.choice(counts)
        other = count.value + rng.choice((-1, 1)) * rng.randint(1, max(1, count.value // 2))
        statement = count.first() if rng.random() < 0.5 else count.second()
        mutated = text.replace(statement, statement.replace(f"{count.value}{count.unit}", f"{other}{count.unit}"), 1)
        assert mutated != text
        _, findings = review_text(mutated)
        hits = [f for f in findings if f.rule == "consistency.same_quantity"]
        assert len(hits) == 1, (case, index, count, other, [(f.rule, f.message) for f in findings])
        quoted = "".join(e.text for e in hits[0].evidence)
        assert f"{count.value}{count.unit}" in quoted and f"{other}{count.unit}" in quoted


def _body_sentences(text: str) -> list[str]:
    sentences = []
    for line in text.split("\n"):
        if not line or line.startswith(("一、", "二、", "三、", "四、", "五、", "六、", "（")) or line.endswith("报告"):
            continue
        sentences += [s + "。" for s in line.split("。") if len(s) >= 8]
    return sentences


def test_duplicating_one_sentence_is_caught() -> None:
    rng = random.Random(11)
    for case in range(120):
        index = rng.randrange(300)
        _, text, _ = render(index)
        sentence = rng.choice(_body_sentences(text))
        mutated = text.replace(sentence, sentence + sentence, 1)
        _, findings = review_text(mutated)
        hits = [f for f in findings if f.rule == "text.duplicate_sentence"]
        assert len(hits) == 1, (case, index, sentence, [(f.rule, f.message) for f in findings])


@pytest.mark.parametrize("index", range(0, 30, 3))
def test_changing_spent_in_the_text_breaks_both_breakdowns(index: int) -> None:
    report, text, _ = render(index)
    spent = f"执行数{report.budget.spent:.2f}万元"
    wrong = f"执行数{report.budget.spent + Decimal('10.00'):.2f}万元"
    _, findings = review_text(text.replace(spent, wrong, 1))
    fired = _fired(findings, "arithmetic.")
    assert {"arithmetic.by_source_vs_spent", "arithmetic.by_nature_vs_spent", "arithmetic.carryover"} <= fired


def test_doubling_a_function_character_is_caught() -> None:
    rng = random.Random(13)
    for case in range(40):
        index = rng.randrange(300)
        _, text, _ = render(index)
        spots = [i for i, ch in enumerate(text) if ch == "是" and text[i - 1] in "一二三四"]
        at = rng.choice(spots)
        _, findings = review_text(text[: at + 1] + "\n\n" + text[at:])  # 一是\n\n是加强: a PDF-style break
        hits = [f for f in findings if f.rule == "text.doubled_char"]
        assert len(hits) == 1 and "是是" in hits[0].message, (case, index)


def test_renumbering_a_heading_is_caught() -> None:
    for index in range(0, 40, 4):
        _, text, _ = render(index)
        _, findings = review_text(text.replace("（三）主要工作成效", "（二）主要工作成效"))
        assert [f.rule for f in findings if f.rule.startswith("text.heading")] == ["text.heading_numbering"]
