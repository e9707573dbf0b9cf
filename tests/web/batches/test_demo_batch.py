"""The demo's batch: the seed reports submitted again, done at once by their content (nothing read twice)."""

from __future__ import annotations

import pytest
from django.test import Client

from jixiao.web import demo
from jixiao.web.accounts.models import User
from jixiao.web.batches.models import Batch, BatchFile

pytestmark = pytest.mark.django_db


def test_the_demo_batch_is_done_by_content_and_seen_by_its_department() -> None:
    demo.load(departments=2, years=(2022,))
    demo.create_accounts()
    batch = Batch.objects.get()
    files = list(BatchFile.objects.filter(batch=batch).order_by("position"))
    assert [f.state for f in files] == ["done", "done"]
    assert all(f.outcome == "内容相同的文件已入库，未重复处理" and f.document is not None for f in files)
    assert not [f for f in files if f.inbox_name]  # nothing copied to the shared folder: nothing to read
    owner, stranger = Client(), Client()
    owner.force_login(User.objects.get(department=batch.department))
    page = owner.get(f"/batches/{batch.key}/")
    assert page.status_code == 200 and "已全部处理完毕" in page.content.decode()
    stranger.force_login(User.objects.exclude(department=batch.department).get(department__isnull=False))
    assert stranger.get(f"/batches/{batch.key}/").status_code == 404


def test_the_batch_list_opens_with_the_demo_batch_that_has_no_submitter() -> None:
    """The demo batch has no 提交人 (created_by is empty): the list shows “—”, not a server error (walk-demo)."""
    demo.load(departments=2, years=(2022,))
    demo.create_accounts()
    batch = Batch.objects.get()
    assert batch.created_by is None
    for username in ("admin", "caizheng"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        page = client.get("/batches/")
        assert page.status_code == 200 and batch.key in page.content.decode()
    owner = Client()
    owner.force_login(User.objects.get(department=batch.department))
    assert owner.get("/batches/").status_code == 200
