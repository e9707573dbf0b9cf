"""Die with the parent (随父进程退出): a helper process must not outlive a command that was killed.

``kill -9`` of ``jixiao import --jobs 2`` used to leave its pool behind: the forkserver and its
workers kept running, holding the command's output pipe open. On Linux each of them asks the
kernel to kill it when its parent dies (``prctl(PR_SET_PDEATHSIG, SIGKILL)``): the forkserver
imports this module as its preload, each worker calls :func:`die_with_parent` when it starts.
Elsewhere this does nothing.
"""

from __future__ import annotations

import ctypes
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent process ends."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the process is merely left to finish
        return


die_with_parent()  # imported as the forkserver's preload: the forkserver itself dies with the command
