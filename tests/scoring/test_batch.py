"""The batch path gives the Decimal engine's scores bit for bit (hypothesis), with and without numpy."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao import synthetic
from jixiao.scoring import Framework, batch, load_framework, score_report
from jixiao.scoring.engine import score_resolved
from jixiao.scoring.framework import shipped_frameworks
from jixiao.scoring.mapping import Resolved

TENHAO = load_framework("caiyu-2020-10")


def _reducing() -> Framework:
    text = shipped_frameworks()["caiyu-2020-10"].read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reducing.toml"
        path.write_text(text.replace("reduce = false", "reduce = true").replace("factor = 0.5", "factor = 0.35"),
                        encoding="utf-8")
        return load_framework(str(path))


REDUCING = _reducing()

values = st.decimals(min_value=Decimal("-500"), max_value=Decimal("100000"), places=4)
small = st.decimals(min_value=Decimal("-5"), max_value=Decimal("50"), places=2)
items = st.builds(
    Resolved,
    name=st.just("x"), level1=st.just("产出指标"), level2=st.none(),
    op=st.sampled_from([">=", ">", "=", "<", "<=", "qualitative", "missing_op", "execution_rate"]),
    target=st.none() | values | st.sampled_from([Decimal(0), Decimal(100)]),
    actual=st.none() | values | st.sampled_from([Decimal(0), Decimal(130), Decimal(200)]),
    unit=st.just("个"),
    weight=st.decimals(min_value=Decimal(0), max_value=Decimal(100), places=2),
    actual_text=st.sampled_from([None, "达成预期指标", "部分达成", "未达成", "基本完成"]),
    stated_score=st.none() | small,
)


@given(rows=st.lists(items, min_size=1, max_size=40), reducing=st.booleans())
@settings(max_examples=300, deadline=None)
def test_batch_equals_decimal_engine(rows: list[Resolved], reducing: bool) -> None:
    framework = REDUCING if reducing else TENHAO
    expected = [int(score_resolved(r, framework).score * 100) for r in rows]
    cols = batch.columns([rows], framework)
    assert batch.score_columns(cols, framework) == expected
    assert batch.score_python(cols, batch.Rules.of(framework)) == expected


def test_whole_synthetic_reports_agree() -> None:
    reports = list(synthetic.reports(60, (2022, 2024), indicators=30))
    for framework in (TENHAO, REDUCING):
        fast = batch.score_reports(reports, framework)
        slow = [score_report(r, framework) for r in reports]
        assert fast == [(s.total, s.grade) for s in slow]


def test_values_beyond_four_decimals_are_refused() -> None:
    row = Resolved(name="x", level1="产出指标", level2=None, op=">=", target=Decimal("0.00001"),
                   actual=Decimal(1), unit="个", weight=Decimal(10))
    with pytest.raises(batch.BatchUnsupported):
        batch.columns([[row]], TENHAO)


def test_huge_values_fall_back_to_python_integers() -> None:
    row = Resolved(name="x", level1="产出指标", level2=None, op=">=", target=Decimal(10) ** 12,
                   actual=Decimal(10) ** 11, unit="元", weight=Decimal(10))
    assert batch.score_columns(batch.columns([[row]], TENHAO), TENHAO) == [100]  # 10 × 0.1 = 1.00


def test_without_numpy_the_python_loop_gives_the_same_scores(monkeypatch: pytest.MonkeyPatch) -> None:
    reports = list(synthetic.reports(10, (2023,), indicators=20))
    with_numpy = batch.score_reports(reports, TENHAO)
    monkeypatch.setattr(batch, "np", None)
    assert batch.score_reports(reports, TENHAO) == with_numpy
    with pytest.raises(batch.BatchUnsupported):
        batch.as_arrays(batch.columns_for_reports(reports, TENHAO))
