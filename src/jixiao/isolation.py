"""Reading in a child process (隔离读取): one upload cannot keep a web worker at gigabytes.

``run_isolated(func, …)`` runs ``func`` in a fresh Python process (``python -m jixiao.isolation``:
nothing of the web worker, no database connection, is inherited) whose address space is limited
with ``RLIMIT_AS``, and returns what ``func`` returned or re-raises what it raised. The child does
one task and exits, so whatever it allocated goes back to the system (what ``maxtasksperchild=1``
gives a pool). A child that runs out of memory, dies or outlives its time raises
:class:`IsolatedFailure` with a Chinese reason; the caller names the file.

The call and its answer travel pickled over the child's stdin and stdout; ``func`` must be a
module-level function of jixiao. The web reads every uploaded report (``import_file``) and every
monthly template (``read_monthly_xlsx``) this way; the CLI reads in its own process, where the
limits of ``jixiao.readers.limits`` bound the cost.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from jixiao.errors import JixiaoError

T = TypeVar("T")
MB = 1024 * 1024
_SOURCE = str(Path(__file__).resolve().parents[1])
"""The folder holding this jixiao package: the child imports the same code."""


class IsolatedFailure(JixiaoError):
    """The child could not finish (内存超限、超时或异常退出); ``reason`` is one Chinese line without the file."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def run_isolated(func: Callable[..., T], /, *args: Any, max_memory_mb: int, timeout_seconds: float,
                 **kwargs: Any) -> T:
    """``func(*args, **kwargs)`` in a child process limited to ``max_memory_mb`` of address space."""
    request = pickle.dumps((func, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
    path = os.pathsep.join([_SOURCE, *filter(None, [os.environ.get("PYTHONPATH")])])
    try:
        done = subprocess.run([sys.executable, "-m", "jixiao.isolation", str(max_memory_mb)], input=request,
                              capture_output=True, timeout=timeout_seconds, env={**os.environ, "PYTHONPATH": path},
                              check=False)
    except subprocess.TimeoutExpired:  # run() has killed the child
        raise IsolatedFailure(f"读取超过 {timeout_seconds:g} 秒仍未完成，已停止（文件过于复杂或疑似恶意文件）") from None
    try:
        ok, value = pickle.loads(done.stdout)
    except Exception:
        # no answer: the child was killed (by the kernel when out of memory) or aborted in a library
        raise IsolatedFailure(_died(max_memory_mb)) from None
    if ok:
        return value
    if isinstance(value, MemoryError):
        raise IsolatedFailure(_died(max_memory_mb))
    raise value


def _died(max_memory_mb: int) -> str:
    return f"读取时占用内存超过上限 {max_memory_mb} MB，已停止（文件过于庞大或疑似恶意文件）"


def _child(max_memory_mb: int) -> None:
    import resource

    limit = max_memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing a library prints may spoil the answer
    try:
        func, args, kwargs = pickle.loads(sys.stdin.buffer.read())
        outcome: tuple[bool, Any] = (True, func(*args, **kwargs))
    except BaseException as error:  # everything goes back to the parent, which decides
        outcome = (False, error)
    try:
        answer = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as error:
        answer = pickle.dumps((False, RuntimeError(type(error).__name__)))
    out.write(answer)
    out.flush()


if __name__ == "__main__":
    _child(int(sys.argv[1]))
