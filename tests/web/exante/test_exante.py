"""事前绩效评估 (web): the flow through services, pages and API, permissions, locking, history, files."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from docx import Document
from tests.web.exante.conftest import NARRATIVE, full_points

from jixiao.web.audit.models import AuditEvent
from jixiao.web.common.locking import EditConflict
from jixiao.web.exante.models import ExanteAssessment
from jixiao.web.exante.selectors import assessment_state, history, version
from jixiao.web.exante.services import (
    ExanteInvalid,
    ExanteStateError,
    ItemReview,
    assign_reviewer,
    save_assessment,
    save_review,
    submit_assessment,
)
from jixiao.web.projects.models import Project
from jixiao.web.projects.services import TransitionRefused, change_status, create_project

pytestmark = pytest.mark.django_db


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _review(points: dict[str, dict[str, Any]]) -> dict[str, ItemReview]:
    return {k: ItemReview(points=Decimal(v["points"]), note=v["note"]) for k, v in points.items()}


def test_flow_partial_support_writes_back_and_opens_the_budget_gate(world, assessment):
    submit_assessment(assessment=assessment, actor=world.user_a)
    lost = {"necessity.unique": "5", "economy.detail": "5", "economy.standards": "5", "goals.linked": "5",
            "funding.arrival": "5"}  # 75 → 部分支持
    with pytest.raises(ExanteInvalid, match="部分支持须填写核定金额"):
        save_review(assessment=assessment, actor=world.finance, version_seen=None, items=_review(full_points(lost)),
                    reasons="部分内容重复。", suggestions="", approved_amount=None, conclude=True)
    project = assessment.project
    with pytest.raises(TransitionRefused):
        change_status(project=project, to=Project.Status.APPROVED, actor=world.user_a)
    save_review(assessment=assessment, actor=world.finance, version_seen=None, items=_review(full_points(lost)),
                reasons="部分内容重复。", suggestions="剔除重复内容。", approved_amount=Decimal("600"), conclude=True)
    assessment.refresh_from_db()
    project.refresh_from_db()
    assert (assessment.status, assessment.conclusion, assessment.total) == ("reviewed", "partial", Decimal("75.0"))
    assert (project.exante_conclusion, project.approved_amount, project.status) == ("partial", Decimal("600.00"),
                                                                                    "ex_ante")
    assert change_status(project=project, to=Project.Status.APPROVED, actor=world.user_a).status == "approved"
    lines = history(assessment)
    assert any(line["who"] == "finance" and "评估结论：— → 部分支持" in line["changes"] for line in lines)


def test_submission_names_what_is_missing_and_locks_editing(world, project):
    from jixiao.web.exante.services import create_assessment

    made = create_assessment(project=project, actor=world.user_a)
    with pytest.raises(ExanteInvalid) as problem:
        submit_assessment(assessment=made, actor=world.user_a)
    assert "请填写“立项背景”" in problem.value.problems
    assert any(p.startswith("立项必要性：请填写") for p in problem.value.problems)
    with pytest.raises(ExanteStateError, match="本项目已有事前绩效评估"):
        create_assessment(project=project, actor=world.user_a)


def test_optimistic_locking(world, assessment):
    seen = version(assessment)
    save_assessment(assessment=assessment, actor=world.user_a, version_seen=seen, narrative={"other": "一"}, items={})
    with pytest.raises(EditConflict) as conflict:
        save_assessment(assessment=assessment, actor=world.admin, version_seen=seen, narrative={"other": "二"}, items={})
    assert conflict.value.changes and "dept_a" in conflict.value.changes[0]
    assessment.refresh_from_db()
    assert assessment.other == "一"


def test_pages_department_fills_and_submits_finance_reviews(world, assessment):
    page = f"/exante/{assessment.pk}/"
    dept = _client(world.user_a)
    body = dept.get(page).content.decode()
    assert "立项必要性" in body and "保存并提交评审" in body
    form = {name: value for name, value in NARRATIVE.items()}
    state = assessment_state(assessment)
    for row in state.data.entries:
        form[f"self-{row}"] = "已论证。"
        form[f"evidence-{row}"] = ""
    form.update(version=str(state.version), action="submit")
    response = dept.post(page, form)
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    assert _client(world.finance).post(page, form).status_code == 403  # the finance bureau never edits it
    review = f"/exante/{assessment.pk}/review/"
    assert dept.get(review).status_code == 403
    finance = _client(world.finance)
    assert "作出结论" in finance.get(review).content.decode()
    data = {f"points-{k}": v["points"] for k, v in full_points().items()}
    data.update({f"note-{k}": "" for k in full_points()})
    data.update(reasons="论证充分。", suggestions="", approved_amount="", version=str(version(assessment)),
                action="conclude")
    response = finance.post(review, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assessment.refresh_from_db()
    assert assessment.conclusion == "support" and assessment.project.exante_conclusion == "support"
    shown = dept.get(page).content.decode()
    assert "予以支持" in shown and "总分 100 分" in shown
    queue = finance.get("/exante/?status=reviewed").content.decode()
    assert assessment.project.name in queue
    assert assessment.project.name not in finance.get("/exante/?status=submitted").content.decode()


def test_report_download_is_an_audited_export(world, assessment):
    response = _client(world.user_a).get(f"/exante/{assessment.pk}/report.docx")
    assert response.status_code == 200
    text = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    assert text[0] == "文明实践站建设项目事前绩效评估报告" and "建设 12 个文明实践站。" in text
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT, user=world.user_a,
                                     detail__contains="事前绩效评估报告").exists()


def test_attachments_stored_checked_and_downloaded(world, assessment, django_capture_on_commit_callbacks):
    dept = _client(world.user_a)
    url = f"/exante/{assessment.pk}/attachments/"
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):  # the file moves into place when its row commits
        dept.post(url, {"file": SimpleUploadedFile("可研报告.pdf", b"%PDF-1.4 test"), "description": "可研"})
    attachment = assessment.attachments.get()
    assert attachment.original_name == "可研报告.pdf" and attachment.size == 13
    response = dept.post(url, {"file": SimpleUploadedFile("假.pdf", b"MZ\x90\x00")}, follow=True)
    assert "文件内容与扩展名不符" in response.content.decode()
    response = dept.post(url, {"file": SimpleUploadedFile("x.exe", b"MZ")}, follow=True)
    assert "附件只能是" in response.content.decode()
    download = _client(world.finance).get(f"/exante/{assessment.pk}/attachments/{attachment.pk}/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"
    assert _client(world.user_b).get(f"/exante/{assessment.pk}/attachments/{attachment.pk}/").status_code == 404
    assert _client(world.finance).post(url, {"file": SimpleUploadedFile("a.txt", b"x")}).status_code == 403


def test_upload_limit(world, assessment, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.JIXIAO_UPLOAD_MAX_BYTES = 10
    response = _client(world.user_a).post(f"/exante/{assessment.pk}/attachments/",
                                          {"file": SimpleUploadedFile("big.txt", b"x" * 11)}, follow=True)
    assert "文件过大" in response.content.decode()
    assert not assessment.attachments.exists()


def test_expert_sees_only_what_is_assigned(world, assessment, expert):
    client = _client(expert)
    page = f"/exante/{assessment.pk}/"
    assert client.get(page).status_code == 404
    assert client.get("/api/exante").json() == []
    submit_assessment(assessment=assessment, actor=world.user_a)
    assign_reviewer(assessment=assessment, reviewer=expert, actor=world.finance)
    assert client.get(page).status_code == 200
    assert [row["id"] for row in client.get("/api/exante").json()] == [assessment.pk]
    assert client.get(f"/exante/{assessment.pk}/review/").status_code == 200
    assert client.post(f"/exante/{assessment.pk}/assign/", {"reviewer": ""}).status_code == 403
    url = f"/api/exante/{assessment.pk}/review"
    body = {"items": full_points({"goals.format": "5"}), "reasons": "同意。", "conclude": True,
            "version": client.get(f"/api/exante/{assessment.pk}").json()["version"]}
    body["items"]["goals.format"]["note"] = ""
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 422 and "扣了分，请写明评审意见" in response.json()["detail"]
    assert client.get(f"/api/exante/{assessment.pk}").json()["items"][8]["points"] == 0  # the points were kept
    body["items"]["goals.format"]["note"] = "格式不规范。"
    body["version"] = client.get(f"/api/exante/{assessment.pk}").json()["version"]
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 200 and response.json()["conclusion"] == "support"
    assert response.json()["total"] == 95
    # the department's pages of other departments stay closed to the expert
    assert client.get(f"/departments/{world.a.pk}/").status_code == 404


def test_expert_opens_the_project_exante_page_only_when_assigned(world, assessment, expert):
    """The assessment page links the expert to the project's 事前评估 section: it opens for the expert the
    assessment was assigned to, and stays 404 for an unassigned project (an expert sees only what is assigned)."""
    client = _client(expert)
    page = f"/projects/{assessment.project_id}/exante/"
    assert client.get(page).status_code == 404
    submit_assessment(assessment=assessment, actor=world.user_a)
    assign_reviewer(assessment=assessment, reviewer=expert, actor=world.finance)
    body = client.get(f"/exante/{assessment.pk}/").content.decode()
    assert page in body  # the link the expert follows ...
    response = client.get(page)
    assert response.status_code == 200  # ... opens
    assert f"/exante/{assessment.pk}/" in response.content.decode()
    assert client.post(page).status_code == 403  # the expert cannot start one
    other = create_project(department=world.a, actor=world.user_a, code="2023-EX-002", name="另一项目",
                           start_year=2023, end_year=2023, amount=Decimal("900.00"), attribute=Project.Attribute.NEW)
    assert client.get(f"/projects/{other.pk}/exante/").status_code == 404
    assert client.get(f"/projects/{assessment.project_id}/").status_code == 404  # the 项目库 page stays closed


def test_api_flow_and_other_department(world, project):
    dept = _client(world.user_a)
    started = dept.post(f"/api/projects/{project.pk}/exante")
    assert started.status_code == 200
    data = started.json()
    assert data["status"] == "draft" and len(data["items"]) == 20
    assert dept.post(f"/api/projects/{project.pk}/exante").json()["id"] == data["id"]  # opens the same one
    url = f"/api/exante/{data['id']}"
    body = {"narrative": NARRATIVE, "items": {i["key"]: {"self_assessment": "已论证。"} for i in data["items"]},
            "version": data["version"]}
    saved = dept.put(url, json.dumps(body), content_type="application/json")
    assert saved.status_code == 200 and saved.json()["submission_problems"] == []
    stale = dept.put(url, json.dumps(body), content_type="application/json")
    assert stale.status_code == 409 and "已被他人修改" in stale.json()["detail"]
    assert dept.post(url + "/submit").json()["status"] == "submitted"
    assert dept.post(url + "/review", json.dumps({"version": 0}), content_type="application/json").status_code == 403
    other = _client(world.user_b)
    assert other.get(url).status_code == 404
    assert world.a.name not in other.get("/api/exante").content.decode()
    finance = _client(world.finance)
    assert finance.put(url, json.dumps(body), content_type="application/json").status_code == 403
    returned = finance.post(url + "/return", json.dumps({"reason": "资金构成不清。"}), content_type="application/json")
    assert returned.json()["status"] == "returned" and returned.json()["return_reason"] == "资金构成不清。"


def test_reject_blocks_the_budget(world, assessment):
    submit_assessment(assessment=assessment, actor=world.user_a)
    lost = {key: "3" for key in list(full_points())[:15]}  # 45 lost → 55 → 不予支持
    save_review(assessment=assessment, actor=world.finance, version_seen=None, items=_review(full_points(lost)),
                reasons="论证不足。", suggestions="", approved_amount=None, conclude=True)
    assessment.refresh_from_db()
    assert assessment.conclusion == ExanteAssessment.Conclusion.REJECT
    with pytest.raises(TransitionRefused, match="不予支持"):
        change_status(project=assessment.project, to=Project.Status.APPROVED, actor=world.user_a)


def test_delete_a_draft_soft_and_start_again(world, assessment):
    dept = _client(world.user_a)
    url = f"/exante/{assessment.pk}/delete/"
    assert _client(world.finance).post(url, {"version": version(assessment)}).status_code == 403
    assert dept.post(url, {"version": "1"}).status_code == 302  # a stale version: refused, nothing deleted
    assert ExanteAssessment.objects.filter(pk=assessment.pk).exists()
    assert dept.post(url, {"version": version(assessment)}).status_code == 302
    assert not ExanteAssessment.objects.filter(pk=assessment.pk).exists()
    assert ExanteAssessment.all_objects.get(pk=assessment.pk).deleted_at is not None
    assert dept.post(f"/projects/{assessment.project_id}/exante/").status_code == 302  # a new one may start
    assert ExanteAssessment.objects.filter(project=assessment.project).count() == 1
