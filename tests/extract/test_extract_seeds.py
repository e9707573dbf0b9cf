"""Extraction on the two seed reports: every key figure as in the gold files, with evidence."""

from __future__ import annotations

import re

import pytest

from jixiao.extract import extract_report
from jixiao.report import PerformanceReport
from jixiao.samples import Sample

BUDGET_PATHS = [
    "budget.total",
    "budget.spent",
    "budget.execution_rate",
    "budget.carryover",
    "budget.by_source.general_public",
    "budget.by_source.government_fund",
    "budget.by_source.state_capital",
    "budget.by_source.other",
    "budget.by_nature.basic",
    "budget.by_nature.project",
]


@pytest.fixture
def extracted(seed: Sample) -> PerformanceReport:
    return extract_report(seed.text())


def test_key_figures_equal_the_gold(seed: Sample, extracted: PerformanceReport) -> None:
    assert extracted.key_figures() == seed.gold().key_figures()


def test_header_facts(seed: Sample, extracted: PerformanceReport) -> None:
    gold = seed.gold()
    assert (extracted.department, extracted.region, extracted.year, extracted.kind) == (
        gold.department,
        gold.region,
        gold.year,
        gold.kind,
    )


def test_budget_and_evaluation_equal_the_gold(seed: Sample, extracted: PerformanceReport) -> None:
    gold = seed.gold()
    assert extracted.budget.model_dump() == gold.budget.model_dump()
    assert extracted.evaluation.score == gold.evaluation.score
    assert extracted.evaluation.grade == gold.evaluation.grade


def test_goals_equal_the_gold(seed: Sample, extracted: PerformanceReport) -> None:
    assert [goal.text for goal in extracted.goals] == [goal.text for goal in seed.gold().goals]


def test_indicators_equal_the_gold(seed: Sample, extracted: PerformanceReport) -> None:
    fields = ("name", "op", "target", "unit", "actual")
    assert [indicator.model_dump(include=set(fields)) for indicator in extracted.indicators] == [
        indicator.model_dump(include=set(fields)) for indicator in seed.gold().indicators
    ]


def test_no_conflicts_on_the_seeds(extracted: PerformanceReport) -> None:
    assert extracted.conflicts == []


def test_budget_evidence_contains_the_number_as_written(seed: Sample, extracted: PerformanceReport) -> None:
    original = seed.text()
    for path in BUDGET_PATHS:
        value = _value_at(extracted, path)
        if value is None:
            assert path not in extracted.evidence
            continue
        [evidence] = extracted.evidence[path]
        assert evidence.text == original[evidence.start : evidence.end]
        written = re.sub(r"\s", "", evidence.text).replace(",", "")
        assert re.search(rf"(?<![\d.]){re.escape(_plain(value))}(?:0*)(?![\d])", written), (
            path,
            evidence.text,
        )
        assert evidence.section is not None and re.search("收支|预算", evidence.section)


def test_every_evidence_span_is_the_original_text(seed: Sample, extracted: PerformanceReport) -> None:
    original = seed.text()
    assert extracted.evidence
    for path, spans in extracted.evidence.items():
        for evidence in spans:
            assert 0 <= evidence.start < evidence.end <= len(original), path
            assert evidence.text == original[evidence.start : evidence.end]


def test_indicator_evidence_points_at_target_and_actual(seed_000: Sample) -> None:
    report = extract_report(seed_000.text())
    target = report.evidence["indicators[0].target"][0]
    assert target.text == "\\geq 200期"
    actual = report.evidence["indicators[0].actual"][0]
    assert "432" in actual.text
    assert actual.section == "2.项目绩效目标完成情况"
    assert "indicators[4].actual" not in report.evidence


def test_grade_and_score_evidence(seed_001: Sample) -> None:
    report = extract_report(seed_001.text())
    assert report.evidence["evaluation.score"][0].text == "自评分数 99.24分"
    assert report.evidence["evaluation.grade"][0].section == "（一）自评结论综述"
    assert report.evidence["department"][0].text == "中国共产党广州市增城区委员会宣传\n\n部"


def test_tasks_problems_measures(seed: Sample, extracted: PerformanceReport) -> None:
    expected_tasks = {"seed_000": 4, "seed_001": 8}[seed.id[:8]]
    assert len(extracted.tasks) == expected_tasks
    assert all(task.title and task.text for task in extracted.tasks)
    assert len(extracted.problems) == 3
    assert all(not problem.startswith(("一是", "二是", "三是")) for problem in extracted.problems)
    assert len(extracted.measures) in (2, 3)


def test_seed_000_tasks_are_the_task_blocks(seed_000: Sample) -> None:
    report = extract_report(seed_000.text())
    assert report.tasks[0].title == "有效宣传荔湾发展成果，引导舆论指向"
    assert report.tasks[0].text.startswith("一是做好党委专题研究部署网信工作。")
    assert report.tasks[3].title == "区宣传文化事业发展专项工作"


def test_seed_001_tasks_split_at_completion(seed_001: Sample) -> None:
    report = extract_report(seed_001.text())
    assert report.tasks[5].text == "按要求完成相关工作。"
    assert report.tasks[0].title.startswith("围绕传达贯彻落实中央")


def test_seed_000_numbering_issue_is_a_warning(seed_000: Sample) -> None:
    report = extract_report(seed_000.text())
    assert any("（三）主要工作成效" in warning for warning in report.warnings)


def test_page_map_fills_pages(seed_001: Sample) -> None:
    text = seed_001.text()
    second_page = text.index("—7—")
    report = extract_report(text, page_starts=[0, second_page])
    assert report.evidence["budget.total"][0].page == 1
    assert report.evidence["problems[0]"][0].page == 2


def _value_at(report: PerformanceReport, path: str) -> object:
    node: object = report
    for part in path.split("."):
        node = getattr(node, part)
    return node


def _plain(value: object) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def test_evidence_spans_are_trimmed(seed: Sample, extracted: PerformanceReport) -> None:
    for path, spans in extracted.evidence.items():
        for evidence in spans:
            assert evidence.text == evidence.text.strip(), path


def test_budget_evidence_keeps_the_thousands_separator_as_written(seed_001: Sample) -> None:
    report = extract_report(seed_001.text())
    assert re.sub(r"\s", "", report.evidence["budget.total"][0].text) == "预算收入2,661.70万元"
    assert re.sub(r"\s", "", report.evidence["budget.spent"][0].text) == "支出2,457.31万元"
    assert re.sub(r"\s", "", report.evidence["budget.by_nature.project"][0].text) == "项目支出1098.73万元"
