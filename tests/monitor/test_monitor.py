"""双监控: time progress, execution, gap, projection and warnings, computed by hand."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao import synthetic
from jixiao.cli import app
from jixiao.monitor import MonitoredBudget, ThresholdsError, load_thresholds, run_monitor
from jixiao.monitor.progress import months_closed, time_progress
from jixiao.report import MonthlyAmount

D = Decimal
SICHUAN = load_thresholds("sichuan-2025")


def flat(total: int = 1000, per_month: int = 50, *, goal: str | None = None, name: str = "甲局",
         projects: list[MonitoredBudget] | None = None) -> MonitoredBudget:
    return MonitoredBudget(department=name, year=2025, total=D(total),
                           monthly=[MonthlyAmount(month=m, spent=D(per_month)) for m in range(1, 13)],
                           goal_progress=None if goal is None else D(goal), projects=projects or [])


@pytest.mark.parametrize(("on", "expected"), [
    (date(2025, 4, 30), "33.33"), (date(2025, 6, 30), "50.00"), (date(2025, 7, 31), "58.33"),
    (date(2025, 9, 30), "75.00"), (date(2025, 6, 15), "45.83"), (date(2024, 2, 29), "16.67"),
    (date(2025, 12, 31), "100.00"), (date(2025, 1, 1), "0.27"),
])
def test_time_progress(on: date, expected: str) -> None:
    assert time_progress(on) == D(expected)


def test_a_month_closes_on_its_last_day() -> None:
    assert months_closed(date(2025, 6, 30), 2025) == 6
    assert months_closed(date(2025, 6, 29), 2025) == 5
    assert months_closed(date(2026, 3, 1), 2025) == 12
    assert months_closed(date(2024, 3, 1), 2025) == 0


def test_end_of_june_below_forty_percent_warns() -> None:
    result = run_monitor([flat()], on=date(2025, 6, 30), thresholds=SICHUAN)
    row = result.rows[0]
    assert (row.spent, row.execution, row.gap, row.projected) == (D(300), D("30.00"), D("-20.00"), D("60.00"))
    assert [w.kind for w in result.warnings] == ["execution_below_checkpoint"]
    assert "低于 40%" in result.warnings[0].message
    assert result.at_risk[0].department == "甲局"


def test_exactly_on_the_line_is_not_a_warning() -> None:
    # end of May: the April checkpoint (25 %) applies; 250/1000 = 25 % exactly
    assert run_monitor([flat()], on=date(2025, 5, 31), thresholds=SICHUAN).warnings == []
    assert run_monitor([flat()], on=date(2025, 3, 31), thresholds=SICHUAN).warnings == []  # no checkpoint yet


def test_goal_and_execution_apart_by_more_than_ten_points() -> None:
    wide = run_monitor([flat(per_month=100, goal="71")], on=date(2025, 6, 30), thresholds=SICHUAN)
    assert [w.kind for w in wide.warnings] == ["goal_execution_gap"]  # |71 − 60| = 11
    close = run_monitor([flat(per_month=100, goal="70")], on=date(2025, 6, 30), thresholds=SICHUAN)
    assert close.warnings == []  # exactly 10 points is not more than 10


def test_projects_are_listed_at_risk_under_their_department() -> None:
    project = MonitoredBudget(department="", project="重点项目A", year=2025, total=D(200),
                              monthly=[MonthlyAmount(month=1, spent=D(10))])
    result = run_monitor([flat(per_month=100, projects=[project])], on=date(2025, 8, 31), thresholds=SICHUAN)
    assert [(r.department, r.project) for r in result.at_risk] == [("甲局", "重点项目A")]
    assert "1–8月" in result.at_risk[0].reasons[0]


def test_thresholds_are_data_with_a_source(tmp_path: Path) -> None:
    assert "川财绩〔2025〕10号" in SICHUAN.source
    assert [(c.month, c.min_execution) for c in SICHUAN.checkpoints] == [(4, 25), (6, 40), (8, 60), (10, 80)]
    custom = tmp_path / "gd.toml"
    custom.write_text('name = "x"\nversion = "1"\nsource = "test"\ntime_gap = 15\n', encoding="utf-8")
    result = run_monitor([flat()], on=date(2025, 6, 30), thresholds=load_thresholds(str(custom)))
    assert [w.kind for w in result.warnings] == ["behind_time"]  # 20 points behind > 15
    custom.write_text('name = "x"\nversion = "1"\nsource = "t"\n[[checkpoints]]\nmonth = 13\nmin_execution = 5\n',
                      encoding="utf-8")
    with pytest.raises(ThresholdsError, match=str(custom)):
        load_thresholds(str(custom))


def test_synthetic_reports_monitor_without_error() -> None:
    budgets = [MonitoredBudget.from_report(r) for r in synthetic.reports(20, (2025,))]
    result = run_monitor(budgets, on=date(2025, 10, 31), thresholds=SICHUAN)
    assert len(result.rows) == 20
    assert all(r.execution is not None and r.execution < 80 for r in result.at_risk)


runner = CliRunner()


def test_cli_lists_warnings_as_json(tmp_path: Path) -> None:
    files = []
    for index in range(4):
        path = tmp_path / f"r{index}.json"
        path.write_text(synthetic.report(index, 2025).to_json(), encoding="utf-8")
        files.append(str(path))
    result = runner.invoke(app, ["monitor", *files, "--date", "2025-06-30", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["time_progress"] == 50 and len(data["rows"]) == 4
    table = runner.invoke(app, ["monitor", *files, "--date", "2025-06-30"])
    assert table.exit_code == 0 and "2025-06-30" in table.stdout


def test_cli_bad_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "missing.json"
    result = runner.invoke(app, ["monitor", str(path)])
    assert result.exit_code == 1 and str(path) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_without_monthly_records_execution_is_unknown_not_zero() -> None:
    budget = MonitoredBudget(department="乙局", year=2025, total=D(100))
    result = run_monitor([budget], on=date(2025, 6, 30), thresholds=SICHUAN)
    assert result.rows[0].execution is None and result.rows[0].projected is None
    assert [w.kind for w in result.warnings] == ["no_monthly_data"]
