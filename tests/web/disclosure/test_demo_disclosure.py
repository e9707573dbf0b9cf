"""The demo's 信息公开: both seed departments' 2022 goals and self-evaluations published, 荔湾's 复核 result too."""

from __future__ import annotations

import hashlib

import pytest
from django.test import Client

from jixiao.web import demo
from jixiao.web.disclosure.demo import SEED_DEPARTMENTS
from jixiao.web.disclosure.models import Publication
from jixiao.web.evaluation.models import Evaluation

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_both_seed_departments_2022_reports() -> None:
    demo.load(departments=1, years=(2022,))
    live = Publication.objects.filter(status="published")
    published = {(p.department.name, p.kind) for p in live}
    assert {(name, kind) for name in SEED_DEPARTMENTS for kind in ("goals", "self_evaluation")} <= published
    assert ("中国共产党广州市荔湾区委员会宣传部", "review") in published  # 需整改: a concluded 复核
    assert ("中国共产党广州市增城区委员会宣传部", "review") not in published  # still 复核中
    assert set(Evaluation.objects.filter(department__name__in=SEED_DEPARTMENTS).values_list("status", flat=True)) == {
        "submitted"}
    client = Client()
    listing = client.get("/gongkai/", {"year": 2022}).content.decode()
    for p in live:
        assert p.title in listing
        for f in p.files.select_related("blob"):
            body = client.get(f"/gongkai/files/{f.pk}/").content
            assert hashlib.sha256(body).hexdigest() == f.blob.sha256
