"""The Celery application (任务队列) of batches: broker, delivery guarantees and worker limits.

Delivery is at least once and the task is idempotent (``services.process_file``), which together
give exactly-once outcomes:

- ``task_acks_late`` + ``task_reject_on_worker_lost``: a message is acknowledged after its task
  ran, so a worker killed mid-task (kill -9, the machine lost) leaves it to another worker —
  at once on RabbitMQ (the connection drops), after ``visibility_timeout`` on Redis
  (``JIXIAO_VISIBILITY_TIMEOUT``, which must exceed the longest task) and the next scan for
  such messages (``restore_interval``: a quarter of the timeout, at most kombu's 100 s);
- ``worker_prefetch_multiplier = 1``: a worker holds one message (a chunk of ``services.CHUNK``
  files) per process, so a dead worker strands one chunk per process, not a queue's worth;
- every worker process has its address space bounded (``[worker] max_memory_mb`` of the
  reading limits) and is replaced after about ``MAX_TASKS_PER_CHILD`` files;
- no result backend: the database is the result store (``BatchFile`` rows).

What a task costs beyond its files' work is kept to a minimum (measured with the worker's CPU time,
``benchmarks/bench_batch.py``; docs/benchmarks.md):

- the readers and their libraries (pypdfium2, python-docx) are imported here, in the
  worker's main process, before the pool forks (``jixiao.readers.preload``): a pool process starts
  with them and does not import them again at its first PDF (≈ 100 ms of CPU each time one is
  replaced);
- the database connection is kept across tasks: Celery's Django fix-up closes it before and after
  every task unless ``CELERY_DB_REUSE_MAX`` is set (a new connection per task: on PostgreSQL a
  backend process forked and authenticated per message). The task itself calls Django's
  ``close_old_connections`` before and after, which closes a connection older than
  ``CONN_MAX_AGE`` or one that had errors, as a web request does.
"""

from __future__ import annotations

from typing import Any

from celery import Celery
from celery.signals import worker_process_init

from jixiao.web import bootstrap

bootstrap.setup()

from django.conf import settings  # noqa: E402  (after the setup above)
from django.db import connections  # noqa: E402

import jixiao.readers.preload  # noqa: E402,F401  (before the pool forks: its processes inherit the readers)
from jixiao.parallel import MAX_TASKS_PER_CHILD, bound_memory  # noqa: E402
from jixiao.readers.limits import current_limits  # noqa: E402
from jixiao.web.batches.services import CHUNK  # noqa: E402


def restore_interval(visibility_timeout: int) -> int:
    """Seconds between a Redis worker's scans for messages a dead worker held (kombu: 10 s × every 10th tick).

    With kombu's default a message whose timeout ran out waited up to 100 s more; a quarter of the
    timeout (at least a second) keeps that wait in proportion, and 100 s for the default hour.
    """
    return max(1, min(100, visibility_timeout // 4))


DB_REUSE_MAX = 1000
"""Tasks a worker process runs on one database connection at most (more than it runs before it is replaced)."""

app = Celery("jixiao")
app.conf.update(
    broker_url=settings.JIXIAO_BROKER_URL or "memory://",
    broker_connection_retry_on_startup=True,
    broker_transport_options={"visibility_timeout": settings.JIXIAO_VISIBILITY_TIMEOUT,
                              "unacked_restore_interval": restore_interval(settings.JIXIAO_VISIBILITY_TIMEOUT),
                              "unacked_restore_throttle": 1},
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    task_ignore_result=True,
    task_default_queue=settings.JIXIAO_BATCH_QUEUE,
    worker_prefetch_multiplier=1,
    worker_max_tasks_per_child=max(1, MAX_TASKS_PER_CHILD // CHUNK),  # tasks are chunks of files
    worker_hijack_root_logger=False,
    timezone=settings.TIME_ZONE,
    # Celery's Django fix-up would close the connection around every task; the task's close_old_connections
    # (CONN_MAX_AGE, errors) decides instead. Celery reads this name as is (celery.fixups.django).
    CELERY_DB_REUSE_MAX=DB_REUSE_MAX,
)


@worker_process_init.connect
def _worker_process(**_: Any) -> None:
    """In each forked worker process: no database connection of the parent, the memory bound."""
    connections.close_all()
    bound_memory(current_limits().worker.max_memory_mb)
