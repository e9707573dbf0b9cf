"""复核 end to end: uploading report files (real PDF/DOCX/TXT from the seeds, and bad files), the
department rule, duplicates, the finance bureau's 复核意见 with status and per-finding decisions,
history, the review queue and the API."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from tests.web.conftest import PASSWORD
from tests.web.versions import versioned

from jixiao.review import finding_key, review_text
from jixiao.samples import sample
from jixiao.web.accounts.models import Role, User
from jixiao.web.budgets.models import Budget
from jixiao.web.departments.models import Department
from jixiao.web.documents.models import SourceDocument
from jixiao.web.evaluation.models import Evaluation
from jixiao.web.reviews.models import FindingDecision, ReviewRecord, ReviewStatus
from jixiao.web.reviews.services import review_version

pytestmark = pytest.mark.django_db

LIWAN = "中国共产党广州市荔湾区委员会宣传部"
ZENGCHENG = "中国共产党广州市增城区委员会宣传部"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _file(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def _text_file(text: str, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), "text/plain")


def _upload(user, upload: SimpleUploadedFile):
    return _client(user).post("/reviews/", {"file": upload}, follow=True)


def _report_of(department: str) -> str:
    """Seed 000's text with its department's name replaced, so that the report names ``department``."""
    return sample("seed_000").text().replace(LIWAN, department)


def _dept_user(name: str, department: Department) -> User:
    return User.objects.create_user(name, password=PASSWORD, role=Role.DEPARTMENT, department=department)


# ------------------------------------------------------------------------------------------- upload

def test_finance_uploads_the_seed_pdf_and_lands_on_its_review(world, seed_pdf) -> None:
    departments, budgets, evaluations = Department.objects.count(), Budget.objects.count(), Evaluation.objects.count()
    path = seed_pdf("seed_000").path
    response = _upload(world.finance, _file(path))
    document = SourceDocument.objects.get(original_name=path.name)
    assert response.redirect_chain[-1][0] == f"/reviews/{document.pk}/"
    page = response.content.decode()
    _, findings = review_text(document.extracted_text)
    assert findings and all(f.rule in page for f in findings)
    assert document.format == "pdf" and document.pages and document.uploaded_by == world.finance
    # the department it names is not in the system: stored under none, and the page says so
    assert document.department is None and document.fiscal_year.year == 2022
    assert "未在系统中登记" in page and LIWAN in page
    # no department created, no department's figures touched by a review upload
    assert (Department.objects.count(), Budget.objects.count(), Evaluation.objects.count()) == \
        (departments, budgets, evaluations)


def test_finance_uploads_a_docx_attached_to_the_department_it_names(world, seed_docx) -> None:
    zengcheng = Department.objects.create(name=ZENGCHENG)
    path = seed_docx("seed_001").path
    response = _upload(world.finance, _file(path))
    document = SourceDocument.objects.get(original_name=path.name)
    assert response.status_code == 200 and response.redirect_chain[-1][0] == f"/reviews/{document.pk}/"
    assert document.department == zengcheng and document.format == "docx"
    assert "未在系统中登记" not in response.content.decode()
    # the department's own user sees it, the other departments do not
    assert _client(_dept_user("zc", zengcheng)).get(f"/reviews/{document.pk}/").status_code == 200
    assert _client(world.user_a).get(f"/reviews/{document.pk}/").status_code == 404


def test_department_uploads_its_own_txt_report(world) -> None:
    response = _upload(world.user_a, _text_file(_report_of(world.a.name), "自评报告.txt"))
    document = SourceDocument.objects.get(original_name="自评报告.txt")
    assert response.redirect_chain[-1][0] == f"/reviews/{document.pk}/"
    assert document.department == world.a and document.format == "txt"
    assert document.original_name in _client(world.user_a).get("/reviews/").content.decode()
    assert document.original_name not in _client(world.user_b).get("/reviews/").content.decode()


def test_department_uploads_a_report_of_its_subordinate_unit(world) -> None:
    unit = Department.objects.create(name="广州市越秀区教育局直属幼儿园", parent=world.a)
    _upload(world.user_a, _text_file(_report_of(unit.name), "unit.txt"))
    assert SourceDocument.objects.get(original_name="unit.txt").department == unit


def test_department_cannot_upload_another_departments_report(world) -> None:
    liwan = Department.objects.create(name=LIWAN)
    before = SourceDocument.objects.count()
    for upload in (_text_file(_report_of(world.a.name), "a-report.txt"),  # another department's
                   _text_file(sample("seed_000").text(), "liwan.txt"),  # a department B does not belong to
                   _text_file(_report_of("广州市不存在区某局"), "nowhere.txt")):  # a department not in the system
        response = _upload(world.user_b, upload)
        body = response.content.decode()
        assert response.status_code == 400
        assert f"{upload.name}: 报告所述部门不是本部门或下属单位" in body and "文件未入库" in body
        assert world.a.name not in body and liwan.name not in body and "广州市不存在区某局" not in body
    assert SourceDocument.objects.count() == before


BAD_FILES = {
    "encrypted.pdf": "加密", "scanned.pdf": "扫描", "junk.txt": "", "junk.docx": "", "junk.pdf": "",
    "empty.txt": "文件为空", "truncated.pdf": "", "report.xyz": "不支持的文件类型", "legacy.doc": "另存为 .docx",
    "bomb.docx": "",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_gets_one_line_naming_it(world, bad_document, name) -> None:
    before = SourceDocument.objects.count()
    response = _upload(world.finance, _file(bad_document(name)))
    assert response.status_code == 400
    errors = [line for line in response.content.decode().splitlines() if 'id="upload-error"' in line]
    assert len(errors) == 1 and f"{name}: " in errors[0] and BAD_FILES[name] in errors[0], errors
    assert "/tmp" not in errors[0] and "jixiao-upload-" not in errors[0]
    assert SourceDocument.objects.count() == before


def test_a_file_that_is_not_a_report_is_refused(world) -> None:
    response = _upload(world.finance, _text_file("会议纪要\n今天讨论了办公室搬迁事宜。\n", "minutes.txt"))
    assert response.status_code == 400 and "minutes.txt: " in response.content.decode()
    assert not SourceDocument.objects.filter(original_name="minutes.txt").exists()


def test_a_file_over_the_size_limit_is_refused(world, settings) -> None:
    settings.JIXIAO_UPLOAD_MAX_BYTES = 10_000
    response = _upload(world.finance, _text_file(sample("seed_000").text(), "big.txt"))
    assert response.status_code == 400 and "big.txt: 文件过大" in response.content.decode()


def test_no_file_chosen_is_a_form_error(world) -> None:
    response = _client(world.finance).post("/reviews/", {})
    assert response.status_code == 400 and "请选择要上传的报告文件" in response.content.decode()


def test_a_file_already_stored_opens_the_stored_one(world, seed_pdf) -> None:
    first = _upload(world.finance, _file(seed_pdf("seed_000").path))
    count = SourceDocument.objects.count()
    again = _upload(world.finance, _file(seed_pdf("seed_000").path, "renamed.pdf"))
    assert again.redirect_chain[-1][0] == first.redirect_chain[-1][0]
    assert SourceDocument.objects.count() == count and "已入库" in again.content.decode()


def test_anonymous_upload_goes_to_login(world) -> None:
    response = Client().post("/reviews/", {"file": _text_file("x", "x.txt")})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert Client().post("/api/documents", {"file": _text_file("x", "x.txt")}).status_code == 401


# ----------------------------------------------------------------------------------------- 复核意见

def _form(findings, status: str, opinion: str, decisions: dict[int, tuple[str, str]]) -> dict[str, str]:
    # the version the form shows now (乐观锁) of the file reviewed here: A's document, the world's first
    document = SourceDocument.objects.order_by("pk").first()
    data = {"status": status, "opinion": opinion, "version": str(review_version(document))}
    for i in range(len(findings)):
        decision, note = decisions.get(i, ("", ""))
        data[f"decision_{i}"], data[f"note_{i}"] = decision, note
    return data


@pytest.fixture
def reviewed(world):
    """A's stored document, its findings, and the URL of its 复核意见 form."""
    document = world.documents[world.a.pk]
    _, findings = review_text(document.extracted_text)
    assert len(findings) >= 2
    return document, findings, f"/reviews/{document.pk}/decision/"


