"""A filled-in 事前评估 for the core tests."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.exante import Assessment, Entry, Narrative, ProjectFacts, Review, Scheme, load_scheme


def filled(scheme: Scheme, *, lost: Decimal = Decimal(0), approved: Decimal | None = None) -> Assessment:
    """Every sub-point self-assessed; full points but ``lost`` taken from the first sub-point of each dimension."""
    entries = {}
    for dim in scheme.dimensions:
        for index, item in enumerate(dim.items):
            minus = lost if index == 0 else Decimal(0)
            entries[item.key] = Entry(self_assessment=f"{item.text}：已按要求论证。\n第二段自评。",
                                      evidence="可行性研究报告", points=item.points - minus,
                                      note="论证不够充分" if minus else "")
    return Assessment(
        project=ProjectFacts(name="智慧课堂建设项目", code="440100-2026-001", department="广州市某区教育局",
                             amount=Decimal("800.00"), department_in_charge="广州市某区教育局",
                             implementer="区属中小学", attribute="新增", period="2026—2027年"),
        narrative=Narrative(background="落实教育数字化战略。", content="建设 120 间智慧教室。",
                            goals="2026年底前完成 120 间智慧教室建设。", funding="区级财政资金 800 万元。"),
        entries=entries,
        review=Review(reasons="总体论证充分。", suggestions="细化采购计划。", approved_amount=approved,
                      reviewer="区财政局"),
    )


@pytest.fixture
def scheme() -> Scheme:
    return load_scheme()
