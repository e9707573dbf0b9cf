"""The shipped 事前评估 scheme and the threshold rule."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.exante import SchemeError, load_scheme, requires_exante


def test_shipped_scheme_has_five_dimensions_of_twenty_points():
    scheme = load_scheme()
    assert [d.name for d in scheme.dimensions] == ["立项必要性", "投入经济性", "绩效目标合理性", "实施方案可行性", "筹资合规性"]
    assert all(d.points == 20 for d in scheme.dimensions)
    assert sum(i.points for i in scheme.items) == scheme.total == 100
    assert "中发〔2018〕34号" in scheme.source
    assert scheme.threshold.source


def test_conclusion_bands():
    scheme = load_scheme()
    assert scheme.conclusion_for(Decimal("100")).name == "予以支持"
    assert scheme.conclusion_for(Decimal("80")).name == "予以支持"
    assert scheme.conclusion_for(Decimal("79.9")).name == "部分支持"
    assert scheme.conclusion_for(Decimal("60")).name == "部分支持"
    assert scheme.conclusion_for(Decimal("59.5")).name == "不予支持"
    assert scheme.grade_for(Decimal("4.5"), Decimal("5")) == "优"
    assert scheme.grade_for(Decimal("2"), Decimal("5")) == "差"


def test_requires_exante_by_amount_major_and_new():
    limit = load_scheme().threshold.amount
    assert requires_exante(amount=limit, major=False)
    assert not requires_exante(amount=limit - Decimal("0.01"), major=False)
    assert requires_exante(amount=Decimal("1"), major=True)
    assert requires_exante(amount=None, major=True, new=False)
    assert not requires_exante(amount=None, major=False)
    assert not requires_exante(amount=limit * 2, major=False, new=False)


def test_malformed_scheme_is_one_line(tmp_path: Path):
    text = (Path(__file__).parents[2] / "src/jixiao/exante/schemes/project-default.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('points = "20"\ndescription = "是否符合', 'points = "25"\ndescription = "是否符合'),
                   encoding="utf-8")
    with pytest.raises(SchemeError, match="立项必要性的分项分值之和不等于 25 分"):
        load_scheme(bad)
    with pytest.raises(SchemeError, match="没有这个事前评估方案文件"):
        load_scheme("nope")
