"""年终自评填报: the service, the page, the API, permissions, history and the downloads with new values."""

from __future__ import annotations

import io
import json
import zipfile
from decimal import Decimal
from typing import Any

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
    for name in form.fields:
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
    assert set(errors) == {MET, OVER, UNMET, UNMET2} == caught.value.missing_reason
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


def test_a_year_without_an_evaluation_row_gets_one(world) -> None:
    old = Evaluation.objects.get(department=world.a, fiscal_year__year=YEAR)
    old.delete()  # soft: the row stays, hidden
    saved = save_self_evaluation(department=world.a, year=YEAR, measures=["措施"],
                                 indicators={p: {"deviation_reason": r} for p, r in REASONS.items()})
    evaluation = Evaluation.objects.get(department=world.a, fiscal_year__year=YEAR)
    assert evaluation.pk != old.pk and evaluation.measures == ["措施"]
    assert evaluation.score == saved.score.total == Decimal("79.74") and evaluation.grade == "中"
    assert Evaluation.all_objects.filter(pk=old.pk, deleted_at__isnull=False).exists()


def test_service_rejects_a_level_on_a_quantitative_indicator_and_too_many_places(world) -> None:
    with pytest.raises(SelfEvaluationInvalid) as caught:
        save_self_evaluation(department=world.a, year=YEAR, indicators={
            0: {"level": "达成"}, 1: {"actual": Decimal("1.23456")}})
    assert "应填写实际完成值" in caught.value.indicators[0]
    assert "最多 4 位小数" in caught.value.indicators[1]
    assert caught.value.missing_reason == {OVER, UNMET, UNMET2}  # bad values are not "reason owed"


# --------------------------------------------------------------------------------------------- page

def test_page_shows_the_form_with_stored_values_and_the_explanation(world) -> None:
    body = _client(world.user_a).get(_url(world)).content.decode()
    assert 'name="ind-1-actual" value="397"' in body
    assert "必填：未完成指标值" in body and "必填：实际完成值达到指标值的 130% 及以上" in body
    assert 'id="save-self-evaluation"' in body
    assert 'id="score-items"' in body and "按比例得" in body  # the explanation of every point, below


def test_post_without_a_required_reason_shows_the_error_and_keeps_what_was_typed(world) -> None:
    client = _client(world.user_a)
    data = _form_data(client, world)
    data.update({"ind-1-actual": "300.5", "problems": "新问题一\n新问题二", "ind-0-reason": "备注已写"})
    response = client.post(_url(world), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "未保存，请修改以下" in body
    assert "指标“教育培训人次”未完成指标值，须填写偏差原因分析" in body
    assert 'value="300.5"' in body and "新问题一\n新问题二" in body and "备注已写" in body
    assert _indicator(world, MET).actual == Decimal(397)


def test_post_with_a_bad_number_names_the_field(world) -> None:
    client = _client(world.user_a)
    data = _with_reasons(_form_data(client, world))
    data["ind-1-actual"] = "三百"
    body = client.post(_url(world), data).content.decode()
    assert "“教育培训人次”的实际完成值应为数字" in body and 'value="三百"' in body


def test_post_with_reasons_saves_redirects_and_shows_the_new_score(world) -> None:
    client = _client(world.user_a)
    data = _with_reasons(_form_data(client, world))
    data.update({"ind-1-actual": "161", "ind-1-reason": "培训改为线上，人次减半。"})
    response = client.post(_url(world), data)
    assert response.status_code == 302 and response["Location"] == _url(world)
    page = client.get(_url(world)).content.decode()
    evaluation = Evaluation.objects.get(department=world.a, fiscal_year__year=YEAR)
    # 8.33 × 161 / 322 = 4.165 → 4.17 (half up): the total falls by 4.16
    assert evaluation.score == Decimal("75.58") and evaluation.grade == "中"
    assert "已保存年终自评：系统评分 75.58 分，等级 中" in page
    assert "培训改为线上，人次减半。" in page
    detail = client.get(_url(world, "")).content.decode()
    assert "75.58" in detail and "按比例得 8.33 × 161 / 322" in detail


def test_history_records_who_changed_the_actual_old_to_new(world) -> None:
    client = _client(world.user_a)
    data = _with_reasons(_form_data(client, world))
    data.update({"ind-1-actual": "350", "ind-1-reason": "原因。"})
    assert client.post(_url(world), data).status_code == 302
    row = _indicator(world, MET)
    latest = row.history.first()
    assert latest.history_user == world.user_a and latest.history_type == "~"
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(latest.prev_record).changes}
    assert (Decimal(changes["actual"][0]), Decimal(changes["actual"][1])) == (Decimal(397), Decimal(350))
    assert changes["actual_text"] == ("397人次", "")
    evaluation = Evaluation.objects.get(department=world.a, fiscal_year__year=YEAR)
    assert evaluation.history.first().history_user == world.user_a


