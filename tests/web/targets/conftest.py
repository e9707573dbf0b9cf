"""Fixtures of the 目标质量 tests: 荔湾's real 2022 report (舆情日报数量 ≥200 期, actual 432 期) and peers.

The peers are synthetic departments whose 2022 self-evaluations carry the library indicator
舆情日报数量 with the targets and actuals below (median target 380); everything is stored through
``save_report`` and the observations follow from the save signals, after the commit.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao import synthetic
from jixiao.importer import import_file
from jixiao.report import Indicator as IndicatorData
from jixiao.samples import samples

PEERS = ((300, 330), (350, 360), (380, 420), (400, 390), (420, 600), (250, 400), (500, 520))
"""(target, actual) of 舆情日报数量 in seven peer departments' 2022 reports."""
LIWAN = "中国共产党广州市荔湾区委员会宣传部"


def peer_report(index: int, target: int, actual: int, year: int = 2022):
    report = synthetic.report(index, year, indicators=3)
    report.indicators.append(IndicatorData(name="舆情日报数量", level1="产出指标", level2="数量指标", op=">=",
                                           target=Decimal(target), actual=Decimal(actual), unit="期",
                                           weight=Decimal(5)))
    return report


def store_liwan_and_peers(*, first_peer: int = 10) -> None:
    from jixiao.web.evaluation.flows import save_report

    save_report(import_file(samples()[0].text_path).report)
    for offset, (target, actual) in enumerate(PEERS):
        save_report(peer_report(first_peer + offset, target, actual))


@pytest.fixture
def liwan(world, django_capture_on_commit_callbacks):
    from jixiao.web.departments.models import Department

    with django_capture_on_commit_callbacks(execute=True):
        store_liwan_and_peers()
    return Department.objects.get(name=LIWAN)
