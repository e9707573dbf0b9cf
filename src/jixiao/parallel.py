"""Files on all cores (并行处理): one function over many files in a process pool, results in input order.

``ordered_map(func, items, jobs=N)`` runs ``func(item)`` in ``N`` worker processes
(``concurrent.futures.ProcessPoolExecutor``) and yields the results in the order of ``items`` —
never all of them at once: at most a few tasks per worker are in flight, so a province's
10,000 files need memory for a handful of results, not for the whole batch. Each worker is a
fresh interpreter (``forkserver``: nothing of the caller's state is inherited) that reads within
the limits of :mod:`jixiao.readers.limits` like the caller would, runs at most
``MAX_TASKS_PER_CHILD`` files and is then replaced, and has its address space bounded by the
``[worker] max_memory_mb`` limit (what :mod:`jixiao.isolation` gives a single web upload).

``func`` must be a module-level function that never raises for a bad file (``import_file``,
``review_file`` return a result carrying the reason). A worker that dies anyway (the kernel kills
it out of memory, a library aborts) breaks the pool: the files then in flight are done again one
by one in an isolated child (:func:`jixiao.isolation.run_isolated`), so the one that kills its
reader ends as a failure with its reason (``on_lost``) and the others are done; the batch goes on
with a new pool.

``jobs=1`` (or a single item) runs in the calling process: the same results, no pool.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from jixiao.isolation import IsolatedFailure, run_isolated
from jixiao.readers.limits import current_limits

T = TypeVar("T")
R = TypeVar("R")

MAX_TASKS_PER_CHILD = 1000
"""Files a worker reads before it is replaced: whatever a library keeps (caches, fragmentation) goes back.
A replacement costs a fork and the first file's imports (≈ 0.1 s of CPU); at 200 that was ≈ 5% of a
batch of 6-page reports once reading them took 16 ms (``--jobs 2`` 1.84× one process, at 1000 2.13×:
bench_batch's 2,000 files, 2026-12-03); a worker stays at ≈ 60 MB over a thousand files."""

IN_FLIGHT_PER_WORKER = 8
"""Tasks queued per worker: enough to keep it busy, few enough to bound memory (the chunk of the pool)."""

MB = 1024 * 1024


def _forkserver(*preload: str) -> multiprocessing.context.BaseContext:
    """The forkserver context, its server preloading ``jixiao.deathsig`` (so that it dies with us), the readers
    and their libraries (``jixiao.readers.preload``) and ``preload`` (the module of the function the workers run):
    each worker forked from it starts with them imported instead of importing them again (≈ 100 ms of CPU for
    the PDF libraries alone, paid again whenever a worker is replaced). Takes effect when the server starts
    (the first pool of this process)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["jixiao.deathsig", "jixiao.readers.preload", *preload])
    return context


def _module_of(func: Callable[..., object]) -> list[str]:
    """The module defining ``func`` (through a ``functools.partial``), for the forkserver to preload; none for ``__main__``."""
    module = getattr(getattr(func, "func", func), "__module__", None)
    return [module] if module and module != "__main__" else []


def default_jobs() -> int:
    """The cores this process may use (the default of ``--jobs``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def bound_memory(max_memory_mb: int) -> None:
    """Pool initializer: die with the forkserver (``jixiao.deathsig``) and limit this worker's address
    space (RLIMIT_AS), as ``jixiao.isolation`` does."""
    from jixiao.deathsig import die_with_parent

    die_with_parent()
    try:
        import resource
    except ImportError:  # not a Unix
        return
    limit = max_memory_mb * MB
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def ordered_map(func: Callable[[T], R], items: Iterable[T], *, jobs: int,
                on_lost: Callable[[T, str], R], isolated_timeout: float = 120,
                progress: Callable[[], None] | None = None) -> Iterator[R]:
    """``func(item)`` for every item, in ``jobs`` processes, yielded in input order.

    ``on_lost(item, reason)`` makes the result of an item whose worker died (out of memory, killed);
    ``progress()`` is called once per item done.
    """
    items = list(items)
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            result = func(item)
            if progress:
                progress()
            yield result
        return
    memory = current_limits().worker.max_memory_mb
    jobs = min(jobs, len(items))
    window = jobs * IN_FLIGHT_PER_WORKER
    position = 0
    while position < len(items):
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_forkserver(*_module_of(func)),
                                   initializer=bound_memory, initargs=(memory,),
                                   max_tasks_per_child=MAX_TASKS_PER_CHILD)
        pending: deque[tuple[T, Future[R]]] = deque()
        broken = False
        try:
            submitted = position
            while position < len(items):
                while submitted < len(items) and len(pending) < window:
                    pending.append((items[submitted], pool.submit(func, items[submitted])))
                    submitted += 1
                item, future = pending[0]
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken = True
                    break
                except MemoryError:
                    result = on_lost(item, _memory_reason(memory))
                except Exception as error:  # func does not raise for a bad file: this is a fault, named
                    result = on_lost(item, f"处理时发生内部错误（{type(error).__name__}），已跳过")
                pending.popleft()
                position += 1
                if progress:
                    progress()
                yield result
        finally:
            pool.shutdown(wait=not broken, cancel_futures=True)
        if broken:
            # the files in flight when a worker died: each alone in an isolated child, to find the one
            for item, future in pending:
                finished = future.done() and not future.cancelled() and future.exception() is None
                yield future.result() if finished else _alone(func, item, memory=memory, timeout=isolated_timeout,
                                                              on_lost=on_lost)
                position += 1
                if progress:
                    progress()


def _memory_reason(memory: int) -> str:
    return f"读取时占用内存超过上限 {memory} MB，已停止（文件过于庞大或疑似恶意文件）"


def _alone(func: Callable[[T], R], item: T, *, memory: int, timeout: float, on_lost: Callable[[T, str], R]) -> R:
    try:
        return run_isolated(func, item, max_memory_mb=memory, timeout_seconds=timeout)
    except IsolatedFailure as failure:
        return on_lost(item, failure.reason)
