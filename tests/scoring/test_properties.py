"""Properties of the engine that hold for every input (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.scoring import load_framework
from jixiao.scoring.engine import score_negative, score_positive, score_resolved
from jixiao.scoring.mapping import Resolved

TENHAO = load_framework("caiyu-2020-10")
amounts = st.decimals(min_value=Decimal("-1000"), max_value=Decimal("100000"), places=2)
targets = st.decimals(min_value=Decimal("0"), max_value=Decimal("100000"), places=2)
weights = st.decimals(min_value=Decimal("0"), max_value=Decimal("60"), places=2)
ops = st.sampled_from([">=", ">", "=", "<", "<=", "qualitative", "missing_op"])
texts = st.sampled_from([None, "达成预期指标", "部分达成", "未达成", "其他"])


@given(op=ops, actual=st.none() | amounts, target=st.none() | targets, weight=weights, text=texts,
       stated=st.none() | weights)
@settings(max_examples=500)
def test_a_score_never_exceeds_its_weight_nor_falls_below_zero(
    op: str, actual: Decimal | None, target: Decimal | None, weight: Decimal, text: str | None, stated: Decimal | None
) -> None:
    item = Resolved(name="x", level1="产出指标", level2=None, op=op, target=target, actual=actual, unit="个",
                    weight=weight, actual_text=text, stated_score=stated)
    score = score_resolved(item, TENHAO).score
    assert Decimal(0) <= score <= weight


@given(a=amounts, b=amounts, target=targets, weight=weights)
def test_positive_is_monotone_in_the_actual(a: Decimal, b: Decimal, target: Decimal, weight: Decimal) -> None:
    low, high = sorted((max(a, Decimal(0)), max(b, Decimal(0))))
    assert score_positive(low, target, weight, TENHAO).score <= score_positive(high, target, weight, TENHAO).score


@given(a=amounts, b=amounts, target=targets, weight=weights)
def test_negative_is_antitone_in_the_actual(a: Decimal, b: Decimal, target: Decimal, weight: Decimal) -> None:
    low, high = sorted((max(a, Decimal(0)), max(b, Decimal(0))))
    assert score_negative(low, target, weight, TENHAO).score >= score_negative(high, target, weight, TENHAO).score
