"""The batch tasks (批量任务): files of a batch, by their row ids (the bytes stay in the shared folder).

``process_batch_files`` takes a chunk of ``services.CHUNK`` files per message (the broker, pool and
connection cost of a task paid once per chunk): read one after another and stored together in one
transaction, idempotently (``services.process_files``; a redelivered chunk file by file). ``process_batch_file`` (one file) stays for
messages queued before chunks.
"""

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


@app.task(name="jixiao.batches.process_files", bind=True, autoretry_for=(OperationalError,),
          retry_backoff=1, max_retries=services.MAX_ATTEMPTS)
def process_batch_files(self: object, file_ids: list[int]) -> list[str]:
    """Process the batch files ``file_ids`` (``services.process_files``). A database briefly away retries the chunk
    (its done files are skipped); a file that raises does not stop the others: the first error is raised at the end."""
    close_old_connections()
    try:
        return services.process_files(file_ids)
    finally:
        close_old_connections()