def test_finance_sees_it_read_only_and_cannot_post(world) -> None:
    client = _client(world.finance)
    body = client.get(_url(world)).content.decode()
    assert "只读" in body and 'id="save-self-evaluation"' not in body and "disabled" in body
    count = Indicator.history.count()
    data = _with_reasons(_form_data(_client(world.user_a), world))
    assert client.post(_url(world), data).status_code == 403
    assert Indicator.history.count() == count


def test_other_department_gets_404_and_anonymous_the_login(world) -> None:
    assert _client(world.user_b).get(_url(world)).status_code == 404
    assert _client(world.user_b).post(_url(world), {}).status_code == 404
    response = Client().get(_url(world))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_admin_can_save(world) -> None:
    client = _client(world.admin)
    data = _with_reasons(_form_data(client, world))
    assert client.post(_url(world), data).status_code == 302


def test_closed_year_is_refused_on_the_form(world) -> None:
    from jixiao.web.departments.models import FiscalYear

    FiscalYear.objects.filter(year=YEAR).update(is_closed=True)
    client = _client(world.user_a)
    body = client.post(_url(world), _with_reasons(_form_data(client, world))).content.decode()
    assert "2022 年度已结账，不能修改自评" in body


# -------------------------------------------------------------------------------------- downloads

def test_downloads_carry_the_new_actual_and_score(world) -> None:
    import docx
    import openpyxl

    client = _client(world.user_a)
    data = _with_reasons(_form_data(client, world))
    data.update({"ind-1-actual": "161.5", "ind-1-reason": "培训改为线上。"})
    assert client.post(_url(world), data).status_code == 302
    total = Evaluation.objects.get(department=world.a, fiscal_year__year=YEAR).score
    assert total == Decimal("75.59")

    book = openpyxl.load_workbook(io.BytesIO(client.get(_url(world, "report.xlsx")).content))
    rows = [[c.value for c in row if c.value is not None] for sheet in book.worksheets for row in sheet.iter_rows()]
    row = next(r for r in rows if "教育培训人次" in r)
    # 三级指标, 年度指标值, 实际完成值, 分值, 得分 (8.33 × 161.5 / 322 = 4.178 → 4.18), 偏差原因
    assert row == ["教育培训人次", 322, 161.5, 8.33, 4.18, "培训改为线上。"]

    response = client.get(_url(world, "report.docx"))
    content = response.content
    assert zipfile.is_zipfile(io.BytesIO(content))
    document = docx.Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    joined = "\n".join(texts)
    assert "161.5" in joined and "75.59" in joined and "培训改为线上。" in joined


# -------------------------------------------------------------------------------------------- API

def _api(world) -> str:
    return f"/api/departments/{world.a.pk}/self-evaluation/{YEAR}"


def _put(client: Client, url: str, body: dict) -> Any:
    """PUT ``body`` with the version a GET just showed (as every client must, 乐观锁)."""
    version = client.get(url).json().get("version", 0)
    return client.put(url, json.dumps({"version": version, **body}), content_type="application/json")


def test_api_get_shows_what_is_owed(world) -> None:
    data = _client(world.user_a).get(_api(world)).json()
    assert data["total"] == 79.74 and data["grade"] == "中"
    rows = {row["position"]: row for row in data["indicators"]}
    assert rows[UNMET]["reason_required"] == "未完成指标值" and rows[MET]["reason_required"] is None
    assert rows[MET]["actual"] == 397 and rows[MET]["kind"] == "quantitative"
    assert data["levels"] == ["达成", "部分达成", "未达成"]
    assert data["tasks"][0]["title"] == "教育重点工作任务1"


def test_api_put_saves_through_the_service_and_returns_the_new_score(world) -> None:
    body = {"indicators": [{"position": p, "deviation_reason": r} for p, r in REASONS.items()]
            + [{"position": MET, "actual": 161, "deviation_reason": "线上培训。"}, {"position": 0, "actual": 300.1234}],
            "tasks": [{"position": 1, "text": "完成任务二。"}], "measures": ["措施甲"]}
    response = _put(_client(world.user_a), _api(world), body)
    assert response.status_code == 200, response.content
    data = response.json()
    # 培训人次 4.17 instead of 8.33, 宣传活动场次 now reported (300.1234 ≥ 283): 8.33 instead of 0
    assert data["total"] == 83.91 and data["grade"] == "良"
    assert Evaluation.objects.get(department=world.a, fiscal_year__year=YEAR).score == Decimal("83.91")
    assert _indicator(world, 0).actual == Decimal("300.1234")  # a JSON number arrives exact
    assert data["measures"] == ["措施甲"] and data["tasks"][1]["text"] == "完成任务二。"
    assert data["problems"] == ["部分项目预算执行进度不均衡，年底支付较为集中。", "部分绩效指标设置不够细化量化。"]


def test_api_put_without_reasons_is_422_naming_the_indicators(world) -> None:
    response = _put(_client(world.user_a), _api(world), {"measures": ["x"]})
    assert response.status_code == 422
    data = response.json()
    assert set(data["indicators"]) == {str(OVER), str(UNMET), str(UNMET2)}
    assert data["missing_reason"] == [OVER, UNMET, UNMET2]
    assert "教育政策知晓率" in data["detail"]
    assert Evaluation.objects.get(department=world.a, fiscal_year__year=YEAR).measures != ["x"]


