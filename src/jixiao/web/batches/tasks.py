"""The batch task (批量任务): one file of a batch, by its row id (the bytes stay in the shared folder)."""

from __future__ import annotations

from django.db import OperationalError, close_old_connections

from jixiao.web.batches import services
from jixiao.web.batches.worker import app


@app.task(name="jixiao.batches.process_file", bind=True, autoretry_for=(OperationalError,),
          retry_backoff=1, max_retries=services.MAX_ATTEMPTS)
def process_batch_file(self: object, file_id: int) -> str:
    """Process the batch file ``file_id``; a database that is briefly away is retried, a bad file fails."""
    close_old_connections()
    try:
        return services.process_file(file_id)
    finally:
        close_old_connections()
