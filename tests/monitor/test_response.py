"""Answering a warning (预警响应): stable keys, working-day deadlines, the rules as data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jixiao.monitor import MonitoredBudget, ThresholdsError, load_thresholds, run_monitor
from jixiao.monitor.response import (
    add_working_days,
    is_overdue,
    parse_key,
    raised_on,
    raised_warnings,
    response_deadline,
    warning_key,
)
from jixiao.report import MonthlyAmount

SICHUAN = load_thresholds("sichuan-2025")


def slow(name: str = "甲局") -> MonitoredBudget:
    return MonitoredBudget(department=name, year=2025, total=Decimal(1000),
                           monthly=[MonthlyAmount(month=m, spent=Decimal(20)) for m in range(1, 13)])


def test_the_rules_are_the_thresholds_data_with_their_source() -> None:
    rules = SICHUAN.response
    assert rules is not None
    assert rules.actions == ("继续执行", "调剂", "取消")
    assert rules.working_days == 10 and rules.on_overdue == "暂停执行"
    assert "川财绩〔2025〕10号" in rules.source


def test_a_thresholds_file_with_bad_response_rules_is_refused(tmp_path) -> None:
    path = tmp_path / "t.toml"
    path.write_text('name = "t"\nversion = "1"\nsource = "s"\n[response]\nsource = "s"\nactions = []\n'
                    'working_days = 10\non_overdue = "暂停执行"\n', encoding="utf-8")
    with pytest.raises(ThresholdsError, match=r"response\.actions"):
        load_thresholds(path)


def test_the_same_warning_on_another_day_has_the_same_key() -> None:
    in_may = run_monitor([slow()], on=date(2025, 5, 20), thresholds=SICHUAN).warnings
    at_april_end = run_monitor([slow()], on=date(2025, 4, 30), thresholds=SICHUAN).warnings
    assert [warning_key(w) for w in in_may] == [warning_key(w) for w in at_april_end] == ["execution_below_checkpoint:4"]
    in_june = run_monitor([slow()], on=date(2025, 6, 30), thresholds=SICHUAN).warnings
    assert [warning_key(w) for w in in_june] == ["execution_below_checkpoint:6"]  # a new checkpoint, a new warning


def test_a_project_warning_key_names_the_project() -> None:
    budget = slow().model_copy(update={"projects": [slow().model_copy(update={"project": "重点项目A"})]})
    keys = [warning_key(w) for w in run_monitor([budget], on=date(2025, 4, 30), thresholds=SICHUAN).warnings]
    assert keys == ["execution_below_checkpoint:4", "execution_below_checkpoint:4:重点项目A"]
    assert parse_key(keys[1]) == ("execution_below_checkpoint", 4, "重点项目A")


@pytest.mark.parametrize("key", ["", "x", "kind:", "kind:13", "kind:a"])
def test_bad_keys(key: str) -> None:
    with pytest.raises(ValueError):
        parse_key(key)


@pytest.mark.parametrize(("start", "days", "expected"), [
    (date(2025, 4, 30), 10, date(2025, 5, 14)),   # Wednesday → two weeks later (holidays not in the data)
    (date(2025, 5, 2), 1, date(2025, 5, 5)),      # Friday + 1 → Monday
    (date(2025, 5, 3), 1, date(2025, 5, 5)),      # Saturday + 1 → Monday
    (date(2025, 5, 4), 5, date(2025, 5, 9)),      # Sunday + 5 → Friday
    (date(2022, 10, 31), 10, date(2022, 11, 14)),
    (date(2025, 12, 31), 3, date(2026, 1, 5)),    # across the year end
])
def test_working_days(start: date, days: int, expected: date) -> None:
    assert add_working_days(start, days) == expected


def test_deadline_and_overdue() -> None:
    assert SICHUAN.response is not None
    assert raised_on(4, 2025) == date(2025, 4, 30) and raised_on(2, 2024) == date(2024, 2, 29)
    deadline = response_deadline(month=4, year=2025, rules=SICHUAN.response)
    assert deadline == date(2025, 5, 14)
    assert not is_overdue(deadline, date(2025, 5, 14))  # the last day is still in time
    assert is_overdue(deadline, date(2025, 5, 15))


def test_warnings_raised_earlier_in_the_year_stay_listed() -> None:
    # slow until April, then fast enough that no later checkpoint warns
    budget = MonitoredBudget(department="甲局", year=2025, total=Decimal(1000), monthly=[
        MonthlyAmount(month=m, spent=Decimal(20 if m <= 4 else 200)) for m in range(1, 13)])
    assert run_monitor([budget], on=date(2025, 12, 31), thresholds=SICHUAN).warnings == []
    raised = raised_warnings([budget], year=2025, on=date(2025, 12, 31), thresholds=SICHUAN)
    assert [warning_key(w) for w in raised] == ["execution_below_checkpoint:4"]
    assert raised_warnings([budget], year=2025, on=date(2025, 4, 29), thresholds=SICHUAN) == []
