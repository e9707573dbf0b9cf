"""批次 in the admin: listed and shown with their files' outcomes, in Chinese, and read-only."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.web.batches import services
from jixiao.web.batches.models import Batch, BatchFile

pytestmark = pytest.mark.django_db(transaction=True)

CORPUS = Path("/work/shared/corpus")


def test_batches_in_the_admin(admin_client, settings, tmp_path) -> None:
    settings.JIXIAO_SHARED_DIR = tmp_path / "shared"
    junk = tmp_path / "坏文件.txt"
    junk.write_bytes(b"\x00\x01binary")
    batch = services.submit_batch(paths=[sorted(CORPUS.glob("*.txt"))[0], junk], mode=Batch.Mode.SAVE, run=False)
    services.process_files(list(BatchFile.objects.filter(batch=batch).values_list("pk", flat=True)))
    index = admin_client.get("/admin/").content.decode()
    assert "批次" in index and "批次文件" in index
    listing = admin_client.get("/admin/batches/batch/").content.decode()
    assert batch.key in listing and "导入入库" in listing
    page = admin_client.get(f"/admin/batches/batch/{batch.pk}/change/").content.decode()
    done, failed = BatchFile.objects.filter(batch=batch).order_by("position")
    assert done.outcome.startswith("导入成功") and done.outcome in page
    assert "坏文件.txt" in page and "失败" in page and failed.reason[:20] in page
    assert done.inbox_name and done.inbox_name not in page  # where it waited in the shared folder is not shown
    files = admin_client.get("/admin/batches/batchfile/?state=failed").content.decode()
    assert "坏文件.txt" in files and "完成" not in files.split("<tbody>")[1]
    assert admin_client.get("/admin/batches/batch/add/").status_code == 403  # written by submissions, not here
    response = admin_client.post(f"/admin/batches/batchfile/{failed.pk}/change/", {"state": "done"})
    assert response.status_code == 403
    failed.refresh_from_db()
    assert failed.state == BatchFile.State.FAILED
