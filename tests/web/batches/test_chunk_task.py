"""The chunk task (一条消息多个文件): each file of a chunk processed alone; one that raises stops none of the others.

The task function is called in this process (no broker): the same code a Celery worker runs for a message.
Real files from the corpus; a file id whose row is gone stands for a file whose processing raises.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.web.batches import services
from jixiao.web.batches.models import Batch, BatchFile
from jixiao.web.batches.tasks import process_batch_files

pytestmark = pytest.mark.django_db(transaction=True)

CORPUS = Path("/work/shared/corpus")


def test_a_raising_file_does_not_stop_its_chunk_and_a_redelivered_chunk_writes_once(settings, tmp_path) -> None:
    settings.JIXIAO_SHARED_DIR = tmp_path / "shared"
    texts = sorted(CORPUS.glob("*.txt"))[:2]
    batch = services.submit_batch(paths=texts, mode=Batch.Mode.IMPORT, run=False)
    ids = list(BatchFile.objects.filter(batch=batch).order_by("position").values_list("pk", flat=True))
    gone = max(ids) + 1000  # no such row: processing it raises
    with pytest.raises(BatchFile.DoesNotExist):
        process_batch_files.run([ids[0], gone, ids[1]])
    rows = list(BatchFile.objects.filter(batch=batch).order_by("position"))
    assert [r.state for r in rows] == [BatchFile.State.DONE, BatchFile.State.DONE]
    assert [r.attempts for r in rows] == [1, 1]
    history = BatchFile.history.filter(id__in=ids).count()
    assert process_batch_files.run(ids) == [BatchFile.State.DONE, BatchFile.State.DONE]  # redelivered: no writes
    assert [r.attempts for r in BatchFile.objects.filter(batch=batch).order_by("position")] == [1, 1]
    assert BatchFile.history.filter(id__in=ids).count() == history
    assert not [p for p in services.inbox().rglob("*") if p.is_file()]  # the inbox copies are gone