def test_finance_records_opinion_status_and_decisions(world, reviewed) -> None:
    document, findings, url = reviewed
    data = _form(findings, "rectify", "执行率偏低，请说明原因并整改。",
                 {0: ("confirmed", ""), 1: ("dismissed", "已在附件中说明")})
    response = _client(world.finance).post(url, data, follow=True)
    assert response.redirect_chain[-1][0] == f"/reviews/{document.pk}/" and "复核意见已保存" in response.content.decode()
    record = ReviewRecord.objects.get(document=document)
    assert (record.status, record.opinion, record.reviewer) == ("rectify", "执行率偏低，请说明原因并整改。", world.finance)
    decisions = {d.key: d for d in record.decisions.all()}
    assert decisions[finding_key(findings[0])].decision == "confirmed"
    assert decisions[finding_key(findings[1])].decision == "dismissed"
    assert decisions[finding_key(findings[1])].note == "已在附件中说明"
    assert len(decisions) == 2
    # the form opens again with what was recorded
    page = _client(world.finance).get(f"/reviews/{document.pk}/").content.decode()
    assert re.search(r'name="decision_0" value="confirmed"[^>]*checked', page)
    assert re.search(r'name="decision_1" value="dismissed"[^>]*checked', page)
    assert "已在附件中说明" in page


