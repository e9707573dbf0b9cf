"""Demo 批次 (演示批量上传): the two seed reports submitted again as a batch, so the batch pages are not empty.

Through the real ``submit_batch``: their content is stored already, so both files are done at
once (内容相同的文件已入库) and nothing is read. The batch is the finance bureau's (复核 of both
departments' reports): a department's batch may only point at its own department's files.
"""

from __future__ import annotations

from jixiao.samples import samples
from jixiao.web.batches.models import Batch
from jixiao.web.batches.services import submit_batch
from jixiao.web.documents.models import SourceDocument


def submit_demo_batch() -> Batch | None:
    """Submit the seed reports as the finance bureau's 复核 batch; None when they are not stored yet."""
    if not SourceDocument.objects.filter(department__isnull=False).exists():
        return None
    return submit_batch(paths=[item.text_path for item in samples()], mode=Batch.Mode.REVIEW, department=None)
