"""Sealing after a bulk write (批量写入后的封存) seals the history of the rows written, and only that.

Before: a bulk write (``store_reports``, a batch chunk) asked the chain to seal "every unsealed
record" of each model it wrote. Each commit then read the model's whole history against all its
seals — work that grows with every report stored, so a province's 10,000 reports stored in chunks
cost more per chunk as the batch went on — and a history row put into the database by hand
(outside the application) was sealed by the next import, as if it were genuine.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jixiao import synthetic
from jixiao.web.audit import chain
from jixiao.web.audit.models import AuditSeal
from jixiao.web.evaluation.flows import store_reports
from jixiao.web.evaluation.models import Indicator

pytestmark = pytest.mark.django_db


def _unsealed(model: type) -> set[int]:
    label = model._meta.label_lower
    history = set(model.history.values_list("history_id", flat=True))
    return history - set(AuditSeal.objects.filter(model=label).values_list("record_id", flat=True))


def test_a_bulk_store_seals_its_rows_history_without_reading_every_seal(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        store_reports(synthetic.reports(2, years=(2022,)))
    assert Indicator.history.count() > 0 and _unsealed(Indicator) == set()
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        store_reports(synthetic.reports(2, years=(2023,), seed=3))
    assert _unsealed(Indicator) == set()
    sweeps = [q["sql"] for q in queries if "audit_auditseal" in q["sql"] and "NOT" in q["sql"].upper()]
    assert sweeps == [], sweeps[:1]
    problems = chain.verify()[1]
    assert problems == []


def test_a_history_row_put_in_by_hand_is_not_sealed_by_the_next_import(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        store_reports(synthetic.reports(1, years=(2022,)))
    indicator = Indicator.objects.first()
    assert indicator is not None
    # a row written straight into the history table, as someone with database access could
    forged = Indicator.history.model.objects.bulk_create([
        Indicator.history.model(**{**{f.attname: getattr(h, f.attname) for f in h._meta.concrete_fields},
                                   "history_id": None, "history_change_reason": "手工写入"})
        for h in Indicator.history.filter(id=indicator.pk)[:1]
    ])[0]
    with django_capture_on_commit_callbacks(execute=True):
        store_reports(synthetic.reports(2, years=(2023,), seed=5))
    assert _unsealed(Indicator) == {forged.history_id}
    problems = [p.text for p in chain.verify()[1]]
    assert any(f"#{forged.history_id}" in text and "未封存" in text for text in problems), problems
