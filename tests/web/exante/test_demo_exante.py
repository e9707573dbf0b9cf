"""Demo 事前评估: each seed department has one assessment in each outcome and one waiting, through the services."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.web import demo
from jixiao.web.exante.demo import SEED_DEPARTMENTS, load_exante
from jixiao.web.exante.models import ExanteAssessment

pytestmark = pytest.mark.django_db


def test_each_seed_department_has_every_outcome() -> None:
    demo.load(departments=2, years=(2022,))
    demo.create_accounts()
    for name in SEED_DEPARTMENTS:
        rows = ExanteAssessment.objects.filter(project__department__name=name)
        assert sorted(rows.exclude(conclusion="").values_list("conclusion", flat=True)) == ["partial", "reject",
                                                                                            "support"]
        waiting = rows.get(status="submitted")
        assert waiting.reviewer is not None and waiting.reviewer.username == "zhuanjia"
        partial = rows.get(conclusion="partial")
        assert partial.approved_amount == (partial.project.amount * Decimal("0.75")).quantize(Decimal("0.01"))
        assert partial.project.approved_amount == partial.approved_amount
        assert rows.get(conclusion="support").project.status == "approved"
        assert rows.get(conclusion="reject").project.exante_conclusion == "reject"
        assert all(a.total is not None for a in rows.filter(status="reviewed"))
    assert load_exante() == 0  # a second load adds nothing