def test_the_department_sees_the_opinion_read_only(world, reviewed) -> None:
    document, findings, url = reviewed
    _client(world.finance).post(url, _form(findings, "rectify", "请补充满意度调查样本。", {1: ("dismissed", "口径一致")}))
    page = _client(world.user_a).get(f"/reviews/{document.pk}/").content.decode()
    assert "请补充满意度调查样本。" in page and "需整改" in page and "口径一致" in page
    assert 'id="review-form"' not in page
    # nothing recorded yet on another file: it says so
    other = SourceDocument.objects.create(department=world.a, original_name="later.txt", sha256="1" * 64,
                                          format="txt", extracted_text=document.extracted_text)
    assert "财政局尚未填写复核意见" in _client(world.user_a).get(f"/reviews/{other.pk}/").content.decode()


def test_only_the_finance_bureau_and_admins_write_opinions(world, reviewed) -> None:
    document, findings, url = reviewed
    data = _form(findings, "passed", "同意", {})
    assert _client(world.user_a).post(url, data).status_code == 403
    assert _client(world.user_b).post(url, data).status_code == 404
    assert _client(world.user_a).get(url).status_code == 405
    assert not ReviewRecord.all_objects.exists()
    assert _client(world.admin).post(url, data).status_code == 302
    assert ReviewRecord.objects.get(document=document).reviewer == world.admin


@pytest.mark.parametrize(("status", "opinion", "decisions", "message"), [
    ("rectify", "", {}, "须填写复核意见"),
    ("returned", "   ", {}, "须填写复核意见"),
    ("passed", "同意", {0: ("dismissed", "")}, "不采纳须说明理由"),
    ("finished", "同意", {}, "选择一个有效的选项"),
    ("passed", "同意", {0: ("maybe", "")}, "选择一个有效的选项"),
])
def test_an_incomplete_opinion_is_refused_with_a_message(world, reviewed, status, opinion, decisions, message) -> None:
    _, findings, url = reviewed
    response = _client(world.finance).post(url, _form(findings, status, opinion, decisions))
    assert response.status_code == 400 and message in response.content.decode()
    assert not ReviewRecord.all_objects.exists() and not FindingDecision.all_objects.exists()


