"""抽评 draws: reproducible, stratified, forced inclusion of serious findings, the minimum count, rule files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.oversight.sampling import (
    Candidate,
    SamplingRuleError,
    draw_sample,
    load_sampling_rule,
    shipped_rules,
)


def _items(n: int = 40) -> list[Candidate]:
    # amounts spread over the three bands: 0–99, 100–999, ≥1000 万元
    return [Candidate(f"project:{i}", "project", f"项目{i}", f"部门{i % 5}", Decimal(i * 53), f"行业{i % 3}")
            for i in range(n)]


def test_same_seed_same_items_same_sample_whatever_their_order():
    rule = load_sampling_rule()
    items = _items()
    first = draw_sample(items, rule, 20220)
    again = draw_sample(list(reversed(items)), rule, 20220)
    assert first.keys == again.keys
    assert [i.reason for i in first.items] == [i.reason for i in again.items]
    other = draw_sample(items, rule, 20221)
    assert other.keys != first.keys  # another seed draws another sample


def test_each_stratum_gets_its_share_rounded_up():
    rule = load_sampling_rule()
    draw = draw_sample(_items(), rule, 7)
    sizes = {c.label: (c.size, c.drawn) for c in draw.strata}
    assert sizes == {"1000万元及以上": (21, 7), "100万元至1000万元": (17, 6), "100万元以下": (2, 1)}
    for item in draw.items:
        assert item.reason.startswith("按金额分层随机抽取（" + item.stratum)
        assert rule.stratum_of(item.candidate) == item.stratum
    assert len(draw.items) == 14


def test_items_the_review_found_serious_are_always_drawn():
    rule = load_sampling_rule()
    items = _items()
    items[3] = Candidate("project:3", "project", "项目3", "部门3", Decimal(159), "行业0", severity="serious")
    items[30] = Candidate("project:30", "project", "项目30", "部门0", Decimal(1590), "行业0", severity="blocking")
    items[31] = Candidate("project:31", "project", "项目31", "部门1", Decimal(1643), "行业1", severity="general")
    for seed in range(20):
        draw = draw_sample(items, rule, seed)
        reasons = {i.candidate.key: i.reason for i in draw.items}
        assert reasons["project:3"] == "必抽：复核发现严重问题"
        assert reasons["project:30"] == "必抽：复核发现严重问题"
        assert reasons.get("project:31", "").startswith("按金额") or "project:31" not in reasons


def test_the_minimum_count_is_filled_at_random_and_says_so():
    rule = load_sampling_rule()  # 30%, at least 3
    items = [Candidate(f"department:{i}", "department", f"部门{i}", f"部门{i}", Decimal(500)) for i in range(4)]
    draw = draw_sample(items, rule, 1)
    assert len(draw.items) == 3  # one by the stratum's 30% of 4 (rounded up to 2) … then filled to 3
    assert sum("补足最低抽取数量" in i.reason for i in draw.items) == 1
    few = draw_sample(items[:2], rule, 1)
    assert len(few.items) == 2  # fewer than the minimum: all of them


def test_strata_by_sector():
    rule = load_sampling_rule("sampling-sector")
    draw = draw_sample(_items(30), rule, 3)
    assert {c.label: c.size for c in draw.strata} == {"行业0": 10, "行业1": 10, "行业2": 10}
    assert all(c.drawn == 2 for c in draw.strata)
    assert all(i.reason.startswith("按行业分层随机抽取（行业") for i in draw.items)


def test_kinds_outside_the_population_are_not_drawn(tmp_path: Path):
    text = Path(shipped_rules()["sampling-local"]).read_text(encoding="utf-8").replace(
        'kinds = ["department", "project"]', 'kinds = ["department"]')
    path = tmp_path / "dept-only.toml"
    path.write_text(text, encoding="utf-8")
    items = [*_items(10), Candidate("department:1", "department", "部门1", "部门1", Decimal(5))]
    draw = draw_sample(items, load_sampling_rule(path), 1)
    assert draw.population == 1 and draw.keys == ["department:1"]


def test_shipped_rules_name_their_source():
    for name in shipped_rules():
        rule = load_sampling_rule(name)
        assert "地方实践" in rule.source or "财预" in rule.source


def test_a_bad_rule_file_is_one_line_naming_it(tmp_path: Path):
    path = tmp_path / "bad.toml"
    path.write_text('name = "x"\ntitle = "x"\nversion = "1"\nsource = "地方实践"\n[share]\npercent = 0\nminimum = 1\n'
                    '[strata]\nby = "amount"\nreason = "r"\n', encoding="utf-8")
    with pytest.raises(SamplingRuleError) as exc:
        load_sampling_rule(path)
    assert str(path) in str(exc.value) and "share.percent" in str(exc.value) and "\n" not in str(exc.value)
    with pytest.raises(SamplingRuleError, match="没有这个抽评规则文件"):
        load_sampling_rule(tmp_path / "missing.toml")
