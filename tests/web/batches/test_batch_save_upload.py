"""批量上传 导入入库 on the web: a department's own published reports stored under its department and year.

The seed reports (jixiao.samples: 荔湾区委宣传部 and 增城区委宣传部, 2022), a broken file and a
duplicate, uploaded by a department user for its own department, and by the finance bureau for a
chosen department: each file's outcome is 导入成功 (with the department and year it went to), 重复
or 失败 with its one-line reason; a report naming another department is never stored elsewhere.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jixiao.samples import samples
from jixiao.web.accounts.models import Role, User
from jixiao.web.batches.models import Batch, BatchFile
from jixiao.web.departments.models import Department
from jixiao.web.documents.models import SourceDocument
from jixiao.web.evaluation.models import Evaluation

pytestmark = pytest.mark.django_db(transaction=True)

LIWAN = "中国共产党广州市荔湾区委员会宣传部"
ZENGCHENG = "中国共产党广州市增城区委员会宣传部"
STARTED: list[tuple] = []


@pytest.fixture(autouse=True)
def _deferred(monkeypatch, settings, tmp_path):
    """The background thread runs after the response (see test_batch_upload.py)."""
    from jixiao.web.batches import services

    settings.JIXIAO_SHARED_DIR = tmp_path / "shared"
    STARTED.clear()
    monkeypatch.setattr(services, "start_background", lambda target, pending, name: STARTED.append((target, pending)))


def _run(batch: Batch) -> None:
    assert BatchFile.objects.filter(batch=batch, state=BatchFile.State.PENDING).exists()  # the request read nothing
    for target, pending in STARTED:
        target(pending)
    assert not BatchFile.objects.filter(batch=batch, state=BatchFile.State.PENDING).exists()


def _seeds() -> tuple[bytes, bytes]:
    liwan, zengcheng = samples()
    # the published text, one newline more: not the bytes another test's fixture stored as a document
    return liwan.text_path.read_bytes() + b"\n", zengcheng.text_path.read_bytes() + b"\n"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_department_imports_its_own_reports_and_sees_each_outcome() -> None:
    liwan = Department.objects.create(name=LIWAN)
    user = User.objects.create_user("liwan_save", password="pw-for-tests-1", role=Role.DEPARTMENT, department=liwan)
    own, other = _seeds()
    uploads = [SimpleUploadedFile("本部门2022.txt", own), SimpleUploadedFile("增城.txt", other),
               SimpleUploadedFile("又一份.txt", own), SimpleUploadedFile("坏文件.pdf", b"%PDF-1.7 not really")]
    response = _client(user).post("/batches/", {"reports": uploads, "mode": "save", "department": "999"})
    assert response.status_code == 302
    batch = Batch.objects.get()
    assert (batch.mode, batch.department) == (Batch.Mode.SAVE, liwan)  # their own department, whatever was posted
    _run(batch)
    stored, foreign, again, broken = BatchFile.objects.filter(batch=batch).order_by("position")
    assert stored.state == "done" and stored.outcome == f"导入成功：{LIWAN} 2022年度"
    evaluation = Evaluation.objects.get(department=liwan, fiscal_year__year=2022)
    assert evaluation.source_document == stored.document and stored.document.department == liwan
    assert foreign.state == "failed" and foreign.reason.startswith(f"报告所述部门为{ZENGCHENG}，不是本部门")
    assert not Department.objects.filter(name=ZENGCHENG).exists()  # not stored elsewhere: no department made
    assert not SourceDocument.objects.filter(sha256=foreign.sha256).exists()
    assert again.state == "done" and again.duplicate and "与第 1 个文件内容相同" in again.outcome
    assert broken.state == "failed" and broken.reason and "/" not in broken.reason
    page = _client(user).get(f"/batches/{batch.key}/").content.decode()
    for shown in ("导入成功", "重复", "失败", f"导入成功：{LIWAN} 2022年度", foreign.reason, broken.reason, "导入入库",
                  f"/departments/{liwan.pk}/evaluation/2022/"):
        assert shown in page
    shown_text = re.sub(r"<[^>]+>", " ", page.split('id="batch-files"')[1])
    assert not {"done", "failed", "pending", "save"} & set(shown_text.split())  # no raw state or mode
    listing = _client(user).get("/batches/").content.decode()
    assert "导入入库" in listing and LIWAN in listing


def test_the_finance_bureau_imports_for_a_chosen_department_only_its_reports() -> None:
    finance = User.objects.create_user("finance_save", password="pw-for-tests-1", role=Role.FINANCE)
    zengcheng = Department.objects.create(name=ZENGCHENG)
    liwan_text, zengcheng_text = _seeds()
    uploads = [SimpleUploadedFile("荔湾.txt", liwan_text), SimpleUploadedFile("增城.txt", zengcheng_text)]
    response = _client(finance).post("/batches/", {"reports": uploads, "mode": "save", "department": str(zengcheng.pk)})
    assert response.status_code == 302
    batch = Batch.objects.get()
    assert batch.department == zengcheng
    _run(batch)
    liwan_row, zengcheng_row = BatchFile.objects.filter(batch=batch).order_by("position")
    assert liwan_row.state == "failed" and f"不是所选部门（{ZENGCHENG}）" in liwan_row.reason
    assert not Department.objects.filter(name=LIWAN).exists()
    assert zengcheng_row.state == "done" and zengcheng_row.outcome == f"导入成功：{ZENGCHENG} 2022年度"
    assert Evaluation.objects.filter(department=zengcheng, fiscal_year__year=2022).exists()
    # the department sees the batch made for it
    user = User.objects.create_user("zc_user", password="pw-for-tests-1", role=Role.DEPARTMENT, department=zengcheng)
    assert _client(user).get(f"/batches/{batch.key}/").status_code == 200


def test_an_unknown_mode_is_refused_in_chinese_and_nothing_is_stored() -> None:
    finance = User.objects.create_user("finance_mode", password="pw-for-tests-1", role=Role.FINANCE)
    response = _client(finance).post("/batches/", {"reports": [SimpleUploadedFile("a.txt", _seeds()[0])],
                                                   "mode": "import"})
    assert response.status_code == 400 and "请选择处理方式" in response.content.decode()
    assert not Batch.objects.exists()
    form = _client(finance).get("/batches/").content.decode()
    assert "导入入库" in form and "按报告所述部门" in form and 'name="department"' in form