def test_history_keeps_who_when_and_old_to_new(world, reviewed) -> None:
    document, findings, url = reviewed
    finance2 = User.objects.create_user("finance2", password=PASSWORD, role=Role.FINANCE, first_name="李复核")
    _client(world.finance).post(url, _form(findings, "rectify", "请整改。", {0: ("confirmed", "")}))
    _client(finance2).post(url, _form(findings, "passed", "已整改，通过。", {}))  # withdraws the decision
    record = ReviewRecord.objects.get(document=document)
    latest = record.history.first()
    assert latest.history_user == finance2
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(latest.prev_record).changes}
    assert changes["status"] == ("rectify", "passed") and changes["opinion"] == ("请整改。", "已整改，通过。")
    withdrawn = FindingDecision.all_objects.get(record=record)
    assert withdrawn.deleted_at is not None and not record.decisions.exists()  # soft: kept, not removed
    page = _client(world.user_a).get(f"/reviews/{document.pk}/").content.decode()
    history = page[page.index('id="review-history"'):]
    assert "李复核" in history and "需整改" in history and "通过" in history and "撤销" in history
    # saving the same again records nothing new
    rows = record.history.count()
    _client(finance2).post(url, _form(findings, "passed", "已整改，通过。", {}))
    assert record.history.count() == rows


def test_a_decision_outlives_a_new_review_of_the_same_text(world, reviewed) -> None:
    document, findings, url = reviewed
    _client(world.finance).post(url, _form(findings, "in_review", "", {1: ("dismissed", "不适用")}))
    _, again = review_text(document.extracted_text)
    assert [finding_key(f) for f in again] == [finding_key(f) for f in findings]
    api = _client(world.finance).get(f"/api/documents/{document.pk}/review").json()
    assert api["findings"][1]["decision"] == "dismissed" and api["findings"][1]["note"] == "不适用"
    assert api["findings"][0]["decision"] is None


# ------------------------------------------------------------------------------------------- queue

def test_the_queue_shows_and_filters_by_status(world, reviewed) -> None:
    document, findings, url = reviewed
    _client(world.finance).post(url, _form(findings, "rectify", "请整改。", {}))
    client = _client(world.finance)
    every = client.get("/reviews/").content.decode()
    assert "需整改" in every and "待复核" in every
    rectify = client.get("/reviews/?status=rectify").content.decode()
    assert document.original_name in rectify and world.documents[world.b.pk].original_name not in rectify
    pending = client.get("/reviews/?status=pending").content.decode()
    assert world.documents[world.b.pk].original_name in pending and f">{document.original_name}<" not in pending
    assert "没有符合筛选条件的文件" in client.get("/reviews/?status=passed").content.decode()
    assert world.documents[world.b.pk].original_name in client.get("/reviews/?status=nonsense").content.decode()
    # the department's queue: its own files only, with their status
    own = _client(world.user_a).get("/reviews/?status=rectify").content.decode()
    assert document.original_name in own and "需整改" in own


# --------------------------------------------------------------------------------------------- API

def test_api_upload_duplicates_and_errors(world, seed_pdf, bad_document) -> None:
    client = _client(world.finance)
    first = client.post("/api/documents", {"file": _file(seed_pdf("seed_000").path)})
    assert first.status_code == 200 and first.json()["created"] is True
    assert "未在系统中登记" in first.json()["notice"] and first.json()["document"]["department_id"] is None
    again = client.post("/api/documents", {"file": _file(seed_pdf("seed_000").path)})
    assert again.json()["created"] is False and again.json()["document"]["id"] == first.json()["document"]["id"]
    bad = client.post("/api/documents", {"file": _file(bad_document("encrypted.pdf"))})
    assert bad.status_code == 422 and bad.json()["detail"].startswith("encrypted.pdf: ")
    refused = _client(world.user_b).post("/api/documents", {"file": _text_file(_report_of(world.a.name), "a.txt")})
    assert refused.status_code == 403 and world.a.name not in refused.content.decode()
    own = _client(world.user_a).post("/api/documents", {"file": _text_file(_report_of(world.a.name), "a.txt")})
    assert own.status_code == 200 and own.json()["document"]["department_id"] == world.a.pk


