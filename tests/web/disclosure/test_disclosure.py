"""信息公开: the publication rule, publishing stores the exact bytes, withdraw, audit rows, permissions, the API."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from tests.web.disclosure.helpers import submit

from jixiao.render import RenderOptions, render_bytes
from jixiao.web.audit.selectors import audit_log
from jixiao.web.declarations.models import GoalDeclaration
from jixiao.web.departments.models import FiscalYear
from jixiao.web.disclosure.models import Kind, Publication
from jixiao.web.disclosure.selectors import eligibility
from jixiao.web.disclosure.services import PublicationRefused, PublishNotAllowed, publish, withdraw
from jixiao.web.documents.models import SourceDocument
from jixiao.web.evaluation.models import Evaluation
from jixiao.web.evaluation.selectors import stored_report
from jixiao.web.reviews.models import ReviewRecord, ReviewStatus

pytestmark = pytest.mark.django_db


def _cells(xlsx: bytes) -> list[tuple[object, ...]]:
    import io

    import openpyxl
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    return [tuple(c.value for c in row) for row in sheet.iter_rows()]


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_only_approved_or_submitted_items_may_be_published(world) -> None:
    a = world.a
    # A has a declaration (草稿): its goals wait for 目标审核; its self-evaluation is a draft; no 复核
    assert not eligibility(a, 2022, Kind.GOALS).allowed
    assert "草稿" in eligibility(a, 2022, Kind.GOALS).reason
    assert not eligibility(a, 2022, Kind.SELF_EVALUATION).allowed
    assert not eligibility(a, 2022, Kind.REVIEW).allowed
    GoalDeclaration.objects.filter(pk=world.declaration.pk).update(status=GoalDeclaration.Status.APPROVED)
    assert eligibility(a, 2022, Kind.GOALS).allowed
    submit(a)
    assert eligibility(a, 2022, Kind.SELF_EVALUATION).allowed
    # B never declared in the system: its goals stand with its submitted self-evaluation
    assert not eligibility(world.b, 2022, Kind.GOALS).allowed
    submit(world.b)
    assert eligibility(world.b, 2022, Kind.GOALS).allowed
    # a 复核 that returned A's report blocks its publication; a concluded one may be published
    document = world.documents[a.pk]
    Evaluation.objects.filter(department=a, fiscal_year__year=2022).update(source_document=document)
    record = ReviewRecord.objects.create(document=document, status=ReviewStatus.RETURNED, opinion="数字不一致。")
    assert not eligibility(a, 2022, Kind.SELF_EVALUATION).allowed
    assert not eligibility(a, 2022, Kind.REVIEW).allowed
    ReviewRecord.objects.filter(pk=record.pk).update(status=ReviewStatus.RECTIFY)
    assert eligibility(a, 2022, Kind.SELF_EVALUATION).allowed
    assert eligibility(a, 2022, Kind.REVIEW).allowed
    with pytest.raises(PublicationRefused, match="不能公开"):
        publish(department=world.b, year=2022, kind=Kind.REVIEW, user=world.finance)


def test_publishing_stores_the_exact_approved_file_and_the_act_is_audited(world, seed_pdf) -> None:
    a = world.a
    pdf = seed_pdf("seed_000").path.read_bytes()
    document = SourceDocument(department=a, fiscal_year=FiscalYear.objects.get(year=2022), original_name="自评报告.pdf",
                              sha256=hashlib.sha256(pdf).hexdigest(), format="pdf", size=len(pdf))
    document.file.save("自评报告.pdf", ContentFile(pdf), save=False)
    document.save()
    Evaluation.objects.filter(department=a, fiscal_year__year=2022).update(source_document=document)
    submit(a)
    publication = publish(department=a, year=2022, kind=Kind.SELF_EVALUATION, user=world.finance)

    files = {(f.number, f.format): f for f in publication.files.select_related("blob")}
    assert sorted(files) == [(2, "pdf"), (3, "pdf"), (3, "xlsx")]
    for f in files.values():
        assert f.blob.sha256 == hashlib.sha256(bytes(f.blob.content)).hexdigest()
    # 附件2 is the department's own file, byte for byte; 附件3 the core's 自评表 of the submitted self-evaluation
    assert bytes(files[(2, "pdf")].blob.content) == pdf
    assert files[(2, "pdf")].blob.sha256 == document.sha256
    assert bytes(files[(3, "pdf")].blob.content).startswith(b"%PDF")
    evaluation = Evaluation.objects.get(department=a, fiscal_year__year=2022)
    from django.utils import timezone
    signed = timezone.localtime(evaluation.submitted_at).date()
    expected = render_bytes(stored_report(a, 2022), "xlsx", options=RenderOptions(signed_on=signed))
    # (an XLSX carries its creation time, so the bytes of two renderings differ: the cells are the same)
    assert _cells(bytes(files[(3, "xlsx")].blob.content)) == _cells(expected)
    assert files[(3, "xlsx")].title == f"{a.name}2022年度部门整体支出绩效自评表"

    # publishing again while live is refused; the same bytes are stored once
    with pytest.raises(PublicationRefused, match="已公开"):
        publish(department=a, year=2022, kind=Kind.SELF_EVALUATION, user=world.finance)

    withdraw(publication=publication, user=world.finance, reason="附件版本有误")
    publication.refresh_from_db()
    assert publication.status == Publication.Status.WITHDRAWN and publication.withdrawn_by == world.finance
    with pytest.raises(PublicationRefused, match="已撤回"):
        withdraw(publication=publication, user=world.finance, reason="再次")

    log = audit_log(user=world.finance, model="disclosure.publication").entries
    kinds = [(e.type, e.user) for e in log if e.object_id == publication.pk]
    assert ("+", world.finance.username) in kinds and ("~", world.finance.username) in kinds
    change = next(e for e in log if e.object_id == publication.pk and e.type == "~")
    assert any(c.new == "已撤回" for c in change.changes), change.changes
    # A's own user sees the act in its log too (the row belongs to A)
    assert any(e.object_id == publication.pk for e in audit_log(user=world.user_a, model="disclosure.publication").entries)
    assert not any(e.object_id == publication.pk for e in audit_log(user=world.user_b, model="disclosure.publication").entries)


def _approve_goals(world) -> None:
    GoalDeclaration.objects.filter(pk=world.declaration.pk).update(status=GoalDeclaration.Status.APPROVED)


def test_a_department_cannot_publish_or_withdraw(world) -> None:
    _approve_goals(world)
    with pytest.raises(PublishNotAllowed):
        publish(department=world.a, year=2022, kind=Kind.GOALS, user=world.user_a)
    page = _client(world.user_a)
    assert page.get("/disclosure/").status_code == 403
    response = page.post("/disclosure/publish/", {"department": world.a.pk, "year": 2022, "kind": "goals"})
    assert response.status_code == 403
    api = page.post("/api/publications", data=json.dumps({"department_id": world.a.pk, "year": 2022, "kind": "goals"}),
                    content_type="application/json")
    assert api.status_code == 403 and "财政局" in api.json()["detail"]
    assert not Publication.objects.exists()

    publication = publish(department=world.a, year=2022, kind=Kind.GOALS, user=world.finance)
    assert page.post(f"/disclosure/{publication.pk}/withdraw/", {"reason": "x"}).status_code == 403
    assert _client(world.user_b).post(f"/disclosure/{publication.pk}/withdraw/", {"reason": "x"}).status_code == 404
    api = page.post(f"/api/publications/{publication.pk}/withdraw", data=json.dumps({"reason": "x"}),
                    content_type="application/json")
    assert api.status_code == 403
    assert Publication.objects.get(pk=publication.pk).status == Publication.Status.PUBLISHED


def test_the_api_lists_publishes_and_withdraws(world) -> None:
    _approve_goals(world)
    finance = _client(world.finance)
    body = {"department_id": world.a.pk, "year": 2022, "kind": "goals"}
    response = finance.post("/api/publications", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.content
    created = response.json()
    assert created["status"] == "published" and [f["number"] for f in created["files"]] == [1, 1]
    assert {f["format"] for f in created["files"]} == {"pdf", "xlsx"}
    again = finance.post("/api/publications", data=json.dumps(body), content_type="application/json")
    assert again.status_code == 409 and "已公开" in again.json()["detail"]
    refused = finance.post("/api/publications", data=json.dumps({**body, "kind": "review"}),
                           content_type="application/json")
    assert refused.status_code == 409 and "复核" in refused.json()["detail"]

    listed = finance.get("/api/publications", {"year": 2022}).json()
    assert [p["id"] for p in listed] == [created["id"]]
    assert _client(world.user_a).get("/api/publications").json()[0]["id"] == created["id"]
    assert _client(world.user_b).get("/api/publications").json() == []

    withdrawn = finance.post(f"/api/publications/{created['id']}/withdraw", data=json.dumps({"reason": "重新发布"}),
                             content_type="application/json")
    assert withdrawn.status_code == 200 and withdrawn.json()["status_label"] == "已撤回"
    assert withdrawn.json()["withdraw_reason"] == "重新发布"
    # withdrawn, then published again: two acts in the history, one live
    assert finance.post("/api/publications", data=json.dumps(body), content_type="application/json").status_code == 200
    assert sorted(p["status"] for p in finance.get("/api/publications").json()) == ["published", "withdrawn"]


def test_the_finance_page_publishes_and_withdraws(world) -> None:
    submit(world.a)
    finance = _client(world.finance)
    page = finance.get("/disclosure/", {"year": 2022}).content.decode()
    assert world.a.name in page and "年终自评尚未提交" in page  # B's row says why it cannot be published
    response = finance.post("/disclosure/publish/", {"department": world.a.pk, "year": 2022, "kind": "self_evaluation"},
                            follow=True)
    assert "已发布" in response.content.decode()
    publication = Publication.objects.get()
    response = finance.post(f"/disclosure/{publication.pk}/withdraw/", {"reason": ""}, follow=True)
    assert "请填写撤回原因" in response.content.decode()
    response = finance.post(f"/disclosure/{publication.pk}/withdraw/", {"reason": "内容更新"}, follow=True)
    assert "已撤回" in response.content.decode()
    assert Publication.objects.get().status == Publication.Status.WITHDRAWN


def test_a_published_review_result_shows_the_corrected_score_with_each_adjustment(world) -> None:
    from decimal import Decimal

    from jixiao.oversight.sampling import load_sampling_rule
    from jixiao.web.oversight.services import add_adjustment, draw_year

    document = world.documents[world.a.pk]
    Evaluation.objects.filter(department=world.a, fiscal_year__year=2022).update(source_document=document)
    ReviewRecord.objects.create(document=document, status=ReviewStatus.RECTIFY, opinion="满意度无调查依据。")
    plain = publish(department=world.a, year=2022, kind=Kind.REVIEW, user=world.finance)
    assert "复核分" not in plain.body  # not sampled: the conclusion and opinion only
    withdraw(publication=plain, user=world.finance, reason="抽评复核后更新")
    item = draw_year(year=2022, rule=load_sampling_rule(), user=world.finance, seed=9).items.get(department=world.a)
    add_adjustment(item=item, points=Decimal(-40), reason="满意度无调查依据，扣减 40 分", user=world.finance)
    add_adjustment(item=item, points=Decimal("1.5"), reason="补充佐证材料", user=world.finance)
    corrected = publish(department=world.a, year=2022, kind=Kind.REVIEW, user=world.finance)
    score = item.self_score - Decimal("38.5")
    assert f"自评分：{item.self_score:.2f} 分（{item.self_grade}）" in corrected.body
    assert f"复核分：{score:.2f} 分（差）" in corrected.body
    assert "复核调整：\n1. -40 分：满意度无调查依据，扣减 40 分\n2. +1.5 分：补充佐证材料" in corrected.body
    page = _client().get(f"/gongkai/{corrected.pk}/").content.decode()
    assert f"复核分：{score:.2f} 分（差）" in page
