"""The review on real published reports (../shared/corpus, read by path; skipped when absent).

What a careful finance-bureau reader found in them must be reported, and the reports whose gold
lists no inconsistency must get no arithmetic or consistency finding. The importer may refuse
some of these texts today (a separate fix); the review is run on the parsed text all the same,
beside the extracted report or an empty one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from text_review import review_corpus, text_of

from fixtures.corpus import FALSE_ALARM_FAMILIES, default_folder, inconsistency_found, load_cases


def _clean_cases() -> list[str]:
    """The corpus reports whose gold lists no inconsistency at all."""
    folder = default_folder()
    cases = load_cases(Path(folder)) if folder else []
    return [case.id for case in cases if not case.gold.get("inconsistencies")]


@pytest.mark.parametrize(
    ("case_id", "rule", "said"),
    [
        ("101", "arithmetic.income_balance", ["90.37", "76.36", "14.01", "结余结转0万元"]),
        ("101", "execution.adjustment_unexplained", ["调整追加11.78万元"]),
        ("105", "consistency.date_order", ["2021-02-26", "2021年12月"]),
        ("105", "text.document_number", ["内财监〔20191343号"]),
        ("113", "text.document_number", ["南财函〔202〕25号"]),
        ("135", "text.document_number", ["川财社〔2020165号", "川财社〔202143号", "万财预〔20211号"]),
        ("144", "consistency.title_year", ["2022年度部门整体绩效自评表", "2023年度部门整体绩效自评表"]),
        ("144", "text.truncated_amount", [".32.06.5"]),
        ("142", "text.template_leftover", ["≥**"]),
        ("142", "execution.low_rate_all_met", ["20.00%"]),
        ("146", "execution.low_rate", ["86.00%", "115.12", "不存在执行数偏离预算数较多的问题"]),
        ("127", "text.doubled_char", ["(("]),
        ("134", "text.broken_date", ["220211231日", "2021年年1231日"]),
        ("134", "text.heading_numbering", ["、项目绩效情况", "、评价结论及建议"]),
        ("118", "text.heading_numbering", ["(二)2020年度重点工作"]),
        ("139", "arithmetic.unit_standard", ["132697卷", "26.54万元", "21.44万元"]),
    ],
)
def test_what_a_careful_reader_found_is_reported(case_id: str, rule: str, said: list[str]) -> None:
    findings = review_corpus(case_id, rules=(rule,))
    assert findings, f"{case_id}: {rule} not reported"
    written = text_of(findings)
    for snippet in said:
        assert snippet in written, f"{case_id}: {rule}: “{snippet}” not in {written}"


def test_the_verified_inconsistencies_are_found() -> None:
    folder = default_folder()
    if folder is None:
        pytest.skip("语料目录不存在（../shared/corpus 或 JIXIAO_CORPUS）")
    found = total = 0
    for case in load_cases(Path(folder)):
        findings = review_corpus(case.id)
        for item in case.verified_inconsistencies:
            total += 1
            found += inconsistency_found(item, findings)
    assert total and found / total >= 0.8, f"{found}/{total}"


@pytest.mark.parametrize("case_id", _clean_cases() or ["104"])
def test_reports_without_inconsistencies_get_no_arithmetic_or_consistency_finding(case_id: str) -> None:
    folder = default_folder()
    if folder is None:
        pytest.skip("语料目录不存在（../shared/corpus 或 JIXIAO_CORPUS）")
    for extracted in (True, False):
        alarms = [f for f in review_corpus(case_id, extracted=extracted)
                  if f.rule.split(".", 1)[0] in FALSE_ALARM_FAMILIES]
        assert not alarms, text_of(alarms)


@pytest.mark.parametrize(
    ("case_id", "rules"),
    [
        # 609.74 = 15 + 594.74 and the four listed projects; 2399 of 2000 is 120%
        ("132", ("consistency.extracted_conflict", "arithmetic.stated_parts", "arithmetic.stated_rate",
                 "arithmetic.count_vs_list")),
        # 年初预算 51587.78 and 年中调整预算 64163.86 are two figures; all its 其中 lists add up
        ("104", ("consistency.extracted_conflict", "consistency.same_amount", "arithmetic.stated_parts")),
        ("130", ("arithmetic.stated_parts",)),  # 14 transfers add up to 3580.69
        ("148", ("arithmetic.stated_parts",)),  # the 3-column table: 基本支出 + 项目支出 = 支出总额 in each
        ("111", ("consistency.title_year",)),  # the 2018 notice about the 2017 evaluation
        ("115", ("arithmetic.stated_parts", "text.heading_numbering")),  # 编制17人 / 在职16人; a 目录 first
        ("114", ("arithmetic.count_vs_list",)),  # 12 科室 with 和 and 与 inside their names
        ("121", ("text.doubled_char",)),  # “指标任务 任务2”: two cells
    ],
)
def test_what_is_not_a_fault_is_left_alone(case_id: str, rules: tuple[str, ...]) -> None:
    assert review_corpus(case_id, rules=rules) == []