def test_api_review_read_and_write(world, reviewed) -> None:
    document, findings, _ = reviewed
    url = f"/api/documents/{document.pk}/review"
    empty = _client(world.user_a).get(url).json()
    assert empty["status"] == "pending" and empty["status_label"] == "待复核" and empty["opinion"] == ""
    assert [f["key"] for f in empty["findings"]] == [finding_key(f) for f in findings]
    body = {"status": "rectify", "opinion": "请整改。",
            "decisions": [{"key": finding_key(findings[0]), "decision": "confirmed"},
                          {"key": finding_key(findings[1]), "decision": "dismissed", "note": "有依据"}]}

    def put(user, payload):
        client = _client(user)
        return client.put(url, data=json.dumps(versioned(client, url, payload)), content_type="application/json")

    assert put(world.user_a, body).status_code == 403
    assert put(world.user_b, body).status_code == 404
    assert _client(world.user_b).get(url).status_code == 404
    assert not ReviewRecord.all_objects.exists()
    written = put(world.finance, body)
    assert written.status_code == 200 and written.json()["status_label"] == "需整改"
    assert written.json()["reviewer"] == "finance"
    seen = _client(world.user_a).get(url).json()
    assert seen["opinion"] == "请整改。" and seen["findings"][1]["note"] == "有依据"
    assert {(c["what"], c["new"]) for c in seen["history"]} >= {("复核状态", "需整改"), ("复核意见", "请整改。")}
    for wrong in ({**body, "decisions": [{"key": "no.such.rule@1-2", "decision": "confirmed"}]},
                  {**body, "decisions": [{"key": finding_key(findings[0]), "decision": "dismissed"}]},
                  {**body, "status": "returned", "opinion": ""}):
        assert put(world.finance, wrong).status_code == 422
    assert put(world.finance, {**body, "status": "done"}).status_code == 422
    assert ReviewRecord.objects.get(document=document).status == ReviewStatus.RECTIFY


def test_the_queue_costs_the_same_queries_however_many_files(world, django_assert_max_num_queries) -> None:
    for n in range(10):
        SourceDocument.objects.create(department=world.a, original_name=f"extra-{n}.txt", sha256=f"e{n:063d}",
                                      format="txt", extracted_text="x")
    client = _client(world.finance)
    # 9: session, user, count, the year and department filters' choices, the page of rows, and the
    # session's save (SAVEPOINT, UPDATE, RELEASE) now that the session keeps its login time, and the page's
    # 抽评 notes (one query, the 抽评 app's extension) — none per file
    with django_assert_max_num_queries(10):
        assert client.get("/reviews/").status_code == 200


# -------------------------------------------------------------------------------------------- demo

def test_the_demo_records_opinions_on_the_seed_reports(db) -> None:
    from jixiao.web import demo

    demo.load(departments=1, years=(2022,))
    records = {r.document.department.name: r for r in ReviewRecord.objects.select_related("document__department")}
    liwan = records[LIWAN]
    assert liwan.status == ReviewStatus.RECTIFY and "72.60%" in liwan.opinion
    assert sorted(d.decision for d in liwan.decisions.all()) == ["confirmed", "dismissed"]
    assert records[ZENGCHENG].status == ReviewStatus.IN_REVIEW
    _, findings = review_text(liwan.document.extracted_text)
    assert {d.key for d in liwan.decisions.all()} <= {finding_key(f) for f in findings}
