"""The demo's batch: the seed reports submitted again, done at once by their content (nothing read twice),
and a department's batch that may point only at its own department's stored files."""

from __future__ import annotations

import pytest
from django.test import Client

from jixiao.samples import samples
from jixiao.web import demo
from jixiao.web.accounts.models import User
from jixiao.web.batches.models import Batch, BatchFile
from jixiao.web.batches.services import NOT_OWN_DEPARTMENT, submit_batch
from jixiao.web.departments.models import Department

pytestmark = pytest.mark.django_db


def _client(username: str | None = None, **lookup) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username) if username else User.objects.get(**lookup))
    return client


def test_the_demo_batch_is_the_finance_bureaus_and_done_by_content() -> None:
    demo.load(departments=2, years=(2022,))
    demo.create_accounts()
    batch = Batch.objects.get()
    assert batch.department is None and batch.created_by is None  # 财政局的复核批次, made by the demo
    files = list(BatchFile.objects.filter(batch=batch).order_by("position"))
    assert [f.state for f in files] == ["done", "done"]
    assert all(f.outcome == "内容相同的文件已入库，未重复处理" and f.document is not None for f in files)
    assert not [f for f in files if f.inbox_name]  # nothing copied to the shared folder: nothing to read
    for username in ("admin", "caizheng"):
        page = _client(username).get(f"/batches/{batch.key}/")
        assert page.status_code == 200 and "已全部处理完毕" in page.content.decode()
        listing = _client(username).get("/batches/")
        assert listing.status_code == 200 and batch.key in listing.content.decode()  # no 提交人: shown as “—”
    department_user = _client(department__isnull=False, username="liwan")
    assert department_user.get(f"/batches/{batch.key}/").status_code == 404
    assert department_user.get("/batches/").status_code == 200


def test_a_departments_batch_never_links_another_departments_stored_file() -> None:
    """The same bytes as 增城's stored report, uploaded by 荔湾: failed with the reason, no link to 增城's file."""
    demo.load(departments=0, years=(2022,))
    demo.create_accounts()
    liwan = User.objects.get(username="liwan")
    own, other = sorted(samples(), key=lambda item: "荔湾" not in item.text_path.read_text(encoding="utf-8")[:300])
    batch = submit_batch(paths=[own.text_path, other.text_path], mode=Batch.Mode.REVIEW,
                         department=Department.objects.get(pk=liwan.department_id), created_by=liwan)
    mine, theirs = BatchFile.objects.filter(batch=batch).order_by("position")
    assert mine.state == "done" and mine.document is not None and mine.document.department_id == liwan.department_id
    assert theirs.state == "failed" and theirs.reason == NOT_OWN_DEPARTMENT and theirs.document is None
    page = _client("liwan").get(f"/batches/{batch.key}/").content.decode()
    assert NOT_OWN_DEPARTMENT in page and f"/reviews/{mine.document_id}/" in page