def test_api_put_malformed_is_422_and_finance_403(world) -> None:
    client = _client(world.user_a)
    bad = {"indicators": [{"position": 1, "actual": "1.123456"}]}
    assert _put(client, _api(world), bad).status_code == 422
    unknown = {"indicators": [{"position": 99, "deviation_reason": "x"}]}
    response = _put(client, _api(world), unknown)
    assert response.status_code == 422 and "第 100 项指标不存在" in response.json()["detail"]
    assert _put(_client(world.finance), _api(world), {}).status_code == 403


# ---------------------------------------------------------------- qualitative and missing targets

@pytest.fixture
def mixed(world):
    """A's 2022 with a qualitative indicator and one without a target, as imported reports have."""
    from jixiao.report import Indicator as IndicatorData
    from jixiao.web.evaluation.flows import save_report
    from jixiao.web.evaluation.selectors import assemble_report

    report = assemble_report(world.a, YEAR)
    report.indicators.append(IndicatorData(name="宣传工作成效", level1="效益指标", op="qualitative",
                                           target_text="取得良好成效", actual_text="达成年度指标", weight=Decimal(5),
                                           score=Decimal(5)))
    report.indicators.append(IndicatorData(name="覆盖面", level1="效益指标", op=">=", unit="%"))
    save_report(report)
    return world


def test_qualitative_level_below_the_top_owes_a_reason_and_scores_the_band(mixed) -> None:
    client = _client(mixed.user_a)
    data = _with_reasons(_form_data(client, mixed))
    assert data["ind-12-level"] == "达成" and "ind-13-actual" in data
    body = client.get(_url(mixed)).content.decode()
    assert '<option value="部分达成">部分达成</option>' in body
    data["ind-12-level"] = "部分达成"
    body = client.post(_url(mixed), data).content.decode()
    assert "指标“宣传工作成效”定性指标为“部分达成”，未达到“达成”，须填写偏差原因分析" in body
    data["ind-12-reason"] = "部分活动延期。"
    data["ind-13-actual"] = "75"  # no target: nothing to compare, no reason owed
    assert client.post(_url(mixed), data).status_code == 302
    row = _indicator(mixed, 12)
    assert row.actual_text == "部分达成" and row.score == Decimal("3.50")  # the band's default 70% of 5
    assert _indicator(mixed, 13).actual == Decimal(75)


def test_a_number_is_refused_on_a_qualitative_indicator_through_the_api(mixed) -> None:
    body = {"indicators": [{"position": 12, "actual": 3}]}
    response = _put(_client(mixed.user_a), _api(mixed), body)
    assert response.status_code == 422 and "定性指标" in response.json()["detail"]
    body = {"indicators": [{"position": 12, "level": "很好"}]}
    response = _put(_client(mixed.user_a), _api(mixed), body)
    assert response.status_code == 422 and "完成档次“很好”无效" in response.json()["detail"]


# ------------------------------------------------------------------------------------------ submit

def test_submit_locks_the_form_and_the_api(world) -> None:
    client = _client(world.user_a)
    data = {**_with_reasons(_form_data(client, world)), "action": "submit"}
    response = client.post(_url(world), data)
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(department=world.a, fiscal_year__year=YEAR)
    assert evaluation.status == Evaluation.Status.SUBMITTED and evaluation.submitted_at is not None
    page = client.get(_url(world)).content.decode()
    assert "已提交年终自评" in page and 'id="submitted"' in page and 'id="save-self-evaluation"' not in page
    count = Indicator.history.count()
    body = client.post(_url(world), {**data, "action": "save", "ind-1-actual": "1"}).content.decode()
    assert "年度自评已提交，不能再修改" in body
    response = _put(client, _api(world), {"measures": ["改"]})
    assert response.status_code == 409
    assert client.get(_api(world)).json()["status"] == "submitted"
    assert Indicator.history.count() == count


def test_a_refused_submit_stays_a_draft(world) -> None:
    client = _client(world.user_a)
    data = {**_form_data(client, world), "action": "submit"}
    assert client.post(_url(world), data).status_code == 200
    assert Evaluation.objects.get(department=world.a, fiscal_year__year=YEAR).status == Evaluation.Status.DRAFT


def test_the_dashboard_shows_the_saved_score(world) -> None:
    client = _client(world.user_a)
    data = _with_reasons(_form_data(client, world))
    data.update({"ind-1-actual": "161", "ind-1-reason": "线上培训。"})
    assert client.post(_url(world), data).status_code == 302
    board = _client(world.finance).get("/api/dashboard", {"year": YEAR}).json()
    row = next(r for r in board["rows"] if r["department_id"] == world.a.pk)
    assert (row["score"], row["grade"], row["grade_computed"]) == (75.58, "中", True)  # the core's, as the evaluation page shows it
