"""Demo 批次 (演示批量上传): the two seed reports submitted again as a batch, so the batch pages are not empty.

Through the real ``submit_batch``: their content is stored already, so both files are done at
once (内容相同的文件已入库) and nothing is read. The batch belongs to the first seed's department.
"""

from __future__ import annotations

from jixiao.samples import samples
from jixiao.web.batches.models import Batch
from jixiao.web.batches.services import submit_batch
from jixiao.web.departments.models import Department
from jixiao.web.documents.models import SourceDocument


def submit_demo_batch() -> Batch | None:
    """Submit the seed reports as a 复核 batch of the department of the first one; None when it is not stored."""
    first = SourceDocument.objects.filter(department__isnull=False).order_by("pk").first()
    department = Department.objects.filter(pk=first.department_id).first() if first else None
    if department is None:
        return None
    return submit_batch(paths=[item.text_path for item in samples()], mode=Batch.Mode.REVIEW, department=department)
