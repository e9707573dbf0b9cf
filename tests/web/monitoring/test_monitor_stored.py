"""`jixiao monitor` without files: the stored budgets of the year, from the database."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from jixiao import synthetic
from jixiao.cli import app
from jixiao.web.evaluation.flows import save_report
from jixiao.web.monitoring.selectors import monitored_budgets

pytestmark = pytest.mark.django_db(transaction=True)


def test_stored_budgets_feed_the_monitor() -> None:
    slow = synthetic.report(0, 2022)
    slow.budget.monthly = [m.model_copy(update={"spent": Decimal("1.00")}) for m in slow.budget.monthly]
    save_report(slow)
    save_report(synthetic.report(1, 2022))
    save_report(synthetic.report(2, 2021))  # another year: not monitored
    budgets = monitored_budgets(year=2022)
    assert [b.department for b in budgets] == sorted([slow.department, synthetic.department(1).name])
    assert all(len(b.monthly) == 12 for b in budgets)

    result = CliRunner().invoke(app, ["monitor", "--date", "2022-06-30", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    at_risk = {risk["department"] for risk in data["at_risk"]}
    assert slow.department in at_risk  # 6 万元 spent by end-June of a budget of hundreds: far below 40%
    assert len(data["rows"]) == 2
