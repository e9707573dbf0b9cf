"""批量上传 on the web: a ZIP or many files stored by the request, read in the background, outcomes per file.

No broker is configured here, so the batch runs in the web process (a thread reading on all cores
in bounded workers) — the same service a Celery worker runs. Real files: seed reports rendered
as PDF, corpus texts, an encrypted PDF; a zip bomb refused before anything is stored.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jixiao.web.batches.models import Batch, BatchFile
from jixiao.web.batches.uploads import member_name
from jixiao.web.documents.models import SourceDocument

pytestmark = pytest.mark.django_db(transaction=True)

CORPUS = Path("/work/shared/corpus")
LIWAN = "中国共产党广州市荔湾区委员会宣传部"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_member_name_stored_in_gbk_is_read_as_written() -> None:
    info = zipfile.ZipInfo("报告/二.pdf".encode("gbk").decode("cp437"))  # as zipfile reads a name without the UTF-8 flag
    info.flag_bits = 0
    assert member_name(info) == "二.pdf"
    utf8 = zipfile.ZipInfo("一.pdf")
    utf8.flag_bits = 0x800
    assert member_name(utf8) == "一.pdf"


STARTED: list[tuple] = []


@pytest.fixture(autouse=True)
def _deferred(monkeypatch):
    """The background thread runs after the response here: the test database (SQLite in memory, shared
    cache) locks whole tables; on a server (a WAL file or PostgreSQL) it runs beside the requests."""
    from jixiao.web.batches import services

    STARTED.clear()
    monkeypatch.setattr(services, "start_background", lambda target, pending, name: STARTED.append((target, pending)))


def _wait(batch: Batch) -> None:
    assert BatchFile.objects.filter(batch=batch, state=BatchFile.State.PENDING).exists()  # the request read nothing
    for target, pending in STARTED:
        target(pending)
    assert not BatchFile.objects.filter(batch=batch, state=BatchFile.State.PENDING).exists()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_finance_uploads_a_zip_the_request_stores_and_the_batch_finishes(world, seed_pdf, bad_document) -> None:
    texts = sorted(CORPUS.glob("*.txt"))[:3]
    members = {"报告/一.pdf": seed_pdf("seed_000").path.read_bytes(), "报告/二.pdf": seed_pdf("seed_001").path.read_bytes(),
               "加密.pdf": bad_document("encrypted.pdf").read_bytes(), "重复.pdf": seed_pdf("seed_000").path.read_bytes(),
               "说明.xls": b"not a report", **{f"c{n}.txt": p.read_bytes() for n, p in enumerate(texts)}}
    upload = SimpleUploadedFile("全省报告.zip", _zip(members), content_type="application/zip")
    before = SourceDocument.objects.count()
    response = _client(world.finance).post("/batches/", {"reports": [upload]})
    assert response.status_code == 302
    batch = Batch.objects.exclude(key="walk0batch0a").get()
    assert response["Location"] == f"/batches/{batch.key}/"
    _wait(batch)
    files = list(BatchFile.objects.filter(batch=batch).order_by("position"))
    assert [f.original_name for f in files] == ["一.pdf", "二.pdf", "加密.pdf", "重复.pdf", "c0.txt", "c1.txt", "c2.txt"]
    assert [f.state for f in files] == ["done", "done", "failed", "done", "done", "done", "done"]
    assert "加密" in files[2].reason and "/" not in files[2].reason  # the file's own name, no server path
    assert "与第 1 个文件内容相同" in files[3].outcome
    assert all("复核队列" in f.outcome for f in files if f.state == "done" and f.position != 4)
    assert SourceDocument.objects.count() == before + 5
    page = _client(world.finance).get(f"/batches/{batch.key}/").content.decode()
    assert "完成 <strong id=\"batch-done\">6</strong>" in page and "已全部处理完毕" in page and "加密.pdf" in page
    queue = _client(world.finance).get("/reviews/").content.decode()
    assert "一.pdf" in queue and "c0.txt" in queue  # the findings wait in the review queue
    status = _client(world.finance).get(f"/api/batches/{batch.key}").json()
    assert (status["done"], status["failed"], status["pending"], status["percent"]) == (6, 1, 0, 100)
    # the department sees neither the batch nor its API
    assert _client(world.user_a).get(f"/batches/{batch.key}/").status_code == 404
    assert _client(world.user_a).get(f"/api/batches/{batch.key}").status_code == 404


def test_a_zip_bomb_is_refused_in_one_line_and_nothing_is_stored(world) -> None:
    bomb = _zip({"bomb.txt": b"0" * (30 * 1024 * 1024)})  # 30 MB of zeros in a few KB: over the 20 MB per report
    response = _client(world.finance).post("/batches/", {"reports": [SimpleUploadedFile("炸弹.zip", bomb)]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "炸弹.zip: 其中的 bomb.txt 超过上限" in page and "疑似压缩炸弹" in page
    assert not Batch.objects.exclude(key="walk0batch0a").exists()


def test_a_department_uploads_its_own_reports_and_others_fail(world, seed_pdf) -> None:
    from jixiao.web.accounts.models import Role, User
    from jixiao.web.departments.models import Department

    liwan = Department.objects.create(name=LIWAN)
    user = User.objects.create_user("liwan_batch", password="pw-for-tests-1", role=Role.DEPARTMENT, department=liwan)
    other = sorted(CORPUS.glob("*.txt"))[0]
    uploads = [SimpleUploadedFile("本部门.pdf", seed_pdf("seed_000").path.read_bytes()),
               SimpleUploadedFile("别的部门.txt", other.read_bytes())]
    response = _client(user).post("/batches/", {"reports": uploads})
    assert response.status_code == 302
    batch = Batch.objects.exclude(key="walk0batch0a").get()
    assert batch.department == liwan
    _wait(batch)
    own, foreign = BatchFile.objects.filter(batch=batch).order_by("position")
    assert own.state == "done" and own.document is not None and own.document.department == liwan
    assert foreign.state == "failed" and "只能上传本部门的报告" in foreign.reason
    assert SourceDocument.objects.filter(sha256=foreign.sha256).count() == 0
    assert _client(user).get("/batches/").status_code == 200
    assert _client(world.finance).get(f"/batches/{batch.key}/").status_code == 200
