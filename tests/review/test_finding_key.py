"""The stable finding key (发现标识) a reviewer's decision is stored under."""

from __future__ import annotations

from jixiao.report import Evidence, Finding
from jixiao.review import finding_key, review_text
from jixiao.samples import sample


def _finding(rule: str, *spans: tuple[int, int]) -> Finding:
    return Finding(rule=rule, severity="general", message="m",
                   evidence=[Evidence(start=s, end=e, text="x") for s, e in spans])


def test_the_key_is_the_rule_and_every_evidence_span() -> None:
    assert finding_key(_finding("execution.low_rate", (10, 20), (30, 45))) == "execution.low_rate@10-20,30-45"
    missing = Finding(rule="text.missing_section", severity="hint", message="未见“绩效目标”部分")
    other = Finding(rule="text.missing_section", severity="hint", message="未见“结果应用”部分")
    assert finding_key(missing).startswith("text.missing_section#") and finding_key(missing) != finding_key(other)
    assert finding_key(_finding("a", (1, 2))) != finding_key(_finding("a", (1, 3)))
    many = [(i * 100000, i * 100000 + 99999) for i in range(1, 60)]
    assert len(finding_key(_finding("text.duplicate", *many))) < 200
    assert finding_key(_finding("text.duplicate", *many)) != finding_key(_finding("text.duplicate", *many[1:]))


def test_the_same_text_gives_the_same_keys_and_they_are_distinct() -> None:
    text = sample("seed_000").text()
    first = [finding_key(f) for f in review_text(text)[1]]
    assert first == [finding_key(f) for f in review_text(text)[1]]
    assert len(set(first)) == len(first)
