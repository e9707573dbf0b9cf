"""Files on all cores (并行处理): one function over many files in a process pool, results in input order.

``ordered_map(func, items, jobs=N)`` runs ``func(item)`` in ``N`` worker processes
(``concurrent.futures.ProcessPoolExecutor``) and yields the results in the order of ``items`` —
never all of them at once: at most a few files per worker are in flight, so a province's
10,000 files need memory for a handful of results, not for the whole batch. A long batch goes to
the workers in chunks of a few files a task (:func:`chunk_size`), which spares the calling process
a task's messages for each file. Each worker is a
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
from typing import TypeVar, cast

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
"""Files queued per worker: enough to keep it busy, few enough to bound memory (and the files done again one by
one when a worker dies)."""

MAX_CHUNK = 4
"""Most files in one task (:func:`chunk_size`)."""

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
    """The module defining ``func`` (through a ``functools.partial``), for the forkserver to preload; none for
    ``__main__``; and the jixiao modules the main script imported (:func:`_main_imports`)."""
    module = getattr(getattr(func, "func", func), "__module__", None)
    return ([module] if module and module != "__main__" else []) + _main_imports()


def _main_imports() -> list[str]:
    """The core's modules the main script's top level imported (the ``jixiao`` console script's ``jixiao.cli``, a
    benchmark's own), for the forkserver to preload; never the web app's (Django is not set up there).

    Each worker runs the main script again before its first task (multiprocessing does so to find functions
    defined there; the forkserver's own ``"__main__"`` preload asks the preparation data for a key it never
    holds, so it does nothing, on Python 3.12 at least), so without
    them preloaded every worker would import the whole CLI again (≈ 0.3 s of CPU) — after the fork, unshared.
    """
    import sys

    main = sys.modules.get("__main__")
    found = set()
    for value in list(vars(main).values()) if main is not None else ():
        try:
            name = value.__name__ if isinstance(value, type(sys)) else getattr(value, "__module__", None)
        except Exception:  # an object of the script's whose attributes compute something: not ours
            continue
        # the core only: a web module needs Django set up first, which a forkserver's import is not
        if isinstance(name, str) and (name == "jixiao" or name.startswith("jixiao.")) \
                and not (name == "jixiao.web" or name.startswith("jixiao.web.")):
            found.add(name)
    return sorted(found)


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
    size = chunk_size(len(items), jobs)
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    window = max(jobs, jobs * IN_FLIGHT_PER_WORKER // size)  # in chunks: the same files in flight whatever the size
    position = 0  # chunks yielded
    while position < len(chunks):
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_forkserver(*_module_of(func)),
                                   initializer=bound_memory, initargs=(memory,),
                                   max_tasks_per_child=max(1, MAX_TASKS_PER_CHILD // size))
        pending: deque[tuple[list[T], Future[list[_Outcome]]]] = deque()
        broken = False
        try:
            submitted = position
            while position < len(chunks):
                while submitted < len(chunks) and len(pending) < window:
                    pending.append((chunks[submitted], pool.submit(_run_chunk, func, chunks[submitted])))
                    submitted += 1
                chunk, future = pending[0]
                try:
                    outcomes = future.result()
                except BrokenProcessPool:
                    broken = True
                    break
                except Exception as error:  # the chunk's results could not be sent back: a fault, named
                    outcomes = [(_FAULT, type(error).__name__)] * len(chunk)
                pending.popleft()
                position += 1
                for item, outcome in zip(chunk, outcomes, strict=True):
                    if progress:
                        progress()
                    yield _result(item, outcome, on_lost=on_lost, memory=memory)
        finally:
            pool.shutdown(wait=not broken, cancel_futures=True)
        if broken:
            # the files in flight when a worker died: each alone in an isolated child, to find the one
            for chunk, future in pending:
                finished = future.done() and not future.cancelled() and future.exception() is None
                for index, item in enumerate(chunk):
                    yield (_result(item, future.result()[index], on_lost=on_lost, memory=memory) if finished else
                           _alone(func, item, memory=memory, timeout=isolated_timeout, on_lost=on_lost))
                    if progress:
                        progress()
                position += 1


def chunk_size(count: int, jobs: int) -> int:
    """Files sent to a worker as one task: up to :data:`MAX_CHUNK` in a long batch, one in a short one.

    Each task costs the calling process its own messages, wake-ups and bookkeeping (≈ 0.5 ms of CPU), taken from
    the cores the workers read on; in a chunk that cost is shared. A short batch keeps one file a task, so that
    the files are still shared out evenly between the workers to the end.
    """
    return max(1, min(MAX_CHUNK, count // (jobs * IN_FLIGHT_PER_WORKER * 4)))


_OK, _MEMORY, _FAULT = "ok", "memory", "fault"
_Outcome = tuple[str, object]
"""A file's outcome in a worker: (``_OK``, its result), (``_MEMORY``, None) or (``_FAULT``, the exception's name)."""


def _run_chunk(func: Callable[[T], R], chunk: list[T]) -> list[_Outcome]:
    """``func`` over a chunk of files, in a worker: each file's result, or what it raised (only a fault: ``func``
    does not raise for a bad file), so that a fault costs its own file and not the rest of the chunk."""
    outcomes: list[_Outcome] = []
    for item in chunk:
        try:
            outcomes.append((_OK, func(item)))
        except MemoryError:
            outcomes.append((_MEMORY, None))
        except Exception as error:
            outcomes.append((_FAULT, type(error).__name__))
    return outcomes


def _result(item: T, outcome: _Outcome, *, on_lost: Callable[[T, str], R], memory: int) -> R:
    kind, value = outcome
    if kind == _OK:
        return cast(R, value)
    if kind == _MEMORY:
        return on_lost(item, _memory_reason(memory))
    return on_lost(item, _fault_reason(str(value)))


def _fault_reason(name: str) -> str:
    return f"处理时发生内部错误（{name}），已跳过"


def _memory_reason(memory: int) -> str:
    return f"读取时占用内存超过上限 {memory} MB，已停止（文件过于庞大或疑似恶意文件）"


def _alone(func: Callable[[T], R], item: T, *, memory: int, timeout: float, on_lost: Callable[[T, str], R]) -> R:
    try:
        return run_isolated(func, item, max_memory_mb=memory, timeout_seconds=timeout)
    except IsolatedFailure as failure:
        return on_lost(item, failure.reason)
    except Exception as error:  # a fault of func, as in the pool
        return on_lost(item, _fault_reason(type(error).__name__))
