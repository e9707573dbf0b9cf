"""年终自评填报: the service, the page, the API, permissions, history and the downloads with new values."""

from __future__ import annotations

import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.test import Client

from jixiao.web.evaluation.models import Evaluation, Indicator, KeyTask
from jixiao.web.evaluation.services import SelfEvaluationInvalid, save_self_evaluation

pytestmark = pytest.mark.django_db

YEAR = 2022
# World A 2022 (synthetic.report(0, 2022)): position 2 is at 176% of its target, 6 and 8 are unmet.
OVER, UNMET, UNMET2, MET = 2, 6, 8, 1
REASONS = {OVER: "目标设置偏低，下年按实际能力调整。", UNMET: "调查样本偏少，下年扩大宣传面。",
           UNMET2: "项目延期，下年加快实施。"}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _indicator(world, position: int) -> Indicator:
    return Indicator.objects.get(department=world.a, fiscal_year__year=YEAR, position=position)


def _url(world, suffix: str = "self/") -> str:
    return f"/departments/{world.a.pk}/evaluation/{YEAR}/{suffix}"


def _form_data(client: Client, world) -> dict[str, str]:
    """The form as the page renders it (every field with its shown value), ready to post back."""
    response = client.get(_url(world))
    assert response.status_code == 200
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        data[name] = "" if value is None else str(value)
    return data


def _with_reasons(data: dict[str, str]) -> dict[str, str]:
    return {**data, **{f"ind-{p}-reason": text for p, text in REASONS.items()}}


# ------------------------------------------------------------------------------------------ service

def test_service_requires_a_reason_where_unmet_naming_the_indicator(world) -> None:
    with pytest.raises(SelfEvaluationInvalid) as caught:
        save_self_evaluation(department=world.a, year=YEAR, indicators={MET: {"actual": Decimal(1)}})
    errors = caught.value.indicators
    assert set(errors) == {MET, OVER, UNMET, UNMET2}
    assert errors[MET] == "指标“教育培训人次”未完成指标值，须填写偏差原因分析"
    assert "130%" in errors[OVER]
    assert _indicator(world, MET).actual == Decimal(397)  # rolled back


def test_service_saves_actuals_reasons_and_narrative_then_the_core_score(world) -> None:
    before = Evaluation.objects.get(department=world.a, fiscal_year__year=YEAR)
    entries = {p: {"deviation_reason": text} for p, text in REASONS.items()}
    entries[MET] = {"actual": Decimal("300.1234"), "deviation_reason": "师资不足。"}
    entries[0] = {"deviation_reason": "已完成，说明不是必填也接受。"}
    saved = save_self_evaluation(department=world.a, year=YEAR, indicators=entries,
                                 tasks={0: "  完成任务一，开展活动 12 场。  "},
                                 problems=["问题一", "", "  问题二 "], measures=["措施一"])
    row = _indicator(world, MET)
    assert row.actual == Decimal("300.1234") and row.actual_text == ""
    assert row.deviation_reason == "师资不足。"
    assert _indicator(world, 0).deviation_reason == "已完成，说明不是必填也接受。"
    assert KeyTask.objects.get(department=world.a, fiscal_year__year=YEAR, position=0).text == "完成任务一，开展活动 12 场。"
    evaluation = Evaluation.objects.get(pk=before.pk)
    assert evaluation.problems == ["问题一", "问题二"] and evaluation.measures == ["措施一"]
    assert evaluation.score == saved.score.total and evaluation.grade == saved.score.grade
    assert evaluation.framework == saved.score.framework
    # 8.33 × 300.1234 / 322 = 7.7639… → 7.76 exactly, and the total went down by 8.33 − 7.76
    item = next(i for i in saved.score.items if i.name == "教育培训人次")
    assert item.score == Decimal("7.76")
    assert row.score == Decimal("7.76")
    assert saved.score.total == Decimal("79.74") - Decimal("0.57")


def test_saving_the_same_again_changes_nothing(world) -> None:
    entries = {p: {"deviation_reason": text} for p, text in REASONS.items()}
    save_self_evaluation(department=world.a, year=YEAR, indicators=entries)
    count = Indicator.history.count() + Evaluation.history.count()
    again = save_self_evaluation(department=world.a, year=YEAR, indicators=entries)
    assert again.changed == 0
    assert Indicator.history.count() + Evaluation.history.count() == count


def test_service_rejects_a_level_on_a_quantitative_indicator_and_too_many_places(world) -> None:
    with pytest.raises(SelfEvaluationInvalid) as caught:
        save_self_evaluation(department=world.a, year=YEAR, indicators={
            0: {"level": "达成"}, 1: {"actual": Decimal("1.23456")}})
    assert "应填写实际完成值" in caught.value.indicators[0]
    assert "最多 4 位小数" in caught.value.indicators[1]
